package org.loraproof.circuit.gadgets;

import org.loraproof.circuit.poseidon.PoseidonParameters;
import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.circuit.r1cs.LinearCombination;

/**
 * In-circuit twin of {@link org.loraproof.circuit.poseidon.Poseidon}. Round constants and the MDS
 * matrix are linear, so free; each x⁵ costs three constraints ({@code round[k].sbox[i].x2/x4/x5}).
 */
public final class PoseidonGadget {
    private PoseidonGadget() {
    }

    public static LinearCombination hash(ConstraintSystem cs, String name, LinearCombination... inputs) {
        PoseidonParameters p = PoseidonParameters.forInputs(inputs.length);
        int t = p.t();
        int half = PoseidonParameters.FULL_ROUNDS / 2;
        try (var s = cs.scope(name)) {
            LinearCombination[] state = new LinearCombination[t];
            state[0] = LinearCombination.ZERO;
            System.arraycopy(inputs, 0, state, 1, inputs.length);
            for (int round = 0; round < p.rounds(); round++) {
                for (int i = 0; i < t; i++) {
                    state[i] = state[i].add(p.roundConstant(round, i));
                }
                boolean full = round < half || round >= p.rounds() - half;
                try (var r = cs.scope("round", round)) {
                    for (int i = 0; i < (full ? t : 1); i++) {
                        state[i] = sbox(cs, i, state[i]);
                    }
                }
                LinearCombination[] next = new LinearCombination[t];
                for (int i = 0; i < t; i++) {
                    LinearCombination acc = LinearCombination.ZERO;
                    for (int j = 0; j < t; j++) {
                        acc = acc.addScaled(p.mds(i, j), state[j]);
                    }
                    next[i] = acc;
                }
                state = next;
            }
            return state[0];
        }
    }

    private static LinearCombination sbox(ConstraintSystem cs, int i, LinearCombination x) {
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
