package org.loraproof.circuit.gadgets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.Vectors;
import org.loraproof.circuit.bn254.Bn254;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.merkle.MerkleTree;
import org.loraproof.circuit.poseidon.Poseidon;
import org.loraproof.circuit.r1cs.ConstraintCounter;
import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.circuit.r1cs.LinearCombination;
import org.loraproof.circuit.r1cs.MockProver;
import org.loraproof.circuit.r1cs.R1csBuilder;

/** Every gadget accepts honest witnesses and rejects tampered ones at a named constraint. */
class GadgetTest {

    private static R1csBuilder build(Consumer<ConstraintSystem> circuit) {
        R1csBuilder b = new R1csBuilder();
        circuit.accept(b);
        return b;
    }

    private static void assertSatisfied(R1csBuilder b) {
        List<MockProver.Failure> f = MockProver.verify(b.r1cs(), b.assignment(), 5);
        assertTrue(f.isEmpty(), () -> "unexpected failures: " + f);
    }

    /** The first failing constraint's name after setting variable var to value. */
    private static String firstFailure(R1csBuilder b, int var, Fr value) {
        long[] z = b.assignment();
        value.writeLimbs(z, 4 * var);
        return firstFailure(b, z);
    }

    private static String firstFailure(R1csBuilder b, long[] z) {
        List<MockProver.Failure> f = MockProver.verify(b.r1cs(), z, 1);
        assertEquals(1, f.size(), "the tampered witness must fail");
        return f.get(0).name();
    }

    private static LinearCombination input(ConstraintSystem cs, String name, BigInteger v) {
        return cs.witness(name, () -> Fr.of(v));
    }

    @Test
    void nonBooleanBitFailsItsBooleanConstraint() {
        LinearCombination[][] bits = new LinearCombination[1][];
        R1csBuilder b = build(cs -> {
            LinearCombination x = input(cs, "x", BigInteger.valueOf(13));
            try (var s = cs.scope("range")) {
                bits[0] = Bits.decompose(cs, x, 8);
            }
        });
        assertSatisfied(b);
        assertEquals("range.bit[2].boolean", firstFailure(b, bits[0][2].variableAt(0), Fr.of(2)));
        // flipping a bit keeps it boolean but breaks the sum
        assertEquals("range.sum", firstFailure(b, bits[0][1].variableAt(0), Fr.ONE));
    }

    @Test
    void valueOnePastItsRangeFails() {
        assertSatisfied(build(cs -> Bits.rangeCheck(cs, "range", input(cs, "x", BigInteger.valueOf(255)), 8)));
        R1csBuilder over = build(cs -> Bits.rangeCheck(cs, "range", input(cs, "x", BigInteger.valueOf(256)), 8));
        assertEquals("range.sum", firstFailure(over, over.assignment()));
        BigInteger max = BigInteger.ONE.shiftLeft(23).subtract(BigInteger.ONE);
        for (BigInteger ok : new BigInteger[] {max, max.negate(), BigInteger.ZERO, BigInteger.valueOf(-5)}) {
            assertSatisfied(build(cs -> Bits.signedRangeCheck(cs, "w", input(cs, "x", ok), 24)));
        }
        for (BigInteger bad : new BigInteger[] {max.add(BigInteger.ONE), max.negate().subtract(BigInteger.ONE)}) {
            R1csBuilder b = build(cs -> Bits.signedRangeCheck(cs, "w", input(cs, "x", bad), 24));
            assertEquals("w.sign", firstFailure(b, b.assignment()));
        }
        // a lying sign bit is caught by the sign constraint
        LinearCombination[] sign = new LinearCombination[1];
        R1csBuilder b = build(cs -> {
            LinearCombination x = input(cs, "x", BigInteger.valueOf(-77));
            Bits.signedRangeCheck(cs, "w", x, 24);
            sign[0] = LinearCombination.ZERO;
        });
        long[] z = b.assignment();
        Fr.ZERO.writeLimbs(z, 4 * 2); // variable 2 is the sign bit (1 is x)
        assertEquals("w.sign", firstFailure(b, z));
    }

