package org.loraproof.circuit.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.bn254.Fr;

/**
 * The three passes, run part by part with the exchanges between them done here, against
 * {@link Fft#toCoset} over the whole vector: equal limb for limb for every size and part count,
 * parts with no columns or rows included.
 */
class FourStepCosetTest {

    /** The passes on {@code parts} parts; returns the coset values in natural order. */
    static long[] inParts(FourStepCoset plan, long[] x, int parts) {
        int l = plan.columns(), h = plan.rows();
        long[][] cols = new long[parts][];
        for (int p = 0; p < parts; p++) {
            int[] c = FourStepCoset.cut(l, p, parts);
            cols[p] = new long[4 * (c[1] - c[0]) * h];
            for (int jl = c[0]; jl < c[1]; jl++) {
                for (int jh = 0; jh < h; jh++) {
                    System.arraycopy(x, 4 * (jl + l * jh), cols[p], 4 * ((jl - c[0]) * h + jh), 4);
                }
            }
            plan.inverseColumns(cols[p], c[0], c[1]);
        }
        long[][] rows = new long[parts][];
        for (int q = 0; q < parts; q++) {
            int[] r = FourStepCoset.cut(h, q, parts);
            rows[q] = new long[4 * (r[1] - r[0]) * l];
            for (int p = 0; p < parts; p++) {
                int[] c = FourStepCoset.cut(l, p, parts);
                for (int jl = c[0]; jl < c[1]; jl++) {
                    for (int kl = r[0]; kl < r[1]; kl++) {
                        System.arraycopy(cols[p], 4 * ((jl - c[0]) * h + kl), rows[q], 4 * ((kl - r[0]) * l + jl), 4);
                    }
                }
            }
            plan.middleRows(rows[q], r[0], r[1]);
        }
        long[] out = new long[x.length];
        for (int p = 0; p < parts; p++) {
            int[] c = FourStepCoset.cut(l, p, parts);
            long[] block = new long[4 * (c[1] - c[0]) * h];
            for (int q = 0; q < parts; q++) {
                int[] r = FourStepCoset.cut(h, q, parts);
                for (int kl = r[0]; kl < r[1]; kl++) {
                    for (int ml = c[0]; ml < c[1]; ml++) {
                        System.arraycopy(rows[q], 4 * ((kl - r[0]) * l + ml), block, 4 * ((ml - c[0]) * h + kl), 4);
                    }
                }
            }
            plan.forwardColumns(block, c[0], c[1]);
            for (int ml = c[0]; ml < c[1]; ml++) {
                for (int mh = 0; mh < h; mh++) {
                    System.arraycopy(block, 4 * ((ml - c[0]) * h + mh), out, 4 * (ml + l * mh), 4);
                }
            }
        }
        return out;
    }

    @Test
    void equalsTheWholeTransformForEverySizeAndPartCount() {
        SplittableRandom rng = new SplittableRandom(34);
        for (int log = 0; log <= 11; log++) {
            long[] x = FftTest.random(1 << log, rng);
            long[] expected = x.clone();
            Fft.ofLogSize(log).toCoset(expected, Fft.ofLogSize(log + 1).omega());
            FourStepCoset plan = FourStepCoset.oddCoset(log);
            for (int parts : new int[] {1, 3, 7, 64}) {
                assertArrayEquals(expected, inParts(plan, x, parts), "2^" + log + " in " + parts + " parts");
            }
        }
    }

    @Test
    void anyCosetShift() {
        SplittableRandom rng = new SplittableRandom(35);
        Fr g = Fr.of(7);
        long[] x = FftTest.random(1 << 9, rng);
        long[] expected = x.clone();
        Fft.ofLogSize(9).toCoset(expected, g);
        assertArrayEquals(expected, inParts(FourStepCoset.of(9, g), x, 5));
    }

    @Test
    void refusesABlockOfTheWrongSize() {
        FourStepCoset plan = FourStepCoset.oddCoset(6);
        assertThrows(IllegalArgumentException.class, () -> plan.inverseColumns(new long[4 * 8 * 3], 0, 2));
    }
}
