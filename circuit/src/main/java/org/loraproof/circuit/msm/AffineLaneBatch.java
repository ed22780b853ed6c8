package org.loraproof.circuit.msm;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.loraproof.circuit.bn254.Bn254;
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

    private static final VectorSpecies<Long> L = LongVector.SPECIES_512;
    private static final long M52 = (1L << 52) - 1;
    private static final long[] P52 = new long[5];

    static {
        for (int i = 0; i < 5; i++) {
            P52[i] = Bn254.P.shiftRight(52 * i).longValue() & M52;
        }
    }

    /** Offset of each pair's bucket in the bucket array (the gathers' and scatters' index map). */
    private final int[] bucketAt;

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
        bucketAt = new int[(capacity + 7) & ~7];
    }

    /**
     * For k < m: bucket[pairBucket[k]] ← bucket + (±) the affine point at pts[pairOffset[k]…]
     * (negated when pairNegate[k]); a bucket whose sum is infinity gets state 0.
     */
    void run(int m, int[] pairBucket, int[] pairOffset, boolean[] pairNegate, long[] pts, long[] buckets, int[] state) {
        int groups = (m + 7) >>> 3;
        gather(m, groups, pairBucket, pairOffset, pairNegate, pts, buckets);
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
     * that running the other curve does not make the JIT recompile it.
     */
    private void gather(int m, int groups, int[] pairBucket, int[] pairOffset, boolean[] pairNegate, long[] pts,
            long[] buckets) {
        final int aw = 2 * w, comps = w >>> 2;
        for (int k = 0; k < m; k++) {
            bucketAt[k] = pairBucket[k] * aw;
        }
        for (int k = m; k < groups * 8; k++) { // padding lanes read bucket 0 and the first point
            bucketAt[k] = 0;
            pairOffset[k] = 0;
            pairNegate[k] = false;
        }
        if (comps == 1) {
            loadG1(m, groups, pairOffset, pairNegate, pts, buckets);
        } else {
            loadComponents(m, groups, comps, pairOffset, pairNegate, pts, buckets);
        }
        for (int b = 0; b < groups * comps; b++) {
            int o = b * FieldLanes.BLOCK;
            FP_LANES.sub(den, o, x2, o, x1, o, 1);
            FP_LANES.sub(num, o, num, o, y1, o, 1);
        }
        for (int k = 0; k < m; k++) {
            if (kind[k] == DOUBLE) {
                prepareDoubling(k, pairBucket[k] * aw, pairOffset[k], pairNegate[k], pts, buckets);
            }
        }
        for (int k = m; k < groups * 8; k++) {
            lf.put(den, (k >>> 3) * g, k & 7, one, 0);
        }
    }

    private void loadG1(int m, int groups, int[] pairOffset, boolean[] pairNegate, long[] pts, long[] buckets) {
        for (int k = 0; k < m; k++) {
            kind[k] = FP.equal(pts, pairOffset[k], buckets, bucketAt[k]) ? DOUBLE : ADD;
        }
        for (int b = 0; b < groups; b++) {
            int k = 8 * b, o = b * g;
            toLanes(buckets, bucketAt, k, 0, x1, o);
            toLanes(buckets, bucketAt, k, 4, y1, o);
            toLanes(pts, pairOffset, k, 0, x2, o);
            toLanes(pts, pairOffset, k, 4, num, o);
            negateWhere(pairNegate, k, num, o);
        }
    }

    private void loadComponents(int m, int groups, int comps, int[] pairOffset, boolean[] pairNegate, long[] pts,
            long[] buckets) {
        for (int k = 0; k < m; k++) {
            boolean sameX = true;
            for (int c = 0; c < comps; c++) {
                sameX &= FP.equal(pts, pairOffset[k] + 4 * c, buckets, bucketAt[k] + 4 * c);
            }
            kind[k] = sameX ? DOUBLE : ADD;
        }
        for (int b = 0; b < groups; b++) {
            int k = 8 * b;
            for (int c = 0; c < comps; c++) {
                int lo = b * g + c * FieldLanes.BLOCK;
                toLanes(buckets, bucketAt, k, 4 * c, x1, lo);
                toLanes(buckets, bucketAt, k, 4 * c + w, y1, lo);
                toLanes(pts, pairOffset, k, 4 * c, x2, lo);
                toLanes(pts, pairOffset, k, 4 * c + w, num, lo);
                negateWhere(pairNegate, k, num, lo);
            }
        }
    }

    /**
     * Lanes j < 8: the four-limb base-field element at src[at[k + j] + c] (gathered) into the
     * five 52-bit limbs of the lane block dst[o…].
     */
    private static void toLanes(long[] src, int[] at, int k, int c, long[] dst, int o) {
        LongVector l0 = LongVector.fromArray(L, src, c, at, k);
        LongVector l1 = LongVector.fromArray(L, src, c + 1, at, k);
        LongVector l2 = LongVector.fromArray(L, src, c + 2, at, k);
        LongVector l3 = LongVector.fromArray(L, src, c + 3, at, k);
        l0.and(M52).intoArray(dst, o);
        l0.lanewise(VectorOperators.LSHR, 52).or(l1.lanewise(VectorOperators.LSHL, 12)).and(M52).intoArray(dst, o + 8);
        l1.lanewise(VectorOperators.LSHR, 40).or(l2.lanewise(VectorOperators.LSHL, 24)).and(M52).intoArray(dst, o + 16);
        l2.lanewise(VectorOperators.LSHR, 28).or(l3.lanewise(VectorOperators.LSHL, 36)).and(M52).intoArray(dst, o + 24);
        l3.lanewise(VectorOperators.LSHR, 16).intoArray(dst, o + 32);
    }

    /** The inverse of {@link #toLanes}: lanes of dst[o…] (canonical) scattered to out[at[k + j] + c]. */
    private static void fromLanes(long[] src, int o, long[] out, int[] at, int k, int c) {
        LongVector t0 = LongVector.fromArray(L, src, o), t1 = LongVector.fromArray(L, src, o + 8),
                t2 = LongVector.fromArray(L, src, o + 16), t3 = LongVector.fromArray(L, src, o + 24),
                t4 = LongVector.fromArray(L, src, o + 32);
        t0.or(t1.lanewise(VectorOperators.LSHL, 52)).intoArray(out, c, at, k);
        t1.lanewise(VectorOperators.LSHR, 12).or(t2.lanewise(VectorOperators.LSHL, 40)).intoArray(out, c + 1, at, k);
        t2.lanewise(VectorOperators.LSHR, 24).or(t3.lanewise(VectorOperators.LSHL, 28)).intoArray(out, c + 2, at, k);
        t3.lanewise(VectorOperators.LSHR, 36).or(t4.lanewise(VectorOperators.LSHL, 16)).intoArray(out, c + 3, at, k);
    }

    /** v ← p − v in the lanes j where negate[k + j] (v below p, its limbs normalised). */
    private static void negateWhere(boolean[] negate, int k, long[] v, int o) {
        VectorMask<Long> mask = VectorMask.fromArray(L, negate, k);
        if (!mask.anyTrue()) {
            return;
        }
        LongVector t0 = LongVector.fromArray(L, v, o), t1 = LongVector.fromArray(L, v, o + 8),
                t2 = LongVector.fromArray(L, v, o + 16), t3 = LongVector.fromArray(L, v, o + 24),
                t4 = LongVector.fromArray(L, v, o + 32);
        LongVector d0 = t0.neg().add(P52[0]);
        LongVector d1 = t1.neg().add(P52[1]).add(d0.lanewise(VectorOperators.ASHR, 52));
        LongVector d2 = t2.neg().add(P52[2]).add(d1.lanewise(VectorOperators.ASHR, 52));
        LongVector d3 = t3.neg().add(P52[3]).add(d2.lanewise(VectorOperators.ASHR, 52));
        LongVector d4 = t4.neg().add(P52[4]).add(d3.lanewise(VectorOperators.ASHR, 52));
        t0.blend(d0.and(M52), mask).intoArray(v, o);
        t1.blend(d1.and(M52), mask).intoArray(v, o + 8);
        t2.blend(d2.and(M52), mask).intoArray(v, o + 16);
        t3.blend(d3.and(M52), mask).intoArray(v, o + 24);
        t4.blend(d4, mask).intoArray(v, o + 32);
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

    /**
     * The sums back into their buckets, whole groups by vector scatters (G1 by a loop of its own, as
     * in {@link #gather}), the last partial group lane by lane. A cancelled pair's bucket empties
     * (what its lane wrote there is never read).
     */
    private void scatter(int m, int[] pairBucket, long[] buckets, int[] state) {
        int full = m >>> 3;
        if (w == 4) {
            storeG1(full, buckets);
        } else {
            storeComponents(full, buckets);
        }
        final int comps = w >>> 2;
        for (int k = 8 * full; k < m; k++) {
            int o = (k >>> 3) * g, j = k & 7;
            for (int c = 0; c < comps; c++) {
                int lo = o + c * FieldLanes.BLOCK, bc = bucketAt[k] + 4 * c;
                FP_LANES.get(buckets, bc, den, lo, j);
                FP_LANES.get(buckets, bc + w, y1, lo, j);
            }
        }
        for (int k = 0; k < m; k++) {
            if (kind[k] == CANCEL) {
                state[pairBucket[k]] = 0;
            }
        }
    }

    private void storeG1(int groups, long[] buckets) {
        for (int b = 0; b < groups; b++) {
            fromLanes(den, b * g, buckets, bucketAt, 8 * b, 0);
            fromLanes(y1, b * g, buckets, bucketAt, 8 * b, 4);
        }
    }

    private void storeComponents(int groups, long[] buckets) {
        final int comps = w >>> 2;
        for (int b = 0; b < groups; b++) {
            for (int c = 0; c < comps; c++) {
                int lo = b * g + c * FieldLanes.BLOCK;
                fromLanes(den, lo, buckets, bucketAt, 8 * b, 4 * c);
                fromLanes(y1, lo, buckets, bucketAt, 8 * b, 4 * c + w);
            }
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
