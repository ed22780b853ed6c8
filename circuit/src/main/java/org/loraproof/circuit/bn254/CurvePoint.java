package org.loraproof.circuit.bn254;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An immutable affine point of G1 or G2, stored as the limbs {@link JacobianCurve} uses for an
 * affine point (all zero for infinity). Group operations run through a per-thread curve kernel.
 *
 * @param <P> the concrete point type
 */
public abstract sealed class CurvePoint<P extends CurvePoint<P>> permits G1Point, G2Point {
    final long[] xy;

    CurvePoint(long[] affineLimbs) {
        this.xy = affineLimbs;
    }

    abstract JacobianCurve curve();

    abstract P wrap(long[] affineLimbs);

    private P fromJacobian(long[] jac) {
        JacobianCurve c = curve();
        long[] a = new long[c.affineWidth()];
        c.toAffine(a, 0, jac, 0);
        return wrap(a);
    }

    private long[] jacobian() {
        JacobianCurve c = curve();
        long[] j = new long[c.jacobianWidth()];
        c.fromAffine(j, 0, xy, 0);
        return j;
    }

    public boolean isInfinity() {
        return curve().isAffineInfinity(xy, 0);
    }

    public P add(P o) {
        JacobianCurve c = curve();
        long[] j = jacobian();
        c.addMixed(j, 0, j, 0, o.xy, 0);
        return fromJacobian(j);
    }

    public P dbl() {
        JacobianCurve c = curve();
        long[] j = jacobian();
        c.dbl(j, 0, j, 0);
        return fromJacobian(j);
    }

    public P neg() {
        JacobianCurve c = curve();
        long[] a = new long[c.affineWidth()];
        c.negAffine(a, 0, xy, 0);
        return wrap(a);
    }

    public P sub(P o) {
        return add(o.neg());
    }

    /** k·P for a non-negative k, not reduced (k ≥ r is allowed and computed as is). */
    public P mul(BigInteger k) {
        if (k.signum() < 0) {
            return neg().mul(k.negate());
        }
        JacobianCurve c = curve();
        long[] j = jacobian();
        c.mul(j, 0, j, 0, k);
        return fromJacobian(j);
    }

    public P mul(Fr k) {
        return mul(k.toBigInteger());
    }

    public boolean isOnCurve() {
        return curve().isOnCurve(xy, 0);
    }

    /** True when r·P = O, by plain scalar multiplication (slow; the reference for subgroup checks). */
    public boolean hasOrderR() {
        return mul(Bn254.R).isInfinity();
    }

    /** Copies the affine limbs (x then y, Montgomery form) into dst at off. */
    public void writeLimbs(long[] dst, int off) {
        System.arraycopy(xy, 0, dst, off, xy.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CurvePoint<?> p && p.getClass() == getClass() && Arrays.equals(xy, p.xy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xy);
    }
}
