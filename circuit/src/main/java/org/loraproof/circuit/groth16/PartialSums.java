package org.loraproof.circuit.groth16;

import java.io.Serializable;
import org.loraproof.circuit.bn254.JacobianCurve;

/**
 * The five sums a Groth16 proof is made of, over one slice of the key (Jacobian limbs): Σzᵢ·Aᵢ,
 * Σzᵢ·B1ᵢ, Σzᵢ·B2ᵢ, Σzᵢ·Cᵢ over the slice's variables and ΣPⱼ·Hⱼ over its part of the domain.
 * Sums over slices that cover the key add up, by {@link #plus}, to the sums over the whole key.
 */
public final class PartialSums implements Serializable {
    private static final long serialVersionUID = 1L;

    final long[] a, b1, b2, c, h;

    /** The bytes of the five sums' limbs: what a task sends back. */
    public static final int BYTES = 8 * (4 * JacobianCurve.g1().jacobianWidth() + JacobianCurve.g2().jacobianWidth());

    PartialSums(long[] a, long[] b1, long[] b2, long[] c, long[] h) {
        JacobianCurve g1 = JacobianCurve.g1();
        if (a.length != g1.jacobianWidth() || b1.length != g1.jacobianWidth() || c.length != g1.jacobianWidth()
                || h.length != g1.jacobianWidth() || b2.length != JacobianCurve.g2().jacobianWidth()) {
            throw new IllegalArgumentException("partial sums of the wrong widths");
        }
        this.a = a;
        this.b1 = b1;
        this.b2 = b2;
        this.c = c;
        this.h = h;
    }

    /** All five sums at infinity: the sums over an empty slice. */
    public static PartialSums zero() {
        int w1 = JacobianCurve.g1().jacobianWidth();
        return new PartialSums(new long[w1], new long[w1], new long[JacobianCurve.g2().jacobianWidth()],
                new long[w1], new long[w1]);
    }

    /** The sums over both slices (which must not overlap). */
    public PartialSums plus(PartialSums o) {
        JacobianCurve g1 = JacobianCurve.g1(), g2 = JacobianCurve.g2();
        long[] ra = a.clone(), rb1 = b1.clone(), rb2 = b2.clone(), rc = c.clone(), rh = h.clone();
        g1.add(ra, 0, ra, 0, o.a, 0);
        g1.add(rb1, 0, rb1, 0, o.b1, 0);
        g2.add(rb2, 0, rb2, 0, o.b2, 0);
        g1.add(rc, 0, rc, 0, o.c, 0);
        g1.add(rh, 0, rh, 0, o.h, 0);
        return new PartialSums(ra, rb1, rb2, rc, rh);
    }
}
