package org.loraproof.circuit.poseidon;

import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.bn254.MontgomeryField;

/**
 * Native Poseidon with circomlib's parameters: state [0, in₁, …, inₙ], per round add constants,
 * x⁵ on every element (full rounds) or on element 0 (partial rounds), multiply by the MDS
 * matrix; the output is element 0. Works on Montgomery limbs with preallocated state, so one
 * instance hashes without allocating; instances are not thread-safe.
 */
public final class Poseidon {
    private static final MontgomeryField FR = MontgomeryField.FR;

    private final PoseidonParameters params;
    private final int t;
    private final long[] state;
    private final long[] next;
    private final long[] tmp = new long[4];

    public Poseidon(int inputs) {
        this.params = PoseidonParameters.forInputs(inputs);
        this.t = params.t();
        this.state = new long[4 * t];
        this.next = new long[4 * t];
    }

    /** Poseidon of the given field elements (1 to 16). */
    public static Fr hash(Fr... inputs) {
        Poseidon p = new Poseidon(inputs.length);
        long[] in = new long[4 * inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i].writeLimbs(in, 4 * i);
        }
        long[] out = new long[4];
        p.hash(in, 0, out, 0);
        return Fr.fromLimbs(out, 0);
    }

    public int inputs() {
        return t - 1;
    }

    /** Hashes t − 1 elements (Montgomery limbs at in[off…]) into out[oo…]. */
    public void hash(long[] in, int off, long[] out, int oo) {
        java.util.Arrays.fill(state, 0, 4, 0L);
        System.arraycopy(in, off, state, 4, 4 * (t - 1));
        permute();
        System.arraycopy(state, 0, out, oo, 4);
    }

    /** Hashes two elements (a at a[ao…], b at b[bo…]) into out[oo…]; needs a 2-input instance. */
    public void hash2(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
        java.util.Arrays.fill(state, 0, 4, 0L);
        System.arraycopy(a, ao, state, 4, 4);
        System.arraycopy(b, bo, state, 8, 4);
        permute();
        System.arraycopy(state, 0, out, oo, 4);
    }

    private void permute() {
        long[] rc = params.roundConstants();
        long[] m = params.mds();
        int half = PoseidonParameters.FULL_ROUNDS / 2;
        int rounds = params.rounds();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < t; i++) {
                FR.add(state, 4 * i, state, 4 * i, rc, 4 * (round * t + i));
            }
            boolean full = round < half || round >= rounds - half;
            for (int i = 0; i < (full ? t : 1); i++) {
                sbox(4 * i);
            }
            for (int i = 0; i < t; i++) {
                FR.mul(next, 4 * i, m, 4 * (i * t), state, 0);
                for (int j = 1; j < t; j++) {
                    FR.mul(tmp, 0, m, 4 * (i * t + j), state, 4 * j);
                    FR.add(next, 4 * i, next, 4 * i, tmp, 0);
                }
            }
            System.arraycopy(next, 0, state, 0, 4 * t);
        }
    }

    private void sbox(int o) {
        FR.square(tmp, 0, state, o);
        FR.square(tmp, 0, tmp, 0);
        FR.mul(state, o, state, o, tmp, 0);
    }
}
