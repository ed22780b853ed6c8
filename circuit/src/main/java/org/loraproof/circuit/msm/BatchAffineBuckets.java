package org.loraproof.circuit.msm;

import java.util.Arrays;
import org.loraproof.circuit.bn254.FieldLanes;
import org.loraproof.circuit.bn254.Fp2Lanes;
import org.loraproof.circuit.bn254.JacobianCurve;
import org.loraproof.circuit.bn254.LimbField;
import org.loraproof.circuit.bn254.Simd;

/**
 * Buckets kept in affine coordinates and filled by batches of independent affine additions that
 * share one field inversion (Montgomery's trick): about six multiplications per addition instead
 * of eleven for a Jacobian mixed addition. An addition into a bucket already touched by the
 * current batch waits for a later batch; when a round of waiting additions resolves less than half
 * of them (many scalars share a digit), the rest go into the buckets' Jacobian overflow (a mixed
 * addition each) instead of waiting round after round. With the vector kernels a batch runs on
 * {@link AffineLaneBatch}. Also serves as a set of independent accumulators (fixed-base
 * multiplication, the batched bucket reduction). Not thread-safe; one instance per task.
 */
final class BatchAffineBuckets {
    private final JacobianCurve curve;
    private final LimbField f;
    private final int w;
    private final int aw;
    private final int count;
    private final long[] buckets;
    /**
     * Per bucket: 0 when empty, {@link #FILLED} when it holds a point and no pending addition, else
     * the stamp of the batch whose pending addition it awaits (stamps start at 1).
     */
    private final int[] state;
    private int stamp = 1;
    private static final int FILLED = -1;

    private final int capacity;
    private final int[] pairBucket;
    /** The pending addends: offset into the bases, and −1 to negate (else 0), lanes of a vector mask. */
    private final int[] pairOffset;
    private final long[] pairSign;
    private long[] pairBases;
    private final byte[] pairKind;
    private final long[] denom;
    private final long[] prefix;
    private int pairs;

    private int[] deferredPoint = new int[64];
    private int[] deferredDigit = new int[64];
    private int deferred;
    /** Jacobian overflow per bucket, allocated when waiting stops paying. */
    private long[] overflow;
    private final long[] negated;
    private final long[] t;
    /** The eight-lane kernel when vectors are available, else null. */
    private final AffineLaneBatch lanes;
    long additions;

    private static final byte ADD = 0, DOUBLE = 1, CANCEL = 2;

    /** lanes: compute the batches on eight-lane vectors (only when {@link Simd#ENABLED}). */
    BatchAffineBuckets(JacobianCurve curve, int count, int capacity, boolean lanes) {
        this.curve = curve;
        this.f = curve.field();
        this.w = f.width();
        this.aw = 2 * w;
        this.count = count;
        this.buckets = new long[count * aw];
        this.state = new int[count];
        this.capacity = capacity;
        this.pairBucket = new int[capacity];
        this.pairOffset = new int[capacity];
        this.pairSign = new long[(capacity + 7) & ~7]; // whole groups of eight lanes
        this.pairKind = new byte[capacity];
        this.denom = new long[capacity * w];
        this.prefix = new long[capacity * w];
        this.t = new long[6 * w];
        this.negated = new long[aw];
        this.lanes = lanes ? new AffineLaneBatch(curve, f.width() == 4 ? FieldLanes.FP : Fp2Lanes.FIELD, capacity) : null;
    }

    /** Adds sign(d)·P (P the affine point at bases[p…]) into bucket |d| − 1. */
    void add(long[] bases, int p, int d) {
        if (curve.isAffineInfinity(bases, p)) {
            return;
        }
        int b = Math.abs(d) - 1;
        int st = state[b];
        if (st == 0) {
            if (d > 0) {
                System.arraycopy(bases, p, buckets, b * aw, aw);
            } else {
                curve.negAffine(buckets, b * aw, bases, p);
            }
            // a copy is final at once: later additions into b may join this same batch
            state[b] = FILLED;
            return;
        }
        if (st == stamp) {
            if (deferred == deferredPoint.length) {
                deferredPoint = java.util.Arrays.copyOf(deferredPoint, 2 * deferred);
                deferredDigit = java.util.Arrays.copyOf(deferredDigit, 2 * deferred);
            }
            deferredPoint[deferred] = p;
            deferredDigit[deferred++] = d;
            return;
        }
        state[b] = stamp;
        int k = pairs++;
        pairBucket[k] = b;
        pairOffset[k] = p;
        pairSign[k] = d >> 31;
        pairBases = bases;
        if (pairs == capacity) {
            flush();
        }
    }

    /**
     * The buckets in affine form, b at b·(affine width): the live array, meaningful where a bucket
     * is filled, between batches, while no Jacobian overflow is in use.
     */
    long[] affineBuckets() {
        if (overflow != null) {
            throw new IllegalStateException("buckets have a Jacobian overflow");
        }
        return buckets;
    }

