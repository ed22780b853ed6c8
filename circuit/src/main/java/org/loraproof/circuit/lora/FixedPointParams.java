package org.loraproof.circuit.lora;

/**
 * The number format of a statement: a real x becomes q = round(x·2^f) (half away from zero) with
 * |q| &lt; 2^(V−1); matrices are committed in leaves of L values of one row.
 *
 * @param fractionalBits f
 * @param valueBits V
 * @param leafSize L
 */
public record FixedPointParams(int fractionalBits, int valueBits, int leafSize) {
    public static final FixedPointParams DEFAULT = new FixedPointParams(16, 24, 16);

    public FixedPointParams {
        if (fractionalBits < 1 || fractionalBits > 30) {
            throw new IllegalArgumentException("fractional bits f must be 1..30, got " + fractionalBits);
        }
        if (valueBits < 2 || valueBits > 48 || valueBits <= fractionalBits - 20) {
            throw new IllegalArgumentException("value bits V must be 2..48, got " + valueBits);
        }
        if (leafSize < 1 || packedElements(leafSize, valueBits) > 16) {
            throw new IllegalArgumentException("leaf size L = " + leafSize + " does not pack into 16 field elements at V = "
                    + valueBits);
        }
    }

    /** Values per field element when packing V-bit offset values. */
    public int valuesPerElement() {
        return 253 / valueBits;
    }

    /** Field elements a leaf of n values packs into. */
    public int packedElements(int n) {
        return packedElements(n, valueBits);
    }

    private static int packedElements(int n, int valueBits) {
        int per = 253 / valueBits;
        return (n + per - 1) / per;
    }

    /** The offset 2^(V−1) that makes every value non-negative before packing. */
    public long offset() {
        return 1L << (valueBits - 1);
    }
}
