package org.loraproof.driver.spark;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import java.util.Arrays;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.MontgomeryField;
import org.loraproof.circuit.fft.Fft;
import org.loraproof.circuit.groth16.Groth16Prover;
import org.loraproof.circuit.groth16.KeySlice;
import org.loraproof.circuit.groth16.PartialSums;
import org.loraproof.circuit.groth16.Proof;
import org.loraproof.circuit.groth16.ProvingKey;
import org.loraproof.circuit.groth16.ZkeyFile;
import org.loraproof.circuit.r1cs.InvalidFileException;
import org.loraproof.circuit.r1cs.SectionedFile;
import org.loraproof.circuit.r1cs.WtnsFile;
import org.loraproof.executors.Heap;
import org.loraproof.executors.PartialMsm;
import org.loraproof.executors.QuotientStages;
import org.loraproof.executors.QuotientTasks;
import org.loraproof.storage.HadoopSource;
import org.loraproof.storage.KeyChunks;

/**
 * A Groth16 proof on Spark for any snarkjs key and witness. The driver reads the key's frame (its
 * header and small sections) and the witness's public values; four stages compute A·B − C on the
 * coset in parts ({@link QuotientStages}: the coefficients times the witness by range, then the
 * FFTs as a four-step transform, with an exchange between stages). The MSM tasks each take a
 * stretch of equal cost of the key's five sections laid end to end ({@link KeySlice#balanced}: one
 * or two large MSMs a task rather than five small ones), which their executors read and check
 * against the chunk index themselves; the last exchange brings the tasks holding H their values.
 * The driver folds the partial sums and blinds, as the serial prover does with the same
 * {@link Groth16Prover#fold}. Same inputs and blinding give the serial proof. A witness the driver
 * synthesized itself (Montgomery limbs) is not read back: the driver computes the quotient from the
 * key's coefficients, and each key chunk's task carries its witness segment and values.
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
            long taskNanos, long foldNanos, long driverPeakHeap, List<Task> tasks, Map<String, Long> executorPeakHeap,
            long driverBytes, List<Stage> stages) {
    }

    /**
     * A stage's tasks: how many, the slowest one's and the summed times (as the tasks measured
     * them), and the bytes it moves: for the quotient's stages, what its tasks send to the next
     * stage; for the MSM stage, what the tasks carry from the driver and their sums back; and how
     * many tasks receive those bytes (the driver alone for the MSM stage).
     */
    public record Stage(String name, int tasks, long slowestNanos, long taskNanos, long bytes, int receivers,
            long[] eachNanos, long[] eachGcNanos) {
    }

    /** One partition's task: the executor JVM (pid@host) it ran on, its read and MSM times. */
    public record Task(int partition, String executor, long readNanos, long msmNanos) {
    }

    public record Result(Proof proof, List<Fr> publicSignals, ProvingKey header, Stats stats) {
    }

    /**
     * Proves with the key and witness at these URIs (any Hadoop filesystem), blinding r, s.
     * {@code partitions} MSM tasks (0: Spark's default parallelism), each checking what it reads
     * against the key's chunk index when one lies beside it (one task per chunk when the index has
     * no checksums by section).
     */
    public static Result prove(JavaSparkContext sc, String keyUri, String witnessUri, int partitions, Fr r, Fr s,
            Consumer<String> progress) throws IOException {
        return prove(sc, keyUri, witnessUri, null, partitions, true, r, s, progress);
    }

    /**
     * As {@link #prove(JavaSparkContext, String, String, int, Fr, Fr, Consumer)} in exactly
     * {@code partitions} MSM tasks whether or not the key has a chunk index (whose checksums then
     * go unchecked): for benchmarks of the partition count.
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
        int coefficients;
        try (SectionedFile key = SectionedFile.open(HadoopSource.open(keyUri, conf), keyUri, "zkey")) {
            // with the witness here, the quotient is computed here; else the driver reads no more than the frame
            header = witness != null ? ZkeyFile.readHeader(key) : ZkeyFile.readFrame(key);
            coefficients = ZkeyFile.coefficientCount(key);
        }
        if (Integer.numberOfTrailingZeros(header.domainSize()) >= Fft.MAX_LOG_SIZE) {
            throw new IllegalArgumentException(keyUri + ": a domain of " + header.domainSize() + " needs a coset FFT of 2^"
                    + (Integer.numberOfTrailingZeros(header.domainSize()) + 1) + ", over the largest, 2^" + Fft.MAX_LOG_SIZE);
        }
        KeyChunks index = byIndex ? index(keyUri, conf, header) : null;
        // a witness file: the MSMs over stretches of the key's sections laid end to end, checked against the chunks'
        // section checksums; a synthesized witness (or an index without those checksums): over the key's chunks
        boolean chunks = witness != null ? index != null : index != null && !sectionChecksums(index);
        if (chunks && witness == null) {
            progress.accept("the key's chunk index has no checksums by section (an older index): one task per chunk");
        }
        int count = chunks ? index.chunks().size() : partitions > 0 ? partitions : sc.defaultParallelism();
        // the quotient's parts: at most QUOTIENT_PARTS, as each exchange moves parts² blocks; the last goes to the tasks
        int quotientParts = Math.min(count, QUOTIENT_PARTS);
        long[] publicZ = witness != null ? witness : publicValues(keyUri, witnessUri, conf, header);
        long t1 = System.nanoTime();
        long[] p = witness == null ? null : Groth16Prover.quotient(header, witness, null, progress);
        long[] zs = witness == null ? null : MontgomeryField.FR.fromMontgomeryAll(witness, witness.length / 4);
        long t2 = System.nanoTime();
        var hadoop = SparkRuntime.hadoopSettings(sc.getConf());
        List<PartialMsm> tasks = new ArrayList<>(count);
        int[] hFrom = new int[count], hTo = new int[count];
        long driverBytes = 0;
        int[][][] stretches = witness == null && !chunks
                ? KeySlice.balanced(header.numVariables(), header.numPublic(), header.domainSize(), count) : null;
        for (int k = 0; k < count; k++) {
            PartialMsm task;
            if (stretches != null) {
                task = PartialMsm.ofSections(k, keyUri, witnessUri, stretches[k],
                        index == null ? List.of() : PartialMsm.checks(index, stretches[k]), hadoop);
            } else {
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
                long[] segment = zs == null ? null : Arrays.copyOfRange(zs, 4 * v[0], 4 * v[1]);
                long[] slice = p == null ? null : Arrays.copyOfRange(p, 4 * h[0], 4 * h[1]);
                driverBytes += 8L * ((segment == null ? 0 : segment.length) + (slice == null ? 0 : slice.length));
                task = new PartialMsm(k, keyUri, witnessUri, segment, v[0], v[1], h[0], h[1], sha, slice, hadoop);
            }
            hFrom[k] = task.hFrom();
            hTo[k] = task.hTo();
            tasks.add(task);
        }
        List<String> names = p != null ? List.of("msm") : STAGES;
        progress.accept((p != null ? "MSMs" : "A·B − C in 4 stages, then the MSMs,") + " on " + count + " partitions");
        TaskProgress listener = new TaskProgress(p != null ? count : 4 * quotientParts + count, names, progress);
        CollectionAccumulator<long[]> times = sc.sc().collectionAccumulator("loraproof quotient stages");
        sc.sc().addSparkListener(listener);
        List<PartialMsm.Output> results;
        try {
            if (p != null) {
                results = sc.parallelize(tasks, count).map(new QuotientTasks.MsmWithQuotient()).collect();
            } else {
                int logN = Integer.numberOfTrailingZeros(header.domainSize());
                List<QuotientStages.Evaluate> evaluate = new ArrayList<>(quotientParts);
                for (int k = 0; k < quotientParts; k++) {
                    int[] c = KeyChunks.part(coefficients, k, quotientParts);
                    evaluate.add(new QuotientStages.Evaluate(k, quotientParts, logN, keyUri, witnessUri, c[0], c[1],
                            hadoop));
                }
                // keys are partition numbers: 0 … quotientParts − 1, then 0 … count − 1 for the last exchange
                HashPartitioner byPart = new HashPartitioner(quotientParts);
                JavaPairRDD<Integer, QuotientStages.Part> parts = sc.parallelize(evaluate, quotientParts)
                        .flatMapToPair(new QuotientTasks.Evaluate(times));
                for (int pass = 1; pass <= 3; pass++) {
                    parts = parts.partitionBy(byPart)
                            .mapPartitionsToPair(new QuotientTasks.Pass(pass, logN, quotientParts, hFrom, hTo, times));
                }
                results = sc.parallelize(tasks, count).zipPartitions(parts.partitionBy(new HashPartitioner(count)),
                        new QuotientTasks.Msm()).collect();
            }
        } catch (Exception e) { // collect() throws Spark's checked SparkException undeclared
            throw SparkErrors.unwrap(e);
        } finally {
            sc.sc().removeSparkListener(listener);
        }
        long t3 = System.nanoTime();
        PartialSumsFold fold = new PartialSumsFold(count);
        List<Task> perTask = new ArrayList<>(count);
        Map<String, Long> heaps = new TreeMap<>();
        long slowest = 0, summed = 0;
        for (PartialMsm.Output o : results) {
            fold.add(o.partition, o.sums);
            perTask.add(new Task(o.partition, o.executor, o.readNanos, o.msmNanos));
            heaps.merge(o.executor, o.peakHeap, Math::max);
            slowest = Math.max(slowest, o.readNanos + o.msmNanos);
            summed += o.readNanos + o.msmNanos;
        }
        Proof proof = Groth16Prover.fold(header, fold.result(), r, s);
        long t4 = System.nanoTime();
        int hTasks = 0;
        for (PartialMsm t : tasks) {
            hTasks += t.hTo() > t.hFrom() ? 1 : 0;
        }
        List<Stage> stages = new ArrayList<>(stages(times.value(), quotientParts, hTasks));
        long[] each = new long[count], gc = new long[count];
        for (PartialMsm.Output o : results) {
            each[o.partition] = o.readNanos + o.msmNanos;
            gc[o.partition] = o.gcNanos;
        }
        stages.add(new Stage("msm", count, slowest, summed, driverBytes + (long) PartialSums.BYTES * count, 1, each, gc));
        Stats stats = new Stats(count, executors(sc), t1 - t0, t2 - t1, t3 - t2, listener.taskNanos.get(), t4 - t3,
                Heap.peak(), List.copyOf(perTask), heaps, driverBytes, List.copyOf(stages));
        return new Result(proof, Groth16Prover.publicSignals(header, publicZ), header, stats);
    }

    /** The most parts the quotient's stages are cut into. */
    static final int QUOTIENT_PARTS = 64;

    /** The names of a distributed quotient's stages and the MSM stage, in order. */
    private static final List<String> STAGES = List.of("evaluate", "columns", "rows", "coset", "msm");

    /**
     * The quotient stages' totals from their tasks' reports ({stage, partition, ns, bytes}), retries
     * counted once; each sends to the next stage's parts, the last to the hTasks MSM tasks with H.
     */
    private static List<Stage> stages(List<long[]> reports, int count, int hTasks) {
        long[][] byTask = new long[4 * count][];
        for (long[] t : reports) {
            byTask[(int) (t[0] - 1) * count + (int) t[1]] = t;
        }
        List<Stage> out = new ArrayList<>();
        for (int stage = 0; stage < 4 && !reports.isEmpty(); stage++) {
            int tasks = 0;
            long slowest = 0, summed = 0, bytes = 0;
            long[] each = new long[count], gc = new long[count];
            for (int k = 0; k < count; k++) {
                long[] t = byTask[stage * count + k];
                if (t != null) {
                    tasks++;
                    slowest = Math.max(slowest, t[2]);
                    summed += t[2];
                    bytes += t[3];
                    each[k] = t[2];
                    gc[k] = t[4];
                }
            }
            out.add(new Stage(STAGES.get(stage), tasks, slowest, summed, bytes, stage == 3 ? hTasks : count, each, gc));
        }
        return out;
    }

    /** z[0 … nPublic] (Montgomery limbs) from the witness file, after checking its count against the key. */
    private static long[] publicValues(String keyUri, String witnessUri, Configuration conf, ProvingKey header)
            throws IOException {
        try (SectionedFile w = SectionedFile.open(HadoopSource.open(witnessUri, conf), witnessUri, "wtns")) {
            int n = WtnsFile.count(w);
            if (n != header.numVariables()) {
                throw new IllegalArgumentException(witnessUri + ": " + n + " witness values, but " + keyUri + " is for "
                        + header.numVariables() + " variables");
            }
            long[] z = WtnsFile.readStandardRange(w, 0, header.numPublic() + 1);
            for (int i = 0; i < z.length; i += 4) {
                MontgomeryField.FR.toMontgomery(z, i, z, i);
            }
            return z;
        }
    }

    /** Whether every chunk of the index has its sections' checksums. */
    private static boolean sectionChecksums(KeyChunks index) {
        return index.chunks().stream().noneMatch(c -> c.sections().isEmpty());
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
