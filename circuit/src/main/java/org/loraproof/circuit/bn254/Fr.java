package org.loraproof.circuit.bn254;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/** An element of the BN254 scalar field, of witnesses, public inputs and scalars. */
public final class Fr extends PrimeFieldElement<Fr> {
    public static final Fr ZERO = new Fr(new long[4]);
    public static final Fr ONE = of(BigInteger.ONE);

    Fr(long[] montgomeryLimbs) {
        super(montgomeryLimbs);
    }

    @Override
    MontgomeryField field() {
        return MontgomeryField.FR;
    }

    @Override
    Fr wrap(long[] montgomeryLimbs) {
        return new Fr(montgomeryLimbs);
    }

    /** v mod the modulus, for any integer v. */
    public static Fr of(BigInteger v) {
        return new Fr(MontgomeryField.FR.fromBigInteger(v));
    }

    public static Fr of(long v) {
        return of(BigInteger.valueOf(v));
    }

    /** Parses a canonical value; rejects values outside [0, modulus). */
    public static Fr canonical(BigInteger v) {
        return new Fr(parseCanonical(MontgomeryField.FR, v, "Fr value"));
    }

    /** Parses a canonical decimal string; rejects values outside [0, modulus). */
    public static Fr parse(String decimal) {
        return new Fr(parseDecimal(MontgomeryField.FR, decimal, "Fr value"));
    }

    /** Reads 32 big-endian bytes at off; rejects values ≥ the modulus. */
    public static Fr fromBytes(byte[] bytes, int off) {
        return new Fr(parseCanonical(MontgomeryField.FR, bytes, off, "Fr value"));
    }

    /** Wraps Montgomery-form limbs copied from src at off. */
    public static Fr fromLimbs(long[] src, int off) {
        long[] l = new long[4];
        System.arraycopy(src, off, l, 0, 4);
        return new Fr(l);
    }

    public static Fr random(RandomGenerator rng) {
        return new Fr(randomLimbs(MontgomeryField.FR, rng));
    }

    /** Uniform among the non-zero elements (blinds, toxic waste). */
    public static Fr randomNonZero(RandomGenerator rng) {
        Fr x;
        do {
            x = random(rng);
        } while (x.isZero());
        return x;
    }
}
