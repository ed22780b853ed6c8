package org.loraproof.circuit.bn254;

import java.math.BigInteger;

/**
 * Point arithmetic on y² = x³ + b over a {@link LimbField}, in Jacobian coordinates
 * (X, Y, Z) ↦ (X/Z², Y/Z³). A Jacobian point is 3·w limbs (w = the field's width), Z = 0 for
 * infinity; an affine point is 2·w limbs (x, y), all zero for infinity ((0, 0) is on neither
 * curve). Formulas from the Explicit-Formulas Database for a = 0: dbl-2009-l, madd-2007-bl,
 * add-2007-bl.
 *
 * <p>An instance owns scratch space and is not thread-safe: each thread makes its own with
 * {@link #g1()} or {@link #g2()}. No operation but inversion allocates.
 */
public final class JacobianCurve {
    private static final long[] G2_B = g2B();

    private final LimbField f;
    private final int w;
    private final long[] b;
    private final long[] t;

    private JacobianCurve(LimbField f, long[] b) {
        this.f = f;
        this.w = f.width();
        this.b = b;
        this.t = new long[16 * w];
    }

    /** G1: y² = x³ + 3 over Fp. */
    public static JacobianCurve g1() {
        return new JacobianCurve(MontgomeryField.FP, MontgomeryField.FP.fromBigInteger(BigInteger.valueOf(3)));
    }

    /** The twist of G2: y² = x³ + 3/(9 + u) over Fp2. */
    public static JacobianCurve g2() {
        return new JacobianCurve(Fp2Field.create(), G2_B);
    }

    private static long[] g2B() {
        Fp2Field f2 = Fp2Field.create();
        long[] xi = new long[8];
        System.arraycopy(MontgomeryField.FP.fromBigInteger(BigInteger.valueOf(9)), 0, xi, 0, 4);
        MontgomeryField.FP.setOne(xi, 4);
        f2.inverse(xi, 0, xi, 0);
        long[] three = new long[8];
        System.arraycopy(MontgomeryField.FP.fromBigInteger(BigInteger.valueOf(3)), 0, three, 0, 4);
        f2.mul(xi, 0, xi, 0, three, 0);
        return xi;
    }

    public LimbField field() {
        return f;
    }

    /** Limbs of one Jacobian point. */
    public int jacobianWidth() {
        return 3 * w;
    }

    /** Limbs of one affine point. */
    public int affineWidth() {
        return 2 * w;
    }

    /** The curve constant b (Montgomery limbs, a copy). */
    public long[] b() {
        return b.clone();
    }

    private int slot(int i) {
        return i * w;
    }

    public void setInfinity(long[] r, int ro) {
        java.util.Arrays.fill(r, ro, ro + 3 * w, 0L);
    }

    public boolean isInfinity(long[] p, int po) {
        return f.isZero(p, po + 2 * w);
    }

    public boolean isAffineInfinity(long[] a, int ao) {
        return f.isZero(a, ao) && f.isZero(a, ao + w);
    }

    public void fromAffine(long[] r, int ro, long[] a, int ao) {
        if (isAffineInfinity(a, ao)) {
            setInfinity(r, ro);
            return;
        }
        System.arraycopy(a, ao, r, ro, 2 * w);
        f.setOne(r, ro + 2 * w);
    }

    /** True when the affine point is infinity or satisfies y² = x³ + b. */
    public boolean isOnCurve(long[] a, int ao) {
        if (isAffineInfinity(a, ao)) {
            return true;
        }
        int s0 = slot(0), s1 = slot(1);
        f.square(t, s0, a, ao);
        f.mul(t, s0, t, s0, a, ao);
        f.add(t, s0, t, s0, b, 0);
        f.square(t, s1, a, ao + w);
        return f.equal(t, s0, t, s1);
    }

