package org.loraproof.circuit.gadgets;

import java.math.BigInteger;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.circuit.r1cs.LinearCombination;

/** Fixed-point arithmetic on signed integers with f fractional bits. */
public final class FixedPoint {
    private FixedPoint() {
    }

    /** The native rounding the gadget enforces: ⌊(x + 2^(f−1)) / 2^f⌋ (ties round up). */
    public static BigInteger roundShift(BigInteger x, int f) {
        return x.add(BigInteger.ONE.shiftLeft(f - 1)).shiftRight(f);
    }

    /**
     * c = ⌊(a·b + 2^(f−1)) / 2^f⌋ with a·b + 2^(f−1) = c·2^f + rem, rem range-checked to f bits and c
     * to a signed v-bit value. Sound while |a·b| stays far below r/2, which range-checked
     * operands guarantee. Under {@code name}: {@code product}, {@code remainder}, {@code result}.
     */
    public static LinearCombination mulRound(ConstraintSystem cs, String name, LinearCombination a, LinearCombination b,
            int f, int v) {
        try (var s = cs.scope(name)) {
            LinearCombination c = cs.witness("result", () ->
                    Fr.of(roundShift(Bits.signed(cs.value(a)).multiply(Bits.signed(cs.value(b))), f)));
            LinearCombination rem = cs.witness("remainder", () -> {
                BigInteger p = Bits.signed(cs.value(a)).multiply(Bits.signed(cs.value(b)));
                return Fr.of(p.add(BigInteger.ONE.shiftLeft(f - 1)).subtract(roundShift(p, f).shiftLeft(f)));
            });
            Fr scale = Fr.of(BigInteger.ONE.shiftLeft(f));
            cs.enforce("product", a, b, c.scale(scale).add(rem).sub(cs.one().scale(Fr.of(BigInteger.ONE.shiftLeft(f - 1)))));
            Bits.rangeCheck(cs, "remainder", rem, f);
            Bits.signedRangeCheck(cs, "result", c, v);
            return c;
        }
    }
}
