package org.loraproof.circuit.poseidon;

import org.loraproof.circuit.bn254.FieldLanes;

/**
 * {@link Poseidon} for many inputs at once: eight permutations side by side on
 * {@link FieldLanes#FR}, state element i in lane block i, constants broadcast to all lanes. Same
 * rounds and results as the scalar code. Use only when {@code Simd.ENABLED}; instances hold
 * scratch and are not thread-safe.
 */
public final class PoseidonLanes {
    private static final FieldLanes F = FieldLanes.FR;
    private static final int B = FieldLanes.BLOCK;

    private final PoseidonParameters params;
    private final int t;
    /** Round constant (round, i) broadcast at block round·t + i; MDS entry (i, j) at block i·t + j. */
    private final long[] rc;
    private final long[] mds;
    private final long[] state, next, s;

    /** Broadcast constants per input count, shared (read-only) by all instances. */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, long[][]> CONSTANTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    public PoseidonLanes(int inputs) {
        this.params = PoseidonParameters.forInputs(inputs);
        this.t = params.t();
        long[][] constants = CONSTANTS.computeIfAbsent(inputs,
                k -> new long[][] {broadcast(params.roundConstants()), broadcast(params.mds())});
        this.rc = constants[0];
        this.mds = constants[1];
        this.state = new long[t * B];
        this.next = new long[t * B];
        this.s = new long[2 * B + FieldLanes.SCRATCH];
    }

    private static long[] broadcast(long[] limbs) {
        int n = limbs.length / 4;
        long[] out = new long[n * B];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < 8; j++) {
                F.put(out, k * B, j, limbs, 4 * k);
            }
        }
        return out;
    }

    public int inputs() {
        return t - 1;
    }

    /**
     * out[outOff + 4k…] = Poseidon(inputs of hash k) for k < count, where input j of hash k is the
     * Montgomery element at in[inOff + 4·(k·(t − 1) + j)…].
     */
    public void hashAll(long[] in, int inOff, int count, long[] out, int outOff) {
        int w = t - 1;
        for (int first = 0; first < count; first += 8) {
            int lanes = Math.min(8, count - first);
            java.util.Arrays.fill(state, 0L);
            for (int lane = 0; lane < lanes; lane++) {
                for (int j = 0; j < w; j++) {
                    F.put(state, (j + 1) * B, lane, in, inOff + 4 * ((first + lane) * w + j));
                }
            }
            permute();
            for (int lane = 0; lane < lanes; lane++) {
                F.get(out, outOff + 4 * (first + lane), state, 0, lane);
            }
        }
    }

    /** The rounds; every state element stays canonical between rounds. */
    private void permute() {
        int half = PoseidonParameters.FULL_ROUNDS / 2, rounds = params.rounds();
        int x2 = 0, acc = B, scratch = 2 * B;
        for (int round = 0; round < rounds; round++) {
            boolean full = round < half || round >= rounds - half;
            for (int i = 0; i < t; i++) {
                int o = i * B;
                F.add(state, o, state, o, rc, (round * t + i) * B);
                if (full || i == 0) {
                    // x⁵, below 2p
                    F.mul(s, x2, state, o, state, o, s, scratch);
                    F.mul(s, x2, s, x2, s, x2, s, scratch);
                    F.mul(state, o, state, o, s, x2, s, scratch);
                }
            }
            for (int i = 0; i < t; i++) {
                int r = i * B;
                // Σ_j M[i][j]·state[j]: products below 2p, reduced after every third
                F.mul(next, r, mds, (i * t) * B, state, 0, s, scratch);
                for (int j = 1; j < t; j++) {
                    F.mul(s, acc, mds, (i * t + j) * B, state, j * B, s, scratch);
                    F.add(next, r, next, r, s, acc);
                    if (j % 3 == 2 || j == t - 1) {
                        F.canonical(next, r);
                    }
                }
            }
            System.arraycopy(next, 0, state, 0, t * B);
        }
    }
}
