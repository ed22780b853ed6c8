package org.loraproof.circuit.msm;

import org.loraproof.circuit.bn254.FieldLanes;
import org.loraproof.circuit.bn254.JacobianCurve;
import org.loraproof.circuit.bn254.LaneField;
import org.loraproof.circuit.bn254.LimbField;
import org.loraproof.circuit.bn254.MontgomeryField;

/**
 * A batch of independent affine additions, bucket ← bucket ± point, computed eight at a time on a
 * {@link LaneField} (Fp for G1, Fp2 for G2): the denominators' prefix products run group by group,
 * one lane-wise inversion serves the whole batch, and the sums come out in canonical affine form.
 * A pair whose x-coordinates agree is a doubling (λ = 3x²/2y, prepared by the scalar field) or
 * cancels to infinity (its bucket empties). Used only when {@code Simd.ENABLED}.
 */
final class AffineLaneBatch {
    private static final FieldLanes FP_LANES = FieldLanes.FP;
    private static final MontgomeryField FP = MontgomeryField.FP;
    private final LaneField lf;
    private final LimbField f;
    private final int w;
    /** Longs per group of eight elements. */
    private final int g;
    private final long[] one;

    private final long[] x1, y1, x2, num, den, prefix;
    private final long[] scratch;
    private final long[] inv, dinv, lambda;
    private final long[] t;
    private final byte[] kind;

    private static final byte ADD = 0, DOUBLE = 1, CANCEL = 2;

    AffineLaneBatch(JacobianCurve curve, LaneField lf, int capacity) {
        this.lf = lf;
        this.f = curve.field();
        this.w = f.width();
        this.g = lf.blocks() * FieldLanes.BLOCK;
        int longs = ((capacity + 7) / 8) * g;
        x1 = new long[longs];
        y1 = new long[longs];
        x2 = new long[longs];
        num = new long[longs];
        den = new long[longs];
        prefix = new long[longs];
        scratch = new long[lf.scratch()];
        inv = new long[g];
        dinv = new long[g];
        lambda = new long[g];
        t = new long[3 * w];
        one = new long[w];
        f.setOne(one, 0);
        kind = new byte[capacity];
    }

    /**
     * For k < m: bucket[pairBucket[k]] ← bucket + (±) the affine point at pts[pairOffset[k]…]
     * (negated where pairSign[k] is −1, not where 0; pairSign has whole groups of eight); a bucket
     * whose sum is infinity gets state 0.
     */
    void run(int m, int[] pairBucket, int[] pairOffset, long[] pairSign, long[] pts, long[] buckets, int[] state) {
        int groups = (m + 7) >>> 3;
        gather(m, groups, pairBucket, pairOffset, pairSign, pts, buckets);
        prefixProducts(groups);
        sums(groups);
        scatter(m, pairBucket, buckets, state);
    }

    // run's steps are separate methods so that each compiles on its own, early, without
    // on-stack replacement of one long method

    /**
     * Lanes x1, y1, x2 and the numerators and denominators; doublings and padding prepared. The
     * coordinates are loaded on the base field component by component (one for G1, two for G2, as
     * {@link org.loraproof.circuit.bn254.Fp2Lanes} lays them out), by a loop of each curve's own, so
     * that running the other curve does not make the JIT recompile it. The addends' y go in as they
     * are and the numerators ±y2 − y1 take their signs lane-wise: a random sign is no branch.
     */
    private void gather(int m, int groups, int[] pairBucket, int[] pairOffset, long[] pairSign, long[] pts,
            long[] buckets) {
        final int aw = 2 * w, comps = w >>> 2;
        if (comps == 1) {
            loadG1(m, pairBucket, pairOffset, pts, buckets);
        } else {
            loadComponents(m, comps, pairBucket, pairOffset, pts, buckets);
        }
        for (int b = 0; b < groups * comps; b++) {
            int o = b * FieldLanes.BLOCK;
            FP_LANES.sub(den, o, x2, o, x1, o, 1);
            FP_LANES.subSigned(num, o, num, o, y1, o, pairSign, (b / comps) * FieldLanes.LANES);
        }
        for (int k = 0; k < m; k++) {
            if (kind[k] == DOUBLE) {
                prepareDoubling(k, pairBucket[k] * aw, pairOffset[k], pairSign[k] != 0, pts, buckets);
            }
        }
        for (int k = m; k < groups * 8; k++) {
            lf.put(den, (k >>> 3) * g, k & 7, one, 0);
        }
    }

    private void loadG1(int m, int[] pairBucket, int[] pairOffset, long[] pts, long[] buckets) {
        for (int k = 0; k < m; k++) {
            int bo = pairBucket[k] * 8, po = pairOffset[k], o = (k >>> 3) * g, j = k & 7;
            FP_LANES.put(x1, o, j, buckets, bo);
            FP_LANES.put(y1, o, j, buckets, bo + 4);
            FP_LANES.put(x2, o, j, pts, po);
            FP_LANES.put(num, o, j, pts, po + 4);
            kind[k] = FP.equal(pts, po, buckets, bo) ? DOUBLE : ADD;
        }
    }

