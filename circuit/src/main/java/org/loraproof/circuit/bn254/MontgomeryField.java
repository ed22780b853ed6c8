package org.loraproof.circuit.bn254;

import java.math.BigInteger;
import org.loraproof.circuit.Workers;

/**
 * Arithmetic modulo a prime q < 2^254 in Montgomery form (a·2^260 mod q) on four little-endian
 * 64-bit limbs. One instance per modulus: {@link #FP} (BN254 base field) and {@link #FR}
 * (BN254 scalar field). Results are always fully reduced into [0, q).
 *
 * <p>Multiplication works internally on 52-bit limbs (R = 2^260): in Java 17, without an
 * add-with-carry or unsigned high multiply, that measured about 25% faster than 64-bit CIOS.
 */
public final class MontgomeryField implements LimbField {
    public static final MontgomeryField FP = new MontgomeryField(Bn254.P);
    public static final MontgomeryField FR = new MontgomeryField(Bn254.R);
    /** Elements are held as a·2^260 mod q. */
    public static final int MONTGOMERY_BITS = 260;

    private static final long M52 = (1L << 52) - 1;
    private static final double C104 = 0x1p104;
    private static final long C104_BITS = Double.doubleToRawLongBits(C104);
    /**
     * Whether {@link Math#fma} runs in hardware: without FMA instructions (or with -XX:-UseFMA) it
     * computes through BigDecimal, about a thousand times slower, and {@link #mul} takes integer
     * products instead. The best of three timed runs of 256 calls (~10 µs with FMA, ~10 ms
     * without); {@code -Dloraproof.fma=false} forces the integer products.
     */
    static final boolean FMA = Boolean.parseBoolean(System.getProperty("loraproof.fma", "true")) && fmaInHardware();

