package org.loraproof.circuit.fft;

import java.math.BigInteger;
import org.loraproof.circuit.Workers;
import org.loraproof.circuit.bn254.FieldLanes;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.MontgomeryField;

/**
 * The radix-2 transform of {@link Fft} on eight-lane vectors ({@link FieldLanes#FR}), by the
 * four-step method for n = 8m: eight-point DFTs over x[m·i1 + i2] (one per i2, across blocks),
 * twiddles ω_n^(i2·k1), then eight m-point DFTs side by side, one per lane (X[k1 + 8·k2] ends in
 * block k2, lane k1). Both sub-transforms are decimation in time with {@link Fft}'s staged
 * twiddles (entry h + j holds ω_{2h}^j), so the result is exactly the scalar transform's.
 * Use only when {@code Simd.ENABLED}.
 */
final class LaneFft {
    private static final FieldLanes F = FieldLanes.FR;
    private static final MontgomeryField FR = MontgomeryField.FR;
    private static final int B = FieldLanes.BLOCK;
    /** Stages per pass over the blocks: a sub-transform of 2^9 blocks (160 KB) stays in cache. */
    private static final int PASS_LOG = 9;

    private LaneFft() {
    }

    /** Smallest size handled here: m = n/8 must be at least 8. */
    static final int MIN_LOG = 6;

    /** In place, natural order in and out; tw are the staged twiddles of the direction wanted. */
    static void transform(long[] a, int logN, long[] tw) {
        int n = 1 << logN, m = n >>> 3;
        long[] c = new long[m * B];
        int groups = m / 8;
        // the eight-point DFTs' twiddles (entries 2 … 7), broadcast once
        long[] w8 = new long[8 * B];
        for (int e = 2; e < 8; e++) {
            System.arraycopy(broadcast(new long[B], tw, e), 0, w8, e * B, B);
        }
        // 1. eight-point DFTs over i1 for each i2, then transpose: c block i2, lane k1 = y[k1][i2]
        Workers.parallelFor((groups + 31) / 32, ch -> {
            long[] g8 = new long[8 * B], s = scratch();
            for (int t = ch * 32; t < Math.min(groups, (ch + 1) * 32); t++) {
                for (int r = 0; r < 8; r++) {
                    int row = Integer.reverse(r) >>> 29;
                    for (int j = 0; j < 8; j++) {
                        F.put(g8, row * B, j, a, 4 * (m * r + 8 * t + j));
                    }
                }
                for (int h = 1; h < 8; h <<= 1) {
                    for (int g = 0; g < 8; g += 2 * h) {
                        for (int j = 0; j < h; j++) {
                            butterfly(g8, (g + j) * B, (g + j + h) * B, j == 0 ? null : w8, (h + j) * B, s);
                        }
                    }
                }
                for (int k1 = 0; k1 < 8; k1++) {
                    for (int j = 0; j < 8; j++) {
                        for (int limb = 0; limb < 5; limb++) {
                            c[(8 * t + j) * B + 8 * limb + k1] = g8[k1 * B + 8 * limb + j];
                        }
                    }
                }
            }
        });
        // 2. c[i2][k1] ·= ω_n^(i2·k1), by a running product per chunk; ω_n^k1 is entry n/2 + k1
        long[] step = new long[B];
        for (int k1 = 0; k1 < 8; k1++) {
            F.put(step, 0, k1, tw, 4 * (n / 2 + k1));
        }
        Workers.parallelFor((m + 1023) / 1024, ch -> {
            long[] s = scratch(), run = new long[B], limbs = new long[4];
            int from = ch * 1024;
            // lane k1 starts at (ω_n^from)^k1; ω_n^from is entry n/2 + from (from < m ≤ n/2)
            FR.setOne(limbs, 0);
            for (int k1 = 0; k1 < 8; k1++) {
                F.put(run, 0, k1, limbs, 0);
                FR.mul(limbs, 0, limbs, 0, tw, 4 * (n / 2 + from));
            }
            for (int i2 = from; i2 < Math.min(m, from + 1024); i2++) {
                F.mul(c, i2 * B, c, i2 * B, run, 0, s, 0);
                F.mul(run, 0, run, 0, step, 0, s, 0);
            }
        });
        // 3. m-point DFTs in every lane: bit-reversed block order, then the stages
        // (the swapped pairs are disjoint, so chunks of i run in parallel)
        int shift = 32 - Integer.numberOfTrailingZeros(m);
        Workers.parallelFor((m + 4095) / 4096, ch -> {
            long[] tmp = new long[B];
            for (int i = ch * 4096; i < Math.min(m, (ch + 1) * 4096); i++) {
                int j = Integer.reverse(i) >>> shift;
                if (i < j) {
                    System.arraycopy(c, i * B, tmp, 0, B);
                    System.arraycopy(c, j * B, c, i * B, B);
                    System.arraycopy(tmp, 0, c, j * B, B);
                }
            }
        });
        // stages s = lo … hi − 1 at a time: each sub-transform's 2^(hi − lo) blocks stay in cache
        int logM = Integer.numberOfTrailingZeros(m);
        for (int lo = 0; lo < logM; lo += PASS_LOG) {
            final int from = lo, to = Math.min(logM, lo + PASS_LOG), k = to - from;
            int subs = m >>> k;
            Workers.parallelFor((subs + 7) / 8, ch -> {
                long[] s = scratch(), w = new long[B];
                int last = -1;
                for (int sub = ch * 8; sub < Math.min(subs, (ch + 1) * 8); sub++) {
                    int low = sub & ((1 << from) - 1), high = sub >>> from;
                    int base = (high << to) | low;
                    for (int st = from; st < to; st++) {
                        int h = 1 << st, dt = 1 << (st - from);
                        for (int t = 0; t < (1 << k); t++) {
                            if ((t & dt) != 0) {
                                continue;
                            }
                            int u = base + (t << from), j = u & (h - 1);
                            if (j != 0 && h + j != last) {
                                broadcast(w, tw, h + j);
                                last = h + j;
                            }
                            butterfly(c, u * B, (u + h) * B, j == 0 ? null : w, 0, s);
                        }
                    }
                }
            });
        }
        // 4. X[k1 + 8·k2] from block k2, lane k1
        Workers.parallelFor((m + 1023) / 1024, ch -> {
            for (int k2 = ch * 1024; k2 < Math.min(m, (ch + 1) * 1024); k2++) {
                for (int k1 = 0; k1 < 8; k1++) {
                    F.get(a, 4 * (8 * k2 + k1), c, k2 * B, k1);
                }
            }
        });
    }

