package org.loraproof.circuit.msm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.loraproof.circuit.Workers;
import org.loraproof.circuit.bn254.Bn254;
import org.loraproof.circuit.bn254.JacobianCurve;
import org.loraproof.circuit.bn254.MontgomeryField;
import org.loraproof.circuit.bn254.Simd;

/**
 * Σ kᵢ·Pᵢ by Pippenger's bucket method with signed digits in windows of c or c − 1 bits (buckets
 * 1 … 2^(c−1), a negative digit adds −P). Bases are affine limbs as {@link JacobianCurve} lays them out; scalars are four
 * standard-form (not Montgomery) little-endian limbs each, below r. A scalar above r/2 is taken as
 * the negative r − k, so small signed values touch only their low windows.
 *
 * <p>Scalars 0 are skipped and scalars 1 summed directly, since witnesses are full of bits. The
 * windows run in parallel on a {@link ForkJoinPool}; each window fills its buckets (batched
 * affine additions from {@link #BATCH_AFFINE_THRESHOLD} scalars on, on eight-lane vectors when
 * {@link Simd#ENABLED}; Jacobian mixed additions below), then reduces them with a running sum.
 */
public final class PippengerMsm {
    private static final int SCALAR_BITS = 254;
    /** From this many non-trivial scalars on, buckets are filled by batched affine additions. */
    static final int BATCH_AFFINE_THRESHOLD = 1 << 10;
    private static final int BATCH = 1 << 10;

    private final Supplier<JacobianCurve> curves;
    private final ForkJoinPool pool;
    /** Batched additions on eight-lane vectors ({@link Simd#ENABLED}), else scalar code. */
    private final boolean lanes;
    /** Counts point additions (mixed and full) of the last call, for benchmarks. */
    private volatile long lastAdditions;

    private PippengerMsm(Supplier<JacobianCurve> curves, ForkJoinPool pool, boolean lanes) {
        this.curves = curves;
        this.pool = pool;
        this.lanes = lanes;
    }

    public static PippengerMsm g1() {
        return new PippengerMsm(JacobianCurve::g1, Workers.pool(), Simd.ENABLED);
    }

    public static PippengerMsm g2() {
        return new PippengerMsm(JacobianCurve::g2, Workers.pool(), Simd.ENABLED);
    }

    public PippengerMsm withPool(ForkJoinPool p) {
        return new PippengerMsm(curves, p, lanes);
    }

    /** The same MSM on scalar code only (for tests that compare both). */
    PippengerMsm scalarOnly() {
        return new PippengerMsm(curves, pool, false);
    }

    /** Point additions performed by the last call on this instance. */
    public long lastAdditions() {
        return lastAdditions;
    }

    /** Σ kᵢ·Pᵢ over all bases; returns Jacobian limbs. */
    public long[] msm(long[] bases, long[] scalars) {
        JacobianCurve c = curves.get();
        return partial(bases, scalars, 0, bases.length / c.affineWidth());
    }

    /**
     * Σ kᵢ·Pᵢ for i in [from, to), as Jacobian limbs. Results over slices that cover a range add
     * up to the result over the range.
     */
    public long[] partial(long[] bases, long[] scalars, int from, int to) {
        return msm(bases, prepare(scalars, from, to));
    }

