package org.loraproof.circuit.lora;

import java.util.SplittableRandom;
import org.loraproof.circuit.bn254.Fr;

/** Random, consistent lora-merge instances for tests: W_eff = W_base + round(s_q·B·A / 2^(2f)). */
public final class LoraInstances {
    private LoraInstances() {
    }

    static long[] random(int n, long bound, SplittableRandom rng) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextLong(-bound + 1, bound);
        }
        return v;
    }

    /** base·(1 + …): the merged matrix in fixed point, rounded like the generator does. */
    static long[] merge(long[] base, long[] a, long[] b, int dOut, int dIn, int r, long sQ, int f) {
        long[] eff = new long[base.length];
        for (int i = 0; i < dOut; i++) {
            for (int j = 0; j < dIn; j++) {
                long acc = 0;
                for (int k = 0; k < r; k++) {
                    acc += b[i * r + k] * a[k * dIn + j];
                }
                java.math.BigInteger scaled = java.math.BigInteger.valueOf(acc).multiply(java.math.BigInteger.valueOf(sQ));
                eff[i * dIn + j] = base[i * dIn + j]
                        + org.loraproof.circuit.gadgets.FixedPoint.roundShift(scaled, 2 * f).longValueExact();
            }
        }
        return eff;
    }

    public static LoraMergeCircuit.Witness instance(LoraMergeShape s, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        FixedPointParams p = s.params();
        int dOut = s.dOut(), dIn = s.dIn(), r = s.rank();
        long[] base = random(dOut * dIn, 1L << 20, rng);
        long[] a = random(r * dIn, 1L << 13, rng);
        long[] b = random(dOut * r, 1L << 13, rng);
        long sQ = 2L << p.fractionalBits(); // s = lora_alpha / r = 2
        long[] eff = merge(base, a, b, dOut, dIn, r, sQ, p.fractionalBits());
        return witness(s, base, eff, a, b, sQ, 1, Fr.of(rng.nextLong() & Long.MAX_VALUE), Fr.random(rng));
    }

    static LoraMergeCircuit.Witness witness(LoraMergeShape s, long[] base, long[] eff, long[] a, long[] b, long sQ, long tau,
            Fr nonce, Fr blind) {
        FixedPointParams p = s.params();
        int dOut = s.dOut(), dIn = s.dIn(), r = s.rank();
        return new LoraMergeCircuit.Witness(s, base, eff, a, b,
                TensorCommitment.commit(base, dOut, dIn, TensorLayout.MATRIX_ROWS, p, Fr.ZERO),
                TensorCommitment.commit(eff, dOut, dIn, TensorLayout.MATRIX_ROWS, p, blind),
                TensorCommitment.commit(a, r, dIn, TensorLayout.ADAPTER_COLUMNS, p, blind.add(Fr.ONE)),
                TensorCommitment.commit(b, dOut, r, TensorLayout.ADAPTER_ROWS, p, blind.add(Fr.of(2))),
                nonce, sQ, tau);
    }
}
