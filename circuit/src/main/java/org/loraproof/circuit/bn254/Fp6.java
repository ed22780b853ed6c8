package org.loraproof.circuit.bn254;

/** An immutable element c0 + c1·v + c2·v² of Fp6 = Fp2[v]/(v³ − ξ), ξ = 9 + u. */
public record Fp6(Fp2 c0, Fp2 c1, Fp2 c2) {
    public static final Fp6 ZERO = new Fp6(Fp2.ZERO, Fp2.ZERO, Fp2.ZERO);
    public static final Fp6 ONE = new Fp6(Fp2.ONE, Fp2.ZERO, Fp2.ZERO);

    public Fp6 add(Fp6 o) {
        return new Fp6(c0.add(o.c0), c1.add(o.c1), c2.add(o.c2));
    }

    public Fp6 sub(Fp6 o) {
        return new Fp6(c0.sub(o.c0), c1.sub(o.c1), c2.sub(o.c2));
    }

    public Fp6 neg() {
        return new Fp6(c0.neg(), c1.neg(), c2.neg());
    }

    /** Karatsuba: six Fp2 multiplications. */
    public Fp6 mul(Fp6 o) {
        Fp2 t0 = c0.mul(o.c0), t1 = c1.mul(o.c1), t2 = c2.mul(o.c2);
        Fp2 r0 = c1.add(c2).mul(o.c1.add(o.c2)).sub(t1).sub(t2).mulByXi().add(t0);
        Fp2 r1 = c0.add(c1).mul(o.c0.add(o.c1)).sub(t0).sub(t1).add(t2.mulByXi());
        Fp2 r2 = c0.add(c2).mul(o.c0.add(o.c2)).sub(t0).sub(t2).add(t1);
        return new Fp6(r0, r1, r2);
    }

    public Fp6 square() {
        return mul(this);
    }

    /** this·(d0 + d1·v): five Fp2 multiplications. */
    public Fp6 mulBy01(Fp2 d0, Fp2 d1) {
        Fp2 aa = c0.mul(d0), bb = c1.mul(d1);
        Fp2 r0 = c1.add(c2).mul(d1).sub(bb).mulByXi().add(aa);
        Fp2 r1 = d0.add(d1).mul(c0.add(c1)).sub(aa).sub(bb);
        Fp2 r2 = c0.add(c2).mul(d0).sub(aa).add(bb);
        return new Fp6(r0, r1, r2);
    }

    public Fp6 mulByFp2(Fp2 d) {
        return new Fp6(c0.mul(d), c1.mul(d), c2.mul(d));
    }

    /** this·v = ξ·c2 + c0·v + c1·v². */
    public Fp6 mulByV() {
        return new Fp6(c2.mulByXi(), c0, c1);
    }

    public Fp6 inverse() {
        Fp2 t0 = c0.square().sub(c1.mul(c2).mulByXi());
        Fp2 t1 = c2.square().mulByXi().sub(c0.mul(c1));
        Fp2 t2 = c1.square().sub(c0.mul(c2));
        Fp2 n = c0.mul(t0).add(c2.mul(t1).add(c1.mul(t2)).mulByXi());
        Fp2 ni = n.inverse();
        return new Fp6(t0.mul(ni), t1.mul(ni), t2.mul(ni));
    }

    public boolean isZero() {
        return c0.isZero() && c1.isZero() && c2.isZero();
    }
}