    /** Writes bucket b in affine form (all zeros when empty) to out[oo…]; no overflow in use. */
    void copyBucket(int b, long[] out, int oo) {
        if (state[b] == 0) {
            java.util.Arrays.fill(out, oo, oo + aw, 0L);
        } else {
            System.arraycopy(buckets, b * aw, out, oo, aw);
        }
    }

    /** Runs the pending batch and the waiting additions. */
    void finish(long[] bases) {
        flush();
        while (deferred > 0) {
            int[] pts = java.util.Arrays.copyOf(deferredPoint, deferred), ds = java.util.Arrays.copyOf(deferredDigit, deferred);
            int waiting = deferred;
            deferred = 0;
            for (int i = 0; i < waiting; i++) {
                add(bases, pts[i], ds[i]);
            }
            flush();
            if (deferred > waiting / 2) {
                for (int i = 0; i < deferred; i++) {
                    addToOverflow(bases, deferredPoint[i], deferredDigit[i]);
                }
                deferred = 0;
            }
        }
    }

    private void addToOverflow(long[] bases, int p, int d) {
        int jw = curve.jacobianWidth();
        if (overflow == null) {
            overflow = new long[count * jw];
        }
        int b = Math.abs(d) - 1;
        if (d > 0) {
            curve.addMixed(overflow, b * jw, overflow, b * jw, bases, p);
        } else {
            curve.negAffine(negated, 0, bases, p);
            curve.addMixed(overflow, b * jw, overflow, b * jw, negated, 0);
        }
        additions++;
    }

    private void flush() {
        int m = pairs;
        if (m == 0) {
            stamp++;
            return;
        }
        final long[] pts = pairBases;
        if (lanes != null) {
            lanes.run(m, pairBucket, pairOffset, pairSign, pts, buckets, state);
            additions += m;
            pairs = 0;
            stamp++;
            return;
        }
        final int y2 = 3 * w; // scratch slot for −y of a negated addend
        // Denominators: x2 − x1, or 2·y1 when doubling; 1 when the sum is infinity.
        for (int k = 0; k < m; k++) {
            int bo = pairBucket[k] * aw, po = pairOffset[k];
            f.sub(denom, k * w, pts, po, buckets, bo);
            if (f.isZero(denom, k * w)) {
                boolean sameY;
                if (pairSign[k] != 0) {
                    f.neg(t, y2, pts, po + w);
                    sameY = f.equal(t, y2, buckets, bo + w);
                } else {
                    sameY = f.equal(pts, po + w, buckets, bo + w);
                }
                if (sameY) {
                    pairKind[k] = DOUBLE;
                    f.dbl(denom, k * w, buckets, bo + w);
                } else {
                    pairKind[k] = CANCEL;
                    f.setOne(denom, k * w);
                }
            } else {
                pairKind[k] = ADD;
            }
        }
        batchInverse(m);
        final int lambda = 0, x3 = w, tmp = 2 * w;
        for (int k = 0; k < m; k++) {
            int b = pairBucket[k], bo = b * aw, po = pairOffset[k];
            if (pairKind[k] == CANCEL) {
                state[b] = 0;
                continue;
            }
            if (pairKind[k] == DOUBLE) {
                f.square(t, tmp, buckets, bo);
                f.dbl(t, lambda, t, tmp);
                f.add(t, lambda, t, lambda, t, tmp);
            } else if (pairSign[k] != 0) {
                f.add(t, lambda, pts, po + w, buckets, bo + w);
                f.neg(t, lambda, t, lambda); // −y2 − y1
            } else {
                f.sub(t, lambda, pts, po + w, buckets, bo + w);
            }
            f.mul(t, lambda, t, lambda, denom, k * w);
            f.square(t, x3, t, lambda);
            f.sub(t, x3, t, x3, buckets, bo);
            f.sub(t, x3, t, x3, pts, po);
            f.sub(t, tmp, buckets, bo, t, x3);
            f.mul(t, tmp, t, tmp, t, lambda);
            f.sub(buckets, bo + w, t, tmp, buckets, bo + w);
            f.copy(buckets, bo, t, x3);
        }
        additions += m;
        pairs = 0;
        stamp++;
    }

    /** denom[k] ← denom[k]⁻¹ for k < m, with one inversion. */
    private void batchInverse(int m) {
        f.setOne(t, 0);
        for (int k = 0; k < m; k++) {
            f.copy(prefix, k * w, t, 0);
            f.mul(t, 0, t, 0, denom, k * w);
        }
        f.inverse(t, 0, t, 0);
        for (int k = m - 1; k >= 0; k--) {
            f.mul(t, w, t, 0, prefix, k * w);
            f.mul(t, 0, t, 0, denom, k * w);
            f.copy(denom, k * w, t, w);
        }
    }