    /**
     * Scalars split and cut into signed digits once, for several MSMs over the same scalars (the
     * prover's A, B in G1 and B in G2) on this or another instance with the same vector setting.
     */
    public Scalars prepare(long[] scalars, int from, int to) {
        if (from < 0 || to < from || (long) to * 4 > scalars.length) {
            throw new IllegalArgumentException("MSM slice [" + from + ", " + to + ") outside the scalars");
        }
        // split off the zero and one scalars
        int[] general = new int[to - from], ones = new int[to - from];
        int g = 0, o = 0;
        for (int i = from; i < to; i++) {
            long s0 = scalars[4 * i], s1 = scalars[4 * i + 1], s2 = scalars[4 * i + 2], s3 = scalars[4 * i + 3];
            if ((s1 | s2 | s3) == 0 && (s0 == 0 || s0 == 1)) {
                if (s0 == 1) {
                    ones[o++] = i;
                }
            } else {
                general[g++] = i;
            }
        }
        int[] widths = windowWidths(windowBits(g, lanes ? LANE_REDUCTION_COST : SCALAR_REDUCTION_COST));
        int[] digits = new int[widths.length * g];
        // digits in parallel chunks of scalars (each chunk writes its own columns)
        int chunks = g < 1 << 12 || pool.getParallelism() == 1 ? 1 : Math.min(4 * pool.getParallelism(), g >>> 11);
        int count = g;
        IntConsumer part = c -> signedDigits(scalars, general, count, (int) ((long) count * c / chunks),
                (int) ((long) count * (c + 1) / chunks), widths, digits);
        if (chunks == 1) {
            part.accept(0);
        } else {
            pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(part)).join();
        }
        return new Scalars(from, to, Arrays.copyOf(ones, o), general, g, widths, digits, lanes);
    }

    /** Scalars prepared by {@link #prepare}: indices of the ones and of the general scalars, and the latter's digits. */
    public static final class Scalars {
        private final int from, to;
        private final int[] ones;
        private final int[] general;
        private final int g;
        private final int[] widths;
        private final int[] digits;
        private final boolean lanes;

        private Scalars(int from, int to, int[] ones, int[] general, int g, int[] widths, int[] digits, boolean lanes) {
            this.from = from;
            this.to = to;
            this.ones = ones;
            this.general = general;
            this.g = g;
            this.widths = widths;
            this.digits = digits;
            this.lanes = lanes;
        }
    }

    /** Σ kᵢ·Pᵢ over the prepared scalars' slice, as Jacobian limbs. */
    public long[] msm(long[] bases, Scalars s) {
        JacobianCurve curve = curves.get();
        int aw = curve.affineWidth();
        if ((long) s.to * aw > bases.length) {
            throw new IllegalArgumentException("MSM slice [" + s.from + ", " + s.to + ") outside the bases");
        }
        if (s.lanes != lanes) {
            throw new IllegalArgumentException("scalars prepared for another vector setting");
        }
        long additions = 0;
        long[] result = new long[curve.jacobianWidth()];
        for (int i : s.ones) {
            curve.addMixed(result, 0, result, 0, bases, i * aw);
            additions++;
        }
        int g = s.g;
        if (lanes && g >= BATCH_AFFINE_THRESHOLD) {
            Simd.ensureWarmedUp();
        }
        if (g > 0) {
            int[] widths = s.widths;
            int windows = widths.length;
            long[][] sums = new long[windows][];
            List<WindowTask> tasks = new ArrayList<>(windows);
            for (int w = 0; w < windows; w++) {
                tasks.add(new WindowTask(bases, s.general, g, s.digits, widths, w, sums));
            }
            if (pool.getParallelism() > 1 && g >= 256) {
                pool.invoke(new RecursiveTask<Void>() {
                    @Override
                    protected Void compute() {
                        invokeAll(tasks);
                        return null;
                    }
                });
            } else {
                tasks.forEach(WindowTask::invoke);
            }
            for (WindowTask t : tasks) {
                t.join();
                additions += t.additions;
            }
            long[] acc = sums[windows - 1];
            for (int w = windows - 2; w >= 0; w--) {
                for (int k = 0; k < widths[w]; k++) {
                    curve.dbl(acc, 0, acc, 0);
                }
                curve.add(acc, 0, acc, 0, sums[w], 0);
                additions++;
            }
            curve.add(result, 0, result, 0, acc, 0);
            additions++;
        }
        lastAdditions = additions;
        return result;
    }

    /** Widest window considered; set by {@code loraproof.msm.maxWindowBits}. */
    static final int MAX_WINDOW_BITS = Integer.getInteger("loraproof.msm.maxWindowBits", 18);

    /**
     * Cost of reducing one bucket over that of adding one point into a bucket. Scalar: two
     * Jacobian additions. Lanes: measured again once the reduction was batched and the inversion
     * cheap, 3 beat 10 by about 5 % for G1 MSMs of 2^18 and 2^20 points (windows of 15 and 16 bits
     * instead of 13 and 15).
     */
    static final double SCALAR_REDUCTION_COST = 2, LANE_REDUCTION_COST = 3;

    /**
     * The window width minimising windows·(n + reduction·2^(c−1)): bucket fill plus running-sum
     * reduction, reduction being the relative cost of one bucket's share.
     */
    static int windowBits(int n, double reduction) {
        // batched additions want at least four buckets per batch slot, or a batch mostly collides
        int min = n >= BATCH_AFFINE_THRESHOLD ? Integer.numberOfTrailingZeros(BATCH) + 3 : 2;
        int best = min;
        double bestCost = Double.MAX_VALUE;
        for (int c = min; c <= Math.max(min, MAX_WINDOW_BITS); c++) {
            double windows = Math.ceil((double) DIGIT_BITS / c);
            double cost = windows * (n + reduction * Math.pow(2, c - 1));
            if (cost < bestCost) {
                bestCost = cost;
                best = c;
            }
        }
        return best;
    }

    /** Bits the signed digits cover: scalars are at most r/2 < 2^253 after {@link #absolute}. */
    private static final int DIGIT_BITS = SCALAR_BITS;

    /**
     * Widths of ⌈254/c⌉ windows as equal as possible (c or c − 1 bits, the wider ones lowest), so
     * that no window is left with a few bits: a narrow top window has so few buckets that its
     * batches would collide over and over.
     */
    static int[] windowWidths(int c) {
        int windows = (DIGIT_BITS + c - 1) / c;
        int[] widths = new int[windows];
        for (int w = 0; w < windows; w++) {
            widths[w] = DIGIT_BITS / windows + (w < DIGIT_BITS % windows ? 1 : 0);
        }
        return widths;
    }

    /**
     * Signed digits, window w in [−2^(c_w−1), 2^(c_w−1)] for widths c_w, window-major:
     * digits[w·g + j] is window w of scalar general[j], written for j in [lo, hi). The top window
     * never carries out, as the widths cover 254 bits and the scalars (after {@link #absolute})
     * are below 2^253.
     */
    static void signedDigits(long[] scalars, int[] general, int g, int lo, int hi, int[] widths, int[] digits) {
        int windows = widths.length;
        long[] k = new long[4];
        for (int j = lo; j < hi; j++) {
            int base = 4 * general[j];
            // k > r/2 stands for the small negative k − r: use r − k with the point negated, so its
            // high windows are zero (witnesses are full of small signed values)
            boolean negate = absolute(scalars, base, k);
            int carry = 0, bit = 0;
            for (int w = 0; w < windows; w++) {
                int c = widths[w], half = 1 << (c - 1);
                int d = (int) bits(k, 0, bit, c) + carry;
                bit += c;
                if (d > half) {
                    d -= 1 << c;
                    carry = 1;
                } else {
                    carry = 0;
                }
                digits[w * g + j] = negate ? -d : d;
            }
        }
    }

    private static final long[] R = MontgomeryField.limbsOf(Bn254.R);
    private static final long[] HALF_R = MontgomeryField.limbsOf(Bn254.R.shiftRight(1));

    /** k ← s or r − s, whichever is at most r/2; true when it took r − s. Scalars below r. */
    static boolean absolute(long[] s, int off, long[] k) {
        boolean above = false;
        for (int i = 3; i >= 0; i--) {
            int cmp = Long.compareUnsigned(s[off + i], HALF_R[i]);
            if (cmp != 0) {
                above = cmp > 0;
                break;
            }
        }
        if (!above) {
            System.arraycopy(s, off, k, 0, 4);
            return false;
        }
        long borrow = 0;
        for (int i = 0; i < 4; i++) {
            long d = R[i] - s[off + i] - borrow;
            borrow = (Long.compareUnsigned(R[i], s[off + i]) < 0 || (borrow == 1 && R[i] == s[off + i])) ? 1 : 0;
            k[i] = d;
        }
        return true;
    }

    /** c ≤ 31 bits of the 256-bit scalar at limb offset base, from bit position bit. */
    static long bits(long[] s, int base, int bit, int c) {
        int limb = bit >>> 6, shift = bit & 63;
        if (limb >= 4) {
            return 0;
        }
        long v = s[base + limb] >>> shift;
        if (shift + c > 64 && limb + 1 < 4) {
            v |= s[base + limb + 1] << (64 - shift);
        }
        return v & ((1L << c) - 1);
    }

    /**
     * Window w: bucket accumulation and reduction; the sum goes to sums[w]. One window to a bucket
     * set: two windows sharing one halved the inversions while those were expensive, but since the
     * inversion costs ~2 % of an MSM one is 7–8 % faster (G1 and G2 at 2^18, G1 at 2^20), as a set
     * half the size stays in cache.
     */
    private final class WindowTask extends RecursiveTask<Void> {
        private final long[] bases;
        private final int[] general;
        private final int g;
        private final int[] digits;
        private final int[] widths;
        private final int w;
        private final long[][] sums;
        long additions;

        WindowTask(long[] bases, int[] general, int g, int[] digits, int[] widths, int w, long[][] sums) {
            this.bases = bases;
            this.general = general;
            this.g = g;
            this.digits = digits;
            this.widths = widths;
            this.w = w;
            this.sums = sums;
        }

        @Override
        protected Void compute() {
            JacobianCurve curve = curves.get();
            int aw = curve.affineWidth(), off = w * g;
            boolean any = false;
            for (int j = off; j < off + g && !any; j++) {
                any = digits[j] != 0;
            }
            if (!any) { // every digit zero: the window sums to infinity
                sums[w] = new long[curve.jacobianWidth()];
                return null;
            }
            if (g < BATCH_AFFINE_THRESHOLD) {
                sums[w] = jacobianWindow(curve, w, widths[w]);
                return null;
            }
            int count = 1 << (widths[w] - 1);
            BatchAffineBuckets buckets = new BatchAffineBuckets(curve, count, Math.min(BATCH, count / 4), lanes);
            for (int j = 0; j < g; j++) {
                int d = digits[off + j];
                if (d != 0) {
                    buckets.add(bases, general[j] * aw, d);
                }
            }
            buckets.finish(bases);
            sums[w] = buckets.reduce();
            additions = buckets.additions;
            return null;
        }

        /** One window of few scalars: Jacobian mixed additions into buckets, then a running sum. */
        private long[] jacobianWindow(JacobianCurve curve, int w, int c) {
            int aw = curve.affineWidth(), jw = curve.jacobianWidth();
            int off = w * g;
            int count = 1 << (c - 1);
            long[] bucket = new long[count * jw];
            long[] neg = new long[aw];
            long adds = 0;
            for (int j = 0; j < g; j++) {
                int d = digits[off + j];
                if (d == 0) {
                    continue;
                }
                int p = general[j] * aw;
                if (d > 0) {
                    curve.addMixed(bucket, (d - 1) * jw, bucket, (d - 1) * jw, bases, p);
                } else {
                    curve.negAffine(neg, 0, bases, p);
                    curve.addMixed(bucket, (-d - 1) * jw, bucket, (-d - 1) * jw, neg, 0);
                }
                adds++;
            }
            long[] running = new long[jw];
            long[] total = new long[jw];
            for (int b = count - 1; b >= 0; b--) {
                curve.add(running, 0, running, 0, bucket, b * jw);
                curve.add(total, 0, total, 0, running, 0);
                adds += 2;
            }
            additions += adds;
            return total;
        }
    }
}
