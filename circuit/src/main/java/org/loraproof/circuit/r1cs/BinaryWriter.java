package org.loraproof.circuit.r1cs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.loraproof.circuit.bn254.MontgomeryField;

/** Little-endian writes into a growing buffer. */
public final class BinaryWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteBuffer scratch = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);

    public void u32(int v) {
        scratch.clear();
        scratch.putInt(v);
        out.write(scratch.array(), 0, 4);
    }

    public void u64(long v) {
        scratch.clear();
        scratch.putLong(v);
        out.write(scratch.array(), 0, 8);
    }

    public void u64Array(long[] v, int off, int n) {
        ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putLong(v[off + i]);
        }
        out.write(b.array(), 0, 8 * n);
    }

    public void bytes(byte[] b) {
        out.write(b, 0, b.length);
    }

    /** The standard form of Montgomery limbs a[off…] as 32 little-endian bytes. */
    public void fieldElement(long[] a, int off) {
        long[] s = new long[4];
        MontgomeryField.FR.fromMontgomery(s, 0, a, off);
        scratch.clear();
        for (int i = 0; i < 4; i++) {
            scratch.putLong(s[i]);
        }
        out.write(scratch.array(), 0, 32);
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    public static byte[] prime() {
        byte[] be = MontgomeryField.FR.modulus().toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }
}
