package org.loraproof.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes and the local-file view of a store. */
class ArtifactStoreTest {
    @Test
    void aLocalStoreNamesItsFilesAndOthersDoNot(@TempDir Path dir) throws Exception {
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
}
