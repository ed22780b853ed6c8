package org.loraproof.circuit.msm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loraproof.circuit.Vectors;
import org.loraproof.circuit.bn254.Bn254;
import org.loraproof.circuit.bn254.Fp;
import org.loraproof.circuit.bn254.Fp2;
import org.loraproof.circuit.bn254.G1Point;
import org.loraproof.circuit.bn254.G2Point;
import org.loraproof.circuit.bn254.JacobianCurve;
import org.loraproof.circuit.bn254.MontgomeryField;

/** MSM against a naive Σ kᵢ·Pᵢ, noble's MSM vectors, and the split-equals-whole property. */
class PippengerMsmTest {

    private static G1Point g1(long[] jac) {
        long[] a = new long[8];
        JacobianCurve.g1().toAffine(a, 0, jac, 0);
        return G1Point.fromLimbs(a, 0);
    }

    private static G2Point g2(long[] jac) {
        long[] a = new long[16];
        JacobianCurve.g2().toAffine(a, 0, jac, 0);
        return G2Point.fromLimbs(a, 0);
    }

    private static void putScalar(long[] s, int i, BigInteger k) {
        System.arraycopy(MontgomeryField.limbsOf(k), 0, s, 4 * i, 4);
    }

    /** Random bases (distinct multiples of G) and scalars of the requested kind. */
    private static Object[] randomInstance(int n, String kind, SplittableRandom rng) {
        long[] bases = new long[8 * n];
        long[] scalars = new long[4 * n];
        G1Point naive = G1Point.INFINITY;
        G1Point p = G1Point.GENERATOR.mul(BigInteger.valueOf(rng.nextLong() & Long.MAX_VALUE));
        G1Point step = G1Point.GENERATOR.mul(BigInteger.valueOf(rng.nextLong() & Long.MAX_VALUE));
        for (int i = 0; i < n; i++) {
            p.writeLimbs(bases, 8 * i);
            BigInteger k = switch (kind) {
                case "random" -> new BigInteger(254, new java.util.Random(rng.nextLong())).mod(Bn254.R);
                case "bits" -> BigInteger.valueOf(rng.nextInt(2));
                case "small" -> BigInteger.valueOf(rng.nextInt(1 << 16));
                case "smallNegative" -> Bn254.R.subtract(BigInteger.valueOf(1 + rng.nextInt(1 << 20)));
                default -> Bn254.R.subtract(BigInteger.ONE);
            };
            putScalar(scalars, i, k);
            naive = naive.add(p.mul(k));
            p = p.add(step);
        }
        return new Object[] {bases, scalars, naive};
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 17, 100, 1000, 4096})
    void equalsNaiveSumOnRandomInputs(int n) {
        SplittableRandom rng = new SplittableRandom(n);
        Object[] inst = randomInstance(n, "random", rng);
        PippengerMsm msm = PippengerMsm.g1();
        assertEquals(inst[2], g1(msm.msm((long[]) inst[0], (long[]) inst[1])));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bits", "small", "rMinus1"})
    void equalsNaiveSumOnSpecialScalars(String kind) {
        Object[] inst = randomInstance(300, kind, new SplittableRandom(kind.hashCode()));
        assertEquals(inst[2], g1(PippengerMsm.g1().msm((long[]) inst[0], (long[]) inst[1])));
    }

    @Test
    void edgeCases() {
        PippengerMsm msm = PippengerMsm.g1();
        int n = 64;
        long[] bases = new long[8 * n];
        long[] scalars = new long[4 * n];
        G1Point.GENERATOR.writeLimbs(bases, 0);
        for (int i = 1; i < n; i++) {
            G1Point.GENERATOR.writeLimbs(bases, 8 * i); // repeated bases
        }
        assertEquals(G1Point.INFINITY, g1(msm.msm(bases, scalars))); // all-zero scalars
        for (int i = 0; i < n; i++) {
            putScalar(scalars, i, BigInteger.valueOf(i));
        }
        assertEquals(G1Point.GENERATOR.mul(BigInteger.valueOf(n * (n - 1) / 2)), g1(msm.msm(bases, scalars)));
        // infinity among the bases contributes nothing
        System.arraycopy(new long[8], 0, bases, 8 * 5, 8);
        assertEquals(G1Point.GENERATOR.mul(BigInteger.valueOf(n * (n - 1) / 2 - 5)), g1(msm.msm(bases, scalars)));
        // P and −P with equal scalars cancel
        long[] pair = new long[16];
        G1Point.GENERATOR.writeLimbs(pair, 0);
        G1Point.GENERATOR.neg().writeLimbs(pair, 8);
        long[] ks = new long[8];
        putScalar(ks, 0, BigInteger.valueOf(77));
        putScalar(ks, 1, BigInteger.valueOf(77));
        assertEquals(G1Point.INFINITY, g1(msm.msm(pair, ks)));
    }

    @Test
    void smallNegativeScalarsShareHighDigitsWithoutSlowingDown() {
        // signed weights below zero are r − k: every high window gives the same digit
        Object[] inst = randomInstance(2 * PippengerMsm.BATCH_AFFINE_THRESHOLD, "smallNegative", new SplittableRandom(21));
        assertEquals(inst[2], g1(PippengerMsm.g1().msm((long[]) inst[0], (long[]) inst[1])));
    }

    @Test
    void batchAffineHandlesDoublingCancellationAndCollisions() {
        int n = 3 * PippengerMsm.BATCH_AFFINE_THRESHOLD;
        long[] bases = new long[8 * n], scalars = new long[4 * n];
        G1Point p = G1Point.GENERATOR.mul(BigInteger.valueOf(31337));
        BigInteger expected = BigInteger.ZERO;
        SplittableRandom rng = new SplittableRandom(12);
        for (int i = 0; i < n; i++) {
            // the same point over and over (bucket doublings), its negation every third time
            // (cancellations), few distinct scalars (many additions into one bucket per batch)
            boolean negate = i % 3 == 2;
            (negate ? p.neg() : p).writeLimbs(bases, 8 * i);
            BigInteger k = BigInteger.valueOf(2 + rng.nextInt(5)).shiftLeft(100).add(BigInteger.valueOf(rng.nextInt(3)));
            putScalar(scalars, i, k);
            expected = negate ? expected.subtract(k) : expected.add(k);
        }
        assertEquals(p.mul(expected.mod(Bn254.R)), g1(PippengerMsm.g1().msm(bases, scalars)));
    }

    /**
     * Batched additions at sizes where they run, on the vector kernels (when present) and on scalar
     * code, for G1 and G2: bases with known discrete logs eᵢ (so the sum is (Σ kᵢ·eᵢ)·G), either
     * distinct or one point and its negation over and over (doublings and cancellations).
     */
    @ParameterizedTest
    @ValueSource(strings = {"g1 distinct", "g2 distinct", "g1 repeated", "g2 repeated"})
    void laneAndScalarKernelsAgreeWithTheDiscreteLogSum(String kind) {
        boolean twist = kind.startsWith("g2"), repeated = kind.endsWith("repeated");
        int n = 3 * PippengerMsm.BATCH_AFFINE_THRESHOLD + 5;
        SplittableRandom rng = new SplittableRandom(kind.hashCode());
        JacobianCurve c = twist ? JacobianCurve.g2() : JacobianCurve.g1();
        int aw = c.affineWidth();
        BigInteger e = BigInteger.valueOf(rng.nextLong() & Long.MAX_VALUE), step = BigInteger.valueOf(1 + rng.nextInt(1000));
        long[] first = new long[aw], stepPoint = new long[aw], jac = new long[c.jacobianWidth() * n];
        if (twist) {
            G2Point.GENERATOR.mul(e).writeLimbs(first, 0);
            G2Point.GENERATOR.mul(step).writeLimbs(stepPoint, 0);
        } else {
            G1Point.GENERATOR.mul(e).writeLimbs(first, 0);
            G1Point.GENERATOR.mul(step).writeLimbs(stepPoint, 0);
        }
        long[] bases = new long[aw * n], scalars = new long[4 * n], acc = new long[c.jacobianWidth()];
        c.fromAffine(acc, 0, first, 0);
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            System.arraycopy(acc, 0, jac, c.jacobianWidth() * i, c.jacobianWidth());
            BigInteger log = e.add(step.multiply(BigInteger.valueOf(i)));
            BigInteger k = new BigInteger(254, new java.util.Random(rng.nextLong())).mod(Bn254.R);
            if (repeated) {
                log = i % 3 == 2 ? e.negate() : e;
                k = BigInteger.valueOf(2 + rng.nextInt(5)).shiftLeft(100).add(BigInteger.valueOf(rng.nextInt(3)));
            } else {
                c.addMixed(acc, 0, acc, 0, stepPoint, 0);
            }
            putScalar(scalars, i, k);
            sum = sum.add(k.multiply(log));
        }
        c.batchToAffine(jac, 0, n, bases, 0);
        if (repeated) {
            for (int i = 0; i < n; i++) {
                if (i % 3 == 2) {
                    c.negAffine(bases, aw * i, first, 0);
                } else {
                    System.arraycopy(first, 0, bases, aw * i, aw);
                }
            }
        }
        sum = sum.mod(Bn254.R);
        PippengerMsm msm = twist ? PippengerMsm.g2() : PippengerMsm.g1();
        for (PippengerMsm m : new PippengerMsm[] {msm, msm.scalarOnly()}) {
            long[] r = m.msm(bases, scalars);
            if (twist) {
                assertEquals(G2Point.GENERATOR.mul(sum), g2(r));
            } else {
                assertEquals(G1Point.GENERATOR.mul(sum), g1(r));
            }
        }
    }

    @Test
    void slicesAddUpToTheWhole() {
        int n = 500;
        Object[] inst = randomInstance(n, "random", new SplittableRandom(99));
        long[] bases = (long[]) inst[0], scalars = (long[]) inst[1];
        PippengerMsm msm = PippengerMsm.g1();
        for (int parts : new int[] {1, 7, n + 3}) {
            G1Point sum = G1Point.INFINITY;
            for (int k = 0; k < parts; k++) {
                int from = (int) ((long) n * k / parts), to = (int) ((long) n * (k + 1) / parts);
                sum = sum.add(g1(msm.partial(bases, scalars, from, to)));
            }
            assertEquals(inst[2], sum, parts + " parts");
        }
        PippengerMsm serial = msm.withPool(new ForkJoinPool(1));
        assertEquals(inst[2], g1(serial.msm(bases, scalars)));
    }

    @Test
    void nobleVectors() {
        JsonNode file = Vectors.json("bn254/noble/msm.json");
        for (JsonNode c : file.get("cases")) {
            int n = c.get("n").asInt();
            long[] bases = new long[8 * n], scalars = new long[4 * n];
            for (int i = 0; i < n; i++) {
                JsonNode p = c.get("points").get(i);
                if (!p.path("infinity").asBoolean(false)) {
                    G1Point.of(Fp.parse(p.get("x").asText()), Fp.parse(p.get("y").asText())).writeLimbs(bases, 8 * i);
                }
                putScalar(scalars, i, Vectors.big(c.get("scalars").get(i)));
            }
            JsonNode r = c.get("result");
            G1Point expected = r.path("infinity").asBoolean(false) ? G1Point.INFINITY
                    : G1Point.of(Fp.parse(r.get("x").asText()), Fp.parse(r.get("y").asText()));
            assertEquals(expected, g1(PippengerMsm.g1().msm(bases, scalars)));
        }
        for (JsonNode c : file.get("g2_cases")) {
            int n = c.get("n").asInt();
            long[] bases = new long[16 * n], scalars = new long[4 * n];
            for (int i = 0; i < n; i++) {
                g2Point(c.get("points").get(i)).writeLimbs(bases, 16 * i);
                putScalar(scalars, i, Vectors.big(c.get("scalars").get(i)));
            }
            assertEquals(g2Point(c.get("result")), g2(PippengerMsm.g2().msm(bases, scalars)));
        }
    }

    private static G2Point g2Point(JsonNode p) {
        if (p.path("infinity").asBoolean(false)) {
            return G2Point.INFINITY;
        }
        return G2Point.of(Fp2.parse(p.get("x").get(0).asText(), p.get("x").get(1).asText()),
                Fp2.parse(p.get("y").get(0).asText(), p.get("y").get(1).asText()));
    }

    @Test
    void g2EqualsNaiveSum() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 40;
        long[] bases = new long[16 * n], scalars = new long[4 * n];
        G2Point naive = G2Point.INFINITY;
        for (int i = 0; i < n; i++) {
            G2Point p = G2Point.GENERATOR.mul(BigInteger.valueOf(rng.nextLong() & Long.MAX_VALUE));
            p.writeLimbs(bases, 16 * i);
            BigInteger k = i % 5 == 0 ? BigInteger.ONE : new BigInteger(254, new java.util.Random(rng.nextLong())).mod(Bn254.R);
            putScalar(scalars, i, k);
            naive = naive.add(p.mul(k));
        }
        assertEquals(naive, g2(PippengerMsm.g2().msm(bases, scalars)));
    }

    /**
     * Scalars prepared once (digits cut in parallel chunks) serve MSMs over two G1 base sets and a
     * G2 one: bases in arithmetic progression a + i·b times the generator, so each result is the
     * generator times Σ kᵢ·(a + i·b).
     */
    @Test
    void preparedScalarsServeSeveralMsmsOnBothCurves() {
        SplittableRandom rng = new SplittableRandom(12);
        int n = 5000;
        long[] scalars = new long[4 * n];
        BigInteger[] k = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            k[i] = switch (i % 7) {
                case 0 -> BigInteger.ZERO;
                case 1 -> BigInteger.ONE;
                case 2 -> Bn254.R.subtract(BigInteger.valueOf(1 + rng.nextInt(1000)));
                default -> new BigInteger(254, new java.util.Random(rng.nextLong())).mod(Bn254.R);
            };
            putScalar(scalars, i, k[i]);
        }
        PippengerMsm g1 = PippengerMsm.g1(), g2 = PippengerMsm.g2();
        PippengerMsm.Scalars prepared = g1.prepare(scalars, 0, n);
        for (long a : new long[] {3, 1000003}) {
            BigInteger b = BigInteger.valueOf(a * 7 + 1), sum = BigInteger.ZERO;
            long[] bases1 = new long[8 * n], bases2 = new long[16 * n];
            G1Point p1 = G1Point.GENERATOR.mul(BigInteger.valueOf(a)), step1 = G1Point.GENERATOR.mul(b);
            G2Point p2 = G2Point.GENERATOR.mul(BigInteger.valueOf(a)), step2 = G2Point.GENERATOR.mul(b);
            for (int i = 0; i < n; i++) {
                p1.writeLimbs(bases1, 8 * i);
                p2.writeLimbs(bases2, 16 * i);
                sum = sum.add(k[i].multiply(BigInteger.valueOf(a).add(b.multiply(BigInteger.valueOf(i)))));
                p1 = p1.add(step1);
                p2 = p2.add(step2);
            }
            sum = sum.mod(Bn254.R);
            assertEquals(G1Point.GENERATOR.mul(sum), g1(g1.msm(bases1, prepared)), "G1, a = " + a);
            assertEquals(G2Point.GENERATOR.mul(sum), g2(g2.msm(bases2, prepared)), "G2, a = " + a);
        }
        if (org.loraproof.circuit.bn254.Simd.ENABLED) {
            assertThrows(IllegalArgumentException.class, () -> g1.scalarOnly().msm(new long[8 * n], prepared));
        }
    }

    @Test
    void fixedBaseTableMatchesScalarMultiplication() {
        SplittableRandom rng = new SplittableRandom(8);
        long[] base = new long[8];
        G1Point p = G1Point.GENERATOR.mul(BigInteger.valueOf(987654321));
        p.writeLimbs(base, 0);
        FixedBaseTable t = FixedBaseTable.g1(base, 0, 8);
        int n = 50;
        long[] scalars = new long[4 * n];
        BigInteger[] ks = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            ks[i] = i == 0 ? BigInteger.ZERO : i == 1 ? Bn254.R.subtract(BigInteger.ONE)
                    : new BigInteger(254, new java.util.Random(rng.nextLong())).mod(Bn254.R);
            putScalar(scalars, i, ks[i]);
        }
        long[] out = t.mulAll(scalars, n);
        for (int i = 0; i < n; i++) {
            assertEquals(p.mul(ks[i]), G1Point.fromLimbs(out, 8 * i), "scalar " + i);
        }
        long[] b2 = new long[16];
        G2Point q = G2Point.GENERATOR.mul(BigInteger.valueOf(4242));
        q.writeLimbs(b2, 0);
        long[] out2 = FixedBaseTable.g2(b2, 0, 6).mulAll(scalars, 5);
        for (int i = 0; i < 5; i++) {
            assertEquals(q.mul(ks[i]), G2Point.fromLimbs(out2, 16 * i));
        }
    }

    /**
     * Bucket reduction Σ (b + 1)·bucket[b] and plain sum against the discrete logs: buckets hold
     * multiples of G, many additions share a bucket (so waiting ones spill into the Jacobian
     * overflow) and some buckets stay empty; on the vector kernels (when present) and scalar code.
     */
    @ParameterizedTest
    @ValueSource(strings = {"g1", "g2"})
    void bucketReductionAndSumMatchTheDiscreteLogs(String curveName) {
        boolean twist = curveName.equals("g2");
        JacobianCurve c = twist ? JacobianCurve.g2() : JacobianCurve.g1();
        int aw = c.affineWidth(), count = 4096, n = 6000;
        SplittableRandom rng = new SplittableRandom(77);
        long[] bases = new long[aw * n];
        BigInteger[] logs = new BigInteger[n];
        int[] digits = new int[n];
        for (int i = 0; i < n; i++) {
            logs[i] = BigInteger.valueOf(1 + rng.nextInt(1 << 30));
            if (twist) {
                G2Point.GENERATOR.mul(logs[i]).writeLimbs(bases, aw * i);
            } else {
                G1Point.GENERATOR.mul(logs[i]).writeLimbs(bases, aw * i);
            }
            // a third of the points into eight buckets, the rest spread (bucket 100 left empty)
            int b = i % 3 == 0 ? 1 + rng.nextInt(8) : 1 + rng.nextInt(count);
            digits[i] = (b == 100 ? 101 : b) * (rng.nextInt(4) == 0 ? -1 : 1);
        }
        BigInteger weighted = BigInteger.ZERO, plain = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            BigInteger e = digits[i] < 0 ? logs[i].negate() : logs[i];
            weighted = weighted.add(e.multiply(BigInteger.valueOf(Math.abs(digits[i]))));
            plain = plain.add(e);
        }
        for (boolean lanes : new boolean[] {org.loraproof.circuit.bn254.Simd.ENABLED, false}) {
            BatchAffineBuckets[] sets = new BatchAffineBuckets[2];
            for (int k = 0; k < 2; k++) {
                sets[k] = new BatchAffineBuckets(c, count, 256, lanes);
                for (int i = 0; i < n; i++) {
                    sets[k].add(bases, aw * i, digits[i]);
                }
                sets[k].finish(bases);
            }
            long[] reduced = sets[0].reduce(), summed = sets[1].sum();
            if (twist) {
                assertEquals(G2Point.GENERATOR.mul(weighted.mod(Bn254.R)), g2(reduced), "lanes " + lanes);
                assertEquals(G2Point.GENERATOR.mul(plain.mod(Bn254.R)), g2(summed), "lanes " + lanes);
            } else {
                assertEquals(G1Point.GENERATOR.mul(weighted.mod(Bn254.R)), g1(reduced), "lanes " + lanes);
                assertEquals(G1Point.GENERATOR.mul(plain.mod(Bn254.R)), g1(summed), "lanes " + lanes);
            }
        }
    }
}
