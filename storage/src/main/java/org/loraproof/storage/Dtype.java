package org.loraproof.storage;

/** The safetensors element types loraproof reads as weights. */
public enum Dtype {
    F32(4), F16(2), BF16(2);

    private final int bytes;

    Dtype(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** Decodes one little-endian element at b[off…]. */
    float decode(byte[] b, int off) {
        return switch (this) {
            case F32 -> Float.intBitsToFloat((b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16
                    | (b[off + 3] & 0xFF) << 24);
            case BF16 -> Float.intBitsToFloat(((b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8) << 16);
            case F16 -> halfToFloat((b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8);
        };
    }

    /** IEEE 754 binary16 to binary32, exactly (subnormals, infinities and NaN included). */
    static float halfToFloat(int h) {
        int sign = (h >>> 15) & 1, exp = (h >>> 10) & 0x1F, mant = h & 0x3FF;
        float v;
        if (exp == 0) {
            v = mant * 0x1p-24f;
        } else if (exp == 31) {
            v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            v = Float.intBitsToFloat(((exp + 112) << 23) | (mant << 13));
        }
        return sign == 1 ? -v : v;
    }

    /** binary32 to binary16, round to nearest even (for writing test files). */
    static int floatToHalf(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xFF) - 127 + 15;
        int mant = bits & 0x7FFFFF;
        if (((bits >>> 23) & 0xFF) == 0xFF) {
            return sign | 0x7C00 | (mant != 0 ? 0x200 : 0);
        }
        if (exp >= 31) {
            return sign | 0x7C00;
        }
        if (exp <= 0) {
            if (exp < -10) {
                return sign;
            }
            mant |= 0x800000;
            int shift = 14 - exp;
            int half = mant >>> shift;
            int rem = mant & ((1 << shift) - 1), mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) == 1)) {
                half++;
            }
            return sign | half;
        }
        int half = (exp << 10) | (mant >>> 13);
        int rem = mant & 0x1FFF;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return sign | half;
    }
}
