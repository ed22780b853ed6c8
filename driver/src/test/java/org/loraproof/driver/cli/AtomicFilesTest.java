package org.loraproof.driver.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole file or nothing, with the permissions of any new file. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private String[] names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void writesTheWholeFileWithTheUmasksPermissions() throws Exception {
        Path target = dir.resolve("sub").resolve("proof.json");
        AtomicFiles.write(target, "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{}", Files.readString(target));
        Path plain = Files.createFile(dir.resolve("sub").resolve("plain")); // what the umask gives
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(target)), "public outputs are not made private");
        AtomicFiles.write(target, "[1]".getBytes(StandardCharsets.UTF_8));
        assertEquals("[1]", Files.readString(target));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws Exception {
        Path target = dir.resolve("key.zkey");
        Files.writeString(target, "old");
        IOException failure = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertEquals("old", Files.readString(target));
        assertArrayEquals(new String[] {"key.zkey"}, names());
    }
}
