package org.loraproof.circuit.r1cs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian reads over a byte array that fail with the file's name on truncation. */
final class BinaryReader {
    private final ByteBuffer buf;
    private final String file;

    BinaryReader(byte[] bytes, String file) {
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.file = file;
    }

    private void need(long n, String what) {
        if (buf.remaining() < n) {
            throw new InvalidFileException(file + ": truncated while reading " + what);
        }
    }

    int u32(String what) {
        need(4, what);
        return buf.getInt();
    }

    long u64(String what) {
        need(8, what);
        return buf.getLong();
    }

    byte[] bytes(int n, String what) {
        need(n, what);
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    int position() {
        return buf.position();
    }

    void position(int p) {
        buf.position(p);
    }

    int remaining() {
        return buf.remaining();
    }

    String file() {
        return file;
    }

    /** Checks the 4-byte magic and returns the version. */
    int header(String magic) {
        byte[] m = bytes(4, "magic");
        if (!new String(m, java.nio.charset.StandardCharsets.US_ASCII).equals(magic)) {
            throw new InvalidFileException(file + ": not a ." + magic + " file (bad magic)");
        }
        return u32("version");
    }

    /**
     * Reads a field element of n8 little-endian bytes in standard form and writes its Montgomery
     * limbs to dst at off; rejects values ≥ r.
     */
    void fieldElement(int n8, long[] dst, int off, String what) {
        byte[] le = bytes(n8, what);
        long[] v = new long[4];
        for (int i = 0; i < 32; i++) {
            v[i >>> 3] |= (le[i] & 0xFFL) << (8 * (i & 7));
        }
        if (!org.loraproof.circuit.bn254.MontgomeryField.FR.isCanonical(v, 0)) {
            throw new InvalidFileException(file + ": " + what + " is not below the field modulus");
        }
        org.loraproof.circuit.bn254.MontgomeryField.FR.toMontgomery(dst, off, v, 0);
    }
}
