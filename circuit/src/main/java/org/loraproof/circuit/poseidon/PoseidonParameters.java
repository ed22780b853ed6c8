package org.loraproof.circuit.poseidon;

import java.math.BigInteger;
import org.loraproof.circuit.bn254.Bn254;
import org.loraproof.circuit.bn254.Fr;

/**
 * circomlib's Poseidon parameters for state width t = 2 … 17 over BN254's Fr: x⁵ S-box, 8 full
 * rounds, the partial-round counts below, and round constants and MDS matrix drawn from the
 * Grain LFSR exactly as the reference script of Grassi et al. ("Poseidon: A new hash function for
 * zero-knowledge proof systems", 2019, and its generate_parameters_grain script) draws them:
 * constants by rejection sampling below r, the Cauchy matrix 1/(xᵢ + yⱼ) from 2t further draws
 * reduced mod r. Tests check every constant against circomlibjs's table.
 *
 * @param t state width (inputs + 1)
 * @param partialRounds RP
 * @param roundConstants (8 + RP)·t constants, round-major, Montgomery limbs, 4 per constant
 * @param mds t×t matrix, row-major, Montgomery limbs
 */
public record PoseidonParameters(int t, int partialRounds, long[] roundConstants, long[] mds) {
    public static final int FULL_ROUNDS = 8;
    public static final int MAX_INPUTS = 16;
    private static final int[] PARTIAL_ROUNDS = {56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68};
    private static final PoseidonParameters[] CACHE = new PoseidonParameters[MAX_INPUTS + 2];

    /** The parameters for {@code inputs} inputs (t = inputs + 1), 1 ≤ inputs ≤ 16. */
    public static synchronized PoseidonParameters forInputs(int inputs) {
        if (inputs < 1 || inputs > MAX_INPUTS) {
            throw new IllegalArgumentException("Poseidon takes 1 to 16 inputs, got " + inputs);
        }
        int t = inputs + 1;
        if (CACHE[t] == null) {
            CACHE[t] = generate(t);
        }
        return CACHE[t];
    }

    public int rounds() {
        return FULL_ROUNDS + partialRounds;
    }

    public Fr roundConstant(int round, int i) {
        return Fr.fromLimbs(roundConstants, 4 * (round * t + i));
    }

    public Fr mds(int row, int col) {
        return Fr.fromLimbs(mds, 4 * (row * t + col));
    }

    private static PoseidonParameters generate(int t) {
        int rp = PARTIAL_ROUNDS[t - 2];
        Grain grain = new Grain(254, t, FULL_ROUNDS, rp);
        BigInteger r = Bn254.R;
        int count = (FULL_ROUNDS + rp) * t;
        long[] rc = new long[4 * count];
        for (int i = 0; i < count; i++) {
            BigInteger v;
            do {
                v = grain.bits(254);
            } while (v.compareTo(r) >= 0);
            Fr.of(v).writeLimbs(rc, 4 * i);
        }
        Fr[] xs = new Fr[2 * t];
        for (int i = 0; i < 2 * t; i++) {
            xs[i] = Fr.of(grain.bits(254));
        }
        long[] m = new long[4 * t * t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                xs[i].add(xs[t + j]).inverse().writeLimbs(m, 4 * (i * t + j));
            }
        }
        return new PoseidonParameters(t, rp, rc, m);
    }

    /** The 80-bit Grain LFSR in self-shrinking mode, seeded with the parameters. */
    private static final class Grain {
        private final boolean[] state = new boolean[80];

        Grain(int fieldBits, int t, int rf, int rp) {
            int k = 0;
            k = put(k, 1, 2); // prime field
            k = put(k, 0, 4); // x^alpha S-box
            k = put(k, fieldBits, 12);
            k = put(k, t, 12);
            k = put(k, rf, 10);
            k = put(k, rp, 10);
            while (k < 80) {
                state[k++] = true;
            }
            for (int i = 0; i < 160; i++) {
                step();
            }
        }

        private int put(int k, int value, int width) {
            for (int i = width - 1; i >= 0; i--) {
                state[k++] = ((value >>> i) & 1) == 1;
            }
            return k;
        }

        private boolean step() {
            boolean b = state[62] ^ state[51] ^ state[38] ^ state[23] ^ state[13] ^ state[0];
            System.arraycopy(state, 1, state, 0, 79);
            state[79] = b;
            return b;
        }

        private boolean nextBit() {
            boolean b = step();
            while (!b) {
                step();
                b = step();
            }
            return step();
        }

        BigInteger bits(int n) {
            BigInteger v = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                v = v.shiftLeft(1);
                if (nextBit()) {
                    v = v.setBit(0);
                }
            }
            return v;
        }
    }
}
