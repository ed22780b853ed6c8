package org.loraproof.circuit.fft;

import java.math.BigInteger;
import org.loraproof.circuit.Workers;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.MontgomeryField;

/**
 * {@link Fft#toCoset} over a domain of n = L·H points cut into three passes over √n-sized
 * transforms, so that parts of the vector can be transformed apart with two all-to-all exchanges
 * between the passes (the four-step FFT). Indices: a domain position j = jl + L·jh, a coefficient
 * k = kl + H·kh, a coset position m = ml + L·mh (jl, ml &lt; L; jh, kl, mh &lt; H; kh &lt; L).
 * <ol>
 * <li>{@link #inverseColumns}: for each column jl, the H values at jh = 0 … H − 1: inverse
 * transform of size H over jh, times ω^(−jl·kl); the column then holds index kl.</li>
 * <li>{@link #middleRows}: for each kl, the L values at jl = 0 … L − 1: inverse transform over jl
 * (giving the coefficients at kh), times g^(kl + H·kh), forward transform over kh, times
 * ω^(kl·ml); the row then holds index ml.</li>
 * <li>{@link #forwardColumns}: for each ml, the H values at kl = 0 … H − 1: forward transform over
 * kl; the column then holds the evaluation at g·ω^(ml + L·mh) at index mh.</li>
 * </ol>
 * Between the passes a part that holds columns [c0, c1) sends the rows [r0, r1) of them to the
 * part that holds those rows, and back. Blocks are Montgomery limbs, a column or row contiguous.
 * The transforms are {@link Fft}'s, so the result equals {@code Fft.toCoset} value for value.
 */
public final class FourStepCoset {
    private static final MontgomeryField FR = MontgomeryField.FR;

    private final int logN, logL, logH;
    private final Fft full, fftL, fftH;
    private final Fr shift, shiftH;

    private FourStepCoset(int logN, Fr shift) {
        this.logN = logN;
        this.logL = logN / 2;
        this.logH = logN - logL;
        this.full = Fft.ofLogSize(logN);
        this.fftL = Fft.ofLogSize(logL);
        this.fftH = Fft.ofLogSize(logH);
        this.shift = shift;
        this.shiftH = shift.pow(BigInteger.ONE.shiftLeft(logH));
    }

    /** The transform to the coset g·⟨ω⟩ of the domain of 2^logN points. */
    public static FourStepCoset of(int logN, Fr shift) {
        return new FourStepCoset(logN, shift);
    }

    /** The quotient's: to the odd coset ω_{2n}·⟨ω_n⟩. */
    public static FourStepCoset oddCoset(int logN) {
        return of(logN, Fft.ofLogSize(logN + 1).omega());
    }

    public int logSize() {
        return logN;
    }

    /** L, the number of columns (jl, ml) and the length of a row. */
    public int columns() {
        return 1 << logL;
    }

    /** H, the number of rows (kl) and the length of a column. */
    public int rows() {
        return 1 << logH;
    }

    /** Part {@code part} of {@code parts} of [0, size): an even cut, as every pass and exchange uses it. */
    public static int[] cut(int size, int part, int parts) {
        return new int[] {(int) ((long) size * part / parts), (int) ((long) size * (part + 1) / parts)};
    }

    /** Pass 1 on columns [c0, c1), each H values of index jh, in place. */
    public void inverseColumns(long[] block, int c0, int c1) {
        int h = rows();
        check(block, c1 - c0, h);
        Fr wInv = full.omega().inverse();
        each(c1 - c0, h, block, (tmp, i) -> {
            fftH.inverse(tmp);
            times(tmp, Fr.ONE, wInv.pow(BigInteger.valueOf(c0 + i)));
        });
    }

    /** Pass 2 on rows [r0, r1), each L values of index jl, in place. */
    public void middleRows(long[] block, int r0, int r1) {
        int l = columns();
        check(block, r1 - r0, l);
        Fr w = full.omega();
        each(r1 - r0, l, block, (tmp, i) -> {
            BigInteger kl = BigInteger.valueOf(r0 + i);
            fftL.toCoset(tmp, shiftH);
            times(tmp, shift.pow(kl), w.pow(kl));
        });
    }

    /** Pass 3 on columns [c0, c1), each H values of index kl, in place. */
    public void forwardColumns(long[] block, int c0, int c1) {
        int h = rows();
        check(block, c1 - c0, h);
        each(c1 - c0, h, block, (tmp, i) -> fftH.forward(tmp));
    }

    private static void check(long[] block, int lines, int length) {
        if (lines < 0 || block.length != 4L * lines * length) {
            throw new IllegalArgumentException("a block of " + lines + " lines of " + length + " needs "
                    + 4L * lines * length + " limbs, got " + block.length);
        }
    }

    private interface Line {
        void apply(long[] tmp, int index);
    }

    /** Applies {@code f} to each line (copied out and back), the lines spread over the workers. */
    private static void each(int lines, int length, long[] block, Line f) {
        int per = Math.max(1, (1 << 16) / length), tasks = (lines + per - 1) / per;
        Workers.parallelFor(tasks, t -> {
            long[] tmp = new long[4 * length];
            for (int i = t * per; i < Math.min(lines, (t + 1) * per); i++) {
                System.arraycopy(block, 4 * i * length, tmp, 0, tmp.length);
                f.apply(tmp, i);
                System.arraycopy(tmp, 0, block, 4 * i * length, tmp.length);
            }
        });
    }

    /** a[i] ← a[i]·c·b^i. */
    private static void times(long[] a, Fr c, Fr b) {
        long[] f = new long[4], bl = new long[4];
        c.writeLimbs(f, 0);
        b.writeLimbs(bl, 0);
        for (int i = 0; i < a.length / 4; i++) {
            FR.mul(a, 4 * i, a, 4 * i, f, 0);
            FR.mul(f, 0, f, 0, bl, 0);
        }
    }
}
