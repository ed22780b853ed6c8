package org.loraproof.driver.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.LoraMergeShape;
import org.loraproof.circuit.lora.TensorCommitment;
import org.loraproof.circuit.lora.TensorLayout;
import org.loraproof.driver.spark.FlakyFileSystem;
import org.loraproof.driver.spark.SparkSettings;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import org.loraproof.storage.Commitment;
import org.loraproof.storage.Opening;
import org.loraproof.storage.PublishedModels;
import org.loraproof.storage.QuantizedLayer;

/**
 * The commitment by blocks: whatever the blocks and wherever they run (in this JVM, on local[2] with
 * a task that fails once, on local-cluster executors), C is the commitment of the whole tensors; the
 * node files are the ones recorded; a proof then reads only its openings, and refuses a node or
 * model file that changed.
 */
class DistributedCommitTest {
    static final FixedPointParams P = new FixedPointParams(16, 24, 4);
    @TempDir
    static Path dir;
    static String data;

    @BeforeAll
    static void layer() throws Exception {
        data = dir.resolve("data").toUri().toString();
        SyntheticLayer.write(data, 14, 9, 2, 4.0, 3); // 14 rows of 3 leaves: 42 leaves
    }

    private static LoraMergeJob.Sources sources(String base) {
        return new LoraMergeJob.Sources(base, data + "/merged.safetensors", data + "/adapter", SyntheticLayer.TENSOR,
                null, P);
    }

    /** Commits model {@code m} as given; checks C against the whole tensors' commitment and the node files. */
    private static Opening.Trees commitAndCheck(ArtifactStore store, String m, LoraMergeJob job, String base) throws Exception {
        Commitment.LoraMerge doc = job.commit(m, sources(base), 1, false);
        PublishedModels models = new PublishedModels(store);
        PublishedModels.Published c = models.current(m);
        assertEquals(doc, c.commitment(), "the commitment reads back as published");
        Opening opening = models.opening(c);
        Map<String, Fr> blinds = opening.blinds();
        QuantizedLayer whole = QuantizedLayer.load(data + "/base.safetensors", data + "/merged.safetensors",
                data + "/adapter", SyntheticLayer.TENSOR, null, P, store.conf());
        TensorCommitment base0 = TensorCommitment.commit(whole.base(), 14, 9, TensorLayout.MATRIX_ROWS, P, blinds.get("base"));
        TensorCommitment eff0 = TensorCommitment.commit(whole.eff(), 14, 9, TensorLayout.MATRIX_ROWS, P, blinds.get("eff"));
        assertEquals(base0.commitment(), doc.publicInputs().get("C_base"), m);
        assertEquals(eff0.commitment(), doc.publicInputs().get("C_eff"), m);
        Opening.Trees trees = opening.trees();
        for (String t : List.of("base", "eff")) {
            List<Opening.NodeFile> nodes = trees.of(t).nodeFiles();
            for (int b = 0; b < nodes.size(); b++) {
                byte[] file = store.read(trees.folder() + "/" + t + "/" + b + ".bin");
                assertEquals(nodes.get(b).sha256(), Artifacts.sha256(file), m + " " + t + " block " + b);
            }
        }
        return trees;
    }

