package org.loraproof.circuit.bn254;

import java.math.BigInteger;

/** Test helpers for fixed-width big-endian integers. */
final class BigIntegers {
    private BigIntegers() {
    }

    static byte[] toBytes32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(32, raw.length);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }
}
