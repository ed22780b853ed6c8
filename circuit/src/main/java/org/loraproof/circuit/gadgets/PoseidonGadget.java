package org.loraproof.circuit.gadgets;

import java.util.concurrent.ConcurrentHashMap;
import org.loraproof.circuit.bn254.MontgomeryField;
import org.loraproof.circuit.poseidon.PoseidonParameters;
import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.circuit.r1cs.LinearCombination;

/**
 * In-circuit twin of {@link org.loraproof.circuit.poseidon.Poseidon}. Round constants and the MDS
 * matrix are linear, so free; each x⁵ costs three constraints ({@code round[k].sbox[i].x2/x4/x5}).
 *
 * <p>The linear layers do not depend on the inputs, so each S-box input is a fixed combination of
 * "symbols" — the constant 1, the inputs and the earlier S-box outputs. A {@link Plan} holds those
 * coefficients per arity (computed once); a hash then builds each S-box input with one merge
 * instead of mixing the growing state combinations t² times per round. The constraints are the
 * same as the round-by-round evaluation gives.
 */
public final class PoseidonGadget {
    private static final MontgomeryField FR = MontgomeryField.FR;
    private static final ConcurrentHashMap<Integer, Plan> PLANS = new ConcurrentHashMap<>();

    private PoseidonGadget() {
    }

    /**
     * S-box s takes Σ_k input[s][4k…]·symbol_k as input (symbols: 1, the t − 1 inputs, then the
     * outputs of S-boxes 0 … s − 1), in round round[s] at state position position[s]; the hash
     * is Σ_k output[4k…]·symbol_k.
     */
    private record Plan(int t, int[] round, int[] position, long[][] input, long[] output) {
        static Plan of(int inputs) {
            PoseidonParameters p = PoseidonParameters.forInputs(inputs);
            int t = p.t(), half = PoseidonParameters.FULL_ROUNDS / 2, rounds = p.rounds();
            int sboxes = fullRoundSboxes(t) + (rounds - PoseidonParameters.FULL_ROUNDS);
            int symbols = t + sboxes;
            long[][] state = new long[t][4 * symbols], next = new long[t][4 * symbols];
            for (int i = 1; i < t; i++) {
                FR.setOne(state[i], 4 * i);
            }
            long[] rc = p.roundConstants(), mds = p.mds(), tmp = new long[4];
            int[] round = new int[sboxes], position = new int[sboxes];
            long[][] input = new long[sboxes][];
            int s = 0;
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < t; i++) {
                    FR.add(state[i], 0, state[i], 0, rc, 4 * (r * t + i));
                }
                boolean full = r < half || r >= rounds - half;
                for (int i = 0; i < (full ? t : 1); i++) {
                    round[s] = r;
                    position[s] = i;
                    input[s] = state[i].clone();
                    java.util.Arrays.fill(state[i], 0L);
                    FR.setOne(state[i], 4 * (t + s));
                    s++;
                }
                int live = t + s; // symbols in use so far
                for (int i = 0; i < t; i++) {
                    java.util.Arrays.fill(next[i], 0L);
                    for (int j = 0; j < t; j++) {
                        for (int k = 0; k < live; k++) {
                            if (!FR.isZero(state[j], 4 * k)) {
                                FR.mul(tmp, 0, mds, 4 * (i * t + j), state[j], 4 * k);
                                FR.add(next[i], 4 * k, next[i], 4 * k, tmp, 0);
                            }
                        }
                    }
                }
                long[][] swap = state;
                state = next;
                next = swap;
            }
            return new Plan(t, round, position, input, state[0].clone());
        }

        private static int fullRoundSboxes(int t) {
            return PoseidonParameters.FULL_ROUNDS * t;
        }
    }

    public static LinearCombination hash(ConstraintSystem cs, String name, LinearCombination... inputs) {
        Plan plan = PLANS.computeIfAbsent(inputs.length, Plan::of);
        int t = plan.t();
        LinearCombination[] symbols = new LinearCombination[t + plan.round().length];
        symbols[0] = LinearCombination.constant(1);
        System.arraycopy(inputs, 0, symbols, 1, inputs.length);
        try (var s = cs.scope(name)) {
            int sbox = 0;
            while (sbox < plan.round().length) {
                int r = plan.round()[sbox];
                try (var scope = cs.scope("round", r)) {
                    for (; sbox < plan.round().length && plan.round()[sbox] == r; sbox++) {
                        LinearCombination x = LinearCombination.sum(plan.input()[sbox], symbols, t + sbox);
                        symbols[t + sbox] = sbox(cs, plan.position()[sbox], x);
                    }
                }
            }
            return LinearCombination.sum(plan.output(), symbols, symbols.length);
        }
    }

    /** x⁵ by three constraints x2, x4, x5 under scope sbox[i]. */
    static LinearCombination sbox(ConstraintSystem cs, int i, LinearCombination x) {
        try (var s = cs.scope("sbox", i)) {
            LinearCombination x2 = cs.witness("x2", () -> cs.value(x).square());
            cs.enforce("x2", x, x, x2);
            LinearCombination x4 = cs.witness("x4", () -> cs.value(x2).square());
            cs.enforce("x4", x2, x2, x4);
            LinearCombination x5 = cs.witness("x5", () -> cs.value(x4).mul(cs.value(x)));
            cs.enforce("x5", x4, x, x5);
            return x5;
        }
    }
}
