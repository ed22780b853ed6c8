package org.loraproof.circuit.r1cs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * An output stream into an array of the exact final size, for writers that stream a file whose
 * length they know (the array is the result, not a copy of it). Writing past the end fails.
 */
public final class ArrayOutput extends OutputStream {
    public final byte[] array;
    private int position;

    public ArrayOutput(int size) {
        array = new byte[size];
    }

    /** What a streaming writer writes. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * The size bytes that content writes, in one array; what names the file in the error when
     * size exceeds an array.
     */
    public static byte[] of(long size, String what, Content content) {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(what + " of " + size + " bytes exceeds one array");
        }
        ArrayOutput out = new ArrayOutput((int) size);
        try {
            content.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // arrays do no I/O
        }
        if (out.position != size) {
            throw new IllegalStateException("wrote " + out.position + " of " + size + " bytes");
        }
        return out.array;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (len > array.length - position) {
            throw new IllegalStateException("more bytes than the " + array.length + " announced");
        }
        System.arraycopy(b, off, array, position, len);
        position += len;
    }

    /** Bytes written so far. */
    public int size() {
        return position;
    }
}
