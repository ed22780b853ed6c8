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

    private static JacobianCurve curve(boolean g2) {
        return g2 ? JacobianCurve.g2() : JacobianCurve.g1();
    }

    private static FixedBaseTable build(boolean g2, long[] base, int off, int c) {
        if (c < 1 || c > 16) {
            throw new IllegalArgumentException("window width must be 1..16");
        }
        JacobianCurve curve = curve(g2);
        int aw = curve.affineWidth(), jw = curve.jacobianWidth();
        int windows = (SCALAR_BITS + c - 1) / c;
        int per = (1 << c) - 1;
        long[] jac = new long[windows * per * jw];
        long[] windowBase = new long[jw];
        curve.fromAffine(windowBase, 0, base, off);
        for (int w = 0; w < windows; w++) {
            int start = w * per * jw;
            System.arraycopy(windowBase, 0, jac, start, jw);
            for (int j = 1; j < per; j++) {
                curve.add(jac, start + j * jw, jac, start + (j - 1) * jw, windowBase, 0);
            }
            for (int k = 0; k < c; k++) {
                curve.dbl(windowBase, 0, windowBase, 0);
            }
        }
        long[] table = new long[windows * per * aw];
        curve.batchToAffine(jac, 0, windows * per, table, 0);
        return new FixedBaseTable(g2, c, table, aw);
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
