package org.loraproof.circuit.bn254;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/** An immutable element c0 + c1·u of Fp2 = Fp[u]/(u² + 1); the readable type over {@link Fp2Field}. */
public final class Fp2 {
    private static final ThreadLocal<Fp2Field> FIELD = ThreadLocal.withInitial(Fp2Field::create);
    public static final Fp2 ZERO = new Fp2(new long[8]);
    public static final Fp2 ONE = of(Fp.ONE, Fp.ZERO);
    /** ξ = 9 + u, the non-residue that defines Fp6 and the twist. */
    public static final Fp2 XI = of(Fp.of(9), Fp.ONE);

    final long[] limbs;

    Fp2(long[] limbs) {
        this.limbs = limbs;
    }

    static Fp2Field field() {
        return FIELD.get();
    }

    public static Fp2 of(Fp c0, Fp c1) {
        long[] l = new long[8];
        c0.writeLimbs(l, 0);
        c1.writeLimbs(l, 4);
        return new Fp2(l);
    }

    /** Parses canonical decimal coordinates; rejects values outside [0, p). */
    public static Fp2 parse(String c0, String c1) {
        return of(Fp.parse(c0), Fp.parse(c1));
    }

    public static Fp2 fromLimbs(long[] src, int off) {
        return new Fp2(Arrays.copyOfRange(src, off, off + 8));
    }

    public static Fp2 random(RandomGenerator rng) {
        return of(Fp.random(rng), Fp.random(rng));
    }

    public Fp c0() {
        return Fp.fromLimbs(limbs, 0);
    }

    public Fp c1() {
        return Fp.fromLimbs(limbs, 4);
    }

    public void writeLimbs(long[] dst, int off) {
        System.arraycopy(limbs, 0, dst, off, 8);
    }

    public Fp2 add(Fp2 o) {
        long[] r = new long[8];
        field().add(r, 0, limbs, 0, o.limbs, 0);
        return new Fp2(r);
    }

    public Fp2 sub(Fp2 o) {
        long[] r = new long[8];
        field().sub(r, 0, limbs, 0, o.limbs, 0);
        return new Fp2(r);
    }

    public Fp2 mul(Fp2 o) {
        long[] r = new long[8];
        field().mul(r, 0, limbs, 0, o.limbs, 0);
        return new Fp2(r);
    }

    public Fp2 square() {
        long[] r = new long[8];
        field().square(r, 0, limbs, 0);
        return new Fp2(r);
    }

    public Fp2 neg() {
        long[] r = new long[8];
        field().neg(r, 0, limbs, 0);
        return new Fp2(r);
    }

    public Fp2 dbl() {
        long[] r = new long[8];
        field().dbl(r, 0, limbs, 0);
        return new Fp2(r);
    }

    public Fp2 inverse() {
        if (isZero()) {
            throw new ArithmeticException("inverse of zero");
        }
        long[] r = new long[8];
        field().inverse(r, 0, limbs, 0);
        return new Fp2(r);
    }

    /** c0 − c1·u, equal to the Frobenius map a^p. */
    public Fp2 conjugate() {
        long[] r = new long[8];
        field().conjugate(r, 0, limbs, 0);
        return new Fp2(r);
    }

    public Fp2 mulByXi() {
        long[] r = new long[8];
        field().mulByXi(r, 0, limbs, 0);
        return new Fp2(r);
    }

    public Fp2 mulByFp(Fp c) {
        long[] r = new long[8];
        field().mulByFp(r, 0, limbs, 0, c.limbs, 0);
        return new Fp2(r);
    }

    /** a^(p^k). */
    public Fp2 frobenius(int k) {
        return (k & 1) == 0 ? this : conjugate();
    }

    public Fp2 pow(BigInteger e) {
        Fp2 acc = ONE;
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            acc = acc.square();
            if (e.testBit(i)) {
                acc = acc.mul(this);
            }
        }
        return acc;
    }

    /**
     * A square root, or null when none exists. Algorithm 9 of Adj and Rodríguez-Henríquez,
     * "Square root computation over even extension fields" (p ≡ 3 mod 4).
     */
    public Fp2 sqrt() {
        if (isZero()) {
            return this;
        }
        BigInteger p = Bn254.P;
        Fp2 a1 = pow(p.subtract(BigInteger.valueOf(3)).shiftRight(2));
        Fp2 alpha = a1.square().mul(this);
        Fp2 a0 = alpha.conjugate().mul(alpha);
        Fp2 minusOne = ONE.neg();
        if (a0.equals(minusOne)) {
            return null;
        }
        Fp2 x0 = a1.mul(this);
        Fp2 x;
        if (alpha.equals(minusOne)) {
            x = of(Fp.ZERO, Fp.ONE).mul(x0);
        } else {
            x = alpha.add(ONE).pow(p.subtract(BigInteger.ONE).shiftRight(1)).mul(x0);
        }
        return x.square().equals(this) ? x : null;
    }

    public boolean isZero() {
        return field().isZero(limbs, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp2 e && Arrays.equals(limbs, e.limbs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(limbs);
    }

    @Override
    public String toString() {
        return "[" + c0() + ", " + c1() + "]";
    }
}