    /** Buckets per segment in {@link #reduce}'s batched form. */
    private static final int SEGMENT = 16;

    /**
     * Σ (b + 1)·bucket[b], as Jacobian limbs. With the vector kernels the buckets are cut into
     * segments of {@link #SEGMENT} whose running sums advance side by side in batched affine
     * additions (one batch per step for the running sums R_s, one for the segment totals T_s, each
     * T_s the segment's locally weighted sum); then the result is Σ_s T_s + SEGMENT·Σ_s s·R_s, where
     * Σ_s s·R_s = Σ_s (s + 1)·R_s − Σ_s R_s is again a bucket reduction (recursively) and the plain
     * sums are batched pairwise sums: a few Jacobian additions in all instead of two per bucket.
     */
    long[] reduce() {
        foldOverflow();
        if (lanes == null || overflow != null || count < 8 * SEGMENT) {
            return reduceSerially();
        }
        int segments = count / SEGMENT;
        BatchAffineBuckets running = new BatchAffineBuckets(curve, segments, segments, true);
        BatchAffineBuckets totals = new BatchAffineBuckets(curve, segments, segments, true);
        for (int t = SEGMENT - 1; t >= 0; t--) {
            for (int seg = 0; seg < segments; seg++) {
                int b = seg * SEGMENT + t;
                if (state[b] != 0) {
                    running.add(buckets, b * aw, seg + 1);
                }
            }
            running.flush();
            for (int seg = 0; seg < segments; seg++) {
                if (running.state[seg] != 0) {
                    totals.add(running.buckets, seg * aw, seg + 1);
                }
            }
            totals.flush();
        }
        long[] weighted = running.reduce();
        long[] plain = running.sum();
        curve.neg(plain, 0, plain, 0);
        curve.add(weighted, 0, weighted, 0, plain, 0);
        for (int k = SEGMENT; k > 1; k >>= 1) {
            curve.dbl(weighted, 0, weighted, 0);
        }
        long[] total = totals.sum();
        curve.add(total, 0, total, 0, weighted, 0);
        additions += running.additions + totals.additions + 2;
        return total;
    }

    /** Σ bucket[b], as Jacobian limbs: pairwise in batched rounds while many buckets remain. */
    long[] sum() {
        foldOverflow();
        BatchAffineBuckets level = this;
        while (overflow == null && level.count >= 2 * SEGMENT) {
            int half = (level.count + 1) / 2;
            BatchAffineBuckets next = new BatchAffineBuckets(curve, half, half, lanes != null);
            for (int b = 0; b < level.count; b++) {
                if (level.state[b] != 0) {
                    next.add(level.buckets, b * aw, b / 2 + 1);
                }
            }
            next.finish(level.buckets);
            additions += next.additions;
            level = next;
        }
        int jw = curve.jacobianWidth();
        long[] acc = new long[jw];
        for (int b = 0; b < level.count; b++) {
            if (level.state[b] != 0) {
                curve.addMixed(acc, 0, acc, 0, level.buckets, b * aw);
                additions++;
            }
            if (level.overflow != null && !curve.isInfinity(level.overflow, b * jw)) {
                curve.add(acc, 0, acc, 0, level.overflow, b * jw);
                additions++;
            }
        }
        return acc;
    }

    /**
     * Adds the Jacobian overflow into the affine buckets: the few non-empty entries converted with
     * one inversion, then one batched round (an addend per bucket at most, so none waits).
     */
    private void foldOverflow() {
        if (overflow == null) {
            return;
        }
        int jw = curve.jacobianWidth();
        int n = 0;
        int[] which = new int[count];
        for (int b = 0; b < count; b++) {
            if (!curve.isInfinity(overflow, b * jw)) {
                which[n++] = b;
            }
        }
        long[] packed = new long[n * jw];
        for (int i = 0; i < n; i++) {
            System.arraycopy(overflow, which[i] * jw, packed, i * jw, jw);
        }
        long[] affine = new long[n * aw];
        curve.batchToAffine(packed, 0, n, affine, 0);
        overflow = null;
        for (int i = 0; i < n; i++) {
            add(affine, i * aw, which[i] + 1);
        }
        finish(affine);
    }

    /** Σ (b + 1)·bucket[b] by one running sum, as Jacobian limbs. */
    private long[] reduceSerially() {
        int jw = curve.jacobianWidth();
        long[] running = new long[jw];
        long[] total = new long[jw];
        for (int b = count - 1; b >= 0; b--) {
            if (state[b] != 0) {
                curve.addMixed(running, 0, running, 0, buckets, b * aw);
                additions++;
            }
            if (overflow != null && !curve.isInfinity(overflow, b * jw)) {
                curve.add(running, 0, running, 0, overflow, b * jw);
                additions++;
            }
            curve.add(total, 0, total, 0, running, 0);
            additions++;
        }
        return total;
    }
}
