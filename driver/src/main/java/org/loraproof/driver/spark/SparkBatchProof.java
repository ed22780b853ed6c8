package org.loraproof.driver.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.MontgomeryField;
import org.loraproof.circuit.groth16.Groth16Prover;
import org.loraproof.circuit.groth16.Proof;
import org.loraproof.circuit.groth16.ProvingKey;
import org.loraproof.circuit.groth16.ZkeyFile;
import org.loraproof.circuit.lora.LoraMergeCircuit;
import org.loraproof.circuit.r1cs.SectionedFile;
import org.loraproof.executors.PartialMsm;
import org.loraproof.executors.QuotientStages;
import org.loraproof.executors.QuotientTasks;
import org.loraproof.executors.WitnessBatch;
import org.loraproof.storage.HadoopSource;
import org.loraproof.storage.KeyChunks;
import scala.Tuple2;

/**
 * A lora-merge proof whose witness never reaches the driver. Stage one: each batch task computes
 * its samples' witness, the MSMs of its variables (A, B1, B2, C) over its slice of the key, and its
 * constraints' A·z and B·z, which stay on its executor. They go, with the common part's and the
 * public inputs' rows from the driver, to the quotient's four stages ({@link QuotientStages}); the
 * last exchange brings each part of the H MSM its values, the first part also computing the common
 * part's variables. The driver adds the partial sums and the blinding once: the proof is the serial
 * prover's, byte for byte, for the same witness and blinding. Without Spark the same batch tasks
 * run one after another in this JVM, which puts their evaluations together and computes the
 * quotient with the FFTs.
 */
public final class SparkBatchProof {
    private SparkBatchProof() {
    }

    /**
     * The proof, the key's header, and the stages' figures: the tasks' own times (batches, then H
     * parts) and each executor JVM's peak heap.
     */
    public record Result(Proof proof, ProvingKey header, int batches, int hParts, long bytesRead, long witnessNanos,
            long quotientNanos, long hNanos, double[] batchSeconds, double[][] quotientSeconds, double[] hSeconds,
            java.util.Map<String, Long> heaps, long movedBytes, long exchangedBytes) {
        /** The fold model's network: the driver's link, and the cost of launching a task and collecting its result. */
        public static final double BANDWIDTH_GBIT = 10, TASK_LATENCY_SECONDS = 0.01;

        /**
         * The proof's time on N executors as the model counts it: each stage's tasks, longest first, on
         * the least loaded executor (the batches, the quotient's four stages, the H parts), plus the
         * driver's quotient when it computed it, plus the network and task launches ({@link #network}).
         */
        public double modelled(int n) {
            double stages = longestQueue(batchSeconds, n) + longestQueue(hSeconds, n);
            for (double[] q : quotientSeconds) {
                stages += longestQueue(q, n);
            }
            return stages + quotientNanos / 1e9 + network(n);
        }

        /**
         * On N executors: what the stages move through the driver's link, what the quotient's exchanges
         * move between executors (each sends and receives its 1/N share, (N − 1)/N of it over the
         * network) at {@link #BANDWIDTH_GBIT}, and one round of task launches per stage.
         */
        public double network(int n) {
            int stages = 2 + (quotientNanos == 0 ? 4 : 0);
            return (movedBytes + exchangedBytes * (n - 1.0) / ((double) n * n)) * 8 / (BANDWIDTH_GBIT * 1e9)
                    + stages * TASK_LATENCY_SECONDS;
        }

        private static double longestQueue(double[] tasks, int n) {
            double[] sorted = tasks.clone();
            java.util.Arrays.sort(sorted);
            double[] load = new double[n];
            for (int i = sorted.length - 1; i >= 0; i--) {
                int least = 0;
                for (int e = 1; e < n; e++) {
                    least = load[e] < load[least] ? e : least;
                }
                load[least] += sorted[i];
            }
            return java.util.Arrays.stream(load).max().orElse(0);
        }
    }

    /** One part of the H MSM (and, in the first, the common part's MSMs), on an executor. */
    static final class RunMsm implements org.apache.spark.api.java.function.Function<PartialMsm, PartialMsm.Output> {
        private static final long serialVersionUID = 1L;

        @Override
        public PartialMsm.Output call(PartialMsm msm) throws Exception {
            return msm.run(TaskContext.get() == null ? 0 : TaskContext.get().attemptNumber());
        }
    }

