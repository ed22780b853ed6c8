package org.loraproof.circuit.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.groth16.Groth16Prover;
import org.loraproof.circuit.groth16.Groth16Setup;
import org.loraproof.circuit.groth16.Groth16Verifier;
import org.loraproof.circuit.groth16.Proof;
import org.loraproof.circuit.groth16.ProvingKey;
import org.loraproof.circuit.r1cs.ConstraintCounter;
import org.loraproof.circuit.r1cs.MockProver;
import org.loraproof.circuit.r1cs.R1csBuilder;
import org.loraproof.circuit.r1cs.TamperingSystem;

/** lora-merge: honest witnesses prove and verify; each kind of lie fails at a named constraint. */
class LoraMergeCircuitTest {
    private static final FixedPointParams P = new FixedPointParams(16, 24, 4);

    private static R1csBuilder build(LoraMergeShape s, LoraMergeCircuit.Witness w) {
        R1csBuilder b = new R1csBuilder();
        LoraMergeCircuit.synthesize(b, s, w);
        return b;
    }

    private static String tamper(LoraMergeShape s, LoraMergeCircuit.Witness w, String variable, UnaryOperator<Fr> f) {
        TamperingSystem t = new TamperingSystem(Map.of(variable, f));
        LoraMergeCircuit.synthesize(t, s, w);
        assertEquals(List.of(variable), t.tampered(), "the tampered variable exists");
        return t.firstFailure();
    }

