package org.loraproof.circuit.r1cs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container reader over files and arrays: sections, chunked reads across chunk boundaries, truncation. */
class SectionedFileTest {
    /** Three sections: 2 (a u32), 5 (n longs), 3 (seven bytes). */
    private static byte[] container(long[] words) {
        BinaryWriter w = new BinaryWriter();
        w.bytes("test".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        w.u32(7);
        w.u32(3);
        w.u32(2);
        w.u64(4);
        w.u32(words.length);
        w.u32(5);
        w.u64(8L * words.length);
        w.u64Array(words, 0, words.length);
        w.u32(3);
        w.u64(7);
        w.bytes(new byte[] {1, 2, 3, 4, 5, 6, 7});
        return w.toByteArray();
    }

    @Test
    void fileAndArrayGiveTheSameSectionsAndWords(@TempDir Path dir) throws Exception {
        // 2.3 chunks of 2^17 words, so that chunks land out of order and the last is short
        long[] words = new SplittableRandom(3).longs(300_001).toArray();
        byte[] bytes = container(words);
        Path file = dir.resolve("c.test");
        Files.write(file, bytes);
        try (SectionedFile f = SectionedFile.open(file, "test"); SectionedFile a = SectionedFile.of(bytes, "c.test", "test")) {
            for (SectionedFile s : new SectionedFile[] {f, a}) {
                assertEquals(7, s.version());
                assertEquals(words.length, s.reader(2).u32("count"));
                assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7}, s.readBytes(s.section(3, 7)[0], 7, "tail"));
                assertFalse(s.has(4));
                long[] out = new long[words.length + 2];
                AtomicLong covered = new AtomicLong();
                s.longs(s.section(5)[0], out, 1, words.length, "words", (from, to) -> {
                    assertTrue(from >= 1 && to <= words.length + 1 && from < to);
                    covered.addAndGet(to - from);
                });
                assertEquals(words.length, covered.get());
                assertArrayEquals(words, Arrays.copyOfRange(out, 1, words.length + 1));
                assertEquals(0, out[0]);
                assertEquals(0, out[words.length + 1]);
                InvalidFileException e = assertThrows(InvalidFileException.class, () -> s.section(4));
                assertEquals("c.test: section 4 missing", e.getMessage().replace(file.toString(), "c.test"));
                assertThrows(InvalidFileException.class, () -> s.section(3, 8));
            }
        }
    }

    /** A chunk's check failing on a worker reaches the caller as itself. */
    @Test
    void aFailingChunkCheckPropagates(@TempDir Path dir) throws Exception {
        long[] words = new long[400_000];
        Path file = dir.resolve("c.test");
        Files.write(file, container(words));
        try (SectionedFile f = SectionedFile.open(file, "test")) {
            InvalidFileException e = assertThrows(InvalidFileException.class,
                    () -> f.longs(f.section(5)[0], new long[words.length], 0, words.length, "words", (from, to) -> {
                        if (from > 0) {
                            throw new InvalidFileException("c.test: bad chunk");
                        }
                    }));
            assertEquals("c.test: bad chunk", e.getMessage());
        }
    }

    @Test
    void truncationAndBadMagicAreNamed(@TempDir Path dir) throws Exception {
        byte[] bytes = container(new long[1000]);
        for (int cut : new int[] {0, 5, 11, 20, 40, bytes.length - 1}) {
            Path file = dir.resolve("cut" + cut + ".test");
            Files.write(file, Arrays.copyOf(bytes, cut));
            InvalidFileException e = assertThrows(InvalidFileException.class, () -> {
                try (SectionedFile f = SectionedFile.open(file, "test")) {
                    f.longs(f.section(5)[0], new long[1000], 0, 1000, "words", (from, to) -> { });
                }
            });
            assertTrue(e.getMessage().startsWith(file + ": truncated"), e.getMessage());
        }
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> SectionedFile.of(bytes, "x.zkey", "zkey"));
        assertEquals("x.zkey: not a .zkey file (bad magic)", e.getMessage());
    }
}
