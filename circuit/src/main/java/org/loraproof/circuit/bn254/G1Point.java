package org.loraproof.circuit.bn254;

import java.util.Arrays;
import java.util.List;

/**
 * A point of G1: y² = x³ + 3 over Fp, prime order r, cofactor 1. Decoders validate: coordinates
 * canonical and the point on the curve (that is the whole subgroup check for G1).
 */
public final class G1Point extends CurvePoint<G1Point> {
    private static final ThreadLocal<JacobianCurve> CURVE = ThreadLocal.withInitial(JacobianCurve::g1);
    public static final G1Point INFINITY = new G1Point(new long[8]);
    public static final G1Point GENERATOR = of(Fp.ONE, Fp.of(2));

    G1Point(long[] affineLimbs) {
        super(affineLimbs);
    }

    @Override
    JacobianCurve curve() {
        return CURVE.get();
    }

    @Override
    G1Point wrap(long[] affineLimbs) {
        return new G1Point(affineLimbs);
    }

    /** The affine point (x, y); rejects a point off the curve. */
    public static G1Point of(Fp x, Fp y) {
        long[] l = new long[8];
        x.writeLimbs(l, 0);
        y.writeLimbs(l, 4);
        G1Point p = new G1Point(l);
        if (p.isInfinity() || !p.isOnCurve()) {
            throw new InvalidPointException("G1 point (" + x + ", " + y + ") is not on y^2 = x^3 + 3");
        }
        return p;
    }

    /** Wraps affine Montgomery limbs (x, y) copied from src without validation. */
    public static G1Point fromLimbs(long[] src, int off) {
        return new G1Point(Arrays.copyOfRange(src, off, off + 8));
    }

    public Fp x() {
        return Fp.fromLimbs(xy, 0);
    }

    public Fp y() {
        return Fp.fromLimbs(xy, 4);
    }

    /** EIP-196 encoding: x ‖ y, 32 bytes each, big-endian; infinity is 64 zero bytes. */
    public byte[] toEip196() {
        byte[] out = new byte[64];
        if (!isInfinity()) {
            System.arraycopy(x().toBytes(), 0, out, 0, 32);
            System.arraycopy(y().toBytes(), 0, out, 32, 32);
        }
        return out;
    }

    /** Decodes 64 bytes at off (EIP-196), rejecting non-canonical coordinates and points off the curve. */
    public static G1Point fromEip196(byte[] b, int off) {
        if (b.length - off < 64) {
            throw new InvalidPointException("G1 point: expected 64 bytes, got " + Math.max(0, b.length - off));
        }
        Fp x = coordinate(b, off, "x"), y = coordinate(b, off + 32, "y");
        if (x.isZero() && y.isZero()) {
            return INFINITY;
        }
        return of(x, y);
    }

    private static Fp coordinate(byte[] b, int off, String name) {
        try {
            return Fp.fromBytes(b, off);
        } catch (IllegalArgumentException e) {
            throw new InvalidPointException("G1 point: coordinate " + name + " is not below the field modulus p");
        }
    }

    /** snarkjs JSON form: ["x", "y", "1"], or ["0", "1", "0"] for infinity. */
    public List<String> toSnarkjs() {
        return isInfinity() ? List.of("0", "1", "0") : List.of(x().toString(), y().toString(), "1");
    }

    /** Parses snarkjs JSON coordinates [x, y, z] with z ∈ {0, 1}; validates the point. */
    public static G1Point fromSnarkjs(List<String> c) {
        if (c.size() != 3 && c.size() != 2) {
            throw new InvalidPointException("G1 point: expected [x, y, z], got " + c.size() + " coordinates");
        }
        String z = c.size() == 3 ? c.get(2).trim() : "1";
        if (z.equals("0")) {
            return INFINITY;
        }
        if (!z.equals("1")) {
            throw new InvalidPointException("G1 point: z must be 0 or 1 in affine snarkjs form, got " + z);
        }
        return of(decimal(c.get(0), "x"), decimal(c.get(1), "y"));
    }

    private static Fp decimal(String s, String name) {
        try {
            return Fp.parse(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidPointException("G1 point: coordinate " + name + " is not a canonical decimal below p");
        }
    }

    /** SEC1-style compressed form: 02 (y even) or 03 (y odd), then x (32 bytes big-endian). */
    public byte[] toCompressed() {
        if (isInfinity()) {
            throw new IllegalStateException("the point at infinity has no SEC1 compressed form");
        }
        byte[] out = new byte[33];
        out[0] = (byte) (y().toBigInteger().testBit(0) ? 3 : 2);
        System.arraycopy(x().toBytes(), 0, out, 1, 32);
        return out;
    }

    public static G1Point fromCompressed(byte[] b) {
        if (b.length != 33 || (b[0] != 2 && b[0] != 3)) {
            throw new InvalidPointException("G1 compressed point: expected 33 bytes starting with 02 or 03");
        }
        Fp x = coordinate(b, 1, "x");
        Fp y = x.square().mul(x).add(Fp.of(3)).sqrt();
        if (y == null) {
            throw new InvalidPointException("G1 compressed point: x is not the abscissa of a curve point");
        }
        if (y.toBigInteger().testBit(0) != (b[0] == 3)) {
            y = y.neg();
        }
        return of(x, y);
    }

    @Override
    public String toString() {
        return isInfinity() ? "G1(infinity)" : "G1(" + x() + ", " + y() + ")";
    }
}
