package org.loraproof.circuit.bn254;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * A point of G2, the order-r subgroup of the twist y² = x³ + 3/(9 + u) over Fp2. Decoders
 * validate: coordinates canonical, the point on the twist, and in the order-r subgroup.
 */
public final class G2Point extends CurvePoint<G2Point> {
    /** ψ acts on G2 as multiplication by p ≡ 6x² (mod r). */
    private static final BigInteger PSI_EIGENVALUE = Bn254.X.pow(2).multiply(BigInteger.valueOf(6));
    private static final ThreadLocal<JacobianCurve> CURVE = ThreadLocal.withInitial(JacobianCurve::g2);
    public static final G2Point INFINITY = new G2Point(new long[16]);
    public static final G2Point GENERATOR = of(
            Fp2.parse("10857046999023057135944570762232829481370756359578518086990519993285655852781",
                    "11559732032986387107991004021392285783925812861821192530917403151452391805634"),
            Fp2.parse("8495653923123431417604973247489272438418190587263600148770280649306958101930",
                    "4082367875863433681332203403145435568316851327593401208105741076214120093531"));

    G2Point(long[] affineLimbs) {
        super(affineLimbs);
    }

    @Override
    JacobianCurve curve() {
        return CURVE.get();
    }

    @Override
    G2Point wrap(long[] affineLimbs) {
        return new G2Point(affineLimbs);
    }

    /** The affine point (x, y) on the twist; rejects a point off the twist (not the subgroup: see {@link #isInSubgroup()}). */
    public static G2Point onTwist(Fp2 x, Fp2 y) {
        long[] l = new long[16];
        x.writeLimbs(l, 0);
        y.writeLimbs(l, 8);
        G2Point p = new G2Point(l);
        if (p.isInfinity() || !p.isOnCurve()) {
            throw new InvalidPointException("G2 point is not on the twist y^2 = x^3 + 3/(9+u)");
        }
        return p;
    }

    /** The affine point (x, y); rejects a point off the twist or outside the order-r subgroup. */
    public static G2Point of(Fp2 x, Fp2 y) {
        G2Point p = onTwist(x, y);
        if (!p.isInSubgroup()) {
            throw new InvalidPointException("G2 point is on the twist but not in the order-r subgroup");
        }
        return p;
    }

    public static G2Point fromLimbs(long[] src, int off) {
        return new G2Point(Arrays.copyOfRange(src, off, off + 16));
    }

    public Fp2 x() {
        return Fp2.fromLimbs(xy, 0);
    }

    public Fp2 y() {
        return Fp2.fromLimbs(xy, 8);
    }

    /** The untwist-Frobenius-twist endomorphism ψ(x, y) = (x̄·ξ^((p−1)/3), ȳ·ξ^((p−1)/2)). */
    public G2Point psi() {
        if (isInfinity()) {
            return this;
        }
        Fp2 px = x().conjugate().mul(Fp12.FROBENIUS[0][1]);
        Fp2 py = y().conjugate().mul(Fp12.FROBENIUS[0][2]);
        long[] l = new long[16];
        px.writeLimbs(l, 0);
        py.writeLimbs(l, 8);
        return new G2Point(l);
    }

    /**
     * Membership in the order-r subgroup by the endomorphism test ψ(P) = [6x²]P (Scott, "A note
     * on group membership tests for G1, G2 and GT on BLS pairing-friendly curves", 2021), which
     * costs a 127-bit multiplication instead of the 254-bit r·P. Tests cross-check it against
     * {@link #hasOrderR()}.
     */
    public boolean isInSubgroup() {
        if (isInfinity()) {
            return true;
        }
        return isOnCurve() && psi().equals(mul(PSI_EIGENVALUE));
    }

    /** EIP-197 encoding: x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0 (imaginary parts first); infinity is 128 zero bytes. */
    public byte[] toEip197() {
        byte[] out = new byte[128];
        if (!isInfinity()) {
            Fp2 x = x(), y = y();
            System.arraycopy(x.c1().toBytes(), 0, out, 0, 32);
            System.arraycopy(x.c0().toBytes(), 0, out, 32, 32);
            System.arraycopy(y.c1().toBytes(), 0, out, 64, 32);
            System.arraycopy(y.c0().toBytes(), 0, out, 96, 32);
        }
        return out;
    }

