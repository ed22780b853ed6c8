package org.loraproof.executors;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.loraproof.circuit.lora.LoraMergeCircuit;
import org.loraproof.circuit.r1cs.LinearCombination;
import org.loraproof.circuit.r1cs.WitnessGenerator;

/**
 * A batch of a lora-merge proof's samples, as a task: reads the leaves its samples open (from the
 * model file and the stored trees, never the whole matrix), computes their rank accumulations and
 * the rest of their witness segment from the common part's values, checks each of their constraints
 * (a failure names the sample and the constraint, never the values), and returns the segment. The
 * serial prover runs the same batches in its own JVM.
 */
public final class WitnessBatch implements Serializable {
    private static final long serialVersionUID = 1L;

    final int from, to;
    final int commonVariables, commonConstraints, sampleVariables, sampleConstraints;
    /** The common part's values (Montgomery limbs) and the seed, roots, s_q and τ as its combinations. */
    final long[] prefix;
    final int[][] commonVars;
    final long[][] commonCoeffs;
    final SampleOpenings data;
    final StoredTree base, eff;
    /** The proving key, whose variables of the batch the task proves (null: the task returns its segment instead). */
    final String keyUri;
    /** The key chunk that holds exactly the batch's variables: its SHA-256 and domain range (null: unchecked). */
    String chunkSha256;
    int chunk = -1, chunkHFrom, chunkHTo;
    final String[] hadoop;

    public WitnessBatch(int from, int to, LoraMergeCircuit.Layout layout, long[] prefix, LoraMergeCircuit.Common common,
            SampleOpenings data, StoredTree base, StoredTree eff, String keyUri, Map<String, String> hadoop) {
        this.from = from;
        this.to = to;
        this.commonVariables = layout.commonVariables();
        this.commonConstraints = layout.commonConstraints();
        this.sampleVariables = layout.sampleVariables();
        this.sampleConstraints = layout.sampleConstraints();
        this.prefix = prefix;
        LinearCombination[] all = common.all();
        this.commonVars = new int[all.length][];
        this.commonCoeffs = new long[all.length][];
        for (int i = 0; i < all.length; i++) {
            commonVars[i] = all[i].variables();
            commonCoeffs[i] = all[i].coefficientLimbs();
        }
        this.data = data;
        this.base = base;
        this.eff = eff;
        this.keyUri = keyUri;
        this.hadoop = HadoopSettings.flatten(hadoop);
    }

    public int from() {
        return from;
    }

    public int to() {
        return to;
    }

    /** Checks the key slice against its chunk of the key's index (which holds the batch's variables exactly). */
    public WitnessBatch checkedAgainst(int chunk, String sha256, int hFrom, int hTo) {
        this.chunk = chunk;
        this.chunkSha256 = sha256;
        this.chunkHFrom = hFrom;
        this.chunkHTo = hTo;
        return this;
    }

    /**
     * What a batch returns: its samples' witness segment (without a key), or the partial sums of its
     * variables' MSMs and its constraints' A·z and B·z (with one: the witness stays here); the bytes
     * it read, its time and executor JVM.
     */
    public static final class Output implements Serializable {
        private static final long serialVersionUID = 1L;

        public final int from, to;
        public final long[] segment;
        public final org.loraproof.circuit.groth16.PartialSums sums;
        public final long[] evaluations;
        public final long bytesRead, nanos;
        public final String executor;
        public final long peakHeap;

        Output(int from, int to, long[] segment, org.loraproof.circuit.groth16.PartialSums sums, long[] evaluations,
                long bytesRead, long nanos, String executor, long peakHeap) {
            this.from = from;
            this.to = to;
            this.segment = segment;
            this.sums = sums;
            this.evaluations = evaluations;
            this.bytesRead = bytesRead;
            this.nanos = nanos;
            this.executor = executor;
            this.peakHeap = peakHeap;
        }

        /** This output without its segment and evaluations: what the driver collects when they go elsewhere. */
        public Output summary() {
            return new Output(from, to, null, sums, new long[0], bytesRead, nanos, executor, peakHeap);
        }
    }

    public Output run() throws IOException {
        long t0 = System.nanoTime();
        Configuration conf = HadoopSettings.conf(hadoop);
        long bytes = data.openMatrices(base, eff, from, to, conf);
        LoraMergeCircuit.Layout layout = new LoraMergeCircuit.Layout(commonVariables, commonConstraints, sampleVariables,
                sampleConstraints);
        LinearCombination[] common = new LinearCombination[commonVars.length];
        for (int i = 0; i < common.length; i++) {
            common[i] = LinearCombination.of(commonVars[i], commonCoeffs[i]);
        }
        WitnessGenerator g = WitnessGenerator.continuing(prefix, LoraMergeCircuit.PUBLIC_INPUTS.size(),
                layout.variable(from), layout.constraint(from));
        if (keyUri != null) {
            g.recordingEvaluations();
        }
        LoraMergeCircuit.samples(g, data.shape(), data, LoraMergeCircuit.Common.of(common), from, to);
        g.assertSatisfied();
        if (g.numVariables() != layout.variable(to) || g.numConstraints() != layout.constraint(to)) {
            throw new IllegalStateException("samples " + from + "–" + to + " made " + g.numVariables() + " variables, "
                    + "the layout expects " + layout.variable(to));
        }
        long[] segment = g.segment(layout.variable(from));
        if (keyUri == null) {
            return new Output(from, to, segment, null, null, bytes, System.nanoTime() - t0,
                    ManagementFactory.getRuntimeMXBean().getName(), Heap.peak());
        }
        // the batch's variables' MSMs (A, B1, B2, C; no H: that needs the quotient) over its slice of the key
        Map<String, String> settings = HadoopSettings.map(hadoop);
        long[] standard = org.loraproof.circuit.bn254.MontgomeryField.FR.fromMontgomeryAll(segment, segment.length / 4);
        PartialMsm msm = new PartialMsm(chunk >= 0 ? chunk : from, keyUri, null, standard, layout.variable(from), layout.variable(to), 0, 0,
                chunkSha256, new long[0], settings);
        if (chunkSha256 != null) {
            msm.checkedWithDomain(chunkHFrom, chunkHTo);
        }
        PartialMsm.Output sums = msm.run(0);
        return new Output(from, to, null, sums.sums, g.evaluations(), bytes, System.nanoTime() - t0,
                ManagementFactory.getRuntimeMXBean().getName(), Heap.peak());
    }
}
