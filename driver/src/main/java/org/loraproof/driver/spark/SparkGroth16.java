package org.loraproof.driver.spark;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.groth16.Groth16Prover;
import org.loraproof.circuit.groth16.Proof;
import org.loraproof.circuit.groth16.ProvingKey;
import org.loraproof.circuit.groth16.ZkeyFile;
import org.loraproof.circuit.r1cs.InvalidFileException;
import org.loraproof.circuit.r1cs.SectionedFile;
import org.loraproof.circuit.r1cs.WtnsFile;
import org.loraproof.executors.Heap;
import org.loraproof.executors.PartialMsm;
import org.loraproof.storage.HadoopSource;
import org.loraproof.storage.KeyChunks;

/**
 * A Groth16 proof on Spark for any snarkjs key and witness. The driver reads the key's header
 * and coefficients (never its points) and the witness, computes A·B − C on the coset (the FFTs);
 * one stage computes, per partition, the five partial MSMs over that partition's key chunk, which
 * its executor reads itself; the driver folds the partial sums and blinds, as the serial prover
 * does with the same {@link Groth16Prover#fold}. Same inputs and blinding give the serial proof.
 */
public final class SparkGroth16 {
    private SparkGroth16() {
    }

    /**
     * What a distributed proof took: partitions, executors, the driver's phases, the tasks' run
     * times summed (Spark's measure), each partition's own read and MSM times with its executor
     * JVM, and each executor JVM's peak heap.
     */
    public record Stats(int partitions, int executors, long readNanos, long quotientNanos, long stageNanos,
            long taskNanos, long foldNanos, long driverPeakHeap, List<Task> tasks, Map<String, Long> executorPeakHeap) {
    }

    /** One partition's task: the executor JVM (pid@host) it ran on, its read and MSM times. */
    public record Task(int partition, String executor, long readNanos, long msmNanos) {
    }

    public record Result(Proof proof, List<Fr> publicSignals, ProvingKey header, Stats stats) {
    }

    /**
     * Proves with the key and witness at these URIs (any Hadoop filesystem), blinding r, s.
     * {@code partitions} applies to a key without a chunk index (0: Spark's default parallelism);
     * a key with one is cut by its chunks.
     */
    public static Result prove(JavaSparkContext sc, String keyUri, String witnessUri, int partitions, Fr r, Fr s,
            Consumer<String> progress) throws IOException {
        return prove(sc, keyUri, witnessUri, null, partitions, true, r, s, progress);
    }

    /**
     * As {@link #prove(JavaSparkContext, String, String, int, Fr, Fr, Consumer)}, cut into
     * exactly {@code partitions} even ranges whether or not the key has a chunk index (whose
     * checksums then go unchecked): for benchmarks of the partition count.
     */
    public static Result proveInPartitions(JavaSparkContext sc, String keyUri, String witnessUri, int partitions, Fr r,
            Fr s, Consumer<String> progress) throws IOException {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
        return prove(sc, keyUri, witnessUri, null, partitions, false, r, s, progress);
    }

    /**
     * As {@link #prove(JavaSparkContext, String, String, int, Fr, Fr, Consumer)} for a
     * witness the driver synthesized (Montgomery limbs): each task carries its segment.
     */
    public static Result prove(JavaSparkContext sc, String keyUri, long[] witness, int partitions, Fr r, Fr s,
            Consumer<String> progress) throws IOException {
        return prove(sc, keyUri, null, witness, partitions, true, r, s, progress);
    }