    private void loadComponents(int m, int comps, int[] pairBucket, int[] pairOffset, long[] pts, long[] buckets) {
        for (int k = 0; k < m; k++) {
            int bo = pairBucket[k] * 2 * w, po = pairOffset[k], o = (k >>> 3) * g, j = k & 7;
            boolean sameX = true;
            for (int c = 0; c < comps; c++) {
                int lo = o + c * FieldLanes.BLOCK, bc = bo + 4 * c, pc = po + 4 * c;
                FP_LANES.put(x1, lo, j, buckets, bc);
                FP_LANES.put(y1, lo, j, buckets, bc + w);
                FP_LANES.put(x2, lo, j, pts, pc);
                FP_LANES.put(num, lo, j, pts, pc + w);
                sameX &= FP.equal(pts, pc, buckets, bc);
            }
            kind[k] = sameX ? DOUBLE : ADD;
        }
    }

    /** prefix[b] = den[0] ⋯ den[b], lane by lane, and inv = prefix[last]⁻¹. */
    private void prefixProducts(int groups) {
        System.arraycopy(den, 0, prefix, 0, g);
        for (int b = 1; b < groups; b++) {
            lf.mul(prefix, b * g, prefix, (b - 1) * g, den, b * g, scratch);
        }
        lf.inverse(inv, 0, prefix, (groups - 1) * g, scratch);
    }

    /** Backwards: each group's 1/den, λ, and the sums x3 (into den) and y3 (into y1). */
    private void sums(int groups) {
        for (int b = groups - 1; b >= 0; b--) {
            int o = b * g;
            if (b > 0) {
                lf.mul(dinv, 0, inv, 0, prefix, o - g, scratch);
                lf.mul(inv, 0, inv, 0, den, o, scratch);
            } else {
                System.arraycopy(inv, 0, dinv, 0, g);
            }
            lf.mul(lambda, 0, num, o, dinv, 0, scratch);
            // x3 = λ² + 5p − x1 − x2, in (3p, 7p); y3 = λ·(x1 + 8p − x3) + p − y1, in (0, 3p)
            lf.square(den, o, lambda, 0, scratch);
            lf.sub(den, o, den, o, x1, o, 4);
            lf.sub(den, o, den, o, x2, o, 1);
            lf.sub(x2, o, x1, o, den, o, 8);
            lf.mul(x2, o, x2, o, lambda, 0, scratch);
            lf.sub(y1, o, x2, o, y1, o, 1);
            lf.canonical(den, o);
            lf.canonical(y1, o);
        }
    }

    /** The sums back into their buckets (G1 by a loop of its own, as in {@link #gather}); a cancelled bucket empties. */
    private void scatter(int m, int[] pairBucket, long[] buckets, int[] state) {
        if (w == 4) {
            storeG1(m, pairBucket, buckets, state);
            return;
        }
        final int aw = 2 * w, comps = w >>> 2;
        for (int k = 0; k < m; k++) {
            int b = pairBucket[k];
            if (kind[k] == CANCEL) {
                state[b] = 0;
                continue;
            }
            int o = (k >>> 3) * g, j = k & 7;
            for (int c = 0; c < comps; c++) {
                int lo = o + c * FieldLanes.BLOCK, bc = b * aw + 4 * c;
                FP_LANES.get(buckets, bc, den, lo, j);
                FP_LANES.get(buckets, bc + w, y1, lo, j);
            }
        }
    }

    private void storeG1(int m, int[] pairBucket, long[] buckets, int[] state) {
        for (int k = 0; k < m; k++) {
            int b = pairBucket[k];
            if (kind[k] == CANCEL) {
                state[b] = 0;
                continue;
            }
            int o = (k >>> 3) * g, j = k & 7;
            FP_LANES.get(buckets, b * 8, den, o, j);
            FP_LANES.get(buckets, b * 8 + 4, y1, o, j);
        }
    }

    /** Same x: λ = 3x²/(2y) when the y agree too, else the sum is infinity (lane made harmless). */
    private void prepareDoubling(int k, int bo, int po, boolean negate, long[] pts, long[] buckets) {
        int o = (k >>> 3) * g, j = k & 7;
        boolean sameY;
        if (negate) {
            f.neg(t, 0, pts, po + w);
            sameY = f.equal(t, 0, buckets, bo + w);
        } else {
            sameY = f.equal(pts, po + w, buckets, bo + w);
        }
        if (!sameY) {
            kind[k] = CANCEL;
            lf.put(den, o, j, one, 0);
            return;
        }
        f.square(t, 0, buckets, bo);
        f.dbl(t, w, t, 0);
        f.add(t, 0, t, 0, t, w);
        lf.put(num, o, j, t, 0);
        f.dbl(t, 0, buckets, bo + w);
        lf.put(den, o, j, t, 0);
    }
}
