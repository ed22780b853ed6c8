package org.loraproof.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.ChecksumException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loraproof.driver.jobs.ErrorLines;
import org.loraproof.storage.ArtifactStore;
import picocli.CommandLine;

/** Storage faults as the one line a user reads, and a command that fails with an Error exits 1 saying so. */
class CliErrorsTest {
    @TempDir
    Path dir;

    /** Hadoop's local filesystem throws this (an Error) on a full disk or a failed read. */
    static Error fsError(IOException cause) throws Exception {
        var c = org.apache.hadoop.fs.FSError.class.getDeclaredConstructor(Throwable.class);
        c.setAccessible(true);
        return (Error) c.newInstance(cause);
    }

    @Test
    void aFileEditedBesideItsHadoopChecksumNamesTheStaleChecksumFile() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.toUri().toString());
        org.apache.hadoop.fs.Path p = store.resolve("commitment.json");
        try (var out = p.getFileSystem(store.conf()).create(p)) { // with .commitment.json.crc
            out.write("{\"s_q\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("commitment.json"), "{\"s_q\": 2}"); // edited by hand
        ChecksumException e = assertThrows(ChecksumException.class, () -> store.read("commitment.json"));
        String file = p.getFileSystem(store.conf()).makeQualified(p).toString();
        String crc = dir.toRealPath().resolve(".commitment.json.crc").toString();
        assertEquals(file + ": its checksum file .commitment.json.crc is stale (the file changed after loraproof wrote it);"
                + " if the change was intended, remove " + crc, ErrorLines.describe(e));
        assertEquals("file:/tmp/a b/c.json: its checksum file .c.json.crc is stale (the file changed after loraproof"
                + " wrote it); if the change was intended, remove /tmp/a b/.c.json.crc", ErrorLines.describe(new RuntimeException(
                        "Job aborted: org.apache.hadoop.fs.ChecksumException: Checksum error: file:/tmp/a b/c.json at 0 exp: 1 got: 2")));
        assertEquals("hdfs://nn/m/k.zkey: checksum error at byte 512 (the stored data is corrupt)", ErrorLines.describe(
                new ChecksumException("Checksum error: hdfs://nn/m/k.zkey at 512 exp: 1 got: -2", 512)));
    }

    @Test
    void aFullDiskAndFilesystemErrorsAreOneLine() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.toUri().toString());
        Error full = fsError(new IOException("No space left on device"));
        IOException named = assertThrows(IOException.class, () -> store.write("keys/k.zkey", out -> {
            throw full;
        }));
        assertEquals(store.resolve("keys/k.zkey")
                + ": no space left on device; nothing was written (free some space and run the command again)",
                ErrorLines.describe(named));
        assertEquals(0, Files.list(dir).count(), "the write left a file or a folder");
        assertEquals("no space left on device: free some space and run the command again", ErrorLines.describe(full));
        assertEquals("no space left on device: free some space and run the command again", ErrorLines.describe(
                new RuntimeException("Job aborted due to stage failure: org.apache.hadoop.fs.FSError: "
                        + "java.io.IOException: No space left on device")));
        assertEquals("file system error: Input/output error",
                ErrorLines.describe(fsError(new IOException("Input/output error"))));
        assertEquals("out of memory: raise the heap with LORAPROOF_JAVA_OPTS=-Xmx…",
                ErrorLines.describe(new OutOfMemoryError("Java heap space")));
    }

    @CommandLine.Command(name = "fails")
    static final class Failing implements Callable<Integer> {
        static Error error;

        @Override
        public Integer call() {
            throw error;
        }
    }

    @Test
    void aCommandThatFailsWithAnErrorExitsOneWithOneLine() throws Exception {
        for (Error e : new Error[] {fsError(new IOException("No space left on device")), new OutOfMemoryError()}) {
            Failing.error = e;
            StringWriter err = new StringWriter();
            assertEquals(1, Commands.execute(new CommandLine(new Failing()), new String[0], new PrintWriter(err, true)));
            assertEquals(1, err.toString().lines().count(), err.toString());
            assertEquals("loraproof: " + ErrorLines.describe(e), err.toString().strip());
        }
    }
}
