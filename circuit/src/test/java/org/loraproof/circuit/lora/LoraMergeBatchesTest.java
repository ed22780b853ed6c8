package org.loraproof.circuit.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.r1cs.ConstraintCounter;
import org.loraproof.circuit.r1cs.LinearCombination;
import org.loraproof.circuit.r1cs.WitnessGenerator;

/**
 * The witness cut into the common part and batches of samples, each computed by a generator that
 * goes on from the common part's values: the pieces put together are the whole witness, for any
 * cut; a wrong merged weight fails in its sample's batch, naming the sample.
 */
class LoraMergeBatchesTest {
    static final LoraMergeShape S = new LoraMergeShape(12, 10, 3, 7, new FixedPointParams(16, 24, 4));

    /** The witness of samples [from, to), from the common part's values. */
    static WitnessGenerator batch(LoraMergeCircuit.Data w, long[] prefix, LinearCombination[] common,
            LoraMergeCircuit.Layout layout, int from, int to) {
        WitnessGenerator g = WitnessGenerator.continuing(prefix, LoraMergeCircuit.PUBLIC_INPUTS.size(), layout.variable(from),
                layout.constraint(from));
        LoraMergeCircuit.samples(g, S, w, LoraMergeCircuit.Common.of(common), from, to);
        return g;
    }

    @Test
    void batchesPutTogetherAreTheWholeWitness() {
        LoraMergeCircuit.Witness w = LoraInstances.instance(S, 11);
        WitnessGenerator whole = new WitnessGenerator();
        LoraMergeCircuit.synthesize(whole, S, w);
        whole.assertSatisfied();
        LoraMergeCircuit.Layout layout = LoraMergeCircuit.layout(S);
        ConstraintCounter count = new ConstraintCounter();
        LoraMergeCircuit.synthesize(count, S, null);
        assertEquals(count.numVariables(), layout.variable(S.samples()));
        assertEquals(count.numConstraints(), layout.constraint(S.samples()));
        WitnessGenerator common = new WitnessGenerator();
        LinearCombination[] c = LoraMergeCircuit.common(common, S, w).all();
        long[] prefix = common.assignment();
        assertEquals(4 * layout.commonVariables(), prefix.length);
        for (int[] cut : new int[][] {{0, 7}, {0, 3, 7}, {0, 1, 2, 3, 4, 5, 6, 7}}) {
            long[] z = Arrays.copyOf(prefix, prefix.length);
            for (int b = 0; b + 1 < cut.length; b++) {
                WitnessGenerator g = batch(w, prefix, c, layout, cut[b], cut[b + 1]);
                g.assertSatisfied();
                assertEquals(layout.variable(cut[b + 1]), g.numVariables());
                assertEquals(layout.constraint(cut[b + 1]), g.numConstraints());
                long[] seg = g.segment(layout.variable(cut[b]));
                z = Arrays.copyOf(z, z.length + seg.length);
                System.arraycopy(seg, 0, z, z.length - seg.length, seg.length);
            }
            assertArrayEquals(whole.assignment(), z, Arrays.toString(cut));
        }
    }

    @Test
    void aWrongWeightFailsInItsBatchNamingTheSample() {
        LoraMergeCircuit.Witness honest = LoraInstances.instance(S, 12);
        long[] eff = honest.eff().clone();
        Arrays.fill(eff, eff[0] + 12345); // every merged weight wrong: every sample fails
        LoraMergeCircuit.Witness w = LoraInstances.witness(S, honest.base(), eff, honest.a(), honest.b(), honest.sQ(), 1,
                honest.nonce(), honest.cEff().blind());
        LoraMergeCircuit.Layout layout = LoraMergeCircuit.layout(S);
        WitnessGenerator common = new WitnessGenerator();
        LinearCombination[] c = LoraMergeCircuit.common(common, S, w).all();
        common.assertSatisfied();
        WitnessGenerator g = batch(w, common.assignment(), c, layout, 3, 5);
        assertNotNull(g.firstFailure());
        assertTrue(g.firstFailure().name().startsWith("sample[3]."), g.firstFailure().name());
    }
}
