package org.loraproof.circuit.bn254;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/** An element of the BN254 base field, of coordinates of curve points. */
public final class Fp extends PrimeFieldElement<Fp> {
    public static final Fp ZERO = new Fp(new long[4]);
    public static final Fp ONE = of(BigInteger.ONE);

    Fp(long[] montgomeryLimbs) {
        super(montgomeryLimbs);
    }

    @Override
    MontgomeryField field() {
        return MontgomeryField.FP;
    }

    @Override
    Fp wrap(long[] montgomeryLimbs) {
        return new Fp(montgomeryLimbs);
    }

    /** v mod the modulus, for any integer v. */
    public static Fp of(BigInteger v) {
        return new Fp(MontgomeryField.FP.fromBigInteger(v));
    }

    public static Fp of(long v) {
        return of(BigInteger.valueOf(v));
    }

    /** Parses a canonical value; rejects values outside [0, modulus). */
    public static Fp canonical(BigInteger v) {
        return new Fp(parseCanonical(MontgomeryField.FP, v, "Fp value"));
    }

    /** Parses a canonical decimal string; rejects values outside [0, modulus). */
    public static Fp parse(String decimal) {
        return new Fp(parseDecimal(MontgomeryField.FP, decimal, "Fp value"));
    }

    /** Reads 32 big-endian bytes at off; rejects values ≥ the modulus. */
    public static Fp fromBytes(byte[] bytes, int off) {
        return new Fp(parseCanonical(MontgomeryField.FP, bytes, off, "Fp value"));
    }

    /** Wraps Montgomery-form limbs copied from src at off. */
    public static Fp fromLimbs(long[] src, int off) {
        long[] l = new long[4];
        System.arraycopy(src, off, l, 0, 4);
        return new Fp(l);
    }

    public static Fp random(RandomGenerator rng) {
        return new Fp(randomLimbs(MontgomeryField.FP, rng));
    }
}
