package org.loraproof.circuit.gadgets;

import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.circuit.r1cs.LinearCombination;

/** Comparisons of values known to lie in [0, 2ⁿ). */
public final class Comparators {
    private Comparators() {
    }

    /**
     * The boolean a &lt; b for a, b in [0, 2ⁿ), n ≤ 252: bit n of a − b + 2ⁿ is 1 exactly when a ≥ b.
     * n + 2 constraints under {@code name}.
     */
    public static LinearCombination lessThan(ConstraintSystem cs, String name, LinearCombination a, LinearCombination b,
            int n) {
        if (n < 1 || n > 252) {
            throw new IllegalArgumentException("comparison width must be 1..252");
        }
        try (var s = cs.scope(name)) {
            LinearCombination shifted = a.sub(b).add(Fr.of(java.math.BigInteger.ONE.shiftLeft(n)));
            LinearCombination[] bits = Bits.decompose(cs, shifted, n + 1);
            return cs.one().sub(bits[n]);
        }
    }

    /** Constrains a &lt; b for a, b in [0, 2ⁿ): b − a − 1 in [0, 2ⁿ). */
    public static void assertLessThan(ConstraintSystem cs, String name, LinearCombination a, LinearCombination b, int n) {
        Bits.rangeCheck(cs, name, b.sub(a).sub(cs.one()), n);
    }

    /** cond ? a : b for a boolean cond: out − b = cond·(a − b), one constraint. */
    public static LinearCombination select(ConstraintSystem cs, String name, LinearCombination cond, LinearCombination a,
            LinearCombination b) {
        LinearCombination out = cs.witness(name, () -> cs.value(cond).isZero() ? cs.value(b) : cs.value(a));
        cs.enforce(name, cond, a.sub(b), out.sub(b));
        return out;
    }
}
