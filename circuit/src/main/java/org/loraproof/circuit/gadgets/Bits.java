package org.loraproof.circuit.gadgets;

import java.math.BigInteger;
import org.loraproof.circuit.bn254.Bn254;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.circuit.r1cs.LinearCombination;

/** Booleans, bit decompositions and range checks. */
public final class Bits {
    private static final BigInteger HALF_R = Bn254.R.shiftRight(1);

    private Bits() {
    }

    /** The signed integer a field element stands for: v, or v − r above r/2. */
    public static BigInteger signed(Fr v) {
        BigInteger x = v.toBigInteger();
        return x.compareTo(HALF_R) > 0 ? x.subtract(Bn254.R) : x;
    }

    /** x·(x − 1) = 0. */
    public static void assertBoolean(ConstraintSystem cs, String name, LinearCombination x) {
        cs.enforce(name, x, x.sub(cs.one()), LinearCombination.ZERO);
    }

    /** A new boolean variable with the given value. */
    public static LinearCombination allocateBoolean(ConstraintSystem cs, String name, java.util.function.BooleanSupplier v) {
        LinearCombination b = cs.witness(name, () -> v.getAsBoolean() ? Fr.ONE : Fr.ZERO);
        assertBoolean(cs, name + ".boolean", b);
        return b;
    }

    /**
     * n ≤ 253 boolean variables bᵢ (least significant first) with Σ bᵢ·2ⁱ = x: x is constrained to
     * [0, 2ⁿ). Constraints: n booleans and one sum, named {@code bit[i].boolean} and {@code sum}.
     */
    public static LinearCombination[] decompose(ConstraintSystem cs, LinearCombination x, int n) {
        if (n < 1 || n > 253) {
            throw new IllegalArgumentException("decomposition width must be 1..253 (use canonical for 254)");
        }
        LinearCombination[] bits = allocateBits(cs, () -> cs.value(x).toBigInteger(), n);
        cs.enforce("sum", weightedSum(bits), cs.one(), x);
        return bits;
    }

    /** n boolean variables holding the bits of a non-negative integer computed on demand. */
    private static LinearCombination[] allocateBits(ConstraintSystem cs, java.util.function.Supplier<BigInteger> v, int n) {
        LinearCombination[] bits = new LinearCombination[n];
        BigInteger[] value = new BigInteger[1];
        for (int i = 0; i < n; i++) {
            final int k = i;
            bits[i] = cs.witness("bit[" + i + "]", () -> {
                if (value[0] == null) {
                    value[0] = v.get();
                }
                return value[0].testBit(k) ? Fr.ONE : Fr.ZERO;
            });
            assertBoolean(cs, "bit[" + i + "].boolean", bits[i]);
        }
        return bits;
    }

    /** Σ bᵢ·2ⁱ. */
    public static LinearCombination weightedSum(LinearCombination[] bits) {
        LinearCombination sum = LinearCombination.ZERO;
        Fr w = Fr.ONE;
        for (LinearCombination b : bits) {
            sum = sum.addScaled(w, b);
            w = w.dbl();
        }
        return sum;
    }

    /** Constrains x to [0, 2ⁿ) under the scope {@code name}. */
    public static void rangeCheck(ConstraintSystem cs, String name, LinearCombination x, int n) {
        try (var s = cs.scope(name)) {
            decompose(cs, x, n);
        }
    }

    /**
     * Constrains the signed value of x to |x| < 2^(v−1), exactly: x = ±m with m = Σ bᵢ·2ⁱ over v − 1
     * magnitude bits and a sign bit s, tied by 2s·m = m − x. v + 1 constraints under {@code name}:
     * {@code sign.boolean}, {@code magnitude.bit[i].boolean}, {@code sign}.
     */
    public static void signedRangeCheck(ConstraintSystem cs, String name, LinearCombination x, int v) {
        if (v < 2 || v > 250) {
            throw new IllegalArgumentException("signed width must be 2..250");
        }
        try (var s = cs.scope(name)) {
            LinearCombination sign = allocateBoolean(cs, "sign", () -> signed(cs.value(x)).signum() < 0);
            LinearCombination magnitude;
            try (var m = cs.scope("magnitude")) {
                magnitude = weightedSum(allocateBits(cs, () -> signed(cs.value(x)).abs(), v - 1));
            }
            cs.enforce("sign", sign.scale(2), magnitude, magnitude.sub(x));
        }
    }

    /**
     * The canonical 254-bit decomposition of x: bits with Σ bᵢ·2ⁱ = x as integers below r, so
     * the representation x + r (which also fits 254 bits) is rejected. The comparison with r − 1
     * runs from the top bit keeping "equal so far" e: a one-bit of r − 1 updates e ← e·bᵢ, a run
     * of zero-bits asserts e·Σbᵢ = 0. Constraints are named {@code bit[i].boolean}, {@code sum},
     * {@code lessThanModulus.and[i]} and {@code lessThanModulus.zeros[i..j]}.
     */
    public static LinearCombination[] canonical(ConstraintSystem cs, LinearCombination x) {
        LinearCombination[] bits = allocateBits(cs, () -> cs.value(x).toBigInteger(), 254);
        cs.enforce("sum", weightedSum(bits), cs.one(), x);
        BigInteger c = Bn254.R.subtract(BigInteger.ONE);
        try (var s = cs.scope("lessThanModulus")) {
            LinearCombination e = cs.one();
            boolean eIsOne = true;
            int i = 253;
            while (i >= 0) {
                if (c.testBit(i)) {
                    if (eIsOne) {
                        e = bits[i];
                        eIsOne = false;
                    } else {
                        final LinearCombination prev = e, b = bits[i];
                        LinearCombination next = cs.witness("and[" + i + "]", () -> cs.value(prev).mul(cs.value(b)));
                        cs.enforce("and[" + i + "]", prev, b, next);
                        e = next;
                    }
                    i--;
                } else {
                    int top = i;
                    LinearCombination run = LinearCombination.ZERO;
                    while (i >= 0 && !c.testBit(i)) {
                        run = run.add(bits[i]);
                        i--;
                    }
                    cs.enforce("zeros[" + top + ".." + (i + 1) + "]", e, run, LinearCombination.ZERO);
                }
            }
        }
        return bits;
    }
}