    @Test
    void nonCanonicalDecompositionIsRejected() {
        BigInteger x = BigInteger.valueOf(5);
        LinearCombination[][] bits = new LinearCombination[1][];
        R1csBuilder b = build(cs -> {
            try (var s = cs.scope("canon")) {
                bits[0] = Bits.canonical(cs, input(cs, "x", x));
            }
        });
        assertSatisfied(b);
        // x + r also fits 254 bits and sums to x mod r: only the comparison with r − 1 catches it
        long[] z = b.assignment();
        BigInteger alias = x.add(Bn254.R);
        for (int i = 0; i < 254; i++) {
            (alias.testBit(i) ? Fr.ONE : Fr.ZERO).writeLimbs(z, 4 * bits[0][i].variableAt(0));
        }
        assertTrue(firstFailure(b, z).startsWith("canon.lessThanModulus."), firstFailure(b, z));
        // r − 1 itself is canonical
        assertSatisfied(build(cs -> Bits.canonical(cs, input(cs, "x", Bn254.R.subtract(BigInteger.ONE)))));
    }

    @Test
    void lessThanAndSelect() {
        int[][] cases = {{3, 5, 1}, {5, 3, 0}, {4, 4, 0}, {0, 255, 1}, {255, 0, 0}};
        for (int[] c : cases) {
            Fr[] out = new Fr[1];
            R1csBuilder b = build(cs -> out[0] = cs.value(Comparators.lessThan(cs, "lt",
                    input(cs, "a", BigInteger.valueOf(c[0])), input(cs, "b", BigInteger.valueOf(c[1])), 8)));
            assertSatisfied(b);
            assertEquals(Fr.of(c[2]), out[0], c[0] + " < " + c[1]);
        }
        R1csBuilder bad = build(cs -> Comparators.assertLessThan(cs, "lt",
                input(cs, "a", BigInteger.valueOf(9)), input(cs, "b", BigInteger.valueOf(9)), 8));
        assertEquals("lt.sum", firstFailure(bad, bad.assignment()));
        LinearCombination[] sel = new LinearCombination[1];
        R1csBuilder s = build(cs -> {
            LinearCombination cond = Bits.allocateBoolean(cs, "c", () -> true);
            sel[0] = Comparators.select(cs, "pick", cond, input(cs, "a", BigInteger.TEN), input(cs, "b", BigInteger.TWO));
            assertEquals(Fr.of(10), cs.value(sel[0]));
        });
        assertSatisfied(s);
        assertEquals("pick", firstFailure(s, sel[0].variableAt(0), Fr.of(2)));
    }

