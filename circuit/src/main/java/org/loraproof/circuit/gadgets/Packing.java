package org.loraproof.circuit.gadgets;

import java.math.BigInteger;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.r1cs.LinearCombination;

/**
 * Several small non-negative values in one field element: Σ vᵢ·2^(w·i). Linear, so free; the
 * caller range-checks each vᵢ to w bits, and count·w must stay below 254 so packing is injective.
 */
public final class Packing {
    private Packing() {
    }

    public static LinearCombination pack(LinearCombination[] values, int width) {
        if ((long) values.length * width > 253) {
            throw new IllegalArgumentException(values.length + " values of " + width + " bits do not fit one field element");
        }
        LinearCombination sum = LinearCombination.ZERO;
        for (int i = 0; i < values.length; i++) {
            sum = sum.addScaled(Fr.of(BigInteger.ONE.shiftLeft(width * i)), values[i]);
        }
        return sum;
    }

    /** The native twin of {@link #pack}: Σ vᵢ·2^(w·i) for non-negative vᵢ below 2^w. */
    public static Fr pack(long[] values, int from, int count, int width) {
        BigInteger sum = BigInteger.ZERO;
        for (int i = count - 1; i >= 0; i--) {
            sum = sum.shiftLeft(width).add(BigInteger.valueOf(values[from + i]));
        }
        return Fr.of(sum);
    }
}
