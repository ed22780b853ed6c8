package org.loraproof.circuit.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.groth16.Groth16Prover;
import org.loraproof.circuit.groth16.Groth16Setup;
import org.loraproof.circuit.groth16.Groth16Verifier;
import org.loraproof.circuit.groth16.ProvingKey;
import org.loraproof.circuit.r1cs.ConstraintCounter;
import org.loraproof.circuit.r1cs.MockProver;
import org.loraproof.circuit.r1cs.R1csBuilder;

/** lora-update and sgd-update: honest steps prove and verify; a step off by one unit fails by name. */
class UpdateCircuitTest {
    private static final FixedPointParams P = new FixedPointParams(16, 24, 4);

    /** A consistent instance; {@code offBy} is added to after-value 0 of tensor 0. */
    static UpdateCircuit.Witness instance(UpdateCircuit.Shape s, long seed, long offBy) {
        SplittableRandom rng = new SplittableRandom(seed);
        long eta = 655; // η ≈ 0.01
        List<long[]> before = new ArrayList<>(), grad = new ArrayList<>(), after = new ArrayList<>();
        List<TensorCommitment> cb = new ArrayList<>(), cg = new ArrayList<>(), ca = new ArrayList<>();
        for (UpdateCircuit.Tensor t : s.tensors()) {
            int n = t.rows() * t.cols();
            long[] p = LoraInstances.random(n, 1L << 20, rng), g = LoraInstances.random(n, 1L << 18, rng);
            long[] q = UpdateCircuit.apply(p, g, eta, P.fractionalBits());
            if (after.isEmpty()) {
                q[0] += offBy;
            }
            before.add(p);
            grad.add(g);
            after.add(q);
            Fr blind = Fr.random(rng);
            cb.add(TensorCommitment.commit(p, t.rows(), t.cols(), t.layout(), P, blind));
            cg.add(TensorCommitment.commit(g, t.rows(), t.cols(), t.layout(), P, blind.add(Fr.ONE)));
            ca.add(TensorCommitment.commit(q, t.rows(), t.cols(), t.layout(), P, blind.add(Fr.of(2))));
        }
        return new UpdateCircuit.Witness(before, grad, after, cb, cg, ca, eta);
    }

    private static String firstFailure(UpdateCircuit.Shape s, UpdateCircuit.Witness w) {
        R1csBuilder b = new R1csBuilder();
        UpdateCircuit.synthesize(b, s, w);
        var f = MockProver.verify(b.r1cs(), b.assignment(), 1);
        return f.isEmpty() ? null : f.get(0).name();
    }

    @Test
    void loraUpdateProvesAndAnOffByOneStepFails() {
        UpdateCircuit.Shape s = UpdateCircuit.loraUpdate(3, 5, 2, P);
        UpdateCircuit.Witness w = instance(s, 1, 0);
        R1csBuilder b = new R1csBuilder();
        UpdateCircuit.synthesize(b, s, w);
        assertTrue(MockProver.verify(b.r1cs(), b.assignment(), 1).isEmpty());
        ProvingKey pk = Groth16Setup.generate(b.r1cs());
        var proof = Groth16Prover.prove(pk, b.assignment(), Groth16Setup.drbg());
        assertTrue(Groth16Verifier.verify(pk.verificationKey(), w.publicInputs(), proof).valid());
        assertEquals("A.leaf[0].update.remainder[0].range.sum", firstFailure(s, instance(s, 1, 1)));
        assertEquals("A.leaf[0].update.remainder[0].range.sum", firstFailure(s, instance(s, 1, -1)));
        assertEquals(s.publicInputs(), List.of("C_A", "C_B", "C_gA", "C_gB", "C_A'", "C_B'", "eta_q"));
    }