    public void toAffine(long[] r, int ro, long[] p, int po) {
        if (isInfinity(p, po)) {
            java.util.Arrays.fill(r, ro, ro + 2 * w, 0L);
            return;
        }
        int zi = slot(0), z2 = slot(1);
        f.inverse(t, zi, p, po + 2 * w);
        f.square(t, z2, t, zi);
        f.mul(r, ro, p, po, t, z2);
        f.mul(t, z2, t, z2, t, zi);
        f.mul(r, ro + w, p, po + w, t, z2);
    }

    /**
     * Converts n Jacobian points (jac, from offset jo) to affine (out, from offset oo) with one
     * inversion (Montgomery's trick).
     */
    public void batchToAffine(long[] jac, int jo, int n, long[] out, int oo) {
        long[] prefix = new long[n * w];
        long[] acc = new long[2 * w];
        f.setOne(acc, 0);
        for (int i = 0; i < n; i++) {
            System.arraycopy(acc, 0, prefix, i * w, w);
            int z = jo + i * 3 * w + 2 * w;
            if (!f.isZero(jac, z)) {
                f.mul(acc, 0, acc, 0, jac, z);
            }
        }
        f.inverse(acc, 0, acc, 0);
        int zi = slot(0), z2 = slot(1);
        for (int i = n - 1; i >= 0; i--) {
            int p = jo + i * 3 * w;
            int o = oo + i * 2 * w;
            if (f.isZero(jac, p + 2 * w)) {
                java.util.Arrays.fill(out, o, o + 2 * w, 0L);
                continue;
            }
            f.mul(t, zi, acc, 0, prefix, i * w);
            f.mul(acc, 0, acc, 0, jac, p + 2 * w);
            f.square(t, z2, t, zi);
            f.mul(out, o, jac, p, t, z2);
            f.mul(t, z2, t, z2, t, zi);
            f.mul(out, o + w, jac, p + w, t, z2);
        }
    }

    public void neg(long[] r, int ro, long[] p, int po) {
        f.copy(r, ro, p, po);
        f.neg(r, ro + w, p, po + w);
        f.copy(r, ro + 2 * w, p, po + 2 * w);
    }

    /** Negates an affine point in place of r (infinity stays infinity). */
    public void negAffine(long[] r, int ro, long[] a, int ao) {
        f.copy(r, ro, a, ao);
        f.neg(r, ro + w, a, ao + w);
    }

    /** r = 2p (dbl-2009-l). r may alias p. */
    public void dbl(long[] r, int ro, long[] p, int po) {
        final int x = po, y = po + w, z = po + 2 * w;
        final int a = slot(0), bb = slot(1), c = slot(2), d = slot(3), e = slot(4), ff = slot(5), z3 = slot(6);
        f.square(t, a, p, x);
        f.square(t, bb, p, y);
        f.square(t, c, t, bb);
        f.add(t, d, p, x, t, bb);
        f.square(t, d, t, d);
        f.sub(t, d, t, d, t, a);
        f.sub(t, d, t, d, t, c);
        f.dbl(t, d, t, d);
        f.dbl(t, e, t, a);
        f.add(t, e, t, e, t, a);
        f.square(t, ff, t, e);
        f.mul(t, z3, p, y, p, z);
        f.dbl(t, z3, t, z3);
        // X3 = F − 2D
        f.dbl(t, a, t, d);
        f.sub(r, ro, t, ff, t, a);
        // Y3 = E(D − X3) − 8C
        f.sub(t, d, t, d, r, ro);
        f.mul(t, d, t, d, t, e);
        f.dbl(t, c, t, c);
        f.dbl(t, c, t, c);
        f.dbl(t, c, t, c);
        f.sub(r, ro + w, t, d, t, c);
        f.copy(r, ro + 2 * w, t, z3);
    }

