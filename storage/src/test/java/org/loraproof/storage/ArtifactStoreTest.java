package org.loraproof.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes and the local-file view of a store. */
class ArtifactStoreTest {
    @TempDir
    Path dir;

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Hadoop's local filesystem throws this (an Error) when the disk is full. */
    static Error fsError(IOException cause) throws Exception {
        var c = org.apache.hadoop.fs.FSError.class.getDeclaredConstructor(Throwable.class);
        c.setAccessible(true);
        return (Error) c.newInstance(cause);
    }

    @Test
    void aLocalStoreNamesItsFilesAndOthersDoNot() throws Exception {
        for (String base : new String[] {dir.toString(), dir.toUri().toString()}) {
            ArtifactStore store = new ArtifactStore(base);
            store.write("a/b.bin", new byte[] {1, 2, 3});
            Path local = store.localFile("a/b.bin");
            assertEquals(dir.resolve("a/b.bin").toRealPath(), local.toRealPath());
            assertArrayEquals(Files.readAllBytes(local), store.read("a/b.bin"));
        }
        // making an HDFS client contacts no server
        assertNull(new ArtifactStore("hdfs://localhost:1/x").localFile("a"));
    }

    @Test
    void aFullDiskLeavesTheOldFileAndNothingElse() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.toUri().toString());
        Files.writeString(dir.resolve("key.zkey"), "old");
        FileSystemException full = assertThrows(FileSystemException.class, () -> store.write("key.zkey", out -> {
            out.write(new byte[100_000]);
            throw new IOException("No space left on device");
        }));
        assertTrue(full.getFile().endsWith("key.zkey") && full.getReason().contains("no space left on device"),
                full.getMessage());
        assertEquals("old", Files.readString(dir.resolve("key.zkey")));
        // Hadoop's local filesystem says so with an Error; the folders this write made go too
        Error fsError = fsError(new IOException("No space left on device"));
        FileSystemException e = assertThrows(FileSystemException.class, () -> store.write("new/deeper/key.zkey", out -> {
            out.write(new byte[100_000]);
            throw fsError;
        }));
        assertSame(fsError, e.getCause());
        assertEquals(List.of("key.zkey"), names(dir));
        // other failures pass unchanged
        IOException broke = assertThrows(IOException.class, () -> store.write("new/key.zkey", out -> {
            throw new IOException("the stream broke");
        }));
        assertEquals("the stream broke", broke.getMessage());
        assertThrows(OutOfMemoryError.class, () -> store.write("new/key.zkey", out -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        assertEquals(List.of("key.zkey"), names(dir));
    }

    @Test
    void concurrentWritersOfOneFileAllSucceedAndTheLastWins() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.toUri().toString());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int writer = t;
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        byte[] content = new byte[20_000];
                        java.util.Arrays.fill(content, (byte) (writer * 40 + i));
                        store.write("proofs/p.proof.json", content);
                    }
                    return null;
                }));
            }
            for (Future<?> w : writes) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }
        byte[] last = store.read("proofs/p.proof.json");
        assertEquals(20_000, last.length);
        assertTrue(java.util.stream.IntStream.range(0, last.length).allMatch(i -> last[i] == last[0]), "a torn file");
        assertEquals(List.of("p.proof.json"), names(dir.resolve("proofs")));
    }

    @Test
    void aNewFileIsWrittenOnceWhateverTheConcurrentWriters() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.toUri().toString());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                byte[] content = ("writer " + i).getBytes(StandardCharsets.UTF_8);
                tries.add(pool.submit(() -> {
                    try {
                        store.writeNew("models/m/commitment.json", content);
                        return true;
                    } catch (java.nio.file.FileAlreadyExistsException e) {
                        return false;
                    }
                }));
            }
            int won = 0;
            for (Future<Boolean> f : tries) {
                won += f.get() ? 1 : 0;
            }
            assertEquals(1, won, "exactly one writer makes the file");
        } finally {
            pool.shutdown();
        }
        assertTrue(new String(store.read("models/m/commitment.json"), StandardCharsets.UTF_8).startsWith("writer "));
        try (Stream<Path> left = Files.list(dir.resolve("models/m"))) {
            assertEquals(List.of("commitment.json"), left.map(f -> f.getFileName().toString()).toList(),
                    "no temporary left");
        }
        // a file where a folder should be: one clear failure, not a loop
        Files.writeString(dir.resolve("plain"), "x");
        assertThrows(IOException.class, () -> store.write("plain/report.json", new byte[] {1}));
    }

    @Test
    void aFileOnceWrittenWithAHadoopChecksumIsReplacedCleanly() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.toUri().toString());
        org.apache.hadoop.fs.Path p = store.resolve("c.json");
        try (var out = p.getFileSystem(store.conf()).create(p)) { // as loraproof once wrote: with .c.json.crc
            out.write(new byte[1000]);
        }
        store.write("c.json", new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, store.read("c.json"));
        assertEquals(List.of("c.json"), names(dir));
    }

    @Test
    void aKilledWritersTemporaryGoesWithTheNextWrite() throws Exception {
        Path target = dir.resolve("keys").resolve("k.zkey");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowWriter.class.getName(), target.toUri().toString())
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            RemoteStoresTest.awaitHalfway(r, new ArrayList<>());
            p.destroyForcibly().waitFor();
        }
        Path keys = target.getParent();
        assertTrue(names(keys).stream().anyMatch(n -> n.startsWith(".k.zkey.") && n.endsWith(".partial")), names(keys).toString());
        // a live writer's temporary stays; an ownerless one (as loraproof once named them) stays until a day old
        Path live = Files.write(keys.resolve(AtomicWrite.temporaryName("k.zkey")), new byte[1]);
        Path recent = Files.write(keys.resolve(".k.zkey.5c4e1a6e-0c1d-4a8e-9d1e-2f8b0f6f2c11.partial"), new byte[1]);
        Path old = Files.write(keys.resolve(".k.zkey.0d7c9a4b-3b2f-4f0e-8f44-1b0a7c2e9d35.partial"), new byte[1]);
        Path oldCrc = Files.write(keys.resolve("..k.zkey.0d7c9a4b-3b2f-4f0e-8f44-1b0a7c2e9d35.partial.crc"), new byte[1]);
        Path other = Files.write(keys.resolve(".other.zkey.0d7c9a4b-3b2f-4f0e-8f44-1b0a7c2e9d35.partial"), new byte[1]);
        for (Path f : List.of(old, oldCrc, other)) {
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        }
        new ArtifactStore(dir.toUri().toString()).write("keys/k.zkey", new byte[] {9});
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(target));
        assertEquals(List.of(live, recent, other, target).stream().map(f -> f.getFileName().toString()).sorted().toList(),
                names(keys));
        assertFalse(Files.exists(old));
    }

    @Test
    void privateFilesAreTheOwnersOnly() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.toUri().toString());
        store.writePrivate("m/opening.bin", new byte[] {1});
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("m/opening.bin"))));
        assertArrayEquals(new byte[] {1}, store.read("m/opening.bin"));
    }
}