    /** Decodes 128 bytes at off (EIP-197) and validates coordinates, curve and subgroup. */
    public static G2Point fromEip197(byte[] b, int off) {
        if (b.length - off < 128) {
            throw new InvalidPointException("G2 point: expected 128 bytes, got " + Math.max(0, b.length - off));
        }
        Fp x1 = coordinate(b, off, "x.c1"), x0 = coordinate(b, off + 32, "x.c0");
        Fp y1 = coordinate(b, off + 64, "y.c1"), y0 = coordinate(b, off + 96, "y.c0");
        if (x0.isZero() && x1.isZero() && y0.isZero() && y1.isZero()) {
            return INFINITY;
        }
        return of(Fp2.of(x0, x1), Fp2.of(y0, y1));
    }

    private static Fp coordinate(byte[] b, int off, String name) {
        try {
            return Fp.fromBytes(b, off);
        } catch (IllegalArgumentException e) {
            throw new InvalidPointException("G2 point: coordinate " + name + " is not below the field modulus p");
        }
    }

    /** snarkjs JSON form: [[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]]; infinity has z = ["0", "0"]. */
    public List<List<String>> toSnarkjs() {
        if (isInfinity()) {
            return List.of(List.of("0", "0"), List.of("1", "0"), List.of("0", "0"));
        }
        Fp2 x = x(), y = y();
        return List.of(List.of(x.c0().toString(), x.c1().toString()),
                List.of(y.c0().toString(), y.c1().toString()), List.of("1", "0"));
    }

    /** Parses snarkjs JSON coordinates with z ∈ {0, 1}; validates curve and subgroup. */
    public static G2Point fromSnarkjs(List<List<String>> c) {
        if (c.size() != 3 && c.size() != 2) {
            throw new InvalidPointException("G2 point: expected [x, y, z], got " + c.size() + " coordinates");
        }
        Fp2 z = c.size() == 3 ? pair(c.get(2), "z") : Fp2.ONE;
        if (z.isZero()) {
            return INFINITY;
        }
        if (!z.equals(Fp2.ONE)) {
            throw new InvalidPointException("G2 point: z must be [0, 0] or [1, 0] in affine snarkjs form");
        }
        return of(pair(c.get(0), "x"), pair(c.get(1), "y"));
    }

    private static Fp2 pair(List<String> v, String name) {
        if (v.size() != 2) {
            throw new InvalidPointException("G2 point: coordinate " + name + " must have two parts [c0, c1]");
        }
        try {
            return Fp2.parse(v.get(0), v.get(1));
        } catch (IllegalArgumentException e) {
            throw new InvalidPointException("G2 point: coordinate " + name + " is not a canonical decimal pair below p");
        }
    }

    /** RFC 9380 sgn0 of an Fp2 element: c0's parity, or c1's when c0 = 0. */
    static boolean sgn0(Fp2 y) {
        BigInteger y0 = y.c0().toBigInteger();
        return y0.signum() != 0 ? y0.testBit(0) : y.c1().toBigInteger().testBit(0);
    }

    /** SEC1-style compressed form: 02 or 03 (sgn0 of y), then x.c0 ‖ x.c1 (real part first). */
    public byte[] toCompressed() {
        if (isInfinity()) {
            throw new IllegalStateException("the point at infinity has no SEC1 compressed form");
        }
        byte[] out = new byte[65];
        out[0] = (byte) (sgn0(y()) ? 3 : 2);
        System.arraycopy(x().c0().toBytes(), 0, out, 1, 32);
        System.arraycopy(x().c1().toBytes(), 0, out, 33, 32);
        return out;
    }

    public static G2Point fromCompressed(byte[] b) {
        if (b.length != 65 || (b[0] != 2 && b[0] != 3)) {
            throw new InvalidPointException("G2 compressed point: expected 65 bytes starting with 02 or 03");
        }
        Fp2 x = Fp2.of(coordinate(b, 1, "x.c0"), coordinate(b, 33, "x.c1"));
        Fp2 bTwist = Fp2.fromLimbs(CURVE.get().b(), 0);
        Fp2 y = x.square().mul(x).add(bTwist).sqrt();
        if (y == null) {
            throw new InvalidPointException("G2 compressed point: x is not the abscissa of a twist point");
        }
        if (sgn0(y) != (b[0] == 3)) {
            y = y.neg();
        }
        return of(x, y);
    }

    @Override
    public String toString() {
        return isInfinity() ? "G2(infinity)" : "G2(" + x() + ", " + y() + ")";
    }
}
