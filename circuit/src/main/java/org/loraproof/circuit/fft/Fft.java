package org.loraproof.circuit.fft;

import java.math.BigInteger;
import org.loraproof.circuit.Workers;
import org.loraproof.circuit.bn254.Bn254;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.MontgomeryField;
import org.loraproof.circuit.bn254.Simd;

/**
 * The evaluation domain {ω^i : 0 ≤ i < n} of size n = 2^k ≤ 2^28 in Fr, and in-place radix-2
 * transforms over it: coefficients ↔ evaluations, plain or on a coset g·⟨ω⟩. Elements are four
 * Montgomery limbs each, as {@link MontgomeryField#FR} holds them.
 *
 * <p>With 512-bit vectors ({@link Simd}) and n ≥ 64 the transform runs on {@link LaneFft}.
 * Otherwise: decimation in time after a bit-reversal permutation. The small stages run block by block
 * (a block fits in cache), the large ones split their butterflies across the common
 * {@link Workers} pool. ω is 5^((r−1)/2^28) raised to 2^(28−k), the choice
 * snarkjs makes, so evaluations agree with it.
 */
public final class Fft {
    public static final int MAX_LOG_SIZE = 28;
    private static final int LOCAL_LOG = 11;
    private static final int CHUNK = 1 << 12;
    private static final MontgomeryField FR = MontgomeryField.FR;
    private static final Fr MAX_ROOT = Fr.of(5).pow(Bn254.R.subtract(BigInteger.ONE).shiftRight(MAX_LOG_SIZE));

    private final int logN;
    private final int n;
    private final Fr omega;
    private final Fr omegaInv;
    private final Fr nInv;
    private long[] twiddles;
    private long[] inverseTwiddles;

    private Fft(int logN) {
        this.logN = logN;
        this.n = 1 << logN;
        this.omega = MAX_ROOT.pow(BigInteger.ONE.shiftLeft(MAX_LOG_SIZE - logN));
        this.omegaInv = omega.inverse();
        this.nInv = Fr.of(n).inverse();
    }

    /** Domains are shared, with their twiddles; softly held so large tables can be reclaimed. */
    @SuppressWarnings("unchecked")
    private static final java.lang.ref.SoftReference<Fft>[] DOMAINS = new java.lang.ref.SoftReference[MAX_LOG_SIZE + 1];

    /** The domain of size 2^logN. */
    public static Fft ofLogSize(int logN) {
        if (logN < 0 || logN > MAX_LOG_SIZE) {
            throw new IllegalArgumentException("FFT size 2^" + logN + " outside 2^0 … 2^" + MAX_LOG_SIZE);
        }
        synchronized (DOMAINS) {
            Fft f = DOMAINS[logN] == null ? null : DOMAINS[logN].get();
            if (f == null) {
                f = new Fft(logN);
                DOMAINS[logN] = new java.lang.ref.SoftReference<>(f);
            }
            return f;
        }
    }

    /** The smallest domain with at least {@code size} points. */
    public static Fft atLeast(long size) {
        int log = 0;
        while ((1L << log) < size) {
            log++;
        }
        return ofLogSize(log);
    }

    public int size() {
        return n;
    }

    public int logSize() {
        return logN;
    }

    /** The generator ω of the domain. */
    public Fr omega() {
        return omega;
    }

    /** Coefficients → evaluations at ω^0 … ω^(n−1), in place. */
    public void forward(long[] a) {
        check(a);
        transform(a, twiddles(false));
    }

    /** Evaluations at ω^i → coefficients, in place. */
    public void inverse(long[] a) {
        check(a);
        transform(a, twiddles(true));
        scale(a, nInv, Fr.ONE);
    }

    /** Coefficients → evaluations at g·ω^i, in place. */
    public void cosetForward(long[] a, Fr g) {
        check(a);
        scale(a, Fr.ONE, g);
        transform(a, twiddles(false));
    }

    /**
     * Evaluations at ω^i → evaluations at g·ω^i, in place: {@link #inverse} then {@link
     * #cosetForward}, with their two scalings done as one.
     */
    public void toCoset(long[] a, Fr g) {
        check(a);
        transform(a, twiddles(true));
        scale(a, nInv, g);
        transform(a, twiddles(false));
    }

    /** Evaluations at g·ω^i → coefficients, in place. */
    public void cosetInverse(long[] a, Fr g) {
        check(a);
        transform(a, twiddles(true));
        scale(a, nInv, g.inverse());
    }

    private void check(long[] a) {
        if (a.length != 4 * n) {
            throw new IllegalArgumentException("FFT of size " + n + " needs " + 4 * n + " limbs, got " + a.length);
        }
    }

    /** a[i] ← a[i]·c·g^i. */
    private void scale(long[] a, Fr c, Fr g) {
        if (c.isZero()) {
            java.util.Arrays.fill(a, 0);
            return;
        }
        boolean plain = g.isOne();
        long[] gl = new long[4];
        g.writeLimbs(gl, 0);
        if (Simd.warm() && n % (8 * 8) == 0) {
            Workers.parallelFor(chunks(), ch -> {
                int from = ch * CHUNK, to = Math.min(n, from + CHUNK);
                LaneFft.scale(a, from, to, c.mul(g.pow(BigInteger.valueOf(from))), g);
            });
            return;
        }
        Workers.parallelFor(chunks(), ch -> {
            int from = ch * CHUNK, to = Math.min(n, from + CHUNK);
            long[] f = new long[4];
            c.mul(plain ? Fr.ONE : g.pow(BigInteger.valueOf(from))).writeLimbs(f, 0);
            for (int i = from; i < to; i++) {
                FR.mul(a, 4 * i, a, 4 * i, f, 0);
                if (!plain) {
                    FR.mul(f, 0, f, 0, gl, 0);
                }
            }
        });
    }

