package org.loraproof.circuit.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loraproof.circuit.bn254.Bn254;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.Simd;

/** The NTT against a naive O(n²) DFT, inverse∘forward, and coset evaluation. */
class FftTest {

    static long[] random(int n, SplittableRandom rng) {
        long[] a = new long[4 * n];
        for (int i = 0; i < n; i++) {
            Fr.random(rng).writeLimbs(a, 4 * i);
        }
        return a;
    }

    private static Fr at(long[] a, int i) {
        return Fr.fromLimbs(a, 4 * i);
    }

    /** Σ_j a_j x^j by Horner. */
    private static Fr evaluate(long[] coeffs, Fr x) {
        Fr acc = Fr.ZERO;
        for (int j = coeffs.length / 4 - 1; j >= 0; j--) {
            acc = acc.mul(x).add(at(coeffs, j));
        }
        return acc;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 8, 10})
    void forwardEqualsNaiveDft(int log) {
        Fft fft = Fft.ofLogSize(log);
        int n = fft.size();
        long[] a = random(n, new SplittableRandom(log));
        long[] coeffs = a.clone();
        fft.forward(a);
        Fr w = Fr.ONE;
        for (int i = 0; i < n; i++) {
            assertEquals(evaluate(coeffs, w), at(a, i), "point " + i);
            w = w.mul(fft.omega());
        }
    }

    /** The vector transform (when present) and the scalar one agree, both directions, every size. */
    @ParameterizedTest
    @ValueSource(ints = {6, 7, 9, 12, 13, 16}) // 16: the block permutation runs in two parallel chunks
    void laneAndScalarTransformsAgree(int log) {
        assumeTrue(Simd.ENABLED, "no 512-bit vectors here");
        Fft fft = Fft.ofLogSize(log);
        for (boolean inverse : new boolean[] {false, true}) {
            long[] a = random(fft.size(), new SplittableRandom(log * 2 + (inverse ? 1 : 0)));
            long[] b = a.clone();
            fft.transform(a, fft.twiddles(inverse), true);
            fft.transform(b, fft.twiddles(inverse), false);
            assertArrayEquals(b, a, "size 2^" + log + (inverse ? " inverse" : " forward"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 11, 12, 14})
    void inverseUndoesForward(int log) {
        Fft fft = Fft.ofLogSize(log);
        long[] a = random(fft.size(), new SplittableRandom(100 + log));
        long[] copy = a.clone();
        fft.forward(a);
        fft.inverse(a);
        assertArrayEquals(copy, a);
        Fr g = Fr.of(7);
        fft.cosetForward(a, g);
        fft.cosetInverse(a, g);
        assertArrayEquals(copy, a);
    }

    @Test
    void cosetForwardEvaluatesOnTheCoset() {
        Fft fft = Fft.ofLogSize(6);
        long[] a = random(64, new SplittableRandom(9));
        long[] coeffs = a.clone();
        Fr g = Fr.of(5);
        fft.cosetForward(a, g);
        Fr x = g;
        for (int i = 0; i < 64; i++) {
            assertEquals(evaluate(coeffs, x), at(a, i));
            x = x.mul(fft.omega());
        }
    }

    /** From the domain to the coset in one call: the same evaluations, checked by Horner at a few points. */
    @ParameterizedTest
    @ValueSource(ints = {3, 7, 12})
    void toCosetMovesEvaluationsToTheCoset(int log) {
        Fft fft = Fft.ofLogSize(log);
        long[] coeffs = random(fft.size(), new SplittableRandom(200 + log));
        long[] a = coeffs.clone();
        fft.forward(a);
        Fr g = Fft.ofLogSize(log + 1).omega();
        fft.toCoset(a, g);
        for (int i : new int[] {0, 1, fft.size() / 2 + 1, fft.size() - 1}) {
            assertEquals(evaluate(coeffs, g.mul(fft.omega().pow(BigInteger.valueOf(i)))), at(a, i), "point " + i);
        }
    }

    @Test
    void rootsHaveTheRightOrder() {
        for (int log : new int[] {1, 10, 28}) {
            Fr w = Fft.ofLogSize(log).omega();
            assertEquals(Fr.ONE, w.pow(BigInteger.ONE.shiftLeft(log)));
            assertEquals(Fr.ONE.neg(), w.pow(BigInteger.ONE.shiftLeft(log - 1)));
        }
        assertEquals(28, Bn254.R.subtract(BigInteger.ONE).getLowestSetBit());
        assertThrows(IllegalArgumentException.class, () -> Fft.ofLogSize(29));
        assertThrows(IllegalArgumentException.class, () -> Fft.ofLogSize(3).forward(new long[4]));
    }
}