    @Test
    void theCommitmentIsTheWholeTensorsWhateverTheBlocksAndWhereverTheyRun() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.resolve("store").toUri().toString());
        PrintWriter quiet = new PrintWriter(new StringWriter());
        String base = data + "/base.safetensors";
        for (int blocks : new int[] {1, 2, 7}) {
            Opening.Trees trees = commitAndCheck(store, "serial" + blocks, new LoraMergeJob(store, quiet).withBlocks(blocks),
                    base);
            int made = trees.base().nodeFiles().size(); // blocks of a power of two leaves: at least as many
            assertTrue(made >= blocks && made < 2 * blocks, made + " blocks for " + blocks);
        }
        // local[2] with the first attempt of one task failing: retried, the same C and node files
        String flaky = "flaky://" + Path.of(java.net.URI.create(base)).toAbsolutePath();
        store.conf().set("fs.flaky.impl", FlakyFileSystem.class.getName()); // the driver reads the file's header
        FlakyFileSystem.failPartition = 1;
        int failedBefore = FlakyFileSystem.FAILED.get();
        try {
            commitAndCheck(store, "spark", new LoraMergeJob(store, quiet).withBlocks(3).onSpark(new SparkSettings(
                    "local[2,2]", List.of("spark.kryo.registrationRequired=true",
                            "spark.hadoop.fs.flaky.impl=" + FlakyFileSystem.class.getName()))), flaky);
        } finally {
            FlakyFileSystem.failPartition = -1;
        }
        assertEquals(failedBefore + 1, FlakyFileSystem.FAILED.get(), "one task failed once and was retried");
        commitAndCheck(store, "cluster", new LoraMergeJob(store, quiet).withBlocks(2).onSpark(new SparkSettings(
                "local-cluster[2,1,1024]", List.of("spark.kryo.registrationRequired=true", "spark.executor.memory=1g"))),
                base);
    }

    @Test
    void theWitnessAndProofByBatchesAreTheSerialOnesWhateverTheBatchesAndWhereverTheyRun() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.resolve("store3").toUri().toString());
        PrintWriter quiet = new PrintWriter(new StringWriter());
        commitAndCheck(store, "w", new LoraMergeJob(store, quiet).withBlocks(3), data + "/base.safetensors");
        PublishedModels models = new PublishedModels(store);
        Opening opening = models.opening(models.current("w"));
        Map<String, Fr> blinds = opening.blinds();
        LoraMergeShape shape = new LoraMergeShape(14, 9, 2, 7, P);
        Fr nonce = Fr.of(99);
        // the serial witness, from the whole tensors
        QuantizedLayer whole = QuantizedLayer.load(data + "/base.safetensors", data + "/merged.safetensors",
                data + "/adapter", SyntheticLayer.TENSOR, null, P, store.conf());
        Map<String, TensorCommitment> tc = LoraMergeJob.commitments(whole, P, blinds);
        org.loraproof.circuit.r1cs.WitnessGenerator serial = new org.loraproof.circuit.r1cs.WitnessGenerator();
        org.loraproof.circuit.lora.LoraMergeCircuit.synthesize(serial, shape, new org.loraproof.circuit.lora.LoraMergeCircuit
                .Witness(shape, whole.base(), whole.eff(), whole.a(), whole.b(), tc.get("base"), tc.get("eff"), tc.get("A"),
                        tc.get("B"), nonce, whole.sQ(), 1));
        serial.assertSatisfied();
        // by batches, from the stored trees
        org.loraproof.executors.StoredTree[] trees = LoraMergeJob.storedTrees(opening.trees(),
                data + "/base.safetensors", data + "/merged.safetensors", SyntheticLayer.TENSOR, shape, store);
        Fr[] cs = new Fr[4], roots = {trees[0].top().root(), trees[1].top().root(), tc.get("A").root(), tc.get("B").root()};
        Fr[] bl = new Fr[4];
        String[] names = {"base", "eff", "A", "B"};
        for (int k = 0; k < 4; k++) {
            cs[k] = tc.get(names[k]).commitment();
            bl[k] = blinds.get(names[k]);
        }
        var common = new org.loraproof.executors.SampleOpenings(shape, cs, roots, bl, nonce, whole.sQ(), 1);
        for (int batch : new int[] {7, 3, 1}) {
            LoraMergeJob.Batched w = new LoraMergeJob(store, quiet).withBatch(batch).witnessByBatches(shape, common, whole,
                    tc.get("A"), tc.get("B"), trees, null);
            assertEquals((7 + batch - 1) / batch, w.batches());
            assertTrue(java.util.Arrays.equals(serial.assignment(), w.z()), "batches of " + batch);
            assertEquals(serial.publicValues(), w.publicInputs());
        }
        // the proof whose witness stays on the executors is the serial proof, for the same blinding
        String id = new LoraMergeJob(store, quiet).withBatch(3).setup(shape); // chunks: the common part, then 3, 3, 1
        String key = store.resolve(Artifacts.circuitDir(id) + "pk/circuit.zkey").toString();
        Fr r = Fr.of(1234567), s = Fr.of(7654321);
        var expected = org.loraproof.circuit.groth16.Groth16Prover.prove(org.loraproof.circuit.groth16.ZkeyFile.read(
                Path.of(java.net.URI.create(key))), serial.assignment(), r, s, null);
        // a batch task whose first attempt cannot read the model is retried, and changes nothing
        String flaky = "flaky://" + Path.of(java.net.URI.create(data + "/base.safetensors")).toAbsolutePath();
        org.loraproof.executors.StoredTree[] flakyTrees = LoraMergeJob.storedTrees(opening.trees(), flaky,
                data + "/merged.safetensors", SyntheticLayer.TENSOR, shape, store);
        var retrying = org.loraproof.driver.spark.SparkRuntime.start("local[2,2]", List.of(
                "spark.kryo.registrationRequired=true", "spark.hadoop.fs.flaky.impl=" + FlakyFileSystem.class.getName()),
                "retry");
        FlakyFileSystem.failPartition = 1;
        int failedBefore = FlakyFileSystem.FAILED.get();
        try {
            var proved = new LoraMergeJob(store, quiet).withBatch(3).proveByBatches(shape, common, whole, tc.get("A"),
                    tc.get("B"), flakyTrees, key, r, s, retrying);
            assertEquals(expected, proved.proof(), "with a retried batch");
        } finally {
            FlakyFileSystem.failPartition = -1;
            retrying.stop();
        }
        assertEquals(failedBefore + 1, FlakyFileSystem.FAILED.get(), "one batch failed once and was retried");
        // batches of 3 match the key's chunks, so each checks its slice: one corrupt byte in batch 1's points is named
        Path corrupt = dir.resolve("corrupt.zkey");
        Files.copy(Path.of(java.net.URI.create(key)), corrupt);
        Files.copy(Path.of(java.net.URI.create(key + ".index.json")), Path.of(corrupt + ".index.json"));
        var index = org.loraproof.storage.KeyChunks.parse(Files.readAllBytes(Path.of(corrupt + ".index.json")), "index");
        assertEquals(4, index.chunks().size());
        long at;
        try (var f = org.loraproof.circuit.r1cs.SectionedFile.open(corrupt, "zkey")) {
            var c2 = index.chunks().get(2);
            at = org.loraproof.circuit.groth16.ZkeyFile.sliceRanges(f, c2.from(), c2.to(), 0, 0)[0][0] + 5;
        }
        byte[] bytes = Files.readAllBytes(corrupt);
        bytes[(int) at] ^= 1;
        Files.write(corrupt, bytes);
        var checking = org.loraproof.driver.spark.SparkRuntime.start("local[2]", List.of(
                "spark.kryo.registrationRequired=true", "spark.task.maxFailures=1"), "corrupt");
        try {
            RuntimeException e = assertThrows(RuntimeException.class, () -> new LoraMergeJob(store, quiet).withBatch(3)
                    .proveByBatches(shape, common, whole, tc.get("A"), tc.get("B"), trees, corrupt.toUri().toString(), r, s,
                            checking));
            assertTrue(e.getMessage().contains("chunk 2") && e.getMessage().contains("expected "
                    + index.chunks().get(2).sha256()), e.getMessage());
        } finally {
            checking.stop();
        }
        for (String master : new String[] {"local[2]", "local-cluster[2,1,1024]"}) {
            var sc = org.loraproof.driver.spark.SparkRuntime.start(master, List.of("spark.kryo.registrationRequired=true",
                    "spark.executor.memory=1g"), "witness");
            try {
                LoraMergeJob.Batched w = new LoraMergeJob(store, quiet).withBatch(3).witnessByBatches(shape, common, whole,
                        tc.get("A"), tc.get("B"), trees, sc);
                assertTrue(java.util.Arrays.equals(serial.assignment(), w.z()), master);
                for (int batch : master.startsWith("local[") ? new int[] {7, 3, 1} : new int[] {3}) {
                    var proved = new LoraMergeJob(store, quiet).withBatch(batch).proveByBatches(shape, common, whole,
                            tc.get("A"), tc.get("B"), trees, key, r, s, sc);
                    assertEquals(expected, proved.proof(), master + ", batches of " + batch);
                    assertEquals((7 + batch - 1) / batch, proved.batches());
                }
            } finally {
                sc.stop();
            }
        }
    }

    @Test
    void aWrongMergedWeightAtASampledPositionFailsNamingTheSample() throws Exception {
        Path copy = dir.resolve("wrong");
        Files.createDirectories(copy);
        Path merged = copy.resolve("merged.safetensors");
        Files.copy(Path.of(java.net.URI.create(data + "/merged.safetensors")), merged);
        // every merged weight 0.5 off: each sample fails its tolerance check
        var st = org.loraproof.storage.Safetensors.open(merged.toUri().toString());
        float[] w = st.read(SyntheticLayer.TENSOR);
        st.close();
        for (int i = 0; i < w.length; i++) {
            w[i] += 0.5f;
        }
        new org.loraproof.storage.SafetensorsWriter().add(SyntheticLayer.TENSOR, org.loraproof.storage.Dtype.F32,
                new int[] {14, 9}, w).write(merged.toUri().toString());
        ArtifactStore store = new ArtifactStore(dir.resolve("store4").toUri().toString());
        PrintWriter quiet = new PrintWriter(new StringWriter());
        LoraMergeJob job = new LoraMergeJob(store, quiet).withBlocks(2).withBatch(2);
        job.commit("bad", new LoraMergeJob.Sources(data + "/base.safetensors", merged.toUri().toString(),
                data + "/adapter", SyntheticLayer.TENSOR, null, P), 1, false);
        job.setup(new LoraMergeShape(14, 9, 2, 3, P));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> job.prove("bad", Fr.of(8), 3, null));
        assertTrue(e.getMessage().matches("witness does not satisfy constraint sample\\[0]\\.tolerance\\..*"),
                e.getMessage());
        assertFalse(store.exists(Artifacts.proofPath("bad-8")), "no proof written");
    }

    @Test
    void aProofReadsOnlyItsOpeningsAndRefusesChangedFiles() throws Exception {
        Path copy = dir.resolve("proved");
        Files.createDirectories(copy);
        Files.copy(Path.of(java.net.URI.create(data + "/base.safetensors")), copy.resolve("base.safetensors"));
        ArtifactStore store = new ArtifactStore(dir.resolve("store2").toUri().toString());
        PrintWriter quiet = new PrintWriter(new StringWriter());
        LoraMergeJob job = new LoraMergeJob(store, quiet).withBlocks(2);
        Opening.Trees trees = commitAndCheck(store, "m", job, copy.resolve("base.safetensors").toUri().toString());
        int k = 3;
        job.setup(new LoraMergeShape(14, 9, 2, k, P));
        String id = job.prove("m", Fr.of(5), k, null);
        JsonNode meta = Artifacts.JSON.readTree(Artifacts.gunzip(store.read(Artifacts.proofPath(id)), id)).get("metadata");
        // per sample and matrix at most a group of 2^s leaves of values (4 bytes each) and one node per stored level
        long bound = 2L * k * ((4L << trees.plan().storedFrom()) * 4 + 32L * trees.plan().depth());
        long read = meta.get("modelBytesRead").asLong();
        assertTrue(read > 0 && read <= bound, read + " bytes read, bound " + bound);
        assertTrue(new ProofVerifier(store, null, Fr.of(5)).verify(store.resolve(Artifacts.proofPath(id)).toString())
                .valid());
        // the node files of eff changed since the commit
        List<Path> nodeFiles = new java.util.ArrayList<>();
        List<byte[]> originals = new java.util.ArrayList<>();
        for (int blk = 0; blk < trees.eff().nodeFiles().size(); blk++) {
            Path f = Path.of(store.resolve(trees.folder() + "/eff/" + blk + ".bin").toUri());
            byte[] b = Files.readAllBytes(f);
            originals.add(b.clone());
            for (int i = 0; i < b.length; i += 32) {
                b[i] ^= 1;
            }
            Files.write(f, b);
            nodeFiles.add(f);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> job.prove("m", Fr.of(6), k, null));
        assertTrue(e.getMessage().contains("/eff/") && e.getMessage().contains(".bin")
                && e.getMessage().contains("changed since the commit"), e.getMessage());
        for (int i = 0; i < nodeFiles.size(); i++) {
            Files.write(nodeFiles.get(i), originals.get(i));
        }
        // a model file changed since the commit
        Path baseFile = copy.resolve("base.safetensors");
        byte[] w = Files.readAllBytes(baseFile);
        w[w.length - 1] ^= 1;
        Files.write(baseFile, w);
        e = assertThrows(IllegalArgumentException.class, () -> job.prove("m", Fr.of(7), k, null));
        assertTrue(e.getMessage().contains("base.safetensors changed since model 'm' was committed"), e.getMessage());
        assertFalse(store.exists(Artifacts.proofPath("m-7")));
    }
}
