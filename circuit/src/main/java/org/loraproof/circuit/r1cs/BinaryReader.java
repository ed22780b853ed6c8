package org.loraproof.circuit.r1cs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Little-endian reads (iden3 binary containers) that fail with the file's name on truncation: over
 * a byte array, or over a range of a {@link SectionedFile} read sequentially through a buffer, for
 * sections too large to hold (an R1CS's constraints).
 */
public final class BinaryReader {
    private final ByteBuffer buf;
    private final String file;
    /** The backing file of a sequential reader (else null), the next position to read and the range's end. */
    private final SectionedFile source;
    private long next, end;

    public BinaryReader(byte[] bytes, String file) {
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.file = file;
        this.source = null;
    }

    /** Bytes [pos, pos + length) of source, read in turn through a buffer of bufferBytes (at least 64). */
    BinaryReader(SectionedFile source, long pos, long length, int bufferBytes) {
        this.buf = ByteBuffer.allocate(Math.max(64, bufferBytes)).order(ByteOrder.LITTLE_ENDIAN).limit(0);
        this.file = source.name();
        this.source = source;
        this.next = pos;
        this.end = pos + length;
    }

    private void need(long n, String what) {
        if (source != null && n > buf.capacity()) {
            throw new IllegalArgumentException("a read of " + n + " bytes through a buffer of " + buf.capacity());
        }
        if (buf.remaining() < n && source != null && next < end) {
            buf.compact();
            int take = (int) Math.min(buf.remaining(), end - next);
            buf.limit(buf.position() + take);
            try {
                source.read(next, buf);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            next += take;
            buf.flip();
        }
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

    /** The underlying buffer, little-endian, for bulk reads (array readers only). */
    public ByteBuffer buffer() {
        arrayOnly();
        return buf;
    }

    public int position() {
        arrayOnly();
        return buf.position();
    }

    public void position(int p) {
        arrayOnly();
        buf.position(p);
    }

    /** Bytes left to read. */
    public long remaining() {
        return buf.remaining() + (end - next);
    }

    private void arrayOnly() {
        if (source != null) {
            throw new UnsupportedOperationException("a sequential reader has no position");
        }
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
