package org.loraproof.circuit.bn254;

/**
 * A field computed eight elements at a time ({@link FieldLanes} for Fp, {@link Fp2Lanes} for Fp2),
 * for batch kernels written once for both curves. An element of a batch occupies
 * {@link #blocks()} consecutive lane blocks (one per base-field component) per group of eight; in
 * every component, values are below 8p with normalised limbs. Use only when {@link Simd#ENABLED}.
 */
public interface LaneField {
    /** Lane blocks per group of eight elements: one per base-field component. */
    int blocks();

    /** Longs of scratch {@link #mul} and {@link #inverse} need. */
    int scratch();

    /** r = a·b, components below 2p, for inputs whose components lie below 6p and 2p. */
    void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo, long[] s);

    /** r = a², components below 2p, for components of a below 2p. */
    void square(long[] r, int ro, long[] a, int ao, long[] s);

    /** r = a + k·p − b componentwise, for k in {1, 2, 4, 8} and b's components at most k·p. */
    void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo, int k);

    /** Components below 8p brought into [0, p). */
    void canonical(long[] a, int ao);

    /** r = a⁻¹ (0 maps to 0), components below 2p, for components of a below 2p. */
    void inverse(long[] r, int ro, long[] a, int ao, long[] s);

    /** Writes the scalar element v[vo…] ({@link LimbField} layout) into lane j of the group at a[ao…]. */
    void put(long[] a, int ao, int j, long[] v, int vo);

    /** Reads lane j of the group at a[ao…] (components below 2^256) into v[vo…] in {@link LimbField} layout. */
    void get(long[] v, int vo, long[] a, int ao, int j);
}