    @Test
    void fixedPointMultiplyRounds() {
        int f = 16;
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 20; i++) {
            BigInteger a = BigInteger.valueOf(rng.nextInt(-(1 << 23) + 1, 1 << 23));
            BigInteger bb = BigInteger.valueOf(rng.nextInt(-(1 << 16), 1 << 16));
            Fr[] out = new Fr[1];
            LinearCombination[] c = new LinearCombination[1];
            R1csBuilder b = build(cs -> {
                c[0] = FixedPoint.mulRound(cs, "fp", input(cs, "a", a), input(cs, "b", bb), f, 24);
                out[0] = cs.value(c[0]);
            });
            assertSatisfied(b);
            assertEquals(Fr.of(FixedPoint.roundShift(a.multiply(bb), f)), out[0]);
            assertEquals("fp.product", firstFailure(b, c[0].variableAt(0), out[0].add(Fr.ONE)));
        }
        assertEquals(BigInteger.ONE, FixedPoint.roundShift(BigInteger.valueOf(1 << 15), 16)); // ½ rounds up
        assertEquals(BigInteger.ZERO, FixedPoint.roundShift(BigInteger.valueOf(-(1 << 15)), 16)); // −½ rounds up
        assertEquals(BigInteger.valueOf(-1), FixedPoint.roundShift(BigInteger.valueOf(-(1 << 15) - 1), 16));
    }

    @Test
    void packingIsInjectiveOverRangeCheckedValues() {
        long[] v = {1, 0, 255, 17};
        Fr packed = Packing.pack(v, 0, 4, 8);
        assertEquals(Fr.of(1 + (255L << 16) + (17L << 24)), packed);
        R1csBuilder b = build(cs -> {
            LinearCombination[] in = new LinearCombination[4];
            for (int i = 0; i < 4; i++) {
                in[i] = input(cs, "v" + i, BigInteger.valueOf(v[i]));
            }
            assertEquals(packed, cs.value(Packing.pack(in, 8)));
        });
        assertSatisfied(b);
    }

    @Test
    void poseidonGadgetEqualsCircomlibVectorsAndNamesItsSboxes() {
        JsonNode cases = Vectors.json("poseidon/circomlib-poseidon-vectors.json").get("cases");
        for (int k = 0; k < cases.size(); k += 9) {
            JsonNode c = cases.get(k);
            Fr[] out = new Fr[1];
            R1csBuilder b = build(cs -> {
                LinearCombination[] in = new LinearCombination[c.get("inputs").size()];
                for (int i = 0; i < in.length; i++) {
                    String v = c.get("inputs").get(i).asText();
                    in[i] = cs.witness("in" + i, () -> Fr.parse(v));
                }
                out[0] = cs.value(PoseidonGadget.hash(cs, "h", in));
            });
            assertSatisfied(b);
            assertEquals(Fr.parse(c.get("output").asText()), out[0]);
        }
        R1csBuilder b = build(cs -> PoseidonGadget.hash(cs, "h", input(cs, "a", BigInteger.ONE), input(cs, "b", BigInteger.TWO)));
        assertEquals("h.round[0].sbox[0].x2", firstFailure(b, 3, Fr.of(12345)));
    }

    /** The round-by-round linear layers the planned gadget replaces: the reference for its constraints. */
    private static LinearCombination referencePoseidon(ConstraintSystem cs, String name, LinearCombination... inputs) {
        org.loraproof.circuit.poseidon.PoseidonParameters p = org.loraproof.circuit.poseidon.PoseidonParameters.forInputs(inputs.length);
        int t = p.t(), half = org.loraproof.circuit.poseidon.PoseidonParameters.FULL_ROUNDS / 2;
        try (var s = cs.scope(name)) {
            LinearCombination[] state = new LinearCombination[t];
            state[0] = LinearCombination.ZERO;
            System.arraycopy(inputs, 0, state, 1, inputs.length);
            for (int round = 0; round < p.rounds(); round++) {
                for (int i = 0; i < t; i++) {
                    state[i] = state[i].add(p.roundConstant(round, i));
                }
                boolean full = round < half || round >= p.rounds() - half;
                try (var r = cs.scope("round", round)) {
                    for (int i = 0; i < (full ? t : 1); i++) {
                        state[i] = PoseidonGadget.sbox(cs, i, state[i]);
                    }
                }
                LinearCombination[] next = new LinearCombination[t];
                for (int i = 0; i < t; i++) {
                    LinearCombination acc = LinearCombination.ZERO;
                    for (int j = 0; j < t; j++) {
                        acc = acc.addScaled(p.mds(i, j), state[j]);
                    }
                    next[i] = acc;
                }
                state = next;
            }
            return state[0];
        }
    }

    /** For every arity, the planned gadget writes exactly the reference's R1CS and witness. */
    @Test
    void poseidonGadgetEqualsTheRoundByRoundReference() {
        for (int arity = 1; arity <= 16; arity++) {
            int n = arity;
            java.util.function.BiFunction<ConstraintSystem, Boolean, LinearCombination> circuit = (cs, reference) -> {
                LinearCombination[] in = new LinearCombination[n];
                for (int i = 0; i < n; i++) {
                    LinearCombination v = input(cs, "in" + i, BigInteger.valueOf(1000 + 17L * i));
                    // some inputs are combinations sharing variables, with constants
                    in[i] = i % 3 == 1 ? v.add(in[i - 1].scale(3)).add(5) : v;
                }
                return reference ? referencePoseidon(cs, "h", in) : PoseidonGadget.hash(cs, "h", in);
            };
            LinearCombination[] out = new LinearCombination[2];
            R1csBuilder planned = build(cs -> out[0] = circuit.apply(cs, false));
            R1csBuilder reference = build(cs -> out[1] = circuit.apply(cs, true));
            assertArrayEquals(org.loraproof.circuit.r1cs.R1csFile.of(reference.r1cs()).toBytes(),
                    org.loraproof.circuit.r1cs.R1csFile.of(planned.r1cs()).toBytes(), arity + " inputs: R1CS");
            assertArrayEquals(reference.assignment(), planned.assignment(), arity + " inputs: witness");
            assertEquals(out[1], out[0], arity + " inputs: output");
            assertSatisfied(planned);
        }
    }

    @Test
    void merklePathAcceptsTheTruePathAndRejectsAWrongSiblingOrIndexBit() {
        int n = 50, depth = 6, leafIndex = 37;
        long[] leaves = new long[4 * n];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            Fr.random(rng).writeLimbs(leaves, 4 * i);
        }
        MerkleTree tree = MerkleTree.build(leaves, n);
        Fr[] path = tree.path(leafIndex);
        assertEquals(depth, path.length);
        record Run(R1csBuilder builder, LinearCombination[] bits) {
        }
        java.util.function.BiFunction<Integer, Fr, Run> run = (wrongLevel, wrongValue) -> {
            LinearCombination[][] bits = new LinearCombination[1][];
            R1csBuilder b = build(cs -> {
                LinearCombination root = cs.publicInput("root", tree::root);
                LinearCombination leaf = cs.witness("leaf", () -> tree.node(0, leafIndex));
                LinearCombination index = cs.witness("index", () -> Fr.of(leafIndex));
                LinearCombination[] sib = new LinearCombination[depth];
                for (int k = 0; k < depth; k++) {
                    Fr v = k == wrongLevel ? wrongValue : path[k];
                    sib[k] = cs.witness("sibling" + k, () -> v);
                }
                bits[0] = MerklePathGadget.verify(cs, "merkle", leaf, index, sib, root);
                if (wrongLevel < 0) {
                    assertEquals(tree.root(), cs.value(MerklePathGadget.root(cs, leaf, bits[0], sib)));
                }
            });
            return new Run(b, bits[0]);
        };
        Run honest = run.apply(-1, null);
        assertSatisfied(honest.builder());
        R1csBuilder wrongSibling = run.apply(3, Fr.of(99)).builder();
        assertEquals("merkle.root", firstFailure(wrongSibling, wrongSibling.assignment()));
        int bit0 = honest.bits()[0].variableAt(0);
        assertEquals("merkle.index.sum", firstFailure(honest.builder(), bit0, Fr.ZERO)); // leafIndex is odd: bit 0 is 1
    }

    @Test
    void constraintCountsForTheRecord() {
        ConstraintCounter p2 = new ConstraintCounter();
        PoseidonGadget.hash(p2, "h", p2.witness("a", null), p2.witness("b", null));
        ConstraintCounter p16 = new ConstraintCounter();
        LinearCombination[] in = new LinearCombination[16];
        for (int i = 0; i < 16; i++) {
            in[i] = p16.witness("in", null);
        }
        PoseidonGadget.hash(p16, "h", in);
        ConstraintCounter range = new ConstraintCounter();
        Bits.signedRangeCheck(range, "r", range.witness("x", null), 24);
        ConstraintCounter canon = new ConstraintCounter();
        Bits.canonical(canon, canon.witness("x", null));
        ConstraintCounter merkle = new ConstraintCounter();
        LinearCombination[] sib = new LinearCombination[20];
        for (int i = 0; i < 20; i++) {
            sib[i] = merkle.witness("s", null);
        }
        MerklePathGadget.verify(merkle, "m", merkle.witness("leaf", null), merkle.witness("i", null), sib,
                merkle.witness("root", null));
        // x⁵ costs 3: Poseidon(2) = 3·(8·3 + 57), Poseidon(16) = 3·(8·17 + 68)
        assertEquals(243, p2.numConstraints());
        assertEquals(612, p16.numConstraints());
        assertEquals(25, range.numConstraints());
        assertEquals(20 * (243 + 1) + 20 + 1 + 1, merkle.numConstraints());
        System.out.printf("[constraints] Poseidon(2) %d, Poseidon(16) %d, signed 24-bit range %d, canonical 254-bit %d,"
                + " depth-20 Merkle path %d%n", p2.numConstraints(), p16.numConstraints(), range.numConstraints(),
                canon.numConstraints(), merkle.numConstraints());
        assertTrue(canon.numConstraints() < 254 + 1 + 254, "comparison shares runs of zero bits");
    }
}
