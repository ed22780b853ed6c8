package org.loraproof.circuit.bn254;

/**
 * A field whose elements are stored as {@link #width()} consecutive {@code long} limbs of an
 * array. Every operation reads its operands at offsets and writes its result at an offset; the
 * result may alias an operand. Implementations never allocate in add, sub, mul or square, so
 * curve kernels ({@link JacobianCurve}) run over flat arrays without garbage.
 */
public interface LimbField {
    /** Number of {@code long}s one element occupies. */
    int width();

    void add(long[] r, int ro, long[] a, int ao, long[] b, int bo);

    void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo);

    void neg(long[] r, int ro, long[] a, int ao);

    void dbl(long[] r, int ro, long[] a, int ao);

    void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo);

    void square(long[] r, int ro, long[] a, int ao);

    /** r = a⁻¹, or 0 when a = 0. May allocate: callers batch inversions. */
    void inverse(long[] r, int ro, long[] a, int ao);

    boolean isZero(long[] a, int ao);

    boolean equal(long[] a, int ao, long[] b, int bo);

    /** Writes the multiplicative identity. */
    void setOne(long[] r, int ro);

    default void setZero(long[] r, int ro) {
        java.util.Arrays.fill(r, ro, ro + width(), 0L);
    }

    default void copy(long[] r, int ro, long[] a, int ao) {
        System.arraycopy(a, ao, r, ro, width());
    }
}
