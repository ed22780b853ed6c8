package org.loraproof.circuit.r1cs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.loraproof.circuit.Workers;

/**
 * An iden3 binary container (4-byte magic, u32 version, u32 section count, then sections of u32
 * type and u64 size) over a file or a byte array. Small sections are read whole into a
 * {@link BinaryReader}; large ones stream in chunks on the worker pool straight into their
 * destination, so a file is never held whole in memory and may exceed 2 GB.
 */
public final class SectionedFile implements AutoCloseable {
    private final FileChannel channel;
    private final Source source;
    private final byte[] bytes;
    private final long size;
    private final String name;
    private final int version;
    /** Per section type: {offset of the body, size}. */
    private final Map<Integer, long[]> sections = new LinkedHashMap<>();

    private static final ThreadLocal<ByteBuffer> BUFFERS = new ThreadLocal<>();
    private static final ThreadLocal<byte[]> SOURCE_COPY = ThreadLocal.withInitial(() -> new byte[0]);

    private SectionedFile(FileChannel channel, Source source, byte[] bytes, long size, String name, String magic)
            throws IOException {
        this.channel = channel;
        this.source = source;
        this.bytes = bytes;
        this.size = size;
        this.name = name;
        BinaryReader head = new BinaryReader(readBytes(0, Math.min(size, 12), "magic"), name);
        version = head.header(magic);
        int count = head.u32("section count");
        long at = 12;
        for (int s = 0; s < count; s++) {
            BinaryReader h = new BinaryReader(readBytes(at, Math.min(12, size - at), "section header"), name);
            int type = h.u32("section type");
            long length = h.u64("section size");
            if (length < 0 || length > size - at - 12) {
                throw new InvalidFileException(name + ": truncated in section " + type);
            }
            sections.put(type, new long[] {at + 12, length});
            at += 12 + length;
        }
    }

    /** Opens a file and reads its header and section table; checks the magic. */
    public static SectionedFile open(Path path, String magic) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new SectionedFile(ch, null, null, ch.size(), path.toString(), magic);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Positioned reads from a file elsewhere than the local filesystem (a storage URI read through
     * Hadoop, say), which this module does not know.
     */
    public interface Source extends AutoCloseable {
        long size() throws IOException;

        /** length bytes from position pos into buf[off…]; called from several threads at once. */
        void readFully(long pos, byte[] buf, int off, int length) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Opens a container that a {@link Source} reads (and closes with it), as {@link #open(Path, String)} opens a file. */
    public static SectionedFile open(Source source, String name, String magic) throws IOException {
        try {
            return new SectionedFile(null, source, null, source.size(), name, magic);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** The container held in an array. */
    public static SectionedFile of(byte[] bytes, String name, String magic) {
        try {
            return new SectionedFile(null, null, bytes, bytes.length, name, magic);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // arrays do no I/O
        }
    }

    public int version() {
        return version;
    }

    public String name() {
        return name;
    }

    /** Section types in file order. */
    public int[] types() {
        return sections.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    public boolean has(int type) {
        return sections.containsKey(type);
    }

    /** {offset of the body, size} of a section; fails naming the section when it is missing. */
    public long[] section(int type) {
        long[] s = sections.get(type);
        if (s == null) {
            throw new InvalidFileException(name + ": section " + type + " missing");
        }
        return s;
    }

    /** A section that must have exactly expected bytes. */
    public long[] section(int type, long expected) {
        long[] s = section(type);
        if (s[1] != expected) {
            throw new InvalidFileException(name + ": section " + type + " has " + s[1] + " bytes, expected " + expected);
        }
        return s;
    }

    /** A whole (small) section for field-by-field reading. */
    public BinaryReader reader(int type) throws IOException {
        long[] s = section(type);
        if (s[1] > Integer.MAX_VALUE - 16) {
            throw new InvalidFileException(name + ": section " + type + " is too large to read whole");
        }
        return new BinaryReader(readBytes(s[0], s[1], "section " + type), name);
    }

    /** length bytes from position pos (both checked against the file's end). */
    public byte[] readBytes(long pos, long length, String what) throws IOException {
        checkRange(pos, length, what);
        ByteBuffer b = ByteBuffer.allocate((int) length);
        read(pos, b);
        return b.array();
    }

    private void checkRange(long pos, long length, String what) {
        if (pos < 0 || length < 0 || pos > size - length) {
            throw new InvalidFileException(name + ": truncated while reading " + what);
        }
    }

    /** A section read in turn through a buffer of bufferBytes, for sections too large to hold. */
    public BinaryReader sequentialReader(int type, int bufferBytes) {
        long[] s = section(type);
        return new BinaryReader(this, s[0], s[1], bufferBytes);
    }

    /** Fills dst's remaining bytes from position pos (which the caller checked against the end). */
    void read(long pos, ByteBuffer dst) throws IOException {
        if (bytes != null) {
            dst.put(bytes, (int) pos, dst.remaining());
            return;
        }
        if (source != null) {
            if (dst.hasArray()) {
                source.readFully(pos, dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                dst.position(dst.limit());
            } else { // a chunk's direct buffer: through this thread's array, not a new one per chunk
                int n = dst.remaining();
                byte[] b = SOURCE_COPY.get();
                if (b.length < n) {
                    b = new byte[n];
                    SOURCE_COPY.set(b);
                }
                source.readFully(pos, b, 0, n);
                dst.put(b, 0, n);
            }
            return;
        }
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                throw new InvalidFileException(name + ": file ended early (changed while read?)");
            }
            pos += n;
        }
    }

    /** Receives one chunk of a range: little-endian bytes at position 0, and the chunk's offset into the range. */
    @FunctionalInterface
    public interface ChunkSink {
        void accept(ByteBuffer chunk, long offset);
    }

    /**
     * Bytes [pos, pos + length) in chunks of chunk bytes (the last may be shorter), read and
     * handed to sink in parallel on the worker pool; the sink must handle chunks in any order.
     */
    public void chunks(long pos, long length, int chunk, String what, ChunkSink sink) throws IOException {
        checkRange(pos, length, what);
        int count = (int) ((length + chunk - 1) / chunk);
        try {
            Workers.parallelFor(count, c -> {
                long offset = (long) c * chunk;
                int n = (int) Math.min(chunk, length - offset);
                ByteBuffer b = BUFFERS.get();
                if (b == null || b.capacity() < n) {
                    b = ByteBuffer.allocateDirect(Math.max(n, 1 << 20)).order(ByteOrder.LITTLE_ENDIAN);
                    BUFFERS.set(b);
                }
                b.clear().limit(n);
                try {
                    read(pos + offset, b);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                b.flip();
                sink.accept(b, offset);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * n 64-bit little-endian words from pos into out[off…], in parallel chunks; after each chunk
     * lands, check gets its word range [from, to) (for validation and conversion in place).
     */
    public void longs(long pos, long[] out, int off, int n, String what, RangeTask check) throws IOException {
        int chunk = 1 << 17; // words: 1 MiB
        chunks(pos, 8L * n, 8 * chunk, what, (b, offset) -> {
            int from = off + (int) (offset / 8), count = b.remaining() / 8;
            b.asLongBuffer().get(out, from, count);
            check.run(from, from + count);
        });
    }

    /** Work on a range [from, to) of an array. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
        if (source != null) {
            source.close();
        }
    }
}
