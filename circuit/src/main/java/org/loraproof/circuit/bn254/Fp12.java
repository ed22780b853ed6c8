package org.loraproof.circuit.bn254;

import java.math.BigInteger;

/**
 * An immutable element c0 + c1·w of Fp12 = Fp6[w]/(w² − v), the target group of the pairing.
 * In the power basis of w (w⁶ = ξ) the coefficients of w⁰…w⁵ are c0.c0, c1.c0, c0.c1, c1.c1,
 * c0.c2, c1.c2, which is how the Frobenius maps act on it.
 */
public record Fp12(Fp6 c0, Fp6 c1) {
    public static final Fp12 ONE = new Fp12(Fp6.ONE, Fp6.ZERO);

    /** FROBENIUS[k − 1][i − 1] = ξ^(i·(p^k − 1)/6) for k = 1, 2, 3 and i = 1..5. */
    static final Fp2[][] FROBENIUS = frobeniusCoefficients();

    private static Fp2[][] frobeniusCoefficients() {
        Fp2[][] g = new Fp2[3][5];
        for (int k = 1; k <= 3; k++) {
            BigInteger e = Bn254.P.pow(k).subtract(BigInteger.ONE).divide(BigInteger.valueOf(6));
            Fp2 base = Fp2.XI.pow(e);
            Fp2 acc = Fp2.ONE;
            for (int i = 1; i <= 5; i++) {
                acc = acc.mul(base);
                g[k - 1][i - 1] = acc;
            }
        }
        return g;
    }

    public Fp12 mul(Fp12 o) {
        Fp6 t0 = c0.mul(o.c0), t1 = c1.mul(o.c1);
        Fp6 r1 = c0.add(c1).mul(o.c0.add(o.c1)).sub(t0).sub(t1);
        return new Fp12(t0.add(t1.mulByV()), r1);
    }

    public Fp12 square() {
        Fp6 t = c0.mul(c1);
        Fp6 r0 = c0.add(c1).mul(c0.add(c1.mulByV())).sub(t).sub(t.mulByV());
        return new Fp12(r0, t.add(t));
    }

    public Fp12 inverse() {
        Fp6 n = c0.square().sub(c1.square().mulByV()).inverse();
        return new Fp12(c0.mul(n), c1.mul(n).neg());
    }

    /** c0 − c1·w = this^(p⁶); the inverse in the cyclotomic subgroup. */
    public Fp12 conjugate() {
        return new Fp12(c0, c1.neg());
    }

    /** this^(p^k) for k = 1, 2, 3. */
    public Fp12 frobenius(int k) {
        Fp2[] g = FROBENIUS[k - 1];
        return new Fp12(
                new Fp6(c0.c0().frobenius(k), c0.c1().frobenius(k).mul(g[1]), c0.c2().frobenius(k).mul(g[3])),
                new Fp6(c1.c0().frobenius(k).mul(g[0]), c1.c1().frobenius(k).mul(g[2]),
                        c1.c2().frobenius(k).mul(g[4])));
    }

    /**
     * this·(d0 + d3·w + d4·v·w), the sparse shape of a line evaluated at a G1 point on the
     * D-type twist.
     */
    public Fp12 mulBy034(Fp2 d0, Fp2 d3, Fp2 d4) {
        Fp6 a = c0.mulByFp2(d0);
        Fp6 b = c1.mulBy01(d3, d4);
        Fp6 e = c0.add(c1).mulBy01(d0.add(d3), d4);
        return new Fp12(a.add(b.mulByV()), e.sub(a.add(b)));
    }

    /**
     * Squaring in the cyclotomic subgroup (Granger and Scott, "Faster squaring in the cyclotomic
     * subgroup of sixth degree finite fields", 2010). Only valid after the easy part of the final
     * exponentiation.
     */
    public Fp12 cyclotomicSquare() {
        Fp2 z0 = c0.c0(), z4 = c0.c1(), z3 = c0.c2(), z2 = c1.c0(), z1 = c1.c1(), z5 = c1.c2();
        Fp2 tmp = z0.mul(z1);
        Fp2 t0 = z0.add(z1).mul(z0.add(z1.mulByXi())).sub(tmp).sub(tmp.mulByXi());
        Fp2 t1 = tmp.dbl();
        tmp = z2.mul(z3);
        Fp2 t2 = z2.add(z3).mul(z2.add(z3.mulByXi())).sub(tmp).sub(tmp.mulByXi());
        Fp2 t3 = tmp.dbl();
        tmp = z4.mul(z5);
        Fp2 t4 = z4.add(z5).mul(z4.add(z5.mulByXi())).sub(tmp).sub(tmp.mulByXi());
        Fp2 t5 = tmp.dbl();
        Fp2 r00 = t0.sub(z0).dbl().add(t0);
        Fp2 r11 = t1.add(z1).dbl().add(t1);
        Fp2 xt5 = t5.mulByXi();
        Fp2 r10 = xt5.add(z2).dbl().add(xt5);
        Fp2 r02 = t4.sub(z3).dbl().add(t4);
        Fp2 r01 = t2.sub(z4).dbl().add(t2);
        Fp2 r12 = t3.add(z5).dbl().add(t3);
        return new Fp12(new Fp6(r00, r01, r02), new Fp6(r10, r11, r12));
    }

    /** this^e in the cyclotomic subgroup, e ≥ 0. */
    public Fp12 cyclotomicPow(BigInteger e) {
        Fp12 acc = ONE;
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            acc = acc.cyclotomicSquare();
            if (e.testBit(i)) {
                acc = acc.mul(this);
            }
        }
        return acc;
    }

    /** this^e by square-and-multiply in the full field, e ≥ 0. */
    public Fp12 pow(BigInteger e) {
        Fp12 acc = ONE;
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            acc = acc.square();
            if (e.testBit(i)) {
                acc = acc.mul(this);
            }
        }
        return acc;
    }

    public boolean isOne() {
        return equals(ONE);
    }

    /** The twelve coefficients in snarkjs/noble order (c0.c0.c0, c0.c0.c1, …, c1.c2.c1). */
    public Fp[] coefficients() {
        Fp2[] f2 = {c0.c0(), c0.c1(), c0.c2(), c1.c0(), c1.c1(), c1.c2()};
        Fp[] out = new Fp[12];
        for (int i = 0; i < 6; i++) {
            out[2 * i] = f2[i].c0();
            out[2 * i + 1] = f2[i].c1();
        }
        return out;
    }

    /** Builds an element from twelve coefficients in {@link #coefficients()} order. */
    public static Fp12 of(Fp[] c) {
        if (c.length != 12) {
            throw new IllegalArgumentException("Fp12 needs 12 coefficients, got " + c.length);
        }
        Fp2[] f2 = new Fp2[6];
        for (int i = 0; i < 6; i++) {
            f2[i] = Fp2.of(c[2 * i], c[2 * i + 1]);
        }
        return new Fp12(new Fp6(f2[0], f2[1], f2[2]), new Fp6(f2[3], f2[4], f2[5]));
    }
}
