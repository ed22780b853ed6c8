package org.loraproof.storage;

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

/** A local location is written whole or not at all, with the permissions of any new file. */
class LocationTest {
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
        Location.of(target).write("{}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{}", Files.readString(target));
        Path plain = Files.createFile(dir.resolve("sub").resolve("plain")); // what the umask gives
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(target)), "public outputs are not made private");
        Location.of(target).write("[1]".getBytes(StandardCharsets.UTF_8));
        assertEquals("[1]", Files.readString(target));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws Exception {
        Path target = dir.resolve("key.zkey");
        Files.writeString(target, "old");
        IOException failure = assertThrows(IOException.class, () -> Location.of(target).write(out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertEquals("old", Files.readString(target));
        assertArrayEquals(new String[] {"key.zkey"}, names());
    }
}