    @ParameterizedTest
    @CsvSource({"6, 5, 3, 2", "5, 9, 2, 3", "1, 7, 1, 1", "8, 8, 4, 2", "3, 1, 2, 1"})
    void honestWitnessSatisfiesEdgeShapes(int dOut, int dIn, int rank, int k) {
        LoraMergeShape s = new LoraMergeShape(dOut, dIn, rank, k, P);
        LoraMergeCircuit.Witness w = LoraInstances.instance(s, dOut * 31 + dIn);
        R1csBuilder b = build(s, w);
        var f = MockProver.verify(b.r1cs(), b.assignment(), 3);
        assertTrue(f.isEmpty(), () -> f.toString());
        org.loraproof.circuit.r1cs.WitnessGenerator g = new org.loraproof.circuit.r1cs.WitnessGenerator();
        LoraMergeCircuit.synthesize(g, s, w);
        assertNull(g.firstFailure());
        assertTrue(java.util.Arrays.equals(b.assignment(), g.assignment()));
        ConstraintCounter c = new ConstraintCounter();
        LoraMergeCircuit.synthesize(c, s, null);
        assertEquals(b.numConstraints(), c.numConstraints(), "counting matches building");
        assertEquals(LoraMergeCircuit.PUBLIC_INPUTS.size(), b.numPublicInputs());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8, 16, 32, 64, 128})
    void provesAndVerifiesEveryRank(int rank) {
        LoraMergeShape s = new LoraMergeShape(3, 5, rank, 1, P);
        LoraMergeCircuit.Witness w = LoraInstances.instance(s, rank);
        R1csBuilder b = build(s, w);
        ProvingKey pk = Groth16Setup.generate(b.r1cs());
        Proof proof = Groth16Prover.prove(pk, b.assignment(), Groth16Setup.drbg());
        assertEquals(w.publicInputs(), b.publicValues());
        assertTrue(Groth16Verifier.verify(pk.verificationKey(), w.publicInputs(), proof).valid());
        List<Fr> otherNonce = new java.util.ArrayList<>(w.publicInputs());
        otherNonce.set(4, otherNonce.get(4).add(Fr.ONE));
        assertTrue(!Groth16Verifier.verify(pk.verificationKey(), otherNonce, proof).valid());
    }

    @ParameterizedTest
    @CsvSource({"1, 7, 1, 1", "5, 9, 2, 3"})
    void provesAndVerifiesEdgeShapes(int dOut, int dIn, int rank, int k) {
        LoraMergeShape s = new LoraMergeShape(dOut, dIn, rank, k, P);
        LoraMergeCircuit.Witness w = LoraInstances.instance(s, 77 + dIn);
        R1csBuilder b = build(s, w);
        ProvingKey pk = Groth16Setup.generate(b.r1cs());
        Proof proof = Groth16Prover.prove(pk, b.assignment(), Groth16Setup.drbg());
        assertTrue(Groth16Verifier.verify(pk.verificationKey(), w.publicInputs(), proof).valid());
    }

    @Test
    void wrongMergedValuesFailTheTolerance() {
        LoraMergeShape s = new LoraMergeShape(4, 6, 2, 2, P);
        LoraMergeCircuit.Witness honest = LoraInstances.instance(s, 5);
        long[] eff = honest.eff().clone();
        for (int i = 0; i < eff.length; i++) {
            eff[i] += 2; // two units in the last place everywhere, beyond τ = 1
        }
        LoraMergeCircuit.Witness w = LoraInstances.witness(s, honest.base(), eff, honest.a(), honest.b(), honest.sQ(), 1,
                honest.nonce(), honest.cEff().blind());
        assertEquals("sample[0].tolerance.upper.sum", firstFailure(build(s, w)));
        org.loraproof.circuit.r1cs.WitnessGenerator g = new org.loraproof.circuit.r1cs.WitnessGenerator();
        LoraMergeCircuit.synthesize(g, s, w); // the streaming check names the same constraint
        assertEquals("sample[0].tolerance.upper.sum", g.firstFailure().name());
        // one unit off plus at most half a unit of rounding stays within τ = 2
        for (int i = 0; i < eff.length; i++) {
            eff[i] -= 1;
        }
        w = LoraInstances.witness(s, honest.base(), eff, honest.a(), honest.b(), honest.sQ(), 2, honest.nonce(),
                honest.cEff().blind());
        assertNull(firstFailure(build(s, w)));
    }

    private static String firstFailure(R1csBuilder b) {
        var f = MockProver.verify(b.r1cs(), b.assignment(), 1);
        return f.isEmpty() ? null : f.get(0).name();
    }

    @Test
    void eachKindOfLieFailsAtANamedConstraint() {
        LoraMergeShape s = new LoraMergeShape(5, 6, 3, 2, P);
        LoraMergeCircuit.Witness w = LoraInstances.instance(s, 9);
        assertNull(firstFailure(build(s, w)));
        UnaryOperator<Fr> plusOne = x -> x.add(Fr.ONE);
        assertEquals("sample[1].b.root", tamper(s, w, "sample[1].b.value[2]", plusOne));
        assertEquals("sample[0].a.root", tamper(s, w, "sample[0].a.value[0]", plusOne));
        assertEquals("sample[0].a.root", tamper(s, w, "sample[0].a.sibling[1]", plusOne));
        assertEquals("sample[0].base.root", tamper(s, w, "sample[0].base.sibling[0]", plusOne));
        assertEquals("commitments.eff.matches", tamper(s, w, "C_eff", plusOne));
        assertEquals("commitments.b.matches", tamper(s, w, "commitments.b.blind", plusOne));
        String nonce = tamper(s, w, "nonce", plusOne);
        assertTrue(nonce.startsWith("sample[0].i.") || nonce.startsWith("sample[0].j."), nonce);
        assertEquals("sample[0].position.bits.sum", tamper(s, w, "sample[0].position.bits.bit[3]", x -> Fr.ONE.sub(x)));
        // the column must be the one the position names
        String col = tamper(s, w, "sample[0].column.leaf", plusOne);
        assertNotNull(col);
        assertTrue(col.startsWith("sample[0].column."), col);
    }

    @Test
    void valuesOutOfRangeAreRejected() {
        LoraMergeShape s = new LoraMergeShape(2, 4, 1, 1, P);
        LoraMergeCircuit.Witness honest = LoraInstances.instance(s, 3);
        long[] base = honest.base().clone();
        java.util.Arrays.fill(base, 1L << 23); // one past the signed 24-bit range
        long[] eff = LoraInstances.merge(base, honest.a(), honest.b(), 2, 4, 1, honest.sQ(), 16);
        LoraMergeCircuit.Witness w = LoraInstances.witness(s, base, eff, honest.a(), honest.b(), honest.sQ(), 1,
                honest.nonce(), Fr.ONE);
        String f = firstFailure(build(s, w));
        assertTrue(f.startsWith("sample[0].base.value[0].range."), f);
    }

    @Test
    void perSampleConstraintsForTheRecord() {
        for (int[] shape : new int[][] {{768, 768, 1}, {768, 768, 16}, {768, 768, 128}, {8192, 8192, 1}, {8192, 8192, 16},
            {8192, 8192, 128}}) {
            long one = count(new LoraMergeShape(shape[0], shape[1], shape[2], 1, FixedPointParams.DEFAULT));
            long two = count(new LoraMergeShape(shape[0], shape[1], shape[2], 2, FixedPointParams.DEFAULT));
            System.out.printf("[constraints] lora-merge %d×%d r=%d: %d per sample, %d fixed%n", shape[0], shape[1], shape[2],
                    two - one, 2 * one - two);
            if (shape[0] == 8192 && shape[2] == 128) {
                assertTrue(two - one <= 32_000, "target: at most 32 000 constraints per sample, got " + (two - one));
            }
        }
    }

    private static long count(LoraMergeShape s) {
        ConstraintCounter c = new ConstraintCounter();
        LoraMergeCircuit.synthesize(c, s, null);
        return c.numConstraints();
    }
}