    /** r = p + a with p Jacobian and a affine (madd-2007-bl). r may alias p. */
    public void addMixed(long[] r, int ro, long[] p, int po, long[] q, int qo) {
        if (isAffineInfinity(q, qo)) {
            if (r != p || ro != po) {
                System.arraycopy(p, po, r, ro, 3 * w);
            }
            return;
        }
        if (isInfinity(p, po)) {
            fromAffine(r, ro, q, qo);
            return;
        }
        final int x1 = po, y1 = po + w, z1 = po + 2 * w;
        final int z1z1 = slot(0), u2 = slot(1), s2 = slot(2), h = slot(3), rr = slot(4), hh = slot(5),
                i = slot(6), j = slot(7), v = slot(8), z3 = slot(9), x3 = slot(10), y3 = slot(11);
        f.square(t, z1z1, p, z1);
        f.mul(t, u2, q, qo, t, z1z1);
        f.mul(t, s2, p, z1, t, z1z1);
        f.mul(t, s2, q, qo + w, t, s2);
        f.sub(t, h, t, u2, p, x1);
        f.sub(t, rr, t, s2, p, y1);
        if (f.isZero(t, h)) {
            if (f.isZero(t, rr)) {
                dbl(r, ro, p, po);
            } else {
                setInfinity(r, ro);
            }
            return;
        }
        f.dbl(t, rr, t, rr);
        f.square(t, hh, t, h);
        f.dbl(t, i, t, hh);
        f.dbl(t, i, t, i);
        f.mul(t, j, t, h, t, i);
        f.mul(t, v, p, x1, t, i);
        f.add(t, z3, p, z1, t, h);
        f.square(t, z3, t, z3);
        f.sub(t, z3, t, z3, t, z1z1);
        f.sub(t, z3, t, z3, t, hh);
        f.square(t, x3, t, rr);
        f.sub(t, x3, t, x3, t, j);
        f.sub(t, x3, t, x3, t, v);
        f.sub(t, x3, t, x3, t, v);
        f.sub(t, y3, t, v, t, x3);
        f.mul(t, y3, t, y3, t, rr);
        f.mul(t, j, p, y1, t, j);
        f.dbl(t, j, t, j);
        f.sub(t, y3, t, y3, t, j);
        f.copy(r, ro, t, x3);
        f.copy(r, ro + w, t, y3);
        f.copy(r, ro + 2 * w, t, z3);
    }

    /** r = p + q, both Jacobian (add-2007-bl). r may alias either. */
    public void add(long[] r, int ro, long[] p, int po, long[] q, int qo) {
        if (isInfinity(q, qo)) {
            if (r != p || ro != po) {
                System.arraycopy(p, po, r, ro, 3 * w);
            }
            return;
        }
        if (isInfinity(p, po)) {
            System.arraycopy(q, qo, r, ro, 3 * w);
            return;
        }
        final int x1 = po, y1 = po + w, z1 = po + 2 * w, x2 = qo, y2 = qo + w, z2 = qo + 2 * w;
        final int z1z1 = slot(0), z2z2 = slot(1), u1 = slot(2), u2 = slot(3), s1 = slot(4), s2 = slot(5),
                h = slot(6), rr = slot(7), i = slot(8), j = slot(9), v = slot(10), x3 = slot(11), y3 = slot(12),
                z3 = slot(13);
        f.square(t, z1z1, p, z1);
        f.square(t, z2z2, q, z2);
        f.mul(t, u1, p, x1, t, z2z2);
        f.mul(t, u2, q, x2, t, z1z1);
        f.mul(t, s1, q, z2, t, z2z2);
        f.mul(t, s1, p, y1, t, s1);
        f.mul(t, s2, p, z1, t, z1z1);
        f.mul(t, s2, q, y2, t, s2);
        f.sub(t, h, t, u2, t, u1);
        f.sub(t, rr, t, s2, t, s1);
        if (f.isZero(t, h)) {
            if (f.isZero(t, rr)) {
                dbl(r, ro, p, po);
            } else {
                setInfinity(r, ro);
            }
            return;
        }
        f.dbl(t, rr, t, rr);
        f.dbl(t, i, t, h);
        f.square(t, i, t, i);
        f.mul(t, j, t, h, t, i);
        f.mul(t, v, t, u1, t, i);
        f.square(t, x3, t, rr);
        f.sub(t, x3, t, x3, t, j);
        f.sub(t, x3, t, x3, t, v);
        f.sub(t, x3, t, x3, t, v);
        f.sub(t, y3, t, v, t, x3);
        f.mul(t, y3, t, y3, t, rr);
        f.mul(t, j, t, s1, t, j);
        f.dbl(t, j, t, j);
        f.sub(t, y3, t, y3, t, j);
        f.add(t, z3, p, z1, q, z2);
        f.square(t, z3, t, z3);
        f.sub(t, z3, t, z3, t, z1z1);
        f.sub(t, z3, t, z3, t, z2z2);
        f.mul(t, z3, t, z3, t, h);
        f.copy(r, ro, t, x3);
        f.copy(r, ro + w, t, y3);
        f.copy(r, ro + 2 * w, t, z3);
    }

