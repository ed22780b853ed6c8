package org.loraproof.circuit.msm;

import org.loraproof.circuit.bn254.FpLanes;
import org.loraproof.circuit.bn254.MontgomeryField;

/**
 * A batch of independent affine additions on G1, bucket ← bucket ± point, computed eight at a time
 * on {@link FpLanes}: the denominators' prefix products run block by block, one vector inversion
 * (eight lanes) serves the whole batch, and the sums come out in canonical affine form. A pair
 * whose x-coordinates agree is a doubling (denominator 2y) or cancels to infinity (its bucket
 * empties); the scalar code prepares those lanes. Used only when {@code Simd.ENABLED}.
 */
final class G1LaneBatch {
    private static final int W = 4;
    private static final int BLOCK = FpLanes.BLOCK;
    private static final MontgomeryField F = MontgomeryField.FP;
    private static final long[] ONE = one();

    private final long[] x1, y1, x2, num, den, prefix;
    private final long[] scratch = new long[FpLanes.INVERSE_SCRATCH];
    private final long[] inv = new long[BLOCK], dinv = new long[BLOCK], lambda = new long[BLOCK];
    private final long[] t = new long[3 * W];
    private final byte[] kind;

    private static final byte ADD = 0, DOUBLE = 1, CANCEL = 2;

    G1LaneBatch(int capacity) {
        int longs = ((capacity + 7) / 8) * BLOCK;
        x1 = new long[longs];
        y1 = new long[longs];
        x2 = new long[longs];
        num = new long[longs];
        den = new long[longs];
        prefix = new long[longs];
        kind = new byte[capacity];
    }

    private static long[] one() {
        long[] o = new long[W];
        MontgomeryField.FP.setOne(o, 0);
        return o;
    }

    /**
     * For k < m: bucket[pairBucket[k]] ← bucket + (±) the affine point at pts[pairOffset[k]…]
     * (negated when pairNegate[k]); a bucket whose sum is infinity gets state 0.
     */
    void run(int m, int[] pairBucket, int[] pairOffset, boolean[] pairNegate, long[] pts, long[] buckets, int[] state) {
        int blocks = (m + 7) >>> 3;
        final int aw = 2 * W;
        for (int k = 0; k < m; k++) {
            int bo = pairBucket[k] * aw, po = pairOffset[k], o = (k >>> 3) * BLOCK, j = k & 7;
            FpLanes.put(x1, o, j, buckets, bo);
            FpLanes.put(y1, o, j, buckets, bo + W);
            FpLanes.put(x2, o, j, pts, po);
            if (pairNegate[k]) {
                F.neg(t, 0, pts, po + W);
                FpLanes.put(num, o, j, t, 0);
            } else {
                FpLanes.put(num, o, j, pts, po + W);
            }
            kind[k] = F.equal(pts, po, buckets, bo) ? DOUBLE : ADD;
        }
        for (int b = 0; b < blocks; b++) {
            int o = b * BLOCK;
            FpLanes.sub(den, o, x2, o, x1, o, 1);
            FpLanes.sub(num, o, num, o, y1, o, 1);
        }
        for (int k = 0; k < m; k++) {
            if (kind[k] == DOUBLE) {
                prepareDoubling(k, pairBucket[k] * aw, pairOffset[k], pairNegate[k], pts, buckets);
            }
        }
        for (int k = m; k < blocks * 8; k++) {
            FpLanes.put(den, (k >>> 3) * BLOCK, k & 7, ONE, 0);
        }
        // prefix[b] = den[0] ⋯ den[b], lane by lane
        System.arraycopy(den, 0, prefix, 0, BLOCK);
        for (int b = 1; b < blocks; b++) {
            FpLanes.mul(prefix, b * BLOCK, prefix, (b - 1) * BLOCK, den, b * BLOCK, scratch);
        }
        FpLanes.inverse(inv, 0, prefix, (blocks - 1) * BLOCK, scratch);
        for (int b = blocks - 1; b >= 0; b--) {
            int o = b * BLOCK;
            if (b > 0) {
                FpLanes.mul(dinv, 0, inv, 0, prefix, o - BLOCK, scratch);
                FpLanes.mul(inv, 0, inv, 0, den, o, scratch);
            } else {
                System.arraycopy(inv, 0, dinv, 0, BLOCK);
            }
            FpLanes.mul(lambda, 0, num, o, dinv, 0, scratch);
            // x3 = λ² + 5p − x1 − x2, in (3p, 7p); y3 = λ·(x1 + 8p − x3) + p − y1, in (0, 3p)
            FpLanes.mul(den, o, lambda, 0, lambda, 0, scratch);
            FpLanes.sub(den, o, den, o, x1, o, 4);
            FpLanes.sub(den, o, den, o, x2, o, 1);
            FpLanes.sub(x2, o, x1, o, den, o, 8);
            FpLanes.mul(x2, o, lambda, 0, x2, o, scratch);
            FpLanes.sub(y1, o, x2, o, y1, o, 1);
            FpLanes.canonical(den, o);
            FpLanes.canonical(y1, o);
        }
        for (int k = 0; k < m; k++) {
            int b = pairBucket[k];
            if (kind[k] == CANCEL) {
                state[b] = 0;
                continue;
            }
            int o = (k >>> 3) * BLOCK, j = k & 7;
            FpLanes.get(buckets, b * aw, den, o, j);
            FpLanes.get(buckets, b * aw + W, y1, o, j);
        }
    }

    /** Same x: λ = 3x²/(2y) when the y agree too, else the sum is infinity (lane made harmless). */
    private void prepareDoubling(int k, int bo, int po, boolean negate, long[] pts, long[] buckets) {
        int o = (k >>> 3) * BLOCK, j = k & 7;
        boolean sameY;
        if (negate) {
            F.neg(t, 0, pts, po + W);
            sameY = F.equal(t, 0, buckets, bo + W);
        } else {
            sameY = F.equal(pts, po + W, buckets, bo + W);
        }
        if (!sameY) {
            kind[k] = CANCEL;
            FpLanes.put(den, o, j, ONE, 0);
            return;
        }
        F.square(t, 0, buckets, bo);
        F.dbl(t, W, t, 0);
        F.add(t, 0, t, 0, t, W);
        FpLanes.put(num, o, j, t, 0);
        F.dbl(t, 0, buckets, bo + W);
        FpLanes.put(den, o, j, t, 0);
    }
}