    private int chunks() {
        return (n + CHUNK - 1) / CHUNK;
    }

    /**
     * Twiddles laid out per stage so each stage reads them in order: entry h + j holds ω_{2h}^j
     * (or its inverse) for the stage of half-size h and j < h; n entries in all.
     */
    synchronized long[] twiddles(boolean inverse) {
        long[] t = inverse ? inverseTwiddles : twiddles;
        if (t == null) {
            long[] top = powers(inverse ? omegaInv : omega, Math.max(1, n / 2));
            long[] staged = new long[4 * Math.max(2, n)];
            for (int h = 1; h < n; h <<= 1) {
                int stride = n / (2 * h), hh = h;
                Workers.parallelFor((h + CHUNK - 1) / CHUNK, ch -> {
                    for (int j = ch * CHUNK; j < Math.min(hh, (ch + 1) * CHUNK); j++) {
                        System.arraycopy(top, 4 * j * stride, staged, 4 * (hh + j), 4);
                    }
                });
            }
            t = staged;
            if (inverse) {
                inverseTwiddles = t;
            } else {
                twiddles = t;
            }
        }
        return t;
    }

    private static long[] powers(Fr w, int count) {
        long[] t = new long[4 * count];
        long[] wl = new long[4];
        w.writeLimbs(wl, 0);
        int parts = (count + CHUNK - 1) / CHUNK;
        Workers.parallelFor(parts, ch -> {
            int from = ch * CHUNK, to = Math.min(count, from + CHUNK);
            w.pow(BigInteger.valueOf(from)).writeLimbs(t, 4 * from);
            for (int i = from + 1; i < to; i++) {
                FR.mul(t, 4 * i, t, 4 * (i - 1), wl, 0);
            }
        });
        return t;
    }

    private void transform(long[] a, long[] tw) {
        transform(a, tw, Simd.warm());
    }

    /** The transform on eight-lane vectors when lanes (and the size allows), else scalar code. */
    void transform(long[] a, long[] tw, boolean lanes) {
        if (n == 1) {
            return;
        }
        if (lanes && logN >= LaneFft.MIN_LOG) {
            LaneFft.transform(a, logN, tw);
            return;
        }
        bitReverse(a);
        int block = Math.min(n, 1 << LOCAL_LOG);
        Workers.parallelFor(n / block, b -> {
            long[] tmp = new long[4];
            int base = b * block;
            for (int h = 1; h < block; h <<= 1) {
                for (int g = base; g < base + block; g += 2 * h) {
                    unitButterfly(a, g, g + h, tmp);
                    for (int j = 1; j < h; j++) {
                        butterfly(a, g + j, g + j + h, tw, h + j, tmp);
                    }
                }
            }
        });
        for (int h = block; h < n; h <<= 1) {
            final int half = h;
            int butterflies = n / 2;
            Workers.parallelFor((butterflies + CHUNK - 1) / CHUNK, ch -> {
                long[] tmp = new long[4];
                int from = ch * CHUNK, to = Math.min(butterflies, from + CHUNK);
                for (int i = from; i < to; i++) {
                    int g = i / half, j = i - g * half;
                    int k = g * 2 * half + j;
                    if (j == 0) {
                        unitButterfly(a, k, k + half, tmp);
                    } else {
                        butterfly(a, k, k + half, tw, half + j, tmp);
                    }
                }
            });
        }
    }

    /** (a[x], a[y]) ← (a[x] + w·a[y], a[x] − w·a[y]) with w = tw[t]. */
    private static void butterfly(long[] a, int x, int y, long[] tw, int t, long[] tmp) {
        FR.mul(tmp, 0, a, 4 * y, tw, 4 * t);
        FR.sub(a, 4 * y, a, 4 * x, tmp, 0);
        FR.add(a, 4 * x, a, 4 * x, tmp, 0);
    }

    /** (a[x], a[y]) ← (a[x] + a[y], a[x] − a[y]): the butterfly with twiddle 1. */
    private static void unitButterfly(long[] a, int x, int y, long[] tmp) {
        System.arraycopy(a, 4 * y, tmp, 0, 4);
        FR.sub(a, 4 * y, a, 4 * x, tmp, 0);
        FR.add(a, 4 * x, a, 4 * x, tmp, 0);
    }

    private void bitReverse(long[] a) {
        int shift = 32 - logN;
        Workers.parallelFor(chunks(), ch -> {
            int from = ch * CHUNK, to = Math.min(n, from + CHUNK);
            for (int i = from; i < to; i++) {
                int j = Integer.reverse(i) >>> shift;
                if (i < j) {
                    for (int l = 0; l < 4; l++) {
                        long t = a[4 * i + l];
                        a[4 * i + l] = a[4 * j + l];
                        a[4 * j + l] = t;
                    }
                }
            }
        });
    }
}
