package org.loraproof.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The artifact store against running servers (HDFS and S3 on loopback): writes, reads and
 * listings; a write that fails midway (a full disk too) leaves nothing, not even the folders it made;
 * a writer killed midway leaves nothing under the final name, and a rerun writes it and removes the
 * killed writer's temporary; positioned reads; private files on HDFS are the owner's only.
 */
class RemoteStoresTest {
    static String root(String kind) throws Exception {
        return kind.equals("hdfs") ? TestServers.hdfs() + "/stores" : TestServers.s3() + "/stores";
    }

    @ParameterizedTest
    @ValueSource(strings = {"hdfs", "s3"})
    void writesReadsAndListsThroughTheServer(String kind) throws Exception {
        TestServers.confDir();
        ArtifactStore store = new ArtifactStore(root(kind) + "/basic");
        byte[] big = new byte[3 << 20];
        new Random(1).nextBytes(big);
        store.write("proofs/a.proof.json.gz", big);
        store.write("proofs/b.proof.json.gz", new byte[] {1});
        store.write("proofs/b.proof.json.gz", new byte[] {2, 3}); // replaced
        assertArrayEquals(big, store.read("proofs/a.proof.json.gz"));
        assertArrayEquals(new byte[] {2, 3}, store.read("proofs/b.proof.json.gz"));
        assertEquals(2, store.list("proofs", ".proof.json.gz").size());
        try (HadoopSource in = HadoopSource.open(store.resolve("proofs/a.proof.json.gz").toString(), store.conf())) {
            byte[] part = new byte[1000];
            in.readFully(2_000_000, part, 0, part.length);
            assertArrayEquals(java.util.Arrays.copyOfRange(big, 2_000_000, 2_001_000), part);
        }
        assertThrows(java.nio.file.NoSuchFileException.class, () -> store.read("proofs/missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hdfs", "s3"})
    void aWriteThatFailsMidwayLeavesNothing(String kind) throws Exception {
        TestServers.confDir();
        ArtifactStore store = new ArtifactStore(root(kind) + "/failing");
        IOException e = assertThrows(IOException.class, () -> store.write("proofs/p.bin", out -> {
            out.write(new byte[2 << 20]);
            throw new IOException("the stream broke");
        }));
        assertEquals("the stream broke", e.getMessage());
        assertFalse(store.exists("proofs/p.bin"));
        assertFalse(store.exists("proofs"), "the folder the write made");
        Error full = ArtifactStoreTest.fsError(new IOException("No space left on device"));
        java.nio.file.FileSystemException named = assertThrows(java.nio.file.FileSystemException.class,
                () -> store.write("proofs/p.bin", out -> {
                    out.write(new byte[1 << 20]);
                    throw full;
                }));
        assertEquals(store.resolve("proofs/p.bin").toString(), named.getFile());
        assertFalse(store.exists("proofs"), "the folder the write made");
        store.write("proofs/p.bin", new byte[] {7});
        assertArrayEquals(new byte[] {7}, store.read("proofs/p.bin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hdfs", "s3"})
    void aWriterKilledMidwayLeavesNothingUnderTheFinalName(String kind) throws Exception {
        Path confDir = new Path(TestServers.confDir().toUri());
        String target = root(kind) + "/killed/proofs/p.bin";
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dloraproof.hadoop.conf.dir=" + confDir.toUri().getPath(),
                SlowWriter.class.getName(), target).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> seen = new ArrayList<>();
            awaitHalfway(r, seen);
            p.destroyForcibly().waitFor();
        }
        ArtifactStore store = new ArtifactStore(root(kind) + "/killed");
        assertFalse(store.exists("proofs/p.bin"), "a killed write left " + target);
        store.write("proofs/p.bin", new byte[] {9});
        assertArrayEquals(new byte[] {9}, store.read("proofs/p.bin"));
        assertEquals(List.of("p.bin"), names(store, "proofs"), "the killed writer's temporary stays");
    }

    @org.junit.jupiter.api.Test
    void privateFilesOnHdfsAreTheOwnersOnly() throws Exception {
        ArtifactStore store = new ArtifactStore(root("hdfs") + "/private");
        store.writePrivate("models/m/opening.bin", new byte[] {1, 2});
        Path p = store.resolve("models/m/opening.bin");
        FileStatus st = p.getFileSystem(store.conf()).getFileStatus(p);
        assertEquals((short) 0600, st.getPermission().toShort());
        store.write("models/m/commitment.json", new byte[] {3});
        Path pub = store.resolve("models/m/commitment.json");
        assertTrue((pub.getFileSystem(store.conf()).getFileStatus(pub).getPermission().toShort() & 0044) != 0);
    }

    /** Every name under a prefix, hidden temporary ones included. */
    static List<String> names(ArtifactStore store, String prefix) throws IOException {
        Path p = store.resolve(prefix);
        FileSystem fs = p.getFileSystem(store.conf());
        List<String> out = new ArrayList<>();
        if (!fs.exists(p)) {
            return out;
        }
        var it = fs.listFiles(p, true);
        while (it.hasNext()) {
            out.add(it.next().getPath().getName());
        }
        return out;
    }

    static Configuration conf() {
        return HadoopConf.create();
    }

    /** Reads the writer's output until it says it is halfway (it ends, or prints that, within moments of starting). */
    static void awaitHalfway(BufferedReader r, List<String> seen) throws java.io.IOException {
        for (String line; (line = r.readLine()) != null; ) {
            seen.add(line);
            if (line.equals("halfway")) {
                return;
            }
        }
        throw new AssertionError("the writer ended before writing: " + seen);
    }
}