    private static boolean fmaInHardware() {
        double x = 0;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t = System.nanoTime();
            for (int i = 0; i < 256; i++) {
                x = Math.fma(x, 0.5, 1.0);
            }
            best = Math.min(best, System.nanoTime() - t);
        }
        return best < 1_000_000 && x > 1; // x: the loop's result is used
    }

    private final long q0, q1, q2, q3;
    /** q in five 52-bit limbs, for {@link #mul}. */
    private final long n0, n1, n2, n3, n4;
    /** −q⁻¹ mod 2^52. */
    private final long qInv52;
    /** The 52-bit limbs as doubles, for {@link #mulByFma}. */
    private final double nd0, nd1, nd2, nd3, nd4;
    private final long[] rSquared;
    private final long[] one;
    private final long[] qMinus2;
    /** 2^(3·260 − k) mod q for k = 0 … {@link #MAX_SHIFT}, turning an almost-inverse into a Montgomery inverse. */
    private final long[] unshift;
    private final BigInteger modulus;

    private MontgomeryField(BigInteger q) {
        if (q.bitLength() > 254 || !q.testBit(0)) {
            throw new IllegalArgumentException("modulus must be odd and below 2^254");
        }
        this.modulus = q;
        long[] ql = limbsOf(q);
        q0 = ql[0];
        q1 = ql[1];
        q2 = ql[2];
        q3 = ql[3];
        BigInteger mask52 = BigInteger.ONE.shiftLeft(52).subtract(BigInteger.ONE);
        n0 = q.and(mask52).longValue();
        n1 = q.shiftRight(52).and(mask52).longValue();
        n2 = q.shiftRight(104).and(mask52).longValue();
        n3 = q.shiftRight(156).and(mask52).longValue();
        n4 = q.shiftRight(208).longValue();
        qInv52 = q.negate().modInverse(BigInteger.ONE.shiftLeft(52)).longValue();
        nd0 = n0;
        nd1 = n1;
        nd2 = n2;
        nd3 = n3;
        nd4 = n4;
        rSquared = limbsOf(BigInteger.ONE.shiftLeft(2 * MONTGOMERY_BITS).mod(q));
        one = limbsOf(BigInteger.ONE.shiftLeft(MONTGOMERY_BITS).mod(q));
        qMinus2 = limbsOf(q.subtract(BigInteger.TWO));
        unshift = new long[4 * (MAX_SHIFT + 1)];
        for (int k = 0; k <= MAX_SHIFT; k++) {
            System.arraycopy(limbsOf(BigInteger.TWO.modPow(BigInteger.valueOf(3 * MONTGOMERY_BITS - k), q)), 0, unshift, 4 * k, 4);
        }
    }

    /** Bound on the almost-inverse's exponent: twice the modulus's bit length. */
    private static final int MAX_SHIFT = 2 * 256;

    public BigInteger modulus() {
        return modulus;
    }

    @Override
    public int width() {
        return 4;
    }

    /** High 64 bits of the unsigned 128-bit product a·b. */
    static long mulHi(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** Carry out of s = x + y (+ carry in). */
    private static long carry(long x, long y, long s) {
        return ((x & y) | ((x | y) & ~s)) >>> 63;
    }

    /** Borrow out of d = x − y (− borrow in). */
    private static long borrow(long x, long y, long d) {
        return ((~x & y) | (~(x ^ y) & d)) >>> 63;
    }

    /**
     * r = a·b·2^−260 mod q (canonical), for a below 2^256 and b below q. The operands are split
     * into five 52-bit limbs so that partial products add into column sums without carry
     * detection; Montgomery reduction runs five rounds of 52 bits. By {@link #mulByFma} where the
     * CPU has FMA, else {@link #mulByIntegerProducts}; both give the same limbs.
     */
    @Override
    public void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        if (FMA) {
            mulByFma(r, ro, a, ao, b, bo);
        } else {
            mulByIntegerProducts(r, ro, a, ao, b, bo);
        }
    }

    /** The raw bits of fma(x, y, 2^104): round(x·y / 2^52) over those of 2^104, for x, y below 2^52. */
    private static long fmaHigh(double x, double y) {
        return Double.doubleToRawLongBits(Math.fma(x, y, C104));
    }

    /**
     * {@link #mul} as {@link FieldLanes} multiplies, on one element: each partial product's low part
     * is the wrapped 64-bit product and its high part, round(x·y / 2^52), comes from one FMA; the low
     * column sums and the high ones (a column up) are combined when each column is reduced. Half
     * the integer multiplications of {@link #mulByIntegerProducts}, whose 128-bit products share one
     * port: about 1.2 times as fast (65 against 80 ns here).
     */
    void mulByFma(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        final long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
        final long a0 = x0 & M52, a1 = ((x0 >>> 52) | (x1 << 12)) & M52, a2 = ((x1 >>> 40) | (x2 << 24)) & M52,
                a3 = ((x2 >>> 28) | (x3 << 36)) & M52, a4 = x3 >>> 16;
        final long y0 = b[bo], y1 = b[bo + 1], y2 = b[bo + 2], y3 = b[bo + 3];
        final long b0 = y0 & M52, b1 = ((y0 >>> 52) | (y1 << 12)) & M52, b2 = ((y1 >>> 40) | (y2 << 24)) & M52,
                b3 = ((y2 >>> 28) | (y3 << 36)) & M52, b4 = y3 >>> 16;
        final double e0 = a0, e1 = a1, e2 = a2, e3 = a3, e4 = a4, f0 = b0, f1 = b1, f2 = b2, f3 = b3, f4 = b4;
        // column k: s_k low parts (wrapped), g_{k+1} high parts
        long s0 = a0 * b0;
        long g1 = fmaHigh(e0, f0) - C104_BITS;
        long s1 = a0 * b1 + a1 * b0;
        long g2 = fmaHigh(e0, f1) + fmaHigh(e1, f0) - 2 * C104_BITS;
        long s2 = a0 * b2 + a1 * b1 + a2 * b0;
        long g3 = fmaHigh(e0, f2) + fmaHigh(e1, f1) + fmaHigh(e2, f0) - 3 * C104_BITS;
        long s3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
        long g4 = fmaHigh(e0, f3) + fmaHigh(e1, f2) + fmaHigh(e2, f1) + fmaHigh(e3, f0) - 4 * C104_BITS;
        long s4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;
        long g5 = fmaHigh(e0, f4) + fmaHigh(e1, f3) + fmaHigh(e2, f2) + fmaHigh(e3, f1) + fmaHigh(e4, f0) - 5 * C104_BITS;
        long s5 = a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1;
        long g6 = fmaHigh(e1, f4) + fmaHigh(e2, f3) + fmaHigh(e3, f2) + fmaHigh(e4, f1) - 4 * C104_BITS;
        long s6 = a2 * b4 + a3 * b3 + a4 * b2;
        long g7 = fmaHigh(e2, f4) + fmaHigh(e3, f3) + fmaHigh(e4, f2) - 3 * C104_BITS;
        long s7 = a3 * b4 + a4 * b3;
        long g8 = fmaHigh(e3, f4) + fmaHigh(e4, f3) - 2 * C104_BITS;
        long s8 = a4 * b4;
        long g9 = fmaHigh(e4, f4) - C104_BITS;
        long t, m, carry;
        double md;
        // round 0
        t = s0;
        m = (t * qInv52) & M52;
        md = m;
        g1 += fmaHigh(md, nd0) - C104_BITS;
        s1 += m * n1;
        g2 += fmaHigh(md, nd1) - C104_BITS;
        s2 += m * n2;
        g3 += fmaHigh(md, nd2) - C104_BITS;
        s3 += m * n3;
        g4 += fmaHigh(md, nd3) - C104_BITS;
        s4 += m * n4;
        g5 += fmaHigh(md, nd4) - C104_BITS;
        carry = (t + m * n0 - (g1 << 52)) >> 52;
        // round 1
        t = s1 + g1 + carry;
        m = (t * qInv52) & M52;
        md = m;
        g2 += fmaHigh(md, nd0) - C104_BITS;
        s2 += m * n1;
        g3 += fmaHigh(md, nd1) - C104_BITS;
        s3 += m * n2;
        g4 += fmaHigh(md, nd2) - C104_BITS;
        s4 += m * n3;
        g5 += fmaHigh(md, nd3) - C104_BITS;
        s5 += m * n4;
        g6 += fmaHigh(md, nd4) - C104_BITS;
        carry = (t + m * n0 - (g2 << 52)) >> 52;
        // round 2
        t = s2 + g2 + carry;
        m = (t * qInv52) & M52;
        md = m;
        g3 += fmaHigh(md, nd0) - C104_BITS;
        s3 += m * n1;
        g4 += fmaHigh(md, nd1) - C104_BITS;
        s4 += m * n2;
        g5 += fmaHigh(md, nd2) - C104_BITS;
        s5 += m * n3;
        g6 += fmaHigh(md, nd3) - C104_BITS;
        s6 += m * n4;
        g7 += fmaHigh(md, nd4) - C104_BITS;
        carry = (t + m * n0 - (g3 << 52)) >> 52;
        // round 3
        t = s3 + g3 + carry;
        m = (t * qInv52) & M52;
        md = m;
        g4 += fmaHigh(md, nd0) - C104_BITS;
        s4 += m * n1;
        g5 += fmaHigh(md, nd1) - C104_BITS;
        s5 += m * n2;
        g6 += fmaHigh(md, nd2) - C104_BITS;
        s6 += m * n3;
        g7 += fmaHigh(md, nd3) - C104_BITS;
        s7 += m * n4;
        g8 += fmaHigh(md, nd4) - C104_BITS;
        carry = (t + m * n0 - (g4 << 52)) >> 52;
        // round 4
        t = s4 + g4 + carry;
        m = (t * qInv52) & M52;
        md = m;
        g5 += fmaHigh(md, nd0) - C104_BITS;
        s5 += m * n1;
        g6 += fmaHigh(md, nd1) - C104_BITS;
        s6 += m * n2;
        g7 += fmaHigh(md, nd2) - C104_BITS;
        s7 += m * n3;
        g8 += fmaHigh(md, nd3) - C104_BITS;
        s8 += m * n4;
        g9 += fmaHigh(md, nd4) - C104_BITS;
        carry = (t + m * n0 - (g5 << 52)) >> 52;
        // columns 5..9
        long t5 = s5 + g5 + carry - (g6 << 52);
        carry = t5 >> 52;
        t5 &= M52;
        long t6 = s6 + g6 + carry - (g7 << 52);
        carry = t6 >> 52;
        t6 &= M52;
        long t7 = s7 + g7 + carry - (g8 << 52);
        carry = t7 >> 52;
        t7 &= M52;
        long t8 = s8 + g8 + carry - (g9 << 52);
        carry = t8 >> 52;
        t8 &= M52;
        finish(r, ro, t5, t6, t7, t8, g9 + carry);
    }

    /** {@link #mul} by integer products: each partial product's halves from a multiplication and {@link Math#multiplyHigh}. */
    void mulByIntegerProducts(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        final long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
        final long a0 = x0 & M52, a1 = ((x0 >>> 52) | (x1 << 12)) & M52, a2 = ((x1 >>> 40) | (x2 << 24)) & M52,
                a3 = ((x2 >>> 28) | (x3 << 36)) & M52, a4 = x3 >>> 16;
        final long y0 = b[bo], y1 = b[bo + 1], y2 = b[bo + 2], y3 = b[bo + 3];
        final long b0 = y0 & M52, b1 = ((y0 >>> 52) | (y1 << 12)) & M52, b2 = ((y1 >>> 40) | (y2 << 24)) & M52,
                b3 = ((y2 >>> 28) | (y3 << 36)) & M52, b4 = y3 >>> 16;
        final long q0 = n0, q1 = n1, q2 = n2, q3 = n3, q4 = n4;
        long t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6 = 0, t7 = 0, t8 = 0, t9 = 0;
        long p, m;
        p = a0 * b0; t0 += p & M52; t1 += (Math.multiplyHigh(a0, b0) << 12) | (p >>> 52);
        p = a0 * b1; t1 += p & M52; t2 += (Math.multiplyHigh(a0, b1) << 12) | (p >>> 52);
        p = a0 * b2; t2 += p & M52; t3 += (Math.multiplyHigh(a0, b2) << 12) | (p >>> 52);
        p = a0 * b3; t3 += p & M52; t4 += (Math.multiplyHigh(a0, b3) << 12) | (p >>> 52);
        p = a0 * b4; t4 += p & M52; t5 += (Math.multiplyHigh(a0, b4) << 12) | (p >>> 52);
        p = a1 * b0; t1 += p & M52; t2 += (Math.multiplyHigh(a1, b0) << 12) | (p >>> 52);
        p = a1 * b1; t2 += p & M52; t3 += (Math.multiplyHigh(a1, b1) << 12) | (p >>> 52);
        p = a1 * b2; t3 += p & M52; t4 += (Math.multiplyHigh(a1, b2) << 12) | (p >>> 52);
        p = a1 * b3; t4 += p & M52; t5 += (Math.multiplyHigh(a1, b3) << 12) | (p >>> 52);
        p = a1 * b4; t5 += p & M52; t6 += (Math.multiplyHigh(a1, b4) << 12) | (p >>> 52);
        p = a2 * b0; t2 += p & M52; t3 += (Math.multiplyHigh(a2, b0) << 12) | (p >>> 52);
        p = a2 * b1; t3 += p & M52; t4 += (Math.multiplyHigh(a2, b1) << 12) | (p >>> 52);
        p = a2 * b2; t4 += p & M52; t5 += (Math.multiplyHigh(a2, b2) << 12) | (p >>> 52);
        p = a2 * b3; t5 += p & M52; t6 += (Math.multiplyHigh(a2, b3) << 12) | (p >>> 52);
        p = a2 * b4; t6 += p & M52; t7 += (Math.multiplyHigh(a2, b4) << 12) | (p >>> 52);
        p = a3 * b0; t3 += p & M52; t4 += (Math.multiplyHigh(a3, b0) << 12) | (p >>> 52);
        p = a3 * b1; t4 += p & M52; t5 += (Math.multiplyHigh(a3, b1) << 12) | (p >>> 52);
        p = a3 * b2; t5 += p & M52; t6 += (Math.multiplyHigh(a3, b2) << 12) | (p >>> 52);
        p = a3 * b3; t6 += p & M52; t7 += (Math.multiplyHigh(a3, b3) << 12) | (p >>> 52);
        p = a3 * b4; t7 += p & M52; t8 += (Math.multiplyHigh(a3, b4) << 12) | (p >>> 52);
        p = a4 * b0; t4 += p & M52; t5 += (Math.multiplyHigh(a4, b0) << 12) | (p >>> 52);
        p = a4 * b1; t5 += p & M52; t6 += (Math.multiplyHigh(a4, b1) << 12) | (p >>> 52);
        p = a4 * b2; t6 += p & M52; t7 += (Math.multiplyHigh(a4, b2) << 12) | (p >>> 52);
        p = a4 * b3; t7 += p & M52; t8 += (Math.multiplyHigh(a4, b3) << 12) | (p >>> 52);
        p = a4 * b4; t8 += p & M52; t9 += (Math.multiplyHigh(a4, b4) << 12) | (p >>> 52);
        m = (t0 * qInv52) & M52;
        p = m * q0; t0 += p & M52; t1 += (Math.multiplyHigh(m, q0) << 12) | (p >>> 52);
        p = m * q1; t1 += p & M52; t2 += (Math.multiplyHigh(m, q1) << 12) | (p >>> 52);
        p = m * q2; t2 += p & M52; t3 += (Math.multiplyHigh(m, q2) << 12) | (p >>> 52);
        p = m * q3; t3 += p & M52; t4 += (Math.multiplyHigh(m, q3) << 12) | (p >>> 52);
        p = m * q4; t4 += p & M52; t5 += (Math.multiplyHigh(m, q4) << 12) | (p >>> 52);
        t1 += t0 >>> 52;
        m = (t1 * qInv52) & M52;
        p = m * q0; t1 += p & M52; t2 += (Math.multiplyHigh(m, q0) << 12) | (p >>> 52);
        p = m * q1; t2 += p & M52; t3 += (Math.multiplyHigh(m, q1) << 12) | (p >>> 52);
        p = m * q2; t3 += p & M52; t4 += (Math.multiplyHigh(m, q2) << 12) | (p >>> 52);
        p = m * q3; t4 += p & M52; t5 += (Math.multiplyHigh(m, q3) << 12) | (p >>> 52);
        p = m * q4; t5 += p & M52; t6 += (Math.multiplyHigh(m, q4) << 12) | (p >>> 52);
        t2 += t1 >>> 52;
        m = (t2 * qInv52) & M52;
        p = m * q0; t2 += p & M52; t3 += (Math.multiplyHigh(m, q0) << 12) | (p >>> 52);
        p = m * q1; t3 += p & M52; t4 += (Math.multiplyHigh(m, q1) << 12) | (p >>> 52);
        p = m * q2; t4 += p & M52; t5 += (Math.multiplyHigh(m, q2) << 12) | (p >>> 52);
        p = m * q3; t5 += p & M52; t6 += (Math.multiplyHigh(m, q3) << 12) | (p >>> 52);
        p = m * q4; t6 += p & M52; t7 += (Math.multiplyHigh(m, q4) << 12) | (p >>> 52);
        t3 += t2 >>> 52;
        m = (t3 * qInv52) & M52;
        p = m * q0; t3 += p & M52; t4 += (Math.multiplyHigh(m, q0) << 12) | (p >>> 52);
        p = m * q1; t4 += p & M52; t5 += (Math.multiplyHigh(m, q1) << 12) | (p >>> 52);
        p = m * q2; t5 += p & M52; t6 += (Math.multiplyHigh(m, q2) << 12) | (p >>> 52);
        p = m * q3; t6 += p & M52; t7 += (Math.multiplyHigh(m, q3) << 12) | (p >>> 52);
        p = m * q4; t7 += p & M52; t8 += (Math.multiplyHigh(m, q4) << 12) | (p >>> 52);
        t4 += t3 >>> 52;
        m = (t4 * qInv52) & M52;
        p = m * q0; t4 += p & M52; t5 += (Math.multiplyHigh(m, q0) << 12) | (p >>> 52);
        p = m * q1; t5 += p & M52; t6 += (Math.multiplyHigh(m, q1) << 12) | (p >>> 52);
        p = m * q2; t6 += p & M52; t7 += (Math.multiplyHigh(m, q2) << 12) | (p >>> 52);
        p = m * q3; t7 += p & M52; t8 += (Math.multiplyHigh(m, q3) << 12) | (p >>> 52);
        p = m * q4; t8 += p & M52; t9 += (Math.multiplyHigh(m, q4) << 12) | (p >>> 52);
        t5 += t4 >>> 52;
        t6 += t5 >>> 52;
        t5 &= M52;
        t7 += t6 >>> 52;
        t6 &= M52;
        t8 += t7 >>> 52;
        t7 &= M52;
        t9 += t8 >>> 52;
        t8 &= M52;
        finish(r, ro, t5, t6, t7, t8, t9);
    }

    /**
     * The last step of both multiplications: t (52-bit limbs t5 … t9, below 2q) less q where that
     * stays non-negative, packed into four 64-bit limbs at r[ro…].
     */
    private void finish(long[] r, int ro, long t5, long t6, long t7, long t8, long t9) {
        long d0 = t5 - n0, d1 = t6 - n1 + (d0 >> 52), d2 = t7 - n2 + (d1 >> 52), d3 = t8 - n3 + (d2 >> 52),
                d4 = t9 - n4 + (d3 >> 52);
        long keep = d4 >> 63; // all ones when t < q
        t5 = (t5 & keep) | (d0 & M52 & ~keep);
        t6 = (t6 & keep) | (d1 & M52 & ~keep);
        t7 = (t7 & keep) | (d2 & M52 & ~keep);
        t8 = (t8 & keep) | (d3 & M52 & ~keep);
        t9 = (t9 & keep) | (d4 & ~keep);
        r[ro] = t5 | (t6 << 52);
        r[ro + 1] = (t6 >>> 12) | (t7 << 40);
        r[ro + 2] = (t7 >>> 24) | (t8 << 28);
        r[ro + 3] = (t8 >>> 36) | (t9 << 16);
    }

    @Override
    public void square(long[] r, int ro, long[] a, int ao) {
        mul(r, ro, a, ao, a, ao);
    }

    /** Writes t − q if t ≥ q, else t; t must be below 2q. */
    private void reduceOnce(long[] r, int ro, long t0, long t1, long t2, long t3) {
        long d0 = t0 - q0;
        long bw = borrow(t0, q0, d0);
        long d1 = t1 - q1 - bw;
        bw = borrow(t1, q1, d1);
        long d2 = t2 - q2 - bw;
        bw = borrow(t2, q2, d2);
        long d3 = t3 - q3 - bw;
        bw = borrow(t3, q3, d3);
        long keep = -bw; // all ones when t < q
        r[ro] = (t0 & keep) | (d0 & ~keep);
        r[ro + 1] = (t1 & keep) | (d1 & ~keep);
        r[ro + 2] = (t2 & keep) | (d2 & ~keep);
        r[ro + 3] = (t3 & keep) | (d3 & ~keep);
    }

    @Override
    public void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
        long y0 = b[bo], y1 = b[bo + 1], y2 = b[bo + 2], y3 = b[bo + 3];
        long s0 = x0 + y0;
        long c = carry(x0, y0, s0);
        long s1 = x1 + y1 + c;
        c = carry(x1, y1, s1);
        long s2 = x2 + y2 + c;
        c = carry(x2, y2, s2);
        long s3 = x3 + y3 + c;
        reduceOnce(r, ro, s0, s1, s2, s3);
    }

    @Override
    public void dbl(long[] r, int ro, long[] a, int ao) {
        add(r, ro, a, ao, a, ao);
    }

    @Override
    public void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
        long y0 = b[bo], y1 = b[bo + 1], y2 = b[bo + 2], y3 = b[bo + 3];
        long d0 = x0 - y0;
        long bw = borrow(x0, y0, d0);
        long d1 = x1 - y1 - bw;
        bw = borrow(x1, y1, d1);
        long d2 = x2 - y2 - bw;
        bw = borrow(x2, y2, d2);
        long d3 = x3 - y3 - bw;
        bw = borrow(x3, y3, d3);
        long mask = -bw; // add q back when the subtraction wrapped
        long e0 = q0 & mask, e1 = q1 & mask, e2 = q2 & mask, e3 = q3 & mask;
        long s0 = d0 + e0;
        long c = carry(d0, e0, s0);
        long s1 = d1 + e1 + c;
        c = carry(d1, e1, s1);
        long s2 = d2 + e2 + c;
        c = carry(d2, e2, s2);
        r[ro] = s0;
        r[ro + 1] = s1;
        r[ro + 2] = s2;
        r[ro + 3] = d3 + e3 + c;
    }

    @Override
    public void neg(long[] r, int ro, long[] a, int ao) {
        long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
        long nz = ((x0 | x1 | x2 | x3) == 0) ? 0L : -1L;
        long d0 = q0 - x0;
        long bw = borrow(q0, x0, d0);
        long d1 = q1 - x1 - bw;
        bw = borrow(q1, x1, d1);
        long d2 = q2 - x2 - bw;
        bw = borrow(q2, x2, d2);
        long d3 = q3 - x3 - bw;
        r[ro] = d0 & nz;
        r[ro + 1] = d1 & nz;
        r[ro + 2] = d2 & nz;
        r[ro + 3] = d3 & nz;
    }

    @Override
    public boolean isZero(long[] a, int ao) {
        return (a[ao] | a[ao + 1] | a[ao + 2] | a[ao + 3]) == 0;
    }

    @Override
    public boolean equal(long[] a, int ao, long[] b, int bo) {
        return a[ao] == b[bo] && a[ao + 1] == b[bo + 1] && a[ao + 2] == b[bo + 2] && a[ao + 3] == b[bo + 3];
    }

    @Override
    public void setOne(long[] r, int ro) {
        System.arraycopy(one, 0, r, ro, 4);
    }

    /** r = a^e for an exponent given as standard-form little-endian limbs. */
    public void pow(long[] r, int ro, long[] a, int ao, long[] exponent) {
        long[] acc = one.clone();
        long[] base = {a[ao], a[ao + 1], a[ao + 2], a[ao + 3]};
        for (int i = exponent.length * 64 - 1; i >= 0; i--) {
            square(acc, 0, acc, 0);
            if (((exponent[i >>> 6] >>> (i & 63)) & 1) != 0) {
                mul(acc, 0, acc, 0, base, 0);
            }
        }
        System.arraycopy(acc, 0, r, ro, 4);
    }

    /** r = a⁻¹ by Fermat's little theorem; 0 maps to 0. */
    @Override
    public void inverse(long[] r, int ro, long[] a, int ao) {
        pow(r, ro, a, ao, qMinus2);
    }

    /**
     * r = a⁻¹ (0 maps to 0) in variable time, several times faster than {@link #inverse}: Kaliski's
     * almost-inverse (a binary extended Euclid giving a⁻¹·2^k, 254 ≤ k ≤ 508, with runs of zero bits
     * shifted out at once) and one multiplication by 2^(780 − k). Its time depends on a, so use it
     * only where the value is not a secret on its own (batched inversions inside an MSM).
     */
    public void inverseVariableTime(long[] r, int ro, long[] a, int ao) {
        long v0 = a[ao], v1 = a[ao + 1], v2 = a[ao + 2], v3 = a[ao + 3];
        if ((v0 | v1 | v2 | v3) == 0) {
            java.util.Arrays.fill(r, ro, ro + 4, 0L);
            return;
        }
        // invariant q = u·s + v·r; u and v odd at the top of the loop
        long u0 = q0, u1 = q1, u2 = q2, u3 = q3;
        long r0 = 0, r1 = 0, r2 = 0, r3 = 0;
        long s0 = 1, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        while (v0 == 0) {
            v0 = v1;
            v1 = v2;
            v2 = v3;
            v3 = 0;
            k += 64;
        }
        int z = Long.numberOfTrailingZeros(v0);
        if (z > 0) {
            v0 = (v0 >>> z) | (v1 << -z);
            v1 = (v1 >>> z) | (v2 << -z);
            v2 = (v2 >>> z) | (v3 << -z);
            v3 >>>= z;
            k += z;
        }
        while (true) {
            boolean uAbove;
            if (u3 != v3) {
                uAbove = u3 > v3; // below 2^62: signed comparison is exact
            } else if (u2 != v2) {
                uAbove = Long.compareUnsigned(u2, v2) > 0;
            } else if (u1 != v1) {
                uAbove = Long.compareUnsigned(u1, v1) > 0;
            } else if (u0 != v0) {
                uAbove = Long.compareUnsigned(u0, v0) > 0;
            } else { // u = v = 1: s ← s + r, r ← 2r, and done
                k++;
                long t = r3 << 1 | r2 >>> 63;
                r2 = r2 << 1 | r1 >>> 63;
                r1 = r1 << 1 | r0 >>> 63;
                r0 <<= 1;
                r3 = t;
                break;
            }
            if (uAbove) {
                // u ← (u − v)/2^z, r ← r + s, s ← s·2^z
                long d0 = u0 - v0, bw = borrow(u0, v0, d0);
                long d1 = u1 - v1 - bw;
                bw = borrow(u1, v1, d1);
                long d2 = u2 - v2 - bw;
                bw = borrow(u2, v2, d2);
                u3 = u3 - v3 - bw;
                u0 = d0;
                u1 = d1;
                u2 = d2;
                long e0 = r0 + s0, c = carry(r0, s0, e0);
                long e1 = r1 + s1 + c;
                c = carry(r1, s1, e1);
                long e2 = r2 + s2 + c;
                c = carry(r2, s2, e2);
                r3 = r3 + s3 + c;
                r0 = e0;
                r1 = e1;
                r2 = e2;
                while (u0 == 0) {
                    u0 = u1;
                    u1 = u2;
                    u2 = u3;
                    u3 = 0;
                    s3 = s2;
                    s2 = s1;
                    s1 = s0;
                    s0 = 0;
                    k += 64;
                }
                z = Long.numberOfTrailingZeros(u0);
                if (z > 0) {
                    u0 = (u0 >>> z) | (u1 << -z);
                    u1 = (u1 >>> z) | (u2 << -z);
                    u2 = (u2 >>> z) | (u3 << -z);
                    u3 >>>= z;
                    s3 = (s3 << z) | (s2 >>> -z);
                    s2 = (s2 << z) | (s1 >>> -z);
                    s1 = (s1 << z) | (s0 >>> -z);
                    s0 <<= z;
                    k += z;
                }
            } else {
                // v ← (v − u)/2^z, s ← s + r, r ← r·2^z
                long d0 = v0 - u0, bw = borrow(v0, u0, d0);
                long d1 = v1 - u1 - bw;
                bw = borrow(v1, u1, d1);
                long d2 = v2 - u2 - bw;
                bw = borrow(v2, u2, d2);
                v3 = v3 - u3 - bw;
                v0 = d0;
                v1 = d1;
                v2 = d2;
                long e0 = s0 + r0, c = carry(s0, r0, e0);
                long e1 = s1 + r1 + c;
                c = carry(s1, r1, e1);
                long e2 = s2 + r2 + c;
                c = carry(s2, r2, e2);
                s3 = s3 + r3 + c;
                s0 = e0;
                s1 = e1;
                s2 = e2;
                while (v0 == 0) {
                    v0 = v1;
                    v1 = v2;
                    v2 = v3;
                    v3 = 0;
                    r3 = r2;
                    r2 = r1;
                    r1 = r0;
                    r0 = 0;
                    k += 64;
                }
                z = Long.numberOfTrailingZeros(v0);
                if (z > 0) {
                    v0 = (v0 >>> z) | (v1 << -z);
                    v1 = (v1 >>> z) | (v2 << -z);
                    v2 = (v2 >>> z) | (v3 << -z);
                    v3 >>>= z;
                    r3 = (r3 << z) | (r2 >>> -z);
                    r2 = (r2 << z) | (r1 >>> -z);
                    r1 = (r1 << z) | (r0 >>> -z);
                    r0 <<= z;
                    k += z;
                }
            }
        }
        // r < 2q: reduce once, then a⁻¹·2^k = q − r
        long d0 = r0 - q0, bw = borrow(r0, q0, d0);
        long d1 = r1 - q1 - bw;
        bw = borrow(r1, q1, d1);
        long d2 = r2 - q2 - bw;
        bw = borrow(r2, q2, d2);
        long d3 = r3 - q3 - bw;
        bw = borrow(r3, q3, d3);
        long keep = -bw; // all ones when r < q
        r[ro] = (r0 & keep) | (d0 & ~keep);
        r[ro + 1] = (r1 & keep) | (d1 & ~keep);
        r[ro + 2] = (r2 & keep) | (d2 & ~keep);
        r[ro + 3] = (r3 & keep) | (d3 & ~keep);
        neg(r, ro, r, ro);
        mul(r, ro, r, ro, unshift, 4 * k);
    }

    /**
     * Replaces each of the n elements at a[off + 4i] by its inverse with one field inversion
     * (Montgomery's trick). Zeros stay zero. {@code scratch} holds at least 4n longs.
     */
    public void batchInverse(long[] a, int off, int n, long[] scratch) {
        long[] acc = one.clone();
        for (int i = 0; i < n; i++) {
            System.arraycopy(acc, 0, scratch, 4 * i, 4);
            if (!isZero(a, off + 4 * i)) {
                mul(acc, 0, acc, 0, a, off + 4 * i);
            }
        }
        inverse(acc, 0, acc, 0);
        long[] t = new long[4];
        for (int i = n - 1; i >= 0; i--) {
            int ai = off + 4 * i;
            if (isZero(a, ai)) {
                continue;
            }
            mul(t, 0, acc, 0, scratch, 4 * i);
            mul(acc, 0, acc, 0, a, ai);
            System.arraycopy(t, 0, a, ai, 4);
        }
    }

    /** Writes the Montgomery form of a standard-form value v (limbs, v < q). */
    public void toMontgomery(long[] r, int ro, long[] v, int vo) {
        mul(r, ro, v, vo, rSquared, 0);
    }

    /** Writes the standard form of a Montgomery-form value. */
    public void fromMontgomery(long[] r, int ro, long[] a, int ao) {
        mul(r, ro, a, ao, UNIT, 0);
    }

    /** The limbs 1, 0, 0, 0: a Montgomery product with it gives the standard form. */
    private static final long[] UNIT = {1, 0, 0, 0};

    /**
     * a[i] ← a[i]·c·2^−260 mod q for the first count elements, in place, in parallel, on the lane
     * kernels when {@link Simd#ENABLED}; canonical, as {@link #mul} gives them. c is four limbs at
     * c[co…].
     */
    public void mulAllBy(long[] a, int count, long[] c, int co) {
        int chunk = 1 << 14;
        Workers.parallelFor((count + chunk - 1) / chunk, ch -> {
            int from = ch * chunk, to = Math.min(count, from + chunk);
            mulRangeBy(a, from, to, c, co);
        });
    }

    /** a[i] ← a[i]·c for the elements i in [from, to), on this thread (eight lanes at a time once they are compiled). */
    public void mulRangeBy(long[] a, int from, int to, long[] c, int co) {
        if (Simd.warm()) {
            (this == FP ? FieldLanes.FP : FieldLanes.FR).mulByConstant(a, from, to - from, c, co);
            return;
        }
        for (int e = from; e < to; e++) {
            mul(a, 4 * e, a, 4 * e, c, co);
        }
    }

    /** The standard forms of the first count Montgomery elements of a, in a new array, in parallel. */
    public long[] fromMontgomeryAll(long[] a, int count) {
        long[] s = java.util.Arrays.copyOf(a, 4 * count);
        mulAllBy(s, count, UNIT, 0);
        return s;
    }

    /** True when standard-form limbs v encode a value below q. */
    public boolean isCanonical(long[] v, int vo) {
        long d0 = v[vo] - q0;
        long bw = borrow(v[vo], q0, d0);
        long d1 = v[vo + 1] - q1 - bw;
        bw = borrow(v[vo + 1], q1, d1);
        long d2 = v[vo + 2] - q2 - bw;
        bw = borrow(v[vo + 2], q2, d2);
        long d3 = v[vo + 3] - q3 - bw;
        bw = borrow(v[vo + 3], q3, d3);
        return bw != 0;
    }

    /** Montgomery form of v mod q, for any v (negative values wrap). */
    public long[] fromBigInteger(BigInteger v) {
        long[] r = limbsOf(v.mod(modulus));
        toMontgomery(r, 0, r, 0);
        return r;
    }

    public BigInteger toBigInteger(long[] a, int ao) {
        long[] s = new long[4];
        fromMontgomery(s, 0, a, ao);
        return bigIntegerOf(s, 0);
    }

    /** Little-endian limbs of 0 ≤ v < 2^256. */
    public static long[] limbsOf(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 256) {
            throw new IllegalArgumentException("value out of 256-bit range");
        }
        long[] r = new long[4];
        for (int i = 0; i < 4; i++) {
            r[i] = v.shiftRight(64 * i).longValue();
        }
        return r;
    }

    public static BigInteger bigIntegerOf(long[] limbs, int off) {
        byte[] be = new byte[33];
        for (int i = 0; i < 4; i++) {
            long l = limbs[off + i];
            for (int k = 0; k < 8; k++) {
                be[32 - 8 * i - k] = (byte) (l >>> (8 * k));
            }
        }
        return new BigInteger(be);
    }

    /** Standard-form limbs from 32 big-endian bytes at {@code off}. */
    public static long[] limbsOfBigEndian(byte[] b, int off) {
        long[] r = new long[4];
        for (int i = 0; i < 4; i++) {
            long l = 0;
            for (int k = 0; k < 8; k++) {
                l = (l << 8) | (b[off + 8 * (3 - i) + k] & 0xFF);
            }
            r[i] = l;
        }
        return r;
    }

    /** Writes standard-form limbs as 32 big-endian bytes at {@code off}. */
    public static void writeBigEndian(long[] limbs, int lo, byte[] out, int off) {
        for (int i = 0; i < 4; i++) {
            long l = limbs[lo + i];
            for (int k = 0; k < 8; k++) {
                out[off + 8 * (3 - i) + 7 - k] = (byte) (l >>> (8 * k));
            }
        }
    }
}