    @Test
    void sgdUpdateProvesAndAnOffByOneStepFails() {
        UpdateCircuit.Shape s = UpdateCircuit.sgdUpdate(3, 6, P);
        UpdateCircuit.Witness w = instance(s, 2, 0);
        assertNull(firstFailure(s, w));
        R1csBuilder b = new R1csBuilder();
        UpdateCircuit.synthesize(b, s, w);
        ProvingKey pk = Groth16Setup.generate(b.r1cs());
        var proof = Groth16Prover.prove(pk, b.assignment(), Groth16Setup.drbg());
        assertTrue(Groth16Verifier.verify(pk.verificationKey(), w.publicInputs(), proof).valid());
        assertEquals("W.leaf[0].update.remainder[0].range.sum", firstFailure(s, instance(s, 2, 1)));
        // a commitment that does not match its tensor
        UpdateCircuit.Witness swapped = new UpdateCircuit.Witness(w.before(), w.grad(), w.after(), w.cAfter(), w.cGrad(),
                w.cAfter(), w.eta());
        assertEquals("W.before.matches", firstFailure(s, swapped));
    }

    @Test
    void nativePackingEqualsTheCircuitsLinearPacking() {
        SplittableRandom rng = new SplittableRandom(4);
        for (FixedPointParams p : List.of(P, new FixedPointParams(16, 48, 4), new FixedPointParams(8, 13, 16))) {
            int size = p.leafSize() + 3;
            long[] leaf = LoraInstances.random(size, p.offset(), rng);
            leaf[1] = p.offset() - 1;
            leaf[2] = -p.offset() + 1;
            long[] out = new long[4 * 16];
            TensorCommitment.pack(leaf, size, p, out);
            org.loraproof.circuit.r1cs.R1csBuilder b = new org.loraproof.circuit.r1cs.R1csBuilder();
            org.loraproof.circuit.r1cs.LinearCombination[] v = new org.loraproof.circuit.r1cs.LinearCombination[size];
            for (int i = 0; i < size; i++) {
                long x = leaf[i];
                v[i] = b.witness("v", () -> Fr.of(x));
            }
            org.loraproof.circuit.r1cs.LinearCombination[] packed = UpdateCircuit.pack(v, p);
            for (int e = 0; e < packed.length; e++) {
                assertEquals(b.value(packed[e]), Fr.fromLimbs(out, 4 * e), "element " + e + " at V = " + p.valueBits());
            }
        }
    }

    @Test
    void composedCountEqualsFullCount() {
        for (UpdateCircuit.Shape s : List.of(UpdateCircuit.loraUpdate(5, 7, 3, P), UpdateCircuit.sgdUpdate(5, 9, P),
                UpdateCircuit.sgdUpdate(1, 3, P), UpdateCircuit.loraUpdate(4, 4, 1, P))) {
            ConstraintCounter c = new ConstraintCounter();
            UpdateCircuit.synthesize(c, s, null);
            assertEquals(c.numConstraints(), UpdateCircuit.count(s), s.statement());
        }
    }

    @Test
    void countsForTheSeedConfigurations() {
        int[][] configs = {{768, 768, 16}, {1024, 4096, 32}, {1024, 1024, 24}, {4096, 4096, 64}, {1024, 16384, 48},
            {8192, 8192, 128}};
        String[] names = {"BERT-base", "BERT-large FFN", "GPT-2 medium", "GPT-3 layer", "T5-large", "XL"};
        for (int i = 0; i < configs.length; i++) {
            int[] c = configs[i];
            long lora = UpdateCircuit.count(UpdateCircuit.loraUpdate(c[0], c[1], c[2], FixedPointParams.DEFAULT));
            long sgd = UpdateCircuit.count(UpdateCircuit.sgdUpdate(c[0], c[1], FixedPointParams.DEFAULT));
            System.out.printf("[constraints] %s %d×%d r=%d: lora-update %d, sgd-update %d (%.1f×)%n", names[i], c[0], c[1],
                    c[2], lora, sgd, (double) sgd / lora);
            assertTrue(lora < sgd);
        }
    }
}
