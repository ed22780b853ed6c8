package org.loraproof.circuit.bn254;

/**
 * Fp2 = Fp[u]/(u² + 1) eight elements at a time on {@link FieldLanes}: a group is the c0 block then
 * the c1 block. Multiplication is Karatsuba's three base-field products with two reductions; results
 * are canonical.
 */
public final class Fp2Lanes implements LaneField {
    public static final Fp2Lanes FIELD = new Fp2Lanes();
    private static final int B = FieldLanes.BLOCK;
    /** Scratch: three blocks of temporaries, then what the base field needs. */
    private static final int TEMP = 3 * B;
    private static final long[] ZERO = new long[B];

    private Fp2Lanes() {
    }

    @Override
    public int blocks() {
        return 2;
    }

    @Override
    public int scratch() {
        return Math.max(TEMP + FieldLanes.INVERSE_SCRATCH, FieldLanes.FP2_SCRATCH);
    }

    /** Karatsuba with lazy reduction ({@link FieldLanes#mulFp2}); results canonical. */
    @Override
    public void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo, long[] s) {
        FieldLanes.FP.mulFp2(r, ro, ro + B, a, ao, ao + B, b, bo, bo + B, s, 0);
        FieldLanes.FP.canonical(r, ro);
        FieldLanes.FP.canonical(r, ro + B);
    }

    /** (a0 + a1)(a0 − a1) + 2a0a1·u: two base-field products; results canonical. */
    @Override
    public void square(long[] r, int ro, long[] a, int ao, long[] s) {
        FieldLanes.FP.add(s, 0, a, ao, a, ao + B);
        FieldLanes.FP.sub(s, B, a, ao, a, ao + B, 2);
        FieldLanes.FP.mul(s, 2 * B, a, ao, a, ao + B, s, TEMP);
        FieldLanes.FP.mul(r, ro, s, 0, s, B, s, TEMP);
        FieldLanes.FP.add(r, ro + B, s, 2 * B, s, 2 * B);
        FieldLanes.FP.canonical(r, ro);
        FieldLanes.FP.canonical(r, ro + B);
    }

    @Override
    public void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo, int k) {
        FieldLanes.FP.sub(r, ro, a, ao, b, bo, k);
        FieldLanes.FP.sub(r, ro + B, a, ao + B, b, bo + B, k);
    }

    @Override
    public void canonical(long[] a, int ao) {
        FieldLanes.FP.canonical(a, ao);
        FieldLanes.FP.canonical(a, ao + B);
    }

    /** (c0 − c1·u) / (c0² + c1²). */
    @Override
    public void inverse(long[] r, int ro, long[] a, int ao, long[] s) {
        FieldLanes.FP.square(s, 0, a, ao, s, TEMP);
        FieldLanes.FP.square(s, B, a, ao + B, s, TEMP);
        FieldLanes.FP.add(s, 0, s, 0, s, B);
        FieldLanes.FP.inverse(s, 0, s, 0, s, TEMP);
        FieldLanes.FP.sub(s, B, ZERO, 0, a, ao + B, 2);
        FieldLanes.FP.mul(r, ro, a, ao, s, 0, s, TEMP);
        FieldLanes.FP.mul(r, ro + B, s, B, s, 0, s, TEMP);
        FieldLanes.FP.canonical(r, ro);
        FieldLanes.FP.canonical(r, ro + B);
    }

    @Override
    public void put(long[] a, int ao, int j, long[] v, int vo) {
        FieldLanes.FP.put(a, ao, j, v, vo);
        FieldLanes.FP.put(a, ao + B, j, v, vo + 4);
    }

    @Override
    public void get(long[] v, int vo, long[] a, int ao, int j) {
        FieldLanes.FP.get(v, vo, a, ao, j);
        FieldLanes.FP.get(v, vo + 4, a, ao + B, j);
    }
}
