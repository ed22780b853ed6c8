package org.loraproof.circuit.bn254;

/**
 * Fp2 = Fp[u]/(u² + 1) on eight limbs: c0 (four limbs) then c1, the element c0 + c1·u, both in
 * Montgomery form. An instance owns scratch space and is not thread-safe: each thread makes its
 * own with {@link #create()}.
 */
public final class Fp2Field implements LimbField {
    private static final MontgomeryField FP = MontgomeryField.FP;
    private final long[] s = new long[16];

    private Fp2Field() {
    }

    public static Fp2Field create() {
        return new Fp2Field();
    }

    @Override
    public int width() {
        return 8;
    }

    @Override
    public void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FP.add(r, ro, a, ao, b, bo);
        FP.add(r, ro + 4, a, ao + 4, b, bo + 4);
    }

    @Override
    public void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        FP.sub(r, ro, a, ao, b, bo);
        FP.sub(r, ro + 4, a, ao + 4, b, bo + 4);
    }

    @Override
    public void neg(long[] r, int ro, long[] a, int ao) {
        FP.neg(r, ro, a, ao);
        FP.neg(r, ro + 4, a, ao + 4);
    }

    @Override
    public void dbl(long[] r, int ro, long[] a, int ao) {
        FP.dbl(r, ro, a, ao);
        FP.dbl(r, ro + 4, a, ao + 4);
    }

    /** Karatsuba: three base-field multiplications. */
    @Override
    public void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long[] t = s;
        FP.mul(t, 0, a, ao, b, bo);
        FP.mul(t, 4, a, ao + 4, b, bo + 4);
        FP.add(t, 8, a, ao, a, ao + 4);
        FP.add(t, 12, b, bo, b, bo + 4);
        FP.mul(t, 8, t, 8, t, 12);
        FP.sub(r, ro, t, 0, t, 4);
        FP.sub(t, 8, t, 8, t, 0);
        FP.sub(r, ro + 4, t, 8, t, 4);
    }

    /** (a0 + a1)(a0 − a1) + 2·a0·a1·u: two base-field multiplications. */
    @Override
    public void square(long[] r, int ro, long[] a, int ao) {
        long[] t = s;
        FP.add(t, 0, a, ao, a, ao + 4);
        FP.sub(t, 4, a, ao, a, ao + 4);
        FP.mul(t, 8, a, ao, a, ao + 4);
        FP.mul(r, ro, t, 0, t, 4);
        FP.dbl(r, ro + 4, t, 8);
    }

    /** (c0 − c1·u) / (c0² + c1²); zero maps to zero. */
    @Override
    public void inverse(long[] r, int ro, long[] a, int ao) {
        long[] t = s;
        FP.square(t, 0, a, ao);
        FP.square(t, 4, a, ao + 4);
        FP.add(t, 0, t, 0, t, 4);
        FP.inverse(t, 0, t, 0);
        FP.mul(r, ro, a, ao, t, 0);
        FP.mul(t, 4, a, ao + 4, t, 0);
        FP.neg(r, ro + 4, t, 4);
    }

    /** r = a·ξ with ξ = 9 + u: (9·a0 − a1) + (a0 + 9·a1)·u. */
    public void mulByXi(long[] r, int ro, long[] a, int ao) {
        long[] t = s;
        FP.dbl(t, 0, a, ao);
        FP.dbl(t, 0, t, 0);
        FP.dbl(t, 0, t, 0);
        FP.add(t, 0, t, 0, a, ao);
        FP.sub(t, 0, t, 0, a, ao + 4);
        FP.dbl(t, 4, a, ao + 4);
        FP.dbl(t, 4, t, 4);
        FP.dbl(t, 4, t, 4);
        FP.add(t, 4, t, 4, a, ao + 4);
        FP.add(r, ro + 4, t, 4, a, ao);
        System.arraycopy(t, 0, r, ro, 4);
    }

    /** r = a·c for c in Fp (four limbs at co). */
    public void mulByFp(long[] r, int ro, long[] a, int ao, long[] c, int co) {
        FP.mul(r, ro, a, ao, c, co);
        FP.mul(r, ro + 4, a, ao + 4, c, co);
    }

    /** r = c0 − c1·u, which is also the Frobenius map a ↦ a^p. */
    public void conjugate(long[] r, int ro, long[] a, int ao) {
        System.arraycopy(a, ao, r, ro, 4);
        FP.neg(r, ro + 4, a, ao + 4);
    }

    @Override
    public boolean isZero(long[] a, int ao) {
        return FP.isZero(a, ao) && FP.isZero(a, ao + 4);
    }

    @Override
    public boolean equal(long[] a, int ao, long[] b, int bo) {
        return FP.equal(a, ao, b, bo) && FP.equal(a, ao + 4, b, bo + 4);
    }

    @Override
    public void setOne(long[] r, int ro) {
        FP.setOne(r, ro);
        java.util.Arrays.fill(r, ro + 4, ro + 8, 0L);
    }
}