    private static Result prove(JavaSparkContext sc, String keyUri, String witnessUri, long[] witness, int partitions,
            boolean byIndex, Fr r, Fr s, Consumer<String> progress) throws IOException {
        long t0 = System.nanoTime();
        Configuration conf = SparkRuntime.hadoopConf(sc.getConf());
        ProvingKey header;
        try (SectionedFile key = SectionedFile.open(HadoopSource.open(keyUri, conf), keyUri, "zkey")) {
            header = ZkeyFile.readHeader(key);
        }
        KeyChunks index = byIndex ? index(keyUri, conf, header) : null;
        long[] z = witness != null ? witness : WtnsFile.read(HadoopSource.open(witnessUri, conf), witnessUri);
        if (z.length / 4 != header.numVariables()) {
            throw new IllegalArgumentException((witnessUri != null ? witnessUri : "the witness") + ": " + z.length / 4
                    + " witness values, but " + keyUri + " is for " + header.numVariables() + " variables");
        }
        long[] zs = witness != null ? org.loraproof.circuit.bn254.MontgomeryField.FR.fromMontgomeryAll(z, z.length / 4)
                : null;
        long t1 = System.nanoTime();
        long[] p = Groth16Prover.quotient(header, z, null, progress);
        long t2 = System.nanoTime();
        int count = index != null ? index.chunks().size() : partitions > 0 ? partitions : sc.defaultParallelism();
        var hadoop = SparkRuntime.hadoopSettings(sc.getConf());
        List<PartialMsm> tasks = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int[] v, h;
            String sha = null;
            if (index != null) {
                KeyChunks.Chunk ch = index.chunks().get(k);
                v = new int[] {ch.from(), ch.to()};
                h = new int[] {ch.hFrom(), ch.hTo()};
                sha = ch.sha256();
            } else {
                v = KeyChunks.part(header.numVariables(), k, count);
                h = KeyChunks.part(header.domainSize(), k, count);
            }
            tasks.add(new PartialMsm(k, keyUri, witnessUri, zs == null ? null : java.util.Arrays.copyOfRange(zs, 4 * v[0],
                    4 * v[1]), v[0], v[1], h[0], h[1], sha,
                    java.util.Arrays.copyOfRange(p, 4 * h[0], 4 * h[1]), hadoop));
        }
        progress.accept("MSMs on " + count + " partitions");
        TaskProgress listener = new TaskProgress(count, progress);
        sc.sc().addSparkListener(listener);
        List<PartialMsm.Output> results;
        try {
            results = sc.parallelize(tasks, count).map(t -> t.run(TaskContext.get().attemptNumber())).collect();
        } catch (Exception e) { // collect() throws Spark's checked SparkException undeclared
            throw SparkErrors.unwrap(e);
        } finally {
            sc.sc().removeSparkListener(listener);
        }
        long t3 = System.nanoTime();
        PartialSumsFold fold = new PartialSumsFold(count);
        List<Task> times = new ArrayList<>(count);
        Map<String, Long> heaps = new TreeMap<>();
        for (PartialMsm.Output o : results) {
            fold.add(o.partition, o.sums);
            times.add(new Task(o.partition, o.executor, o.readNanos, o.msmNanos));
            heaps.merge(o.executor, o.peakHeap, Math::max);
        }
        Proof proof = Groth16Prover.fold(header, fold.result(), r, s);
        long t4 = System.nanoTime();
        Stats stats = new Stats(count, executors(sc), t1 - t0, t2 - t1, t3 - t2, listener.taskNanos.get(), t4 - t3,
                Heap.peak(), List.copyOf(times), heaps);
        return new Result(proof, Groth16Prover.publicSignals(header, z), header, stats);
    }

    /** The key's chunk index when one lies beside it; checked against the key's counts. */
    private static KeyChunks index(String keyUri, Configuration conf, ProvingKey header) throws IOException {
        String uri = KeyChunks.indexOf(keyUri);
        byte[] json;
        try (HadoopSource in = HadoopSource.open(uri, conf)) {
            if (in.size() > 64L << 20) {
                throw new InvalidFileException(uri + ": too large for a chunk index");
            }
            json = new byte[(int) in.size()];
            in.readFully(0, json, 0, json.length);
        } catch (NoSuchFileException e) {
            return null;
        }
        KeyChunks index = KeyChunks.parse(json, uri);
        if (index.numVariables() != header.numVariables() || index.numPublic() != header.numPublic()
                || index.domainSize() != header.domainSize()) {
            throw new InvalidFileException(uri + ": the index is for another key than " + keyUri);
        }
        return index;
    }

    /** Executors other than the driver (the driver itself in local mode). */
    public static int executors(JavaSparkContext sc) {
        int n = sc.sc().getExecutorIds().size();
        return Math.max(1, n);
    }
}