    /** True when two Jacobian points are the same point. */
    public boolean equal(long[] p, int po, long[] q, int qo) {
        boolean pi = isInfinity(p, po), qi = isInfinity(q, qo);
        if (pi || qi) {
            return pi && qi;
        }
        int a = slot(0), c = slot(1), d = slot(2), e = slot(3);
        f.square(t, a, p, po + 2 * w);
        f.square(t, c, q, qo + 2 * w);
        f.mul(t, d, p, po, t, c);
        f.mul(t, e, q, qo, t, a);
        if (!f.equal(t, d, t, e)) {
            return false;
        }
        f.mul(t, a, t, a, p, po + 2 * w);
        f.mul(t, c, t, c, q, qo + 2 * w);
        f.mul(t, d, p, po + w, t, c);
        f.mul(t, e, q, qo + w, t, a);
        return f.equal(t, d, t, e);
    }

    /**
     * r = k·p for a non-negative integer k (not reduced: callers reduce when the point's order
     * allows), by a width-5 wNAF over Jacobian odd multiples.
     */
    public void mul(long[] r, int ro, long[] p, int po, BigInteger k) {
        if (k.signum() < 0) {
            throw new IllegalArgumentException("negative scalar");
        }
        final int jw = 3 * w;
        long[] table = new long[8 * jw]; // P, 3P, …, 15P
        long[] twoP = new long[jw];
        System.arraycopy(p, po, table, 0, jw);
        dbl(twoP, 0, p, po);
        for (int i = 1; i < 8; i++) {
            add(table, i * jw, table, (i - 1) * jw, twoP, 0);
        }
        int[] naf = wnaf(k, 5);
        long[] acc = new long[jw];
        long[] neg = new long[jw];
        for (int i = naf.length - 1; i >= 0; i--) {
            dbl(acc, 0, acc, 0);
            int d = naf[i];
            if (d > 0) {
                add(acc, 0, acc, 0, table, (d >> 1) * jw);
            } else if (d < 0) {
                neg(neg, 0, table, ((-d) >> 1) * jw);
                add(acc, 0, acc, 0, neg, 0);
            }
        }
        System.arraycopy(acc, 0, r, ro, jw);
    }

    /** Width-w non-adjacent form, least significant digit first; digits odd in (−2^(w−1), 2^(w−1)). */
    static int[] wnaf(BigInteger k, int width) {
        int[] out = new int[k.bitLength() + 1];
        int mod = 1 << width, half = mod >> 1;
        BigInteger v = k;
        int i = 0;
        while (v.signum() > 0) {
            int d = 0;
            if (v.testBit(0)) {
                d = v.intValue() & (mod - 1);
                if (d >= half) {
                    d -= mod;
                }
                v = v.subtract(BigInteger.valueOf(d));
            }
            out[i++] = d;
            v = v.shiftRight(1);
        }
        return java.util.Arrays.copyOf(out, i);
    }
}
