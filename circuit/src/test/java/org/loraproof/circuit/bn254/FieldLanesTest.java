package org.loraproof.circuit.bn254;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The eight-lane kernels of both fields against a BigInteger reference and the scalar code, at their bounds. */
class FieldLanesTest {
    private BigInteger p;
    private BigInteger rInv;
    private FieldLanes lanes;
    private MontgomeryField field;

    private void use(String name) {
        boolean fp = name.equals("fp");
        p = fp ? Bn254.P : Bn254.R;
        rInv = BigInteger.ONE.shiftLeft(260).modInverse(p);
        lanes = fp ? FieldLanes.FP : FieldLanes.FR;
        this.field = fp ? MontgomeryField.FP : MontgomeryField.FR;
    }
    private static final BigInteger M52 = BigInteger.ONE.shiftLeft(52).subtract(BigInteger.ONE);
    private static final int BLOCKS = 64;

    private final SplittableRandom random = new SplittableRandom(7);

    @BeforeEach
    void needsVectors() {
        assumeTrue(Simd.ENABLED, "no 512-bit vectors here");
    }

    private static void set(long[] a, int block, int lane, BigInteger v) {
        for (int k = 0; k < 5; k++) {
            a[block * FieldLanes.BLOCK + 8 * k + lane] = v.shiftRight(52 * k).and(M52).longValue();
        }
    }

    private static BigInteger get(long[] a, int block, int lane) {
        BigInteger v = BigInteger.ZERO;
        for (int k = 4; k >= 0; k--) {
            long limb = a[block * FieldLanes.BLOCK + 8 * k + lane];
            assertTrue(limb >= 0 && (k == 4 || limb < (1L << 52)), "limb " + k + " not normalised");
            v = v.shiftLeft(52).add(BigInteger.valueOf(limb));
        }
        return v;
    }

