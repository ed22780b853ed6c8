package org.loraproof.circuit.r1cs;

import java.io.OutputStream;

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
