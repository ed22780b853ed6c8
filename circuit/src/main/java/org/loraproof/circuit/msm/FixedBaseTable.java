package org.loraproof.circuit.msm;

import org.loraproof.circuit.Workers;
import org.loraproof.circuit.bn254.JacobianCurve;
import org.loraproof.circuit.bn254.Simd;

/**
 * Precomputed multiples of one base point for many scalar multiplications k·P, as setup needs
 * (τ^i·G and the like): window w of width c holds j·2^(c·w)·P for j = 1 … 2^c − 1 in affine form,
 * so k·P costs one mixed addition per window.
 */
public final class FixedBaseTable {
    private static final int SCALAR_BITS = 256;

    private final boolean g2;
    private final int c;
    private final int windows;
    private final long[] table;
    private final int aw;

    private FixedBaseTable(boolean g2, int c, long[] table, int aw) {
        this.g2 = g2;
        this.c = c;
        this.windows = (SCALAR_BITS + c - 1) / c;
        this.table = table;
        this.aw = aw;
    }

    /** A table for the affine G1 base at base[off…]. */
    public static FixedBaseTable g1(long[] base, int off, int c) {
        return build(false, base, off, c);
    }

    /** A table for the affine G2 base at base[off…]. */
    public static FixedBaseTable g2(long[] base, int off, int c) {
        return build(true, base, off, c);
    }

    /**
     * The window width, at most maxBits, for count multiplications by one table: each costs a
     * batched affine addition per window, and so does each of the table's 2^c − 1 entries per window.
     */
    public static int windowBits(long count, int maxBits) {
        int best = 1;
        double bestCost = Double.MAX_VALUE;
        for (int c = 1; c <= Math.min(maxBits, 16); c++) {
            double cost = Math.ceil((double) SCALAR_BITS / c) * (count + (double) ((1 << c) - 1));
            if (cost < bestCost) {
                bestCost = cost;
                best = c;
            }
        }
        return best;
    }

    private static JacobianCurve curve(boolean g2) {
        return g2 ? JacobianCurve.g2() : JacobianCurve.g1();
    }

    /**
     * Window w holds j·B_w for j = 1 … 2^c − 1, B_w = 2^(cw)·P. The window bases come from c
     * doublings each; then round k makes entries 2^k + 1 … 2^(k+1) of every window as entry i plus
     * entry 2^k (i = 1 … 2^k; the last is a doubling), all in one set of batched affine additions.
     */
    private static FixedBaseTable build(boolean g2, long[] base, int off, int c) {
        if (c < 1 || c > 16) {
            throw new IllegalArgumentException("window width must be 1..16");
        }
        JacobianCurve curve = curve(g2);
        int aw = curve.affineWidth(), jw = curve.jacobianWidth();
        int windows = (SCALAR_BITS + c - 1) / c;
        int per = (1 << c) - 1;
        long[] jac = new long[windows * jw];
        curve.fromAffine(jac, 0, base, off);
        for (int w = 1; w < windows; w++) {
            System.arraycopy(jac, (w - 1) * jw, jac, w * jw, jw);
            for (int k = 0; k < c; k++) {
                curve.dbl(jac, w * jw, jac, w * jw);
            }
        }
        long[] windowBases = new long[windows * aw];
        curve.batchToAffine(jac, 0, windows, windowBases, 0);
        BatchAffineBuckets entries = new BatchAffineBuckets(curve, windows * per, Math.min(1 << 10, windows * per),
                Simd.ENABLED);
        for (int w = 0; w < windows; w++) {
            entries.add(windowBases, w * aw, w * per + 1);
        }
        long[] table = entries.affineBuckets();
        for (int k = 0; (1 << k) < per; k++) {
            int step = 1 << k;
            for (int w = 0; w < windows; w++) {
                int first = w * per; // entry j of window w is bucket first + j − 1
                for (int i = 1; i <= step && i + step <= per; i++) {
                    entries.add(table, (first + i - 1) * aw, first + i + step);
                    entries.add(table, (first + step - 1) * aw, first + i + step);
                }
            }
            entries.finish(table);
        }
        return new FixedBaseTable(g2, c, entries.affineBuckets(), aw);
    }

    /** Writes k·P in Jacobian form at out[oo…]; k is four standard-form limbs at scalar[so…]. */
    public void mul(long[] out, int oo, long[] scalar, int so, JacobianCurve curve) {
        curve.setInfinity(out, oo);
        int per = (1 << c) - 1;
        for (int w = 0; w < windows; w++) {
            int d = digit(scalar, so, w);
            if (d != 0) {
                curve.addMixed(out, oo, out, oo, table, (w * per + d - 1) * aw);
            }
        }
    }

    /** Window w's digit of the scalar at scalars[so…]. */
    private int digit(long[] scalars, int so, int w) {
        return (int) PippengerMsm.bits(scalars, so, w * c, c);
    }

    /**
     * k_i·P for n scalars (four standard-form limbs each), written as affine points to out, in
     * parallel.
     */
    public long[] mulAll(long[] scalars, int n) {
        long[] out = new long[n * aw];
        int chunk = 1024;
        Workers.parallelFor((n + chunk - 1) / chunk, b -> {
            JacobianCurve curve = curve(g2);
            int from = b * chunk, to = Math.min(n, from + chunk);
            if (Simd.ENABLED) {
                mulAllBatched(curve, scalars, from, to, out);
                return;
            }
            int jw = curve.jacobianWidth();
            long[] jac = new long[(to - from) * jw];
            for (int i = from; i < to; i++) {
                mul(jac, (i - from) * jw, scalars, 4 * i, curve);
            }
            curve.batchToAffine(jac, 0, to - from, out, from * aw);
        });
        return out;
    }

    /**
     * k_i·P for i in [from, to) on the vector kernels: the products are accumulators of one
     * {@link BatchAffineBuckets}, and each window adds every product's table entry in one batch of
     * affine additions (about six lane multiplications each instead of a mixed addition's eleven
     * scalar ones). Writes affine points, zeros for infinity.
     */
    private void mulAllBatched(JacobianCurve curve, long[] scalars, int from, int to, long[] out) {
        int count = to - from, per = (1 << c) - 1;
        BatchAffineBuckets acc = new BatchAffineBuckets(curve, count, count, true);
        for (int w = 0; w < windows; w++) {
            for (int i = from; i < to; i++) {
                int d = digit(scalars, 4 * i, w);
                if (d != 0) {
                    acc.add(table, (w * per + d - 1) * aw, i - from + 1);
                }
            }
            acc.finish(table);
        }
        for (int i = from; i < to; i++) {
            acc.copyBucket(i - from, out, i * aw);
        }
    }
}