    /** Values below bound, with the extremes 0, 1, bound − 1 and p − 1 among them. */
    private long[] operands(BigInteger bound) {
        long[] a = new long[BLOCKS * FieldLanes.BLOCK];
        for (int b = 0; b < BLOCKS; b++) {
            for (int j = 0; j < 8; j++) {
                BigInteger v = new BigInteger(bound.bitLength() + 8, new java.util.Random(random.nextLong())).mod(bound);
                int i = b * 8 + j;
                if (i < 4) {
                    v = new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, bound.subtract(BigInteger.ONE), p.subtract(BigInteger.ONE)}[i];
                }
                set(a, b, j, v);
            }
        }
        return a;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp", "fr"})
    void multiplicationAgreesWithBigIntegerUpToEightP(String name) {
        use(name);
        BigInteger bound = p.shiftLeft(3);
        long[] a = operands(bound), b = operands(bound), r = new long[a.length], s = new long[FieldLanes.SCRATCH];
        for (int blk = 0; blk < BLOCKS; blk++) {
            lanes.mul(r, blk * FieldLanes.BLOCK, a, blk * FieldLanes.BLOCK, b, blk * FieldLanes.BLOCK, s);
        }
        for (int blk = 0; blk < BLOCKS; blk++) {
            for (int j = 0; j < 8; j++) {
                BigInteger got = get(r, blk, j);
                assertTrue(got.compareTo(p.shiftLeft(1)) < 0, "product not below 2p");
                assertEquals(get(a, blk, j).multiply(get(b, blk, j)).multiply(rInv).mod(p), got.mod(p));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp", "fr"})
    void squaringAgreesWithBigIntegerUpToEightP(String name) {
        use(name);
        long[] a = operands(p.shiftLeft(3)), r = new long[a.length], s = new long[FieldLanes.SCRATCH];
        for (int blk = 0; blk < BLOCKS; blk++) {
            lanes.square(r, blk * FieldLanes.BLOCK, a, blk * FieldLanes.BLOCK, s);
        }
        for (int blk = 0; blk < BLOCKS; blk++) {
            for (int j = 0; j < 8; j++) {
                BigInteger got = get(r, blk, j), x = get(a, blk, j);
                assertTrue(got.compareTo(p.shiftLeft(1)) < 0, "square not below 2p");
                assertEquals(x.multiply(x).multiply(rInv).mod(p), got.mod(p));
            }
        }
    }

    /**
     * The lazily reduced Fp2 product against BigInteger, components below 8p (with 0 and 8p − 1
     * among them): both halves below 3p and congruent to (a0b0 − a1b1, a0b1 + a1b0)·2^−260.
     */
    @org.junit.jupiter.api.Test
    void fp2ProductAgreesWithBigIntegerUpToEightP() {
        use("fp");
        int b = FieldLanes.BLOCK;
        long[] a = operands(p.shiftLeft(3)), c = operands(p.shiftLeft(3)), r = new long[2 * b];
        long[] s = new long[FieldLanes.FP2_SCRATCH + 16];
        for (int k = 0; k + 1 < BLOCKS; k += 2) {
            lanes.mulFp2(r, 0, b, a, k * b, (k + 1) * b, c, (k + 1) * b, k * b, s, 16);
            for (int j = 0; j < 8; j++) {
                BigInteger a0 = get(a, k, j), a1 = get(a, k + 1, j), b0 = get(c, k + 1, j), b1 = get(c, k, j);
                BigInteger r0 = get(r, 0, j), r1 = get(r, 1, j);
                assertTrue(r0.compareTo(p.multiply(BigInteger.valueOf(3))) < 0 && r1.compareTo(p.multiply(BigInteger.valueOf(3))) < 0);
                assertEquals(a0.multiply(b0).subtract(a1.multiply(b1)).multiply(rInv).mod(p), r0.mod(p), "c0, lane " + j);
                assertEquals(a0.multiply(b1).add(a1.multiply(b0)).multiply(rInv).mod(p), r1.mod(p), "c1, lane " + j);
            }
        }
    }

    /** Fp2 squaring against Fp2 multiplication of an element by itself, for components below 2p. */
    @org.junit.jupiter.api.Test
    void fp2SquaringAgreesWithMultiplication() {
        use("fp");
        Fp2Lanes f2 = Fp2Lanes.FIELD;
        int g = 2 * FieldLanes.BLOCK, groups = BLOCKS / 2;
        long[] a = operands(p.shiftLeft(1)), sq = new long[a.length], mul = new long[a.length];
        long[] s = new long[f2.scratch()];
        for (int k = 0; k < groups; k++) {
            f2.square(sq, k * g, a, k * g, s);
            f2.mul(mul, k * g, a, k * g, a, k * g, s);
            f2.canonical(mul, k * g);
        }
        assertArrayEquals(mul, sq);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp", "fr"})
    void additionSubtractionAndCanonicalForm(String name) {
        use(name);
        long[] a = operands(p.shiftLeft(1)), b = operands(p.shiftLeft(2)), r = new long[a.length];
        for (int blk = 0; blk < BLOCKS; blk++) {
            int o = blk * FieldLanes.BLOCK;
            lanes.sub(r, o, a, o, b, o, 4);
            for (int j = 0; j < 8; j++) {
                assertEquals(get(a, blk, j).add(p.shiftLeft(2)).subtract(get(b, blk, j)), get(r, blk, j));
            }
            lanes.add(r, o, r, o, a, o); // below 8p
            for (int j = 0; j < 8; j++) {
                assertEquals(get(a, blk, j).shiftLeft(1).add(p.shiftLeft(2)).subtract(get(b, blk, j)), get(r, blk, j));
            }
            lanes.canonical(r, o);
            for (int j = 0; j < 8; j++) {
                assertEquals(get(a, blk, j).shiftLeft(1).subtract(get(b, blk, j)).mod(p), get(r, blk, j));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp", "fr"})
    void signedSubtractionTakesEachLanesSign(String name) {
        use(name);
        long[] a = operands(p), b = operands(p), r = new long[a.length], sign = new long[BLOCKS * 8];
        for (int i = 0; i < sign.length; i++) {
            sign[i] = random.nextBoolean() ? -1 : 0;
        }
        sign[0] = -1; // lanes 0 … 3 hold the extremes 0, 1, p − 1: both signs of each
        sign[1] = 0;
        sign[2] = -1;
        sign[3] = 0;
        for (int blk = 0; blk < BLOCKS; blk++) {
            int o = blk * FieldLanes.BLOCK;
            lanes.subSigned(r, o, a, o, b, o, sign, 8 * blk);
            for (int j = 0; j < 8; j++) {
                BigInteger x = get(a, blk, j);
                BigInteger want = p.shiftLeft(1).add(sign[8 * blk + j] == 0 ? x : x.negate()).subtract(get(b, blk, j));
                assertEquals(want, get(r, blk, j), "lane " + (8 * blk + j));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp", "fr"})
    void canonicalFormAtMultiplesOfP(String name) {
        use(name);
        long[] a = new long[8 * FieldLanes.BLOCK];
        BigInteger[] values = new BigInteger[64];
        for (int k = 0; k < 8; k++) {
            for (int d = 0; d < 8; d++) {
                BigInteger kp = p.multiply(BigInteger.valueOf(k));
                // k·p − 3 … k·p + 4, and just below 2^52-limb boundaries
                BigInteger v = d < 6 ? kp.add(BigInteger.valueOf(d - 2)) : kp.add(BigInteger.ONE.shiftLeft(52 * (d - 3)).subtract(BigInteger.ONE));
                v = v.signum() < 0 ? BigInteger.ZERO : v.min(p.shiftLeft(3).subtract(BigInteger.ONE));
                values[8 * k + d] = v;
                set(a, k, d, v);
            }
        }
        for (int k = 0; k < 8; k++) {
            lanes.canonical(a, k * FieldLanes.BLOCK);
            for (int d = 0; d < 8; d++) {
                assertEquals(values[8 * k + d].mod(p), get(a, k, d), values[8 * k + d].toString(16));
            }
        }
    }

    /** Lane inversion of values below 8p (zeros among them) against BigInteger and the scalar field's inverse. */
    @ParameterizedTest
    @ValueSource(strings = {"fp", "fr"})
    void inverseAndTheScalarFieldAgree(String name) {
        use(name);
        long[] a = operands(p.shiftLeft(3)), r = new long[FieldLanes.BLOCK], s = new long[FieldLanes.INVERSE_SCRATCH];
        set(a, 3, 5, BigInteger.ZERO);
        set(a, 5, 0, p.shiftLeft(2));
        BigInteger r2 = BigInteger.ONE.shiftLeft(520).mod(p);
        long[] limbs = new long[4], scalar = new long[4];
        for (int blk = 0; blk < BLOCKS; blk++) {
            lanes.inverse(r, 0, a, blk * FieldLanes.BLOCK, s);
            for (int j = 0; j < 8; j++) {
                BigInteger v = get(a, blk, j).mod(p);
                BigInteger expected = v.signum() == 0 ? BigInteger.ZERO : r2.multiply(v.modInverse(p)).mod(p);
                assertEquals(expected, get(r, 0, j), "lane " + j + " of block " + blk);
                field.inverse(scalar, 0, MontgomeryField.limbsOf(v), 0);
                lanes.get(limbs, 0, r, 0, j);
                assertArrayEquals(scalar, limbs, "lane " + j + " of block " + blk);
            }
        }
    }
}
