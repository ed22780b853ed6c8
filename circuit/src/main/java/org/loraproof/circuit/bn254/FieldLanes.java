package org.loraproof.circuit.bn254;

import java.math.BigInteger;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Eight elements of a BN254 prime field (base field {@link #FP} or scalar field {@link #FR}) at a
 * time on 512-bit vectors (Vector API). Use only when {@link Simd#ENABLED}. Elements are in the
 * same Montgomery form as {@link MontgomeryField} (a·2^260 mod p, p the modulus), held as five
 * 52-bit limbs in blocks of {@link #BLOCK} longs: limb k of lane j at block offset 8k + j.
 *
 * <p>Multiplication follows the floating-point technique of Emmart, Zheng and Weems ("Faster
 * modular exponentiation using double precision floating point arithmetic on the GPU", ARITH
 * 2018): for limbs x, y < 2^52, fma(x, y, 2^104) holds round(x·y / 2^52) in its low mantissa bits,
 * and the 64-bit integer product x·y mod 2^64 minus that high part times 2^52 is the exact low
 * part. Column sums of low parts (s) and high parts (g, carried one column up) stay exact in 64
 * bits. Montgomery reduction then clears one 52-bit column per round. The unrolled code below
 * is regular: each line of {@code products} sums one column's partial products, each round of
 * {@code reduce} adds m·p.
 *
 * <p>Bounds: limbs of inputs below 2^52 and values below 8p give a product below 2p, so sums and
 * differences of a few products may be multiplied again without reducing; {@link #canonical}
 * brings a value below 8p into [0, p).
 */
public final class FieldLanes implements LaneField {
    /** Elements per block. */
    public static final int LANES = 8;
    /** Longs per block: five limbs of eight lanes. */
    public static final int BLOCK = 5 * LANES;
    /** Longs of scratch that {@link #mul} needs. */
    public static final int SCRATCH = 160;

    private static final VectorSpecies<Long> L = LongVector.SPECIES_512;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
    private static final long M52 = (1L << 52) - 1;
    private static final double C104 = 0x1p104;
    private static final long C104_BITS = Double.doubleToRawLongBits(C104);

    public static final FieldLanes FP = new FieldLanes(Bn254.P);
    public static final FieldLanes FR = new FieldLanes(Bn254.R);

    private final long q0, q1, q2, q3, q4;
    private final double qd0, qd1, qd2, qd3, qd4;
    /** −p⁻¹ mod 2^52. */
    private final long qInv;
    /** k·p in 52-bit limbs for k = 1, 2, 4 (rows 0, 1, 2) and 8 (row 3). */
    private final long[][] multiples;
    /** ⌊2^60 / (top limb of p + 2)⌋: a quotient estimate that never exceeds the true quotient. */
    private final long quotientScale;
    /** 64p² in the column layout of {@link #products}: 52-bit digits in the low-part columns, the top one as column 8's high part. */
    private final long[] squareOffset;
    /** The same field on scalar code, for inversion. */
    private final MontgomeryField scalar;

    private FieldLanes(BigInteger p) {
        q0 = limb(p, 0);
        q1 = limb(p, 1);
        q2 = limb(p, 2);
        q3 = limb(p, 3);
        q4 = limb(p, 4);
        qd0 = q0;
        qd1 = q1;
        qd2 = q2;
        qd3 = q3;
        qd4 = q4;
        qInv = p.negate().modInverse(BigInteger.ONE.shiftLeft(52)).longValue();
        multiples = new long[][] {limbs(p), limbs(p.shiftLeft(1)), limbs(p.shiftLeft(2)), limbs(p.shiftLeft(3))};
        quotientScale = (1L << 60) / (q4 + 2);
        scalar = p.equals(Bn254.P) ? MontgomeryField.FP : MontgomeryField.FR;
        squareOffset = new long[SCRATCH];
        BigInteger offset = p.multiply(p).shiftLeft(6);
        for (int k = 0; k < 9; k++) {
            java.util.Arrays.fill(squareOffset, 8 * k, 8 * k + LANES, limb(offset, k));
        }
        // column 9 has no low-part sum: its digit goes in as column 8's high part, which reduce
        // also subtracts (shifted) from column 8's low part, so that part gets it added too
        long top = offset.shiftRight(9 * 52).longValue();
        for (int j = 0; j < LANES; j++) {
            squareOffset[152 + j] = top;
            squareOffset[64 + j] += top << 52;
        }
    }

    @Override
    public int blocks() {
        return 1;
    }

    @Override
    public int scratch() {
        return INVERSE_SCRATCH;
    }

    private static long limb(BigInteger v, int k) {
        return v.shiftRight(52 * k).and(BigInteger.valueOf(M52)).longValue();
    }

    private static long[] limbs(BigInteger v) {
        long[] l = new long[5];
        for (int k = 0; k < 5; k++) {
            l[k] = limb(v, k);
        }
        return l;
    }

    /** r = a·b·2^−260 mod p (below 2p) for eight lanes; s is scratch of {@link #SCRATCH} longs. */
    @Override
    public void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo, long[] s) {
        products(s, 0, a, ao, b, bo);
        reduce(r, ro, s, 0);
    }

    /** {@link #mul} with its scratch at s[so…]. */
    public void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo, long[] s, int so) {
        products(s, so, a, ao, b, bo);
        reduce(r, ro, s, so);
    }

    /** Column sums of a·b: low parts s[8k], high parts (carried to column k + 1) s[80 + 8(k + 1)]. */
    private void products(long[] s, int so, long[] a, int ao, long[] b, int bo) {
        LongVector a0 = LongVector.fromArray(L, a, ao + 0);
        LongVector a1 = LongVector.fromArray(L, a, ao + 8);
        LongVector a2 = LongVector.fromArray(L, a, ao + 16);
        LongVector a3 = LongVector.fromArray(L, a, ao + 24);
        LongVector a4 = LongVector.fromArray(L, a, ao + 32);
        LongVector b0 = LongVector.fromArray(L, b, bo + 0);
        LongVector b1 = LongVector.fromArray(L, b, bo + 8);
        LongVector b2 = LongVector.fromArray(L, b, bo + 16);
        LongVector b3 = LongVector.fromArray(L, b, bo + 24);
        LongVector b4 = LongVector.fromArray(L, b, bo + 32);
        DoubleVector x0 = ((DoubleVector) a0.convert(VectorOperators.L2D, 0)), y0 = ((DoubleVector) b0.convert(VectorOperators.L2D, 0));
        DoubleVector x1 = ((DoubleVector) a1.convert(VectorOperators.L2D, 0)), y1 = ((DoubleVector) b1.convert(VectorOperators.L2D, 0));
        DoubleVector x2 = ((DoubleVector) a2.convert(VectorOperators.L2D, 0)), y2 = ((DoubleVector) b2.convert(VectorOperators.L2D, 0));
        DoubleVector x3 = ((DoubleVector) a3.convert(VectorOperators.L2D, 0)), y3 = ((DoubleVector) b3.convert(VectorOperators.L2D, 0));
        DoubleVector x4 = ((DoubleVector) a4.convert(VectorOperators.L2D, 0)), y4 = ((DoubleVector) b4.convert(VectorOperators.L2D, 0));
        DoubleVector c = DoubleVector.broadcast(D, C104);
        a0.mul(b0).intoArray(s, so + 0);
        x0.fma(y0, c).reinterpretAsLongs().sub(1 * C104_BITS).intoArray(s, so + 88);
        a0.mul(b1).add(a1.mul(b0)).intoArray(s, so + 8);
        x0.fma(y1, c).reinterpretAsLongs().add(x1.fma(y0, c).reinterpretAsLongs()).sub(2 * C104_BITS).intoArray(s, so + 96);
        a0.mul(b2).add(a1.mul(b1)).add(a2.mul(b0)).intoArray(s, so + 16);
        x0.fma(y2, c).reinterpretAsLongs().add(x1.fma(y1, c).reinterpretAsLongs()).add(x2.fma(y0, c).reinterpretAsLongs()).sub(3 * C104_BITS).intoArray(s, so + 104);
        a0.mul(b3).add(a1.mul(b2)).add(a2.mul(b1)).add(a3.mul(b0)).intoArray(s, so + 24);
        x0.fma(y3, c).reinterpretAsLongs().add(x1.fma(y2, c).reinterpretAsLongs()).add(x2.fma(y1, c).reinterpretAsLongs()).add(x3.fma(y0, c).reinterpretAsLongs()).sub(4 * C104_BITS).intoArray(s, so + 112);
        a0.mul(b4).add(a1.mul(b3)).add(a2.mul(b2)).add(a3.mul(b1)).add(a4.mul(b0)).intoArray(s, so + 32);
        x0.fma(y4, c).reinterpretAsLongs().add(x1.fma(y3, c).reinterpretAsLongs()).add(x2.fma(y2, c).reinterpretAsLongs()).add(x3.fma(y1, c).reinterpretAsLongs()).add(x4.fma(y0, c).reinterpretAsLongs()).sub(5 * C104_BITS).intoArray(s, so + 120);
        a1.mul(b4).add(a2.mul(b3)).add(a3.mul(b2)).add(a4.mul(b1)).intoArray(s, so + 40);
        x1.fma(y4, c).reinterpretAsLongs().add(x2.fma(y3, c).reinterpretAsLongs()).add(x3.fma(y2, c).reinterpretAsLongs()).add(x4.fma(y1, c).reinterpretAsLongs()).sub(4 * C104_BITS).intoArray(s, so + 128);
        a2.mul(b4).add(a3.mul(b3)).add(a4.mul(b2)).intoArray(s, so + 48);
        x2.fma(y4, c).reinterpretAsLongs().add(x3.fma(y3, c).reinterpretAsLongs()).add(x4.fma(y2, c).reinterpretAsLongs()).sub(3 * C104_BITS).intoArray(s, so + 136);
        a3.mul(b4).add(a4.mul(b3)).intoArray(s, so + 56);
        x3.fma(y4, c).reinterpretAsLongs().add(x4.fma(y3, c).reinterpretAsLongs()).sub(2 * C104_BITS).intoArray(s, so + 144);
        a4.mul(b4).intoArray(s, so + 64);
        x4.fma(y4, c).reinterpretAsLongs().sub(1 * C104_BITS).intoArray(s, so + 152);
    }

    /** Longs of scratch that {@link #mulFp2} needs. */
    public static final int FP2_SCRATCH = 3 * SCRATCH + 2 * BLOCK;

    /**
     * The two halves of an Fp2 product (u² = −1) by Karatsuba with lazy reduction: r0 = a0·b0 −
     * a1·b1 and r1 = (a0 + a1)(b0 + b1) − a0·b0 − a1·b1, each times 2^−260 mod p, below 3p for inputs
     * below 8p. The three products' column sums are combined before reducing (64p² is added to
     * keep r0's sum positive), so two reductions serve where three were needed. The column sums
     * are exact signed 64-bit values and {@link #reduce} carries them with arithmetic shifts.
     * s is scratch of {@link #FP2_SCRATCH} longs from so.
     */
    public void mulFp2(long[] r, int r0, int r1, long[] a, int a0, int a1, long[] b, int b0, int b1, long[] s, int so) {
        int t0 = so, t1 = so + SCRATCH, t2 = so + 2 * SCRATCH, sa = so + 3 * SCRATCH, sb = sa + BLOCK;
        add(s, sa, a, a0, a, a1);
        add(s, sb, b, b0, b, b1);
        products(s, t0, a, a0, b, b0);
        products(s, t1, a, a1, b, b1);
        products(s, t2, s, sa, s, sb);
        combineFp2(s, t0, t1, t2);
        reduce(r, r0, s, t1);
        reduce(r, r1, s, t2);
    }

    /** Column sums: t1 ← t0 − t1 + 64p², t2 ← t2 − t0 − t1. */
    private void combineFp2(long[] s, int t0, int t1, int t2) {
        for (int i = 0; i < SCRATCH; i += LANES) {
            LongVector x = LongVector.fromArray(L, s, t0 + i), y = LongVector.fromArray(L, s, t1 + i);
            LongVector z = LongVector.fromArray(L, s, t2 + i);
            z.sub(x).sub(y).intoArray(s, t2 + i);
            x.sub(y).add(LongVector.fromArray(L, squareOffset, i)).intoArray(s, t1 + i);
        }
    }

    /** r = a²·2^−260 mod p (below 2p) for eight lanes, a below 8p; s is scratch of {@link #SCRATCH} longs. */
    @Override
    public void square(long[] r, int ro, long[] a, int ao, long[] s) {
        squareProducts(s, 0, a, ao);
        reduce(r, ro, s, 0);
    }

    /** {@link #square} with its scratch at s[so…]. */
    public void square(long[] r, int ro, long[] a, int ao, long[] s, int so) {
        squareProducts(s, so, a, ao);
        reduce(r, ro, s, so);
    }

    /**
     * The column sums of a·a laid out as {@link #products} lays them, from 15 partial products: the
     * products aᵢaⱼ (i < j) of a column are summed once and the sums doubled (low and high parts
     * alike, so their residues stay consistent), then the square aᵢaᵢ added.
     */
    private void squareProducts(long[] s, int so, long[] a, int ao) {
        LongVector a0 = LongVector.fromArray(L, a, ao + 0);
        LongVector a1 = LongVector.fromArray(L, a, ao + 8);
        LongVector a2 = LongVector.fromArray(L, a, ao + 16);
        LongVector a3 = LongVector.fromArray(L, a, ao + 24);
        LongVector a4 = LongVector.fromArray(L, a, ao + 32);
        DoubleVector x0 = (DoubleVector) a0.convert(VectorOperators.L2D, 0);
        DoubleVector x1 = (DoubleVector) a1.convert(VectorOperators.L2D, 0);
        DoubleVector x2 = (DoubleVector) a2.convert(VectorOperators.L2D, 0);
        DoubleVector x3 = (DoubleVector) a3.convert(VectorOperators.L2D, 0);
        DoubleVector x4 = (DoubleVector) a4.convert(VectorOperators.L2D, 0);
        DoubleVector c = DoubleVector.broadcast(D, C104);
        a0.mul(a0).intoArray(s, so + 0);
        x0.fma(x0, c).reinterpretAsLongs().sub(C104_BITS).intoArray(s, so + 88);
        a0.mul(a1).lanewise(VectorOperators.LSHL, 1).intoArray(s, so + 8);
        x0.fma(x1, c).reinterpretAsLongs().sub(C104_BITS).lanewise(VectorOperators.LSHL, 1).intoArray(s, so + 96);
        a0.mul(a2).lanewise(VectorOperators.LSHL, 1).add(a1.mul(a1)).intoArray(s, so + 16);
        x0.fma(x2, c).reinterpretAsLongs().sub(C104_BITS).lanewise(VectorOperators.LSHL, 1)
                .add(x1.fma(x1, c).reinterpretAsLongs()).sub(C104_BITS).intoArray(s, so + 104);
        a0.mul(a3).add(a1.mul(a2)).lanewise(VectorOperators.LSHL, 1).intoArray(s, so + 24);
        x0.fma(x3, c).reinterpretAsLongs().add(x1.fma(x2, c).reinterpretAsLongs()).sub(2 * C104_BITS)
                .lanewise(VectorOperators.LSHL, 1).intoArray(s, so + 112);
        a0.mul(a4).add(a1.mul(a3)).lanewise(VectorOperators.LSHL, 1).add(a2.mul(a2)).intoArray(s, so + 32);
        x0.fma(x4, c).reinterpretAsLongs().add(x1.fma(x3, c).reinterpretAsLongs()).sub(2 * C104_BITS)
                .lanewise(VectorOperators.LSHL, 1).add(x2.fma(x2, c).reinterpretAsLongs()).sub(C104_BITS).intoArray(s, so + 120);
        a1.mul(a4).add(a2.mul(a3)).lanewise(VectorOperators.LSHL, 1).intoArray(s, so + 40);
        x1.fma(x4, c).reinterpretAsLongs().add(x2.fma(x3, c).reinterpretAsLongs()).sub(2 * C104_BITS)
                .lanewise(VectorOperators.LSHL, 1).intoArray(s, so + 128);
        a2.mul(a4).lanewise(VectorOperators.LSHL, 1).add(a3.mul(a3)).intoArray(s, so + 48);
        x2.fma(x4, c).reinterpretAsLongs().sub(C104_BITS).lanewise(VectorOperators.LSHL, 1)
                .add(x3.fma(x3, c).reinterpretAsLongs()).sub(C104_BITS).intoArray(s, so + 136);
        a3.mul(a4).lanewise(VectorOperators.LSHL, 1).intoArray(s, so + 56);
        x3.fma(x4, c).reinterpretAsLongs().sub(C104_BITS).lanewise(VectorOperators.LSHL, 1).intoArray(s, so + 144);
        a4.mul(a4).intoArray(s, so + 64);
        x4.fma(x4, c).reinterpretAsLongs().sub(C104_BITS).intoArray(s, so + 152);
    }

    private void reduce(long[] r, int ro, long[] s, int so) {
        DoubleVector c = DoubleVector.broadcast(D, C104);
        LongVector s0 = LongVector.fromArray(L, s, so + 0), s1 = LongVector.fromArray(L, s, so + 8), s2 = LongVector.fromArray(L, s, so + 16), s3 = LongVector.fromArray(L, s, so + 24), s4 = LongVector.fromArray(L, s, so + 32);
        LongVector s5 = LongVector.fromArray(L, s, so + 40), s6 = LongVector.fromArray(L, s, so + 48), s7 = LongVector.fromArray(L, s, so + 56), s8 = LongVector.fromArray(L, s, so + 64);
        LongVector g1 = LongVector.fromArray(L, s, so + 88), g2 = LongVector.fromArray(L, s, so + 96), g3 = LongVector.fromArray(L, s, so + 104), g4 = LongVector.fromArray(L, s, so + 112), g5 = LongVector.fromArray(L, s, so + 120);
        LongVector g6 = LongVector.fromArray(L, s, so + 128), g7 = LongVector.fromArray(L, s, so + 136), g8 = LongVector.fromArray(L, s, so + 144), g9 = LongVector.fromArray(L, s, so + 152);
        LongVector carry = LongVector.zero(L), t, m;
        DoubleVector md;
        // round 0: make column 0 divisible by 2^52
        t = s0.add(carry);
        m = t.mul(qInv).and(M52);
        md = ((DoubleVector) m.convert(VectorOperators.L2D, 0));
        g1 = g1.add(md.fma(DoubleVector.broadcast(D, qd0), c).reinterpretAsLongs()).sub(C104_BITS);
        s1 = s1.add(m.mul(q1));
        g2 = g2.add(md.fma(DoubleVector.broadcast(D, qd1), c).reinterpretAsLongs()).sub(C104_BITS);
        s2 = s2.add(m.mul(q2));
        g3 = g3.add(md.fma(DoubleVector.broadcast(D, qd2), c).reinterpretAsLongs()).sub(C104_BITS);
        s3 = s3.add(m.mul(q3));
        g4 = g4.add(md.fma(DoubleVector.broadcast(D, qd3), c).reinterpretAsLongs()).sub(C104_BITS);
        s4 = s4.add(m.mul(q4));
        g5 = g5.add(md.fma(DoubleVector.broadcast(D, qd4), c).reinterpretAsLongs()).sub(C104_BITS);
        carry = t.add(m.mul(q0)).sub(g1.lanewise(VectorOperators.LSHL, 52)).lanewise(VectorOperators.ASHR, 52);
        // round 1: make column 1 divisible by 2^52
        t = s1.add(g1).add(carry);
        m = t.mul(qInv).and(M52);
        md = ((DoubleVector) m.convert(VectorOperators.L2D, 0));
        g2 = g2.add(md.fma(DoubleVector.broadcast(D, qd0), c).reinterpretAsLongs()).sub(C104_BITS);
        s2 = s2.add(m.mul(q1));
        g3 = g3.add(md.fma(DoubleVector.broadcast(D, qd1), c).reinterpretAsLongs()).sub(C104_BITS);
        s3 = s3.add(m.mul(q2));
        g4 = g4.add(md.fma(DoubleVector.broadcast(D, qd2), c).reinterpretAsLongs()).sub(C104_BITS);
        s4 = s4.add(m.mul(q3));
        g5 = g5.add(md.fma(DoubleVector.broadcast(D, qd3), c).reinterpretAsLongs()).sub(C104_BITS);
        s5 = s5.add(m.mul(q4));
        g6 = g6.add(md.fma(DoubleVector.broadcast(D, qd4), c).reinterpretAsLongs()).sub(C104_BITS);
        carry = t.add(m.mul(q0)).sub(g2.lanewise(VectorOperators.LSHL, 52)).lanewise(VectorOperators.ASHR, 52);
        // round 2: make column 2 divisible by 2^52
        t = s2.add(g2).add(carry);
        m = t.mul(qInv).and(M52);
        md = ((DoubleVector) m.convert(VectorOperators.L2D, 0));
        g3 = g3.add(md.fma(DoubleVector.broadcast(D, qd0), c).reinterpretAsLongs()).sub(C104_BITS);
        s3 = s3.add(m.mul(q1));
        g4 = g4.add(md.fma(DoubleVector.broadcast(D, qd1), c).reinterpretAsLongs()).sub(C104_BITS);
        s4 = s4.add(m.mul(q2));
        g5 = g5.add(md.fma(DoubleVector.broadcast(D, qd2), c).reinterpretAsLongs()).sub(C104_BITS);
        s5 = s5.add(m.mul(q3));
        g6 = g6.add(md.fma(DoubleVector.broadcast(D, qd3), c).reinterpretAsLongs()).sub(C104_BITS);
        s6 = s6.add(m.mul(q4));
        g7 = g7.add(md.fma(DoubleVector.broadcast(D, qd4), c).reinterpretAsLongs()).sub(C104_BITS);
        carry = t.add(m.mul(q0)).sub(g3.lanewise(VectorOperators.LSHL, 52)).lanewise(VectorOperators.ASHR, 52);
        // round 3: make column 3 divisible by 2^52
        t = s3.add(g3).add(carry);
        m = t.mul(qInv).and(M52);
        md = ((DoubleVector) m.convert(VectorOperators.L2D, 0));
        g4 = g4.add(md.fma(DoubleVector.broadcast(D, qd0), c).reinterpretAsLongs()).sub(C104_BITS);
        s4 = s4.add(m.mul(q1));
        g5 = g5.add(md.fma(DoubleVector.broadcast(D, qd1), c).reinterpretAsLongs()).sub(C104_BITS);
        s5 = s5.add(m.mul(q2));
        g6 = g6.add(md.fma(DoubleVector.broadcast(D, qd2), c).reinterpretAsLongs()).sub(C104_BITS);
        s6 = s6.add(m.mul(q3));
        g7 = g7.add(md.fma(DoubleVector.broadcast(D, qd3), c).reinterpretAsLongs()).sub(C104_BITS);
        s7 = s7.add(m.mul(q4));
        g8 = g8.add(md.fma(DoubleVector.broadcast(D, qd4), c).reinterpretAsLongs()).sub(C104_BITS);
        carry = t.add(m.mul(q0)).sub(g4.lanewise(VectorOperators.LSHL, 52)).lanewise(VectorOperators.ASHR, 52);
        // round 4: make column 4 divisible by 2^52
        t = s4.add(g4).add(carry);
        m = t.mul(qInv).and(M52);
        md = ((DoubleVector) m.convert(VectorOperators.L2D, 0));
        g5 = g5.add(md.fma(DoubleVector.broadcast(D, qd0), c).reinterpretAsLongs()).sub(C104_BITS);
        s5 = s5.add(m.mul(q1));
        g6 = g6.add(md.fma(DoubleVector.broadcast(D, qd1), c).reinterpretAsLongs()).sub(C104_BITS);
        s6 = s6.add(m.mul(q2));
        g7 = g7.add(md.fma(DoubleVector.broadcast(D, qd2), c).reinterpretAsLongs()).sub(C104_BITS);
        s7 = s7.add(m.mul(q3));
        g8 = g8.add(md.fma(DoubleVector.broadcast(D, qd3), c).reinterpretAsLongs()).sub(C104_BITS);
        s8 = s8.add(m.mul(q4));
        g9 = g9.add(md.fma(DoubleVector.broadcast(D, qd4), c).reinterpretAsLongs()).sub(C104_BITS);
        carry = t.add(m.mul(q0)).sub(g5.lanewise(VectorOperators.LSHL, 52)).lanewise(VectorOperators.ASHR, 52);
        // the result: columns 5 … 9 with their carries, limbs below 2^52
        t = s5.add(g5).add(carry).sub(g6.lanewise(VectorOperators.LSHL, 52));
        carry = t.lanewise(VectorOperators.ASHR, 52);
        t.and(M52).intoArray(r, ro + 0);
        t = s6.add(g6).add(carry).sub(g7.lanewise(VectorOperators.LSHL, 52));
        carry = t.lanewise(VectorOperators.ASHR, 52);
        t.and(M52).intoArray(r, ro + 8);
        t = s7.add(g7).add(carry).sub(g8.lanewise(VectorOperators.LSHL, 52));
        carry = t.lanewise(VectorOperators.ASHR, 52);
        t.and(M52).intoArray(r, ro + 16);
        t = s8.add(g8).add(carry).sub(g9.lanewise(VectorOperators.LSHL, 52));
        carry = t.lanewise(VectorOperators.ASHR, 52);
        t.and(M52).intoArray(r, ro + 24);
        g9.add(carry).intoArray(r, ro + 32);
    }

    /** r = a + b; the limbs of the result are normalised (the value is not reduced). */
    public void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        // each method keeps its vectors local: passed to another method they would be boxed
        LongVector t0 = LongVector.fromArray(L, a, ao).add(LongVector.fromArray(L, b, bo));
        LongVector t1 = LongVector.fromArray(L, a, ao + 8).add(LongVector.fromArray(L, b, bo + 8));
        LongVector t2 = LongVector.fromArray(L, a, ao + 16).add(LongVector.fromArray(L, b, bo + 16));
        LongVector t3 = LongVector.fromArray(L, a, ao + 24).add(LongVector.fromArray(L, b, bo + 24));
        LongVector t4 = LongVector.fromArray(L, a, ao + 32).add(LongVector.fromArray(L, b, bo + 32));
        t1 = t1.add(t0.lanewise(VectorOperators.ASHR, 52));
        t2 = t2.add(t1.lanewise(VectorOperators.ASHR, 52));
        t3 = t3.add(t2.lanewise(VectorOperators.ASHR, 52));
        t4 = t4.add(t3.lanewise(VectorOperators.ASHR, 52));
        t0.and(M52).intoArray(r, ro);
        t1.and(M52).intoArray(r, ro + 8);
        t2.and(M52).intoArray(r, ro + 16);
        t3.and(M52).intoArray(r, ro + 24);
        t4.intoArray(r, ro + 32);
    }

    /** r = a + k·p − b for k in {1, 2, 4, 8}; non-negative when b ≤ k·p. */
    @Override
    public void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo, int k) {
        long[] kp = multiples[Integer.numberOfTrailingZeros(k)];
        LongVector t0 = LongVector.fromArray(L, a, ao).add(kp[0]).sub(LongVector.fromArray(L, b, bo));
        LongVector t1 = LongVector.fromArray(L, a, ao + 8).add(kp[1]).sub(LongVector.fromArray(L, b, bo + 8));
        LongVector t2 = LongVector.fromArray(L, a, ao + 16).add(kp[2]).sub(LongVector.fromArray(L, b, bo + 16));
        LongVector t3 = LongVector.fromArray(L, a, ao + 24).add(kp[3]).sub(LongVector.fromArray(L, b, bo + 24));
        LongVector t4 = LongVector.fromArray(L, a, ao + 32).add(kp[4]).sub(LongVector.fromArray(L, b, bo + 32));
        t1 = t1.add(t0.lanewise(VectorOperators.ASHR, 52));
        t2 = t2.add(t1.lanewise(VectorOperators.ASHR, 52));
        t3 = t3.add(t2.lanewise(VectorOperators.ASHR, 52));
        t4 = t4.add(t3.lanewise(VectorOperators.ASHR, 52));
        t0.and(M52).intoArray(r, ro);
        t1.and(M52).intoArray(r, ro + 8);
        t2.and(M52).intoArray(r, ro + 16);
        t3.and(M52).intoArray(r, ro + 24);
        t4.intoArray(r, ro + 32);
    }

    /**
     * r = 2p + a − b in the lanes whose mask at sign[so + j] is 0, r = 2p − a − b where it is −1
     * (all bits set): below 3p, and non-negative, for a and b below p. Limbs normalised.
     */
    public void subSigned(long[] r, int ro, long[] a, int ao, long[] b, int bo, long[] sign, int so) {
        long[] kp = multiples[1];
        LongVector m = LongVector.fromArray(L, sign, so);
        // per limb, (x ^ m) − m is x or −x; the carries below settle the signed limbs
        LongVector t0 = LongVector.fromArray(L, a, ao).lanewise(VectorOperators.XOR, m).sub(m).add(kp[0]).sub(LongVector.fromArray(L, b, bo));
        LongVector t1 = LongVector.fromArray(L, a, ao + 8).lanewise(VectorOperators.XOR, m).sub(m).add(kp[1]).sub(LongVector.fromArray(L, b, bo + 8));
        LongVector t2 = LongVector.fromArray(L, a, ao + 16).lanewise(VectorOperators.XOR, m).sub(m).add(kp[2]).sub(LongVector.fromArray(L, b, bo + 16));
        LongVector t3 = LongVector.fromArray(L, a, ao + 24).lanewise(VectorOperators.XOR, m).sub(m).add(kp[3]).sub(LongVector.fromArray(L, b, bo + 24));
        LongVector t4 = LongVector.fromArray(L, a, ao + 32).lanewise(VectorOperators.XOR, m).sub(m).add(kp[4]).sub(LongVector.fromArray(L, b, bo + 32));
        t1 = t1.add(t0.lanewise(VectorOperators.ASHR, 52));
        t2 = t2.add(t1.lanewise(VectorOperators.ASHR, 52));
        t3 = t3.add(t2.lanewise(VectorOperators.ASHR, 52));
        t4 = t4.add(t3.lanewise(VectorOperators.ASHR, 52));
        t0.and(M52).intoArray(r, ro);
        t1.and(M52).intoArray(r, ro + 8);
        t2.and(M52).intoArray(r, ro + 16);
        t3.and(M52).intoArray(r, ro + 24);
        t4.intoArray(r, ro + 32);
    }

    /**
     * Reduces a value below 8p into [0, p) in place: subtracts k·p with k about top limb / (top
     * limb of p + 2) (never above the quotient, and leaving less than 2p), then p where it fits.
     */
    @Override
    public void canonical(long[] a, int ao) {
        LongVector t0 = LongVector.fromArray(L, a, ao), t1 = LongVector.fromArray(L, a, ao + 8),
                t2 = LongVector.fromArray(L, a, ao + 16), t3 = LongVector.fromArray(L, a, ao + 24),
                t4 = LongVector.fromArray(L, a, ao + 32);
        LongVector k = t4.mul(quotientScale).lanewise(VectorOperators.LSHR, 60);
        t0 = t0.sub(k.mul(q0));
        t1 = t1.sub(k.mul(q1)).add(t0.lanewise(VectorOperators.ASHR, 52));
        t2 = t2.sub(k.mul(q2)).add(t1.lanewise(VectorOperators.ASHR, 52));
        t3 = t3.sub(k.mul(q3)).add(t2.lanewise(VectorOperators.ASHR, 52));
        t4 = t4.sub(k.mul(q4)).add(t3.lanewise(VectorOperators.ASHR, 52));
        t0 = t0.and(M52);
        t1 = t1.and(M52);
        t2 = t2.and(M52);
        t3 = t3.and(M52);
        LongVector d0 = t0.sub(q0);
        LongVector d1 = t1.sub(q1).add(d0.lanewise(VectorOperators.ASHR, 52));
        LongVector d2 = t2.sub(q2).add(d1.lanewise(VectorOperators.ASHR, 52));
        LongVector d3 = t3.sub(q3).add(d2.lanewise(VectorOperators.ASHR, 52));
        LongVector d4 = t4.sub(q4).add(d3.lanewise(VectorOperators.ASHR, 52));
        // all ones in lanes where t < p (keep t), else zero (take d); bitwise, no masks
        LongVector keep = d4.lanewise(VectorOperators.ASHR, 63);
        d0 = d0.and(M52);
        d1 = d1.and(M52);
        d2 = d2.and(M52);
        d3 = d3.and(M52);
        d0.lanewise(VectorOperators.XOR, d0.lanewise(VectorOperators.XOR, t0).and(keep)).intoArray(a, ao);
        d1.lanewise(VectorOperators.XOR, d1.lanewise(VectorOperators.XOR, t1).and(keep)).intoArray(a, ao + 8);
        d2.lanewise(VectorOperators.XOR, d2.lanewise(VectorOperators.XOR, t2).and(keep)).intoArray(a, ao + 16);
        d3.lanewise(VectorOperators.XOR, d3.lanewise(VectorOperators.XOR, t3).and(keep)).intoArray(a, ao + 24);
        d4.lanewise(VectorOperators.XOR, d4.lanewise(VectorOperators.XOR, t4).and(keep)).intoArray(a, ao + 32);
    }

    /**
     * r = a⁻¹ in each lane (0 maps to 0), canonical, for a below 8p: the eight lanes are inverted
     * together by Montgomery's trick on scalar code, around one {@link
     * MontgomeryField#inverseVariableTime} (about a fifth of the time of eight-lane exponentiation).
     * Variable time. s is scratch of {@link #INVERSE_SCRATCH} longs.
     */
    @Override
    public void inverse(long[] r, int ro, long[] a, int ao, long[] s) {
        inverse(r, ro, a, ao, s, 0);
    }

    /** {@link #inverse} with its scratch at s[so…]. */
    public void inverse(long[] r, int ro, long[] a, int ao, long[] s, int so) {
        MontgomeryField f = scalar;
        // s[so…]: the canonical block; then the lanes' values v, their prefix products, acc, t
        int v = so + BLOCK, pre = v + 4 * LANES, acc = pre + 4 * LANES, t = acc + 4;
        System.arraycopy(a, ao, s, so, BLOCK);
        canonical(s, so);
        f.setOne(s, acc);
        for (int j = 0; j < LANES; j++) {
            get(s, v + 4 * j, s, so, j);
            if (!f.isZero(s, v + 4 * j)) {
                f.mul(s, acc, s, acc, s, v + 4 * j);
            }
            System.arraycopy(s, acc, s, pre + 4 * j, 4);
        }
        f.inverseVariableTime(s, acc, s, acc);
        for (int j = LANES - 1; j >= 0; j--) {
            int vj = v + 4 * j;
            if (f.isZero(s, vj)) {
                put(r, ro, j, s, vj);
                continue;
            }
            if (j > 0) {
                f.mul(s, t, s, acc, s, pre + 4 * (j - 1));
                f.mul(s, acc, s, acc, s, vj);
                put(r, ro, j, s, t);
            } else {
                put(r, ro, j, s, acc);
            }
        }
    }

    /**
     * a[i] ← a[i]·c for the count four-limb elements from element index from (c four Montgomery
     * limbs at c[co…]); results canonical, as {@link MontgomeryField} would give them.
     */
    public void mulByConstant(long[] a, int from, int count, long[] c, int co) {
        long[] x = new long[BLOCK], k = new long[BLOCK], s = new long[SCRATCH];
        for (int j = 0; j < LANES; j++) {
            put(k, 0, j, c, co);
        }
        for (int i = 0; i < count; i += LANES) {
            int lanes = Math.min(LANES, count - i);
            for (int j = 0; j < lanes; j++) {
                put(x, 0, j, a, 4 * (from + i + j));
            }
            mul(x, 0, x, 0, k, 0, s);
            canonical(x, 0);
            for (int j = 0; j < lanes; j++) {
                get(a, 4 * (from + i + j), x, 0, j);
            }
        }
    }

    /** Scratch longs {@link #inverse} needs (at least {@link #SCRATCH}, as {@link #scratch()} serves both). */
    public static final int INVERSE_SCRATCH = Math.max(SCRATCH, BLOCK + 8 * LANES + 8);

    /** Writes the four-limb element v[vo…] into lane j of the block at a[ao…]. */
    @Override
    public void put(long[] a, int ao, int j, long[] v, int vo) {
        long x0 = v[vo], x1 = v[vo + 1], x2 = v[vo + 2], x3 = v[vo + 3];
        a[ao + j] = x0 & M52;
        a[ao + 8 + j] = ((x0 >>> 52) | (x1 << 12)) & M52;
        a[ao + 16 + j] = ((x1 >>> 40) | (x2 << 24)) & M52;
        a[ao + 24 + j] = ((x2 >>> 28) | (x3 << 36)) & M52;
        a[ao + 32 + j] = x3 >>> 16;
    }

    /** Writes lane j of the block at a[ao…] (limbs normalised, value below 2^256) as four limbs into v[vo…]. */
    @Override
    public void get(long[] v, int vo, long[] a, int ao, int j) {
        long l0 = a[ao + j], l1 = a[ao + 8 + j], l2 = a[ao + 16 + j], l3 = a[ao + 24 + j], l4 = a[ao + 32 + j];
        v[vo] = l0 | (l1 << 52);
        v[vo + 1] = (l1 >>> 12) | (l2 << 40);
        v[vo + 2] = (l2 >>> 24) | (l3 << 28);
        v[vo + 3] = (l3 >>> 36) | (l4 << 16);
    }
}