    /**
     * Proves with the batches given (each with the key's URI), the common part's values ({@code prefix},
     * Montgomery limbs) and its constraints' A·z and B·z ({@code commonEvaluations}, eight limbs each):
     * on sc, or without it the same tasks one after another in this JVM (the driver reads the key
     * through conf).
     */
    public static Result prove(JavaSparkContext sc, Configuration conf, String keyUri, List<WitnessBatch> batches,
            LoraMergeCircuit.Layout layout, int samples, long[] prefix, long[] commonEvaluations, Fr r, Fr s,
            Consumer<String> progress) throws IOException {
        ProvingKey header;
        try (SectionedFile key = SectionedFile.open(HadoopSource.open(keyUri, conf), keyUri, "zkey")) {
            header = ZkeyFile.readFrame(key); // neither points nor coefficients: the tasks bring A·z and B·z
        }
        int m = layout.constraint(samples), nPub = LoraMergeCircuit.PUBLIC_INPUTS.size();
        if (header.numVariables() != layout.variable(samples) || header.numPublic() != nPub
                || header.domainSize() < m + nPub + 1) {
            throw new IllegalArgumentException(keyUri + ": a key for " + header.numVariables() + " variables, "
                    + header.numPublic() + " public inputs and a domain of " + header.domainSize() + ", not this circuit's "
                    + layout.variable(samples) + ", " + nPub + " and " + m + " constraints");
        }
        // a chunk index cut at the common part and at these batches: each task checks its slice of the key
        KeyChunks index = alignedIndex(keyUri, conf, batches, layout, header);
        if (index != null) {
            for (int i = 0; i < batches.size(); i++) {
                KeyChunks.Chunk c = index.chunks().get(i + 1);
                batches.get(i).checkedAgainst(c.index(), c.sha256(), c.hFrom(), c.hTo());
            }
        } else {
            progress.accept("the key's chunk index is not cut for batches of " + (batches.get(0).to() - batches.get(0).from())
                    + " samples: the tasks' slices of the key go unchecked (setup --batch sets the cut; the proof is "
                    + "checked against the verification key before it is written)");
        }
        long t0 = System.nanoTime();
        int n = header.domainSize(), logN = Integer.numberOfTrailingZeros(n);
        // H in parts (as many as batches, at least one per core); the first, with the common part's variables, checks
        // chunk 0 (its variables and domain part); the batches checked the other chunks
        int parallelism = sc == null ? Runtime.getRuntime().availableProcessors() : sc.defaultParallelism();
        int parts = Math.max(1, Math.min(n / 1024, Math.max(parallelism, batches.size())));
        java.util.Map<String, String> hadoop = sc == null ? java.util.Map.of() : SparkRuntime.hadoopSettings(sc.getConf());
        long[] common = MontgomeryField.FR.fromMontgomeryAll(prefix, layout.commonVariables());
        List<PartialMsm> msms = new ArrayList<>(parts);
        for (int k = 0; k < parts; k++) {
            int[] range = KeyChunks.part(n, k, parts);
            boolean first = k == 0;
            PartialMsm msm = new PartialMsm(batches.size() + k, keyUri, null, first ? common : new long[0], 0,
                    first ? layout.commonVariables() : 0, range[0], range[1],
                    first && index != null ? index.chunks().get(0).sha256() : null, null, hadoop);
            if (first && index != null) {
                msm.checkedWithDomain(index.chunks().get(0).hFrom(), index.chunks().get(0).hTo());
            }
            msms.add(msm);
        }
        // the public inputs' rows: A holds input i, B nothing
        long[] publicRows = new long[8 * (nPub + 1)];
        for (int i = 0; i <= nPub; i++) {
            System.arraycopy(prefix, 4 * i, publicRows, 8 * i, 4);
        }
        List<WitnessBatch.Output> out;
        List<PartialMsm.Output> hs;
        long[][] stageNanos = new long[4][];
        long exchanged = 0, t1, t2;
        long bytes = 0;
        if (sc == null) {
            out = SparkStage.run(null, batches, new SparkStage.RunBatch(), "batch", progress);
            t1 = System.nanoTime();
            long[] av = new long[4 * n], bv = new long[4 * n];
            place(commonEvaluations, 0, av, bv);
            for (int i = 0; i < out.size(); i++) {
                WitnessBatch.Output o = out.get(i);
                if (o.from != batches.get(i).from() || o.evaluations.length != 8 * (layout.constraint(o.to)
                        - layout.constraint(o.from))) {
                    throw new IllegalStateException("batch " + i + " returned the evaluations of samples " + o.from + "–"
                            + o.to + " (" + o.evaluations.length / 8 + " constraints), not its own");
                }
                place(o.evaluations, layout.constraint(o.from), av, bv);
            }
            place(publicRows, m, av, bv);
            long[] h = Groth16Prover.quotient(av, bv, n, progress);
            t2 = System.nanoTime();
            List<PartialMsm> withValues = new ArrayList<>(parts);
            for (PartialMsm msm : msms) {
                withValues.add(msm.withQuotient(java.util.Arrays.copyOfRange(h, 4 * msm.hFrom(), 4 * msm.hTo())));
            }
            hs = SparkStage.run(null, withValues, new RunMsm(), "H part", progress);
        } else {
            // the batches' A·z and B·z stay on the executors: they go to the quotient's stages, kept until then
            JavaRDD<WitnessBatch.Output> ran = sc.parallelize(batches, batches.size()).map(new SparkStage.RunBatch())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                TaskProgress listener = new TaskProgress(batches.size(), List.of("batch"), progress);
                sc.sc().addSparkListener(listener);
                try {
                    out = ran.map(new QuotientTasks.Summary()).collect();
                } catch (Exception e) { // collect() throws Spark's checked SparkException undeclared
                    throw SparkErrors.unwrap(e);
                } finally {
                    sc.sc().removeSparkListener(listener);
                }
                for (int i = 0; i < out.size(); i++) {
                    if (out.get(i).from != batches.get(i).from()) {
                        throw new IllegalStateException("batch " + i + " returned samples " + out.get(i).from + "–"
                                + out.get(i).to + ", not its own");
                    }
                }
                t1 = System.nanoTime();
                progress.accept("A·B − C in 4 stages, then the H MSM, on " + parts + " partitions");
                CollectionAccumulator<long[]> times = sc.sc().collectionAccumulator("loraproof quotient stages");
                List<Tuple2<Integer, QuotientStages.Part>> driverRows = new ArrayList<>();
                for (QuotientStages.Part p : QuotientStages.evaluations(-1, parts, logN, 0, commonEvaluations)) {
                    driverRows.add(new Tuple2<>(p.to, p));
                }
                for (QuotientStages.Part p : QuotientStages.evaluations(-1, parts, logN, m, publicRows)) {
                    driverRows.add(new Tuple2<>(p.to, p));
                }
                int[] hFrom = new int[parts], hTo = new int[parts];
                for (int k = 0; k < parts; k++) {
                    hFrom[k] = msms.get(k).hFrom();
                    hTo[k] = msms.get(k).hTo();
                }
                HashPartitioner byPart = new HashPartitioner(parts); // keys are 0 … parts − 1
                JavaPairRDD<Integer, QuotientStages.Part> x = ran.flatMapToPair(new QuotientTasks.Evaluations(parts, logN,
                        layout.constraint(0), layout.constraint(1) - layout.constraint(0), times))
                        .union(sc.parallelizePairs(driverRows, 1));
                for (int pass = 1; pass <= 3; pass++) {
                    x = x.partitionBy(byPart).mapPartitionsToPair(new QuotientTasks.Pass(pass, logN, parts, hFrom, hTo,
                            times));
                }
                TaskProgress hListener = new TaskProgress(batches.size() + 1 + 4 * parts, List.of("evaluations", "columns",
                        "rows", "coset", "H part"), progress);
                sc.sc().addSparkListener(hListener);
                try {
                    hs = sc.parallelize(msms, parts).zipPartitions(x.partitionBy(byPart), new QuotientTasks.Msm())
                            .collect();
                } catch (Exception e) {
                    throw SparkErrors.unwrap(e);
                } finally {
                    sc.sc().removeSparkListener(hListener);
                }
                // one report per stage and partition: a retried or speculative task reports again
                java.util.Map<Long, long[]> reports = new java.util.TreeMap<>();
                for (long[] t : times.value()) {
                    reports.put(t[0] << 32 | t[1], t);
                }
                for (long[] t : reports.values()) {
                    int stage = (int) t[0] - 1;
                    if (stageNanos[stage] == null) {
                        stageNanos[stage] = new long[stage == 0 ? batches.size() + 1 : parts];
                    }
                    if (t[1] < stageNanos[stage].length) {
                        stageNanos[stage][(int) t[1]] = t[2];
                    }
                    exchanged += t[3];
                }
                t2 = t1;
            } finally {
                ran.unpersist(false);
            }
        }
        for (WitnessBatch.Output o : out) {
            bytes += o.bytesRead;
        }
        PartialSumsFold fold = new PartialSumsFold(out.size() + parts);
        for (int i = 0; i < out.size(); i++) {
            fold.add(i, out.get(i).sums);
        }
        for (PartialMsm.Output o : hs) {
            fold.add(o.partition, o.sums);
        }
        Proof proof = Groth16Prover.fold(header, fold.result(), r, s);
        java.util.Map<String, Long> heaps = new java.util.TreeMap<>();
        double[] batchSeconds = new double[out.size()], hSeconds = new double[hs.size()];
        for (int i = 0; i < out.size(); i++) {
            batchSeconds[i] = out.get(i).nanos / 1e9;
            heaps.merge(out.get(i).executor, out.get(i).peakHeap, Math::max);
        }
        for (int i = 0; i < hs.size(); i++) {
            hSeconds[i] = (hs.get(i).readNanos + hs.get(i).msmNanos) / 1e9;
            heaps.merge(hs.get(i).executor, hs.get(i).peakHeap, Math::max);
        }
        // through the driver's link: each batch's common values out and its sums back, the common part's and public
        // inputs' rows out, about 1 KiB of task description a task; in this JVM the quotient's values went nowhere
        long moved = (long) batches.size() * prefix.length * 8 + 64L * (commonEvaluations.length / 8 + nPub + 1)
                + 1024L * (batches.size() + parts);
        double[][] quotientSeconds = new double[4][];
        for (int k = 0; k < 4; k++) {
            long[] each = stageNanos[k] == null ? new long[0] : stageNanos[k];
            quotientSeconds[k] = java.util.Arrays.stream(each).mapToDouble(v -> v / 1e9).toArray();
        }
        return new Result(proof, header, out.size(), parts, bytes, t1 - t0, t2 - t1, System.nanoTime() - t2, batchSeconds,
                quotientSeconds, hSeconds, heaps, moved, exchanged);
    }

    /**
     * The key's chunk index when it lies beside the key and is cut exactly at the common part and at
     * these batches (as setup cuts it for its batch size), else null: the slices then go unchecked,
     * and only the finished proof's check against the verification key catches a corrupt key.
     */
    private static KeyChunks alignedIndex(String keyUri, Configuration conf, List<WitnessBatch> batches,
            LoraMergeCircuit.Layout layout, ProvingKey header) throws IOException {
        String uri = KeyChunks.indexOf(keyUri);
        byte[] json;
        try (HadoopSource in = HadoopSource.open(uri, conf)) {
            if (in.size() > 64L << 20) {
                return null;
            }
            json = new byte[(int) in.size()];
            in.readFully(0, json, 0, json.length);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
        KeyChunks index = KeyChunks.parse(json, uri);
        if (index.numVariables() != header.numVariables() || index.numPublic() != header.numPublic()
                || index.domainSize() != header.domainSize()) {
            throw new IllegalArgumentException(uri + ": the index is for another key than " + keyUri);
        }
        if (index.chunks().size() != batches.size() + 1 || index.chunks().get(0).to() != layout.commonVariables()) {
            return null;
        }
        for (int i = 0; i < batches.size(); i++) {
            KeyChunks.Chunk c = index.chunks().get(i + 1);
            if (c.from() != layout.variable(batches.get(i).from()) || c.to() != layout.variable(batches.get(i).to())) {
                return null;
            }
        }
        return index;
    }

    /** A·z and B·z of consecutive constraints from {@code row} into the domain's arrays. */
    private static void place(long[] evaluations, int row, long[] av, long[] bv) {
        for (int i = 0; i < evaluations.length / 8; i++) {
            System.arraycopy(evaluations, 8 * i, av, 4 * (row + i), 4);
            System.arraycopy(evaluations, 8 * i + 4, bv, 4 * (row + i), 4);
        }
    }
}
