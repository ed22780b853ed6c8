package org.loraproof.circuit.r1cs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.bn254.Fr;

/** Linear-combination algebra, names, layout rules, and counting equal to building. */
class R1csBuilderTest {

    @Test
    void linearCombinationsEvaluateLikeTheirTerms() {
        SplittableRandom rng = new SplittableRandom(1);
        R1csBuilder b = new R1csBuilder();
        LinearCombination[] v = new LinearCombination[6];
        Fr[] val = new Fr[6];
        for (int i = 0; i < 6; i++) {
            Fr x = Fr.random(rng);
            val[i] = x;
            v[i] = b.witness("v" + i, () -> x);
        }
        Fr k = Fr.random(rng);
        LinearCombination lc = v[0].add(v[3]).sub(v[1].scale(k)).add(v[3].neg()).add(Fr.of(7)).addScaled(k, v[1]).add(v[5]);
        assertEquals(val[0].add(Fr.of(7)).add(val[5]), b.value(lc));
        assertEquals(3, lc.size()); // v3 and v1 cancelled; constant, v0, v5 remain
        assertTrue(v[2].sub(v[2]).isZero());
    }

    @Test
    void namesFollowScopesAndCountingMatchesBuilding() {
        java.util.function.Consumer<ConstraintSystem> circuit = cs -> {
            LinearCombination p = cs.publicInput("out", () -> Fr.of(6));
            LinearCombination a = cs.witness("a", () -> Fr.of(2));
            try (var s = cs.scope("sample", 17); var m = cs.scope("merkle")) {
                LinearCombination c = cs.witness("c", () -> Fr.of(3));
                cs.enforce("product", a, c, p);
            }
            cs.enforce("top", a, a, a.scale(2));
        };
        R1csBuilder b = new R1csBuilder();
        circuit.accept(b);
        ConstraintCounter c = new ConstraintCounter();
        circuit.accept(c);
        assertEquals(b.numConstraints(), c.numConstraints());
        assertEquals(b.numVariables(), c.numVariables());
        assertEquals(1, b.numPublicInputs());
        assertEquals("sample[17].merkle.product", b.r1cs().name(0));
        assertEquals("top", b.r1cs().name(1));
        assertTrue(MockProver.verify(b.r1cs(), b.assignment(), 5).isEmpty());
        long[] z = b.assignment();
        Fr.of(987654321).writeLimbs(z, 4);
        UnsatisfiedConstraintException e = assertThrows(UnsatisfiedConstraintException.class,
                () -> MockProver.assertSatisfied(b.r1cs(), z));
        assertEquals("sample[17].merkle.product", e.constraintName());
        assertTrue(!e.getMessage().contains("987654321"), "the message carries no witness values: " + e.getMessage());
        assertEquals(Fr.of(987654321), e.failure().c());
    }

    @Test
    void witnessGeneratorAgreesWithBuilderAndMockProver() {
        java.util.function.Consumer<ConstraintSystem> circuit = cs -> {
            LinearCombination p = cs.publicInput("out", () -> Fr.of(6));
            LinearCombination a = cs.witness("a", () -> Fr.of(2));
            try (var s = cs.scope("sample", 3)) {
                LinearCombination c = cs.witness("c", () -> Fr.of(3));
                cs.enforce("product", a, c, p);
                cs.enforce("wrong", a, a, c); // 2·2 ≠ 3
            }
        };
        R1csBuilder b = new R1csBuilder();
        circuit.accept(b);
        WitnessGenerator g = new WitnessGenerator();
        circuit.accept(g);
        assertTrue(java.util.Arrays.equals(b.assignment(), g.assignment()));
        assertEquals(b.publicValues(), g.publicValues());
        MockProver.Failure expected = MockProver.verify(b.r1cs(), b.assignment(), 1).get(0);
        assertEquals(expected, g.firstFailure());
        assertEquals("sample[3].wrong", assertThrows(UnsatisfiedConstraintException.class, g::assertSatisfied).constraintName());
    }

    @Test
    void publicInputsComeFirstAndWitnessErrorsNameTheVariable() {
        R1csBuilder b = new R1csBuilder();
        b.witness("x", () -> Fr.ONE);
        assertThrows(IllegalStateException.class, () -> b.publicInput("late", () -> Fr.ONE));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (var s = b.scope("layer")) {
                b.witness("w", () -> {
                    throw new ArithmeticException("boom");
                });
            }
        });
        assertTrue(e.getMessage().startsWith("computing layer.w"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MockProver.verify(b.r1cs(), new long[4], 1));
    }
}
