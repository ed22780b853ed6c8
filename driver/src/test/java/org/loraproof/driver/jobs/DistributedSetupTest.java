package org.loraproof.driver.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loraproof.circuit.groth16.Groth16Setup;
import org.loraproof.circuit.groth16.TestRandomness;
import org.loraproof.circuit.groth16.ZkeyFile;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.LoraMergeCircuit;
import org.loraproof.circuit.lora.LoraMergeShape;
import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.circuit.r1cs.R1csBuilder;
import org.loraproof.circuit.r1cs.R1csFile;
import org.loraproof.circuit.r1cs.SectionedFile;
import org.loraproof.driver.spark.FlakyAbstractFileSystem;
import org.loraproof.driver.spark.FlakyFileSystem;
import org.loraproof.driver.spark.SparkRuntime;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.KeyChunks;

/**
 * The setup in pieces: wherever the pieces run (in this JVM, on local[2] with a task that fails
 * once, on local-cluster executors) and however small, the key, its index and circuit.r1cs are the
 * serial setup's for the same toxic waste, byte for byte; a job whose piece always fails leaves no
 * key and no parts.
 */
class DistributedSetupTest {
    static final LoraMergeShape SHAPE = new LoraMergeShape(8, 8, 2, 2, FixedPointParams.DEFAULT);
    static final Consumer<ConstraintSystem> CIRCUIT = cs -> LoraMergeCircuit.synthesize(cs, SHAPE, null);
    static final int[] BOUNDS = LoraMergeJob.chunkBounds(SHAPE, 1);
    @TempDir
    static Path dir;
    static byte[] serialKey, serialR1cs;

    static SecureRandom seeded() {
        return TestRandomness.seeded(11);
    }

    @BeforeAll
    static void serial() throws Exception {
        R1csBuilder b = new R1csBuilder(false);
        CIRCUIT.accept(b);
        serialKey = ZkeyFile.toBytes(Groth16Setup.generate(b.r1cs(), seeded()));
        serialR1cs = R1csFile.of(b.r1cs()).toBytes();
    }

    /** The circuit folder's key, index and R1CS are the serial setup's; no parts are left. */
    private static void assertSerial(Path circuit, String what) throws Exception {
        Path pk = circuit.resolve("pk");
        byte[] key = Files.readAllBytes(pk.resolve("circuit.zkey"));
        assertEquals(serialKey.length, key.length, what);
        assertArrayEquals(serialKey, key, what);
        assertArrayEquals(serialR1cs, Files.readAllBytes(pk.resolveSibling("circuit.r1cs")), what);
        try (SectionedFile f = SectionedFile.of(key, "circuit.zkey", "zkey")) {
            assertEquals(new String(KeyChunks.of(f, BOUNDS).toJson()),
                    new String(Files.readAllBytes(pk.resolve("circuit.zkey.index.json"))), what + ": the chunk index");
        }
        try (Stream<Path> left = Files.list(pk)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList(), what);
        }
    }

    @Test
    void theKeyInPiecesIsTheSerialKeyWhereverThePiecesRun() throws Exception {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        // in this JVM, through the command's path: one piece a chunk
        ArtifactStore local = new ArtifactStore(dir.resolve("local").toUri().toString());
        String id = new CircuitArtifacts(local, quiet, null).setup(new Statement.LoraMerge(SHAPE), BOUNDS, seeded());
        assertSerial(dir.resolve("local/circuits/" + id), "in this JVM");
        // pieces of 1000 points, several a chunk; local[2] with the first attempt of a piece failing
        ArtifactStore flaky = new ArtifactStore("flaky://" + dir.resolve("flaky").toAbsolutePath());
        flaky.conf().set("fs.flaky.impl", FlakyFileSystem.class.getName());
        flaky.conf().set("fs.AbstractFileSystem.flaky.impl", FlakyAbstractFileSystem.class.getName());
        int failedBefore = FlakyFileSystem.FAILED.get();
        FlakyFileSystem.failPartition = 3;
        try (JavaSparkContext sc = SparkRuntime.start("local[2,2]", List.of("spark.kryo.registrationRequired=true",
                "spark.hadoop.fs.flaky.impl=" + FlakyFileSystem.class.getName(),
                "spark.hadoop.fs.AbstractFileSystem.flaky.impl=" + FlakyAbstractFileSystem.class.getName()), "setup test")) {
            KeySetup.Result r = KeySetup.run(flaky, "c/", CIRCUIT, BOUNDS, seeded(), sc, m -> { }, 1000);
            assertTrue(r.pieces() > BOUNDS.length, r.pieces() + " pieces");
            assertEquals(failedBefore + 1, FlakyFileSystem.FAILED.get(), "one task failed once and was retried");
            assertSerial(dir.resolve("flaky/c"), "local[2], a piece retried");
            // a job whose piece fails at every attempt: no key, no parts
            FlakyFileSystem.everyAttempt = true;
            Exception e = assertThrows(Exception.class,
                    () -> KeySetup.run(flaky, "d/", CIRCUIT, BOUNDS, seeded(), sc, m -> { }, 1000));
            assertTrue(String.valueOf(e.getMessage()).contains("flaky: attempt"), e.toString());
            try (Stream<Path> left = Files.list(dir.resolve("flaky/d/pk"))) {
                assertEquals(List.of(), left.toList(), "a failed setup leaves nothing in pk/");
            }
        } finally {
            FlakyFileSystem.failPartition = -1;
            FlakyFileSystem.everyAttempt = false;
        }
        // on two executor JVMs
        ArtifactStore cluster = new ArtifactStore(dir.resolve("cluster").toUri().toString());
        try (JavaSparkContext sc = SparkRuntime.start("local-cluster[2,1,1024]", List.of(
                "spark.kryo.registrationRequired=true", "spark.executor.memory=1g"), "setup test")) {
            KeySetup.run(cluster, "c/", CIRCUIT, BOUNDS, seeded(), sc, m -> { }, 3000);
        }
        assertSerial(dir.resolve("cluster/c"), "local-cluster");
    }
}
