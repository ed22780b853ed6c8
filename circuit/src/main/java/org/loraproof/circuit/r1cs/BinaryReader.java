package org.loraproof.circuit.r1cs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian reads over a byte array (iden3 binary containers) that fail with the file's name on truncation. */
public final class BinaryReader {
    private final ByteBuffer buf;
    private final String file;

    public BinaryReader(byte[] bytes, String file) {
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.file = file;
    }

    private void need(long n, String what) {
        if (buf.remaining() < n) {
            throw new InvalidFileException(file + ": truncated while reading " + what);
        }
    }

    public int u32(String what) {
        need(4, what);
        return buf.getInt();
    }

    public long u64(String what) {
        need(8, what);
        return buf.getLong();
    }

    public byte[] bytes(int n, String what) {
        need(n, what);
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    /** The underlying buffer, little-endian, for bulk reads. */
    public ByteBuffer buffer() {
        return buf;
    }

    public int position() {
        return buf.position();
    }

    public void position(int p) {
        buf.position(p);
    }

    public int remaining() {
        return buf.remaining();
    }

    public String file() {
        return file;
    }

    /** Checks the 4-byte magic and returns the version. */
    public int header(String magic) {
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
    public void fieldElement(int n8, long[] dst, int off, String what) {
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
