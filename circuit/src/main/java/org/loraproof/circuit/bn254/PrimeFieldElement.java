package org.loraproof.circuit.bn254;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * An immutable element of a 254-bit prime field, held in Montgomery form. The readable value
 * type over {@link MontgomeryField}; hot loops use the field's limb operations directly.
 *
 * @param <E> the concrete element type ({@link Fp} or {@link Fr})
 */
public abstract sealed class PrimeFieldElement<E extends PrimeFieldElement<E>> permits Fp, Fr {
    final long[] limbs;

    PrimeFieldElement(long[] montgomeryLimbs) {
        this.limbs = montgomeryLimbs;
    }

    abstract MontgomeryField field();

    abstract E wrap(long[] montgomeryLimbs);

    private E op(java.util.function.Consumer<long[]> f) {
        long[] r = new long[4];
        f.accept(r);
        return wrap(r);
    }

    public E add(E o) {
        return op(r -> field().add(r, 0, limbs, 0, o.limbs, 0));
    }

    public E sub(E o) {
        return op(r -> field().sub(r, 0, limbs, 0, o.limbs, 0));
    }

    public E mul(E o) {
        return op(r -> field().mul(r, 0, limbs, 0, o.limbs, 0));
    }

    public E square() {
        return op(r -> field().square(r, 0, limbs, 0));
    }

    public E neg() {
        return op(r -> field().neg(r, 0, limbs, 0));
    }

    public E dbl() {
        return op(r -> field().dbl(r, 0, limbs, 0));
    }

    /** The inverse; throws {@link ArithmeticException} for zero. */
    public E inverse() {
        if (isZero()) {
            throw new ArithmeticException("inverse of zero");
        }
        return op(r -> field().inverse(r, 0, limbs, 0));
    }

    /** this^e for e ≥ 0 (any size). */
    public E pow(BigInteger e) {
        if (e.signum() < 0) {
            throw new IllegalArgumentException("negative exponent");
        }
        long[] exp = new long[(e.bitLength() + 63) / 64 + 1];
        for (int i = 0; i < exp.length; i++) {
            exp[i] = e.shiftRight(64 * i).longValue();
        }
        return op(r -> field().pow(r, 0, limbs, 0, exp));
    }

    /** A square root, or null when this is not a square (Tonelli–Shanks). */
    public E sqrt() {
        BigInteger q = field().modulus();
        if (isZero()) {
            return wrap(new long[4]);
        }
        E self = wrap(limbs);
        BigInteger qm1 = q.subtract(BigInteger.ONE);
        if (!self.pow(qm1.shiftRight(1)).isOne()) {
            return null;
        }
        int s = qm1.getLowestSetBit();
        BigInteger t = qm1.shiftRight(s);
        E z = nonResidue();
        E c = z.pow(t);
        E x = self.pow(t.add(BigInteger.ONE).shiftRight(1));
        E b = self.pow(t);
        int m = s;
        while (!b.isOne()) {
            int i = 0;
            E b2 = b;
            while (!b2.isOne()) {
                b2 = b2.square();
                i++;
            }
            E g = c;
            for (int k = 0; k < m - i - 1; k++) {
                g = g.square();
            }
            x = x.mul(g);
            c = g.square();
            b = b.mul(c);
            m = i;
        }
        return x;
    }

    private E nonResidue() {
        BigInteger half = field().modulus().shiftRight(1);
        for (int k = 2; ; k++) {
            E z = wrap(field().fromBigInteger(BigInteger.valueOf(k)));
            if (!z.pow(half).isOne()) {
                return z;
            }
        }
    }

    public boolean isZero() {
        return field().isZero(limbs, 0);
    }

    public boolean isOne() {
        long[] one = new long[4];
        field().setOne(one, 0);
        return Arrays.equals(limbs, one);
    }

    public BigInteger toBigInteger() {
        return field().toBigInteger(limbs, 0);
    }

    /** 32 big-endian bytes of the canonical value. */
    public byte[] toBytes() {
        long[] s = new long[4];
        field().fromMontgomery(s, 0, limbs, 0);
        byte[] out = new byte[32];
        MontgomeryField.writeBigEndian(s, 0, out, 0);
        return out;
    }

    /** Copies the Montgomery limbs into {@code dst} at {@code off}. */
    public void writeLimbs(long[] dst, int off) {
        System.arraycopy(limbs, 0, dst, off, 4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrimeFieldElement<?> e && e.field() == field() && Arrays.equals(limbs, e.limbs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(limbs);
    }

    /** The canonical decimal value. */
    @Override
    public String toString() {
        return toBigInteger().toString();
    }

    static long[] parseCanonical(MontgomeryField f, BigInteger v, String what) {
        if (v.signum() < 0 || v.compareTo(f.modulus()) >= 0) {
            throw new IllegalArgumentException(what + " is not a canonical field element (must be in [0, modulus))");
        }
        return f.fromBigInteger(v);
    }

    static long[] parseCanonical(MontgomeryField f, byte[] b, int off, String what) {
        if (b.length - off < 32) {
            throw new IllegalArgumentException(what + ": expected 32 bytes, got " + Math.max(0, b.length - off));
        }
        long[] v = MontgomeryField.limbsOfBigEndian(b, off);
        if (!f.isCanonical(v, 0)) {
            throw new IllegalArgumentException(what + " is not a canonical field element (value >= modulus)");
        }
        f.toMontgomery(v, 0, v, 0);
        return v;
    }

    static long[] parseDecimal(MontgomeryField f, String s, String what) {
        BigInteger v;
        try {
            v = new BigInteger(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a decimal integer");
        }
        return parseCanonical(f, v, what);
    }

    /** Uniform element by rejection sampling of 254-bit strings. */
    static long[] randomLimbs(MontgomeryField f, RandomGenerator rng) {
        long[] v = new long[4];
        do {
            for (int i = 0; i < 4; i++) {
                v[i] = rng.nextLong();
            }
            v[3] &= (1L << 62) - 1;
        } while (!f.isCanonical(v, 0));
        f.toMontgomery(v, 0, v, 0);
        return v;
    }
}