    /** A temporary block, then the multiplication's scratch. */
    private static long[] scratch() {
        return new long[B + FieldLanes.SCRATCH];
    }

    /** w ← the twiddle tw[entry] in all eight lanes. */
    private static long[] broadcast(long[] w, long[] tw, int entry) {
        for (int j = 0; j < 8; j++) {
            F.put(w, 0, j, tw, 4 * entry);
        }
        return w;
    }

    /** (u, v) ← (u + w·v, u − w·v) with w the block at w[wo…], canonical; w null means 1. Inputs below 2p. */
    private static void butterfly(long[] x, int uo, int vo, long[] w, int wo, long[] s) {
        if (w == null) {
            System.arraycopy(x, vo, s, 0, B);
        } else {
            F.mul(s, 0, x, vo, w, wo, s, B);
        }
        F.sub(x, vo, x, uo, s, 0, 2);
        F.canonical(x, vo);
        F.add(x, uo, x, uo, s, 0);
        F.canonical(x, uo);
    }

    /** a[i] ← a[i]·f·g^(i − from) for i in [from, to), a multiple of eight apart; canonical. */
    static void scale(long[] a, int from, int to, Fr f, Fr g) {
        long[] run = new long[B], step = new long[B], x = new long[B], s = scratch(), limbs = new long[4];
        Fr w = f;
        for (int j = 0; j < 8; j++) {
            w.writeLimbs(limbs, 0);
            F.put(run, 0, j, limbs, 0);
            w = w.mul(g);
        }
        Fr g8 = g.pow(BigInteger.valueOf(8));
        g8.writeLimbs(limbs, 0);
        for (int j = 0; j < 8; j++) {
            F.put(step, 0, j, limbs, 0);
        }
        for (int i = from; i < to; i += 8) {
            for (int j = 0; j < 8; j++) {
                F.put(x, 0, j, a, 4 * (i + j));
            }
            F.mul(x, 0, x, 0, run, 0, s, B);
            F.canonical(x, 0);
            for (int j = 0; j < 8; j++) {
                F.get(a, 4 * (i + j), x, 0, j);
            }
            F.mul(run, 0, run, 0, step, 0, s, B);
        }
    }
}
