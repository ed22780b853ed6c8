package org.loraproof.circuit.lora;

/**
 * q(x) = round(x·2^f), half away from zero, checked to |q| &lt; 2^(V−1). Errors name the tensor,
 * the index and the value.
 */
public final class Quantizer {
    private Quantizer() {
    }

    /** Quantizes row-major values of a tensor of the given shape. */
    public static long[] quantize(float[] values, int[] shape, String tensor, FixedPointParams p) {
        return quantize(values, shape, 0, tensor, p);
    }

    /** As {@link #quantize(float[], int[], String, FixedPointParams)} for values from flat index {@code offset} on. */
    public static long[] quantize(float[] values, int[] shape, long offset, String tensor, FixedPointParams p) {
        long[] out = new long[values.length];
        double scale = Math.scalb(1.0, p.fractionalBits());
        long limit = 1L << (p.valueBits() - 1);
        for (int i = 0; i < values.length; i++) {
            out[i] = quantize(values[i], scale, limit, tensor, shape, offset + i, p);
        }
        return out;
    }

    public static long quantize(double x, FixedPointParams p) {
        return quantize(x, Math.scalb(1.0, p.fractionalBits()), 1L << (p.valueBits() - 1), "value", new int[] {1}, 0, p);
    }

    private static long quantize(double x, double scale, long limit, String tensor, int[] shape, long index,
            FixedPointParams p) {
        if (!Double.isFinite(x)) {
            throw new QuantizationException(tensor + index(shape, index) + " = " + x + " is not finite");
        }
        double scaled = x * scale;
        long q = (long) (Math.signum(scaled) * Math.floor(Math.abs(scaled) + 0.5));
        if (Math.abs(scaled) >= 0x1p62 || Math.abs(q) >= limit) {
            throw new QuantizationException(tensor + index(shape, index) + " = " + x + " is outside the range of "
                    + p.valueBits() + "-bit values with " + p.fractionalBits() + " fractional bits (|x| < "
                    + Math.scalb(1.0, p.valueBits() - 1 - p.fractionalBits()) + ")");
        }
        return q;
    }

    /** "[i, j]" for a flat row-major index. */
    static String index(int[] shape, long flat) {
        long[] idx = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            int n = Math.max(1, shape[d]);
            idx[d] = flat % n;
            flat /= n;
        }
        return java.util.Arrays.toString(idx);
    }

    /** A value that cannot be quantized. */
    public static final class QuantizationException extends IllegalArgumentException {
        public QuantizationException(String message) {
            super(message);
        }
    }
}
