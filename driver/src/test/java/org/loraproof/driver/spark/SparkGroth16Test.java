package org.loraproof.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loraproof.circuit.Vectors;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.groth16.Groth16Prover;
import org.loraproof.circuit.groth16.Groth16Verifier;
import org.loraproof.circuit.groth16.KeySlice;
import org.loraproof.circuit.groth16.PartialSums;
import org.loraproof.circuit.groth16.Proof;
import org.loraproof.circuit.groth16.ProvingKey;
import org.loraproof.circuit.groth16.ZkeyFile;
import org.loraproof.circuit.r1cs.SectionedFile;
import org.loraproof.circuit.r1cs.WtnsFile;
import org.loraproof.storage.KeyChunks;

/**
 * The distributed prover against the serial one on an embedded local master (two task threads,
 * Kryo with every class registered): the same proof for the same blinding over several partition
 * counts, with a chunk index and with an older one, a failed task retried, a corrupt section of a
 * chunk named.
 */
class SparkGroth16Test {
    static final Fr R = Fr.of(1234567), S = Fr.of(7654321);
    static JavaSparkContext sc;

    static Path vector(String f) {
        return Vectors.file("snarkjs").resolve(f);
    }

    @BeforeAll
    static void start() throws Exception {
        // two threads, a task may fail twice
        sc = SparkRuntime.start("local[2,2]", List.of("spark.kryo.registrationRequired=true",
                "spark.hadoop.fs.flaky.impl=" + FlakyFileSystem.class.getName()), "SparkGroth16Test");
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    static Proof serial(String circuit) throws Exception {
        ProvingKey pk = ZkeyFile.read(vector(circuit + ".zkey"));
        return Groth16Prover.prove(pk, WtnsFile.read(vector(circuit + ".wtns")), R, S, null);
    }

    /** A copy of a vector key with a chunk index of count chunks beside it. */
    static Path indexedKey(Path dir, String circuit, int count) throws Exception {
        Path key = dir.resolve(circuit + ".zkey");
        Files.copy(vector(circuit + ".zkey"), key);
        try (SectionedFile f = SectionedFile.open(key, "zkey")) {
            Files.write(Path.of(KeyChunks.indexOf(key.toString())), KeyChunks.of(f, count).toJson());
        }
        return key;
    }

    @Test
    void sameProofAsSerialForEveryPartitionCount() throws Exception {
        for (String circuit : new String[] {"mixed", "poseidon2"}) {
            Proof expected = serial(circuit);
            for (int parts : new int[] {1, 3, 7}) {
                SparkGroth16.Result r = SparkGroth16.prove(sc, vector(circuit + ".zkey").toUri().toString(),
                        vector(circuit + ".wtns").toUri().toString(), parts, R, S, phase -> { });
                assertEquals(expected, r.proof(), circuit + " on " + parts + " partitions");
                assertEquals(parts, r.stats().partitions());
                assertTrue(Groth16Verifier.verify(r.header().verificationKey(), r.publicSignals(), r.proof()).valid());
            }
        }
    }

    /** The index beside a key rewritten without its section checksums, as older indexes were. */
    static void dropSectionChecksums(Path key) throws Exception {
        Path file = Path.of(KeyChunks.indexOf(key.toString()));
        KeyChunks index = KeyChunks.parse(Files.readAllBytes(file), "index");
        List<KeyChunks.Chunk> chunks = index.chunks().stream().map(c -> new KeyChunks.Chunk(c.index(), c.from(), c.to(),
                c.hFrom(), c.hTo(), c.bytes(), c.sha256(), List.of())).toList();
        Files.write(file, new KeyChunks(index.numVariables(), index.numPublic(), index.domainSize(), index.keySize(),
                chunks).toJson());
    }

    @Test
    void tasksOfAnIndexedKeyAreCheckedAndAFailedTaskIsRetried(@TempDir Path dir) throws Exception {
        Path key = indexedKey(dir, "poseidon2", 4);
        FlakyFileSystem.failPartition = 2; // its first attempt cannot read the key
        int failedBefore = FlakyFileSystem.FAILED.get();
        SparkGroth16.Result r;
        try {
            r = SparkGroth16.prove(sc, "flaky://" + key.toAbsolutePath(), vector("poseidon2.wtns").toUri().toString(), 3, R,
                    S, phase -> { });
        } finally {
            FlakyFileSystem.failPartition = -1;
        }
        // partition 2 of both stages that read the key (coefficients, then points) failed once and was retried
        assertEquals(failedBefore + 2, FlakyFileSystem.FAILED.get(), "two attempts failed and were retried");
        assertEquals(3, r.stats().partitions());
        assertEquals(serial("poseidon2"), r.proof());
        // an index without checksums by section: one task per chunk, whatever was asked
        dropSectionChecksums(key);
        r = SparkGroth16.prove(sc, key.toUri().toString(), vector("poseidon2.wtns").toUri().toString(), 3, R, S,
                phase -> { });
        assertEquals(4, r.stats().partitions());
        assertEquals(serial("poseidon2"), r.proof());
    }

    @ParameterizedTest
    @CsvSource({"0, true", "2, true", "3, true", "4, true", "4, false", "1, false"})
    void aCorruptChunkFailsTheJobNamingItsChecksum(int section, boolean bySection, @TempDir Path dir) throws Exception {
        Path key = indexedKey(dir, "poseidon2", 4);
        if (!bySection) {
            dropSectionChecksums(key);
        }
        KeyChunks index = KeyChunks.parse(Files.readAllBytes(Path.of(KeyChunks.indexOf(key.toString()))), "index");
        KeyChunks.Chunk third = index.chunks().get(2);
        byte[] bytes = Files.readAllBytes(key);
        long[][] ranges;
        try (SectionedFile f = SectionedFile.open(key, "zkey")) {
            ranges = ZkeyFile.sliceRanges(f, third.from(), third.to(), third.hFrom(), third.hTo());
        }
        bytes[(int) ranges[section][0] + 5] ^= 1; // a byte of chunk 2's points of that section
        Files.write(key, bytes);
        RuntimeException e = assertThrows(RuntimeException.class, () -> SparkGroth16.prove(sc, key.toUri().toString(),
                vector("poseidon2.wtns").toUri().toString(), 3, R, S, phase -> { }));
        String expected = bySection ? "chunk 2's " + KeySlice.NAMES[section] + " " : "chunk 2 (variables ";
        String sha = bySection ? third.sections().get(section) : third.sha256();
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains("expected " + sha), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aResultThatArrivesTwiceIsAddedOnce() throws Exception {
        PartialSumsFold fold = new PartialSumsFold(2);
        PartialSums zero = PartialSums.zero();
        assertTrue(fold.add(0, zero));
        assertFalse(fold.add(0, zero));
        assertThrows(IllegalStateException.class, fold::result);
    }
}
