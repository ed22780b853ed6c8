package org.loraproof.driver.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loraproof.circuit.bn254.Bn254;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.groth16.Groth16Setup;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.LoraMergeCircuit;
import org.loraproof.circuit.lora.LoraMergeShape;
import org.loraproof.circuit.lora.SamplePositions;
import org.loraproof.circuit.lora.TensorCommitment;
import org.loraproof.circuit.lora.TensorLayout;
import org.loraproof.circuit.merkle.BlockedTree;
import org.loraproof.circuit.merkle.MerkleTree;
import org.loraproof.circuit.r1cs.WitnessGenerator;
import org.loraproof.executors.CommitBlock;
import org.loraproof.executors.MatrixTree;
import org.loraproof.executors.SampleOpenings;
import org.loraproof.executors.StoredTree;
import org.loraproof.executors.WitnessBatch;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import org.loraproof.storage.Commitment;
import org.loraproof.storage.Opening;
import org.loraproof.storage.PublishedModels;
import org.loraproof.storage.QuantizedLayer;

/**
 * The lora-merge pipeline on one machine: commit a layer, set up the circuit for its shape, prove
 * at positions chosen by a nonce, verify. Each step reads and writes artifacts under a store.
 */
public final class LoraMergeJob {
    public static final String SOFTWARE = "loraproof 0.1.0";
    private final ArtifactStore store;
    private final PrintWriter progress;
    private final PublishedModels models;

    /** Where proofs run on Spark, or null for this JVM. */
    private org.loraproof.driver.spark.SparkSettings spark;
    /** Blocks per weight matrix in a commitment (0: one per Spark core, or {@link #LOCAL_BLOCKS} in this JVM). */
    private int blocks;
    /** Samples per witness task of a proof (0: {@link #DEFAULT_BATCH}). */
    private int batch;

    public LoraMergeJob(ArtifactStore store, PrintWriter progress) {
        this.store = store;
        this.progress = progress;
        this.models = new PublishedModels(store);
    }

    /** Proves in witness tasks of this many samples (0: the default). */
    public LoraMergeJob withBatch(int batch) {
        this.batch = batch;
        return this;
    }

    /** Cuts each weight matrix of a commitment into about this many blocks (0: the default). */
    public LoraMergeJob withBlocks(int blocks) {
        this.blocks = blocks;
        return this;
    }

    /** Runs the commitments and proofs of this job on Spark (null: in this JVM). */
    public LoraMergeJob onSpark(org.loraproof.driver.spark.SparkSettings settings) {
        this.spark = settings;
        return this;
    }

    private CircuitArtifacts circuits() {
        return new CircuitArtifacts(store, progress, spark);
    }

    private void say(String format, Object... args) {
        progress.printf(format + "%n", args);
        progress.flush();
    }

    /** Where the layer's files are and how to quantize them. */
    public record Sources(String base, String merged, String adapter, String tensor, String layer, FixedPointParams params) {
    }

    /** τ, in units of the last place of a weight, when it fits the circuit's range check. */
    public static long tolerance(long tau) {
        if (tau < 0 || tau >= 1L << LoraMergeCircuit.TAU_BITS) {
            throw new IllegalArgumentException("--tolerance must be between 0 and " + ((1L << LoraMergeCircuit.TAU_BITS) - 1)
                    + " ulp, got " + tau);
        }
        return tau;
    }

    // ---------------------------------------------------------------- commit

    /**
     * Commits the four tensors and publishes the commitment (with the tolerance τ proofs of it may
     * use) and its private opening; an existing model only with {@code replace}.
     */
    public Commitment.LoraMerge commit(String model, Sources src, long tau, boolean replace) throws IOException {
        long t0 = System.nanoTime();
        PublishedModels.plainName("model", model);
        tolerance(tau);
        if (!replace) {
            models.requireNew(model); // before reading and hashing the model
        }
        say("committing %s: %s and %s by blocks, the adapter %s whole", model, src.base(), src.merged(), src.adapter());
        FixedPointParams p = src.params();
        QuantizedLayer layer = QuantizedLayer.load(src.base(), src.merged(), src.adapter(), src.tensor(), src.layer(), p,
                store.conf(), false);
        SecureRandom rng = Groth16Setup.drbg();
        Map<String, Fr> blinds = new LinkedHashMap<>();
        blinds.put("base", Fr.ZERO); // a public model: anyone can recompute its commitment
        blinds.put("eff", Fr.randomNonZero(rng));
        blinds.put("A", Fr.randomNonZero(rng));
        blinds.put("B", Fr.randomNonZero(rng));
        String trees = "models/" + model + "/trees/" + java.util.UUID.randomUUID();
        Map<String, Fr[]> c = new LinkedHashMap<>(); // C and root of each tensor
        Opening.Trees stored;
        try {
            stored = commitMatrices(layer, src, trees, blinds, c);
        } catch (IOException | RuntimeException e) {
            store.deleteTree(trees); // nothing of a failed commit stays
            throw e;
        }
        adapterCommitments(layer, p, blinds).forEach((t, tc) -> c.put(t, new Fr[] {tc.commitment(), tc.root()}));
        Map<String, Fr> published = new LinkedHashMap<>();
        Map<String, Commitment.Tensor> tensors = new LinkedHashMap<>();
        for (var e : c.entrySet()) {
            published.put("C_" + e.getKey(), e.getValue()[0]);
            Fr root = e.getKey().equals("base") ? e.getValue()[1] : null; // the base is public: its root too
            tensors.put(e.getKey(), new Commitment.Tensor(e.getValue()[0], root));
        }
        Commitment.LoraMerge doc = new Commitment.LoraMerge(model, p, new Commitment.MergeSources(src.base(), src.merged(),
                src.adapter(), src.tensor(), src.layer()), layer.dOut(), layer.dIn(), layer.rank(), layer.scale(),
                layer.sQ(), tau, published, tensors);
        try {
            models.publish(doc, blinds, stored, replace);
        } catch (IOException | RuntimeException e) {
            store.deleteTree(trees);
            throw e;
        }
        say("committed in %.1f s: %s", (System.nanoTime() - t0) / 1e9, store.resolve(PublishedModels.currentPath(model)));
        return doc;
    }

    /** Blocks per weight matrix when the commitment runs in this JVM (each block hashes on all cores). */
    public static final int LOCAL_BLOCKS = 4;
    /** The lowest tree level the node files keep: an opening rehashes 2^4 leaves, the files hold 1/16 of the nodes. */
    static final int STORED_FROM = 4;

    /**
     * Commits base and merged by blocks of leaves, one task each (on Spark when this job runs there):
     * each task reads its rows, hashes its subtree and writes its node file under {@code trees}; the
     * roots fold into C here. Fills {@code c} (C and root of base and eff); returns the opening's
     * private record of the trees and of the bytes each task read.
     */
    private Opening.Trees commitMatrices(QuantizedLayer layer, Sources src, String trees, Map<String, Fr> blinds,
            Map<String, Fr[]> c) throws IOException {
        FixedPointParams p = src.params();
        long leaves = TensorLayout.MATRIX_ROWS.leafCount(layer.dOut(), layer.dIn(), p);
        org.apache.spark.api.java.JavaSparkContext sc = spark == null ? null
                : org.loraproof.driver.spark.SparkRuntime.start(spark.master(), spark.conf(), "loraproof commit");
        try {
            int tasks = blocks > 0 ? blocks : sc == null ? LOCAL_BLOCKS : sc.defaultParallelism();
            BlockedTree plan = BlockedTree.plan(leaves, tasks, STORED_FROM);
            Map<String, String> hadoop = sc == null ? Map.of()
                    : org.loraproof.driver.spark.SparkRuntime.hadoopSettings(sc.getConf());
            String[] names = {"base", "eff"}, uris = {src.base(), src.merged()};
            List<CommitBlock> work = new java.util.ArrayList<>();
            for (int k = 0; k < 2; k++) {
                for (int b = 0; b < plan.blocks(); b++) {
                    work.add(new CommitBlock(new MatrixTree(uris[k], src.tensor(), layer.dOut(), layer.dIn(), p, plan), b,
                            store.resolve(trees + "/" + names[k] + "/" + b + ".bin").toString(), k == 1, hadoop));
                }
            }
            say("hashing %d × %d weights of base and merged in %d blocks of 2^%d leaves%s", layer.dOut(), layer.dIn(),
                    work.size(), plan.blockDepth(), sc == null ? "" : " on " + sc.master());
            long[][] before = {ArtifactStore.sizeAndTime(uris[0], store.conf()), ArtifactStore.sizeAndTime(uris[1],
                    store.conf())};
            long s0 = System.nanoTime();
            List<CommitBlock.Output> out = org.loraproof.driver.spark.SparkStage.run(sc, work,
                    new org.loraproof.driver.spark.SparkStage.RunBlock(), "block", m -> say("  %s", m));
            long stage = System.nanoTime() - s0;
            Fr tag = TensorCommitment.tag(TensorLayout.MATRIX_ROWS, layer.dOut(), layer.dIn(), p);
            Opening.Tree[] stored = new Opening.Tree[2];
            for (int k = 0; k < 2; k++) {
                long[] roots = new long[4 * plan.blocks()];
                long[] st = ArtifactStore.sizeAndTime(uris[k], store.conf());
                if (!java.util.Arrays.equals(st, before[k])) {
                    throw new IllegalArgumentException(uris[k] + " changed while it was being committed; commit again");
                }
                List<Fr> rootList = new java.util.ArrayList<>();
                List<Opening.NodeFile> nodes = new java.util.ArrayList<>();
                List<Opening.ReadRange> ranges = new java.util.ArrayList<>();
                for (int b = 0; b < plan.blocks(); b++) {
                    CommitBlock.Output o = out.get(k * plan.blocks() + b);
                    System.arraycopy(o.root, 0, roots, 4 * b, 4);
                    rootList.add(Fr.fromLimbs(o.root, 0));
                    nodes.add(new Opening.NodeFile(o.nodeBytes, o.nodeSha256));
                    ranges.add(new Opening.ReadRange(o.readOffset, o.readBytes, o.readSha256));
                }
                stored[k] = new Opening.Tree(rootList, nodes, new Opening.ModelFile(uris[k], st[0], st[1], ranges));
                Fr root = MerkleTree.fold(roots, plan.blocks(), plan.blockDepth()).root();
                c.put(names[k], new Fr[] {TensorCommitment.commitment(root, blinds.get(names[k]), tag), root});
            }
            say("%s", blockFigures(out, stage));
            return new Opening.Trees(trees, plan, stored[0], stored[1]);
        } finally {
            if (sc != null) {
                sc.stop();
            }
        }
    }

    /**
     * The block stage in figures: its time, bytes read and written, the tasks' summed read and hash
     * times, each executor's peak heap, and a fold model: the stage on N executors as the longest
     * queue when the tasks, longest first, go to the least loaded executor (from the measured task
     * times; the driver's fold is a few hashes per block).
     */
    static String blockFigures(List<CommitBlock.Output> out, long stageNanos) {
        long read = 0, written = 0, readNanos = 0, hashNanos = 0;
        Map<String, Long> heaps = new java.util.TreeMap<>();
        double[] tasks = new double[out.size()];
        for (int i = 0; i < tasks.length; i++) {
            CommitBlock.Output o = out.get(i);
            read += o.readBytes;
            written += o.nodeBytes;
            readNanos += o.readNanos;
            hashNanos += o.hashNanos;
            heaps.merge(o.executor, o.peakHeap, Math::max);
            tasks[i] = (o.readNanos + o.hashNanos) / 1e9;
        }
        java.util.Arrays.sort(tasks);
        StringBuilder model = new StringBuilder();
        double t1 = java.util.Arrays.stream(tasks).sum();
        for (int n = 1; n <= 64; n *= 2) {
            double[] load = new double[n];
            for (int i = tasks.length - 1; i >= 0; i--) {
                int least = 0;
                for (int e = 1; e < n; e++) {
                    least = load[e] < load[least] ? e : least;
                }
                load[least] += tasks[i];
            }
            double tn = java.util.Arrays.stream(load).max().orElse(0);
            model.append(String.format(java.util.Locale.ROOT, "%s%d: %.2f s %.0f %%", n == 1 ? "" : ", ", n, tn,
                    100 * t1 / (n * tn)));
        }
        StringBuilder heap = new StringBuilder();
        heaps.forEach((e, h) -> heap.append(heap.length() == 0 ? "" : ", ").append(e).append(' ').append(h >> 20)
                .append(" MiB"));
        return String.format(java.util.Locale.ROOT, "  %d blocks in %.1f s: %.1f MB read, %.1f MB of node files written; "
                + "tasks read %.1f s, hashed %.1f s in all; peak heap %s%n  fold model (tasks on N executors): %s",
                out.size(), stageNanos / 1e9, read / 1e6, written / 1e6, readNanos / 1e9, hashNanos / 1e9, heap, model);
    }

    /** The four commitments of a layer read whole (commitments made before node files were kept). */
    static Map<String, TensorCommitment> commitments(QuantizedLayer l, FixedPointParams p, Map<String, Fr> blinds) {
        Map<String, TensorCommitment> c = new LinkedHashMap<>();
        c.put("base", TensorCommitment.commit(l.base(), l.dOut(), l.dIn(), TensorLayout.MATRIX_ROWS, p, blinds.get("base")));
        c.put("eff", TensorCommitment.commit(l.eff(), l.dOut(), l.dIn(), TensorLayout.MATRIX_ROWS, p, blinds.get("eff")));
        c.putAll(adapterCommitments(l, p, blinds));
        return c;
    }

    /** The adapter's two commitments (its trees are small: built here, never stored). */
    static Map<String, TensorCommitment> adapterCommitments(QuantizedLayer l, FixedPointParams p, Map<String, Fr> blinds) {
        Map<String, TensorCommitment> c = new LinkedHashMap<>();
        c.put("A", TensorCommitment.commit(l.a(), l.rank(), l.dIn(), TensorLayout.ADAPTER_COLUMNS, p, blinds.get("A")));
        c.put("B", TensorCommitment.commit(l.b(), l.dOut(), l.rank(), TensorLayout.ADAPTER_ROWS, p, blinds.get("B")));
        return c;
    }

    /** The model's current commitment. */
    public Commitment readCommitment(String model) throws IOException {
        return models.current(model).commitment();
    }

    // ---------------------------------------------------------------- challenge

    /** A fresh uniformly random nonce below r, recorded under the model. */
    public Fr challenge(String model) throws IOException {
        readCommitment(model);
        Fr nonce = Fr.random(new SecureRandom());
        ObjectNode doc = Artifacts.document("loraproof-challenge");
        doc.put("model", model);
        doc.put("nonce", nonce.toString());
        doc.put("created", Instant.now().toString());
        store.write(challengePath(model, nonce), Artifacts.bytes(doc));
        return nonce;
    }

    static String challengePath(String model, Fr nonce) {
        String n = nonce.toString();
        return "models/" + PublishedModels.plainName("model", model) + "/challenges/" + n.substring(0, Math.min(16,
                n.length())) + ".json";
    }

    // ---------------------------------------------------------------- audit

    /** An audit's nonce, when the store recorded it and when it recorded the model's commitment. */
    public record AuditNonce(Fr nonce, Instant drawn, Instant published) {
    }

    /**
     * The nonce for an audit of a model: a fresh one, recorded as {@link #challenge} records it, or
     * {@code given}, which {@code challenge} must have drawn after the model's commitment was
     * written. Both times are the store's own clock (the files' modification times).
     */
    public AuditNonce auditNonce(String model, String given) throws IOException {
        readCommitment(model);
        Instant published = store.modified(PublishedModels.currentPath(model));
        Fr nonce = given == null ? challenge(model) : parseNonce(given);
        String record = challengePath(model, nonce);
        if (!store.exists(record) || !nonce.toString().equals(Artifacts.JSON.readTree(store.read(record)).path("nonce")
                .asText())) {
            throw new IllegalArgumentException("this nonce was not drawn by loraproof challenge --model " + model
                    + ": an audit needs a nonce the verifier drew after the commitment was published");
        }
        Instant drawn = store.modified(record);
        if (drawn.isBefore(published)) {
            throw new IllegalArgumentException("this nonce was drawn at " + drawn + ", before model " + model
                    + "'s commitment was written at " + published + ": whoever knew it could have chosen weights that "
                    + "pass at exactly the positions it selects; draw a new one (loraproof challenge, or audit without "
                    + "--nonce)");
        }
        return new AuditNonce(nonce, drawn, published);
    }

    /**
     * The k for a proof of this commitment when none is given: that of the one circuit set up for
     * its shape, 32 (whose absence prove then reports) when none is; an error when several are.
     */
    public int defaultSamples(String model, Commitment.LoraMerge commitment) throws IOException {
        List<Integer> ks = setUpSamples(commitment);
        if (ks.size() > 1) {
            throw new IllegalArgumentException("circuits for k = " + ks.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", ")) + " are set up for model " + model
                    + "'s shape: choose one with --samples");
        }
        return ks.isEmpty() ? 32 : ks.get(0);
    }

    // ---------------------------------------------------------------- setup

    /**
     * Sets up the circuit for a shape unless it exists; returns its id. The key's chunk index is cut
     * at the common part and at the batches of samples ({@link #withBatch}), so that each batch task
     * of a distributed proof checks its slice of the key against its chunk.
     */
    public String setup(LoraMergeShape shape) throws IOException {
        return circuits().setup(new Statement.LoraMerge(shape), chunkBounds(shape, batch > 0 ? batch : DEFAULT_BATCH));
    }

    /** The variables where a key's chunks begin: 0, the samples after the common part, a batch apart; then the end. */
    static int[] chunkBounds(LoraMergeShape shape, int batch) {
        LoraMergeCircuit.Layout layout = LoraMergeCircuit.layout(shape);
        int batches = (shape.samples() + batch - 1) / batch;
        int[] bounds = new int[batches + 2];
        for (int b = 0; b <= batches; b++) {
            bounds[b + 1] = layout.variable(Math.min(shape.samples(), b * batch));
        }
        return bounds;
    }

    /**
     * The sample counts k of the circuits set up in the store for this commitment's shape (the
     * ones {@code prove} can use without {@code --samples}), in increasing order.
     */
    java.util.List<Integer> setUpSamples(Commitment.LoraMerge commitment) throws IOException {
        // from the setup records, not by parsing ids: a circuit whose shape is the commitment's but for k
        Statement.LoraMerge one = new Statement.LoraMerge(commitment.shape(1));
        ObjectNode want = one.shapeJson();
        String any = one.circuitId(), prefix = "/circuits/" + any.substring(0, any.indexOf("-k1-") + 2);
        java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
        for (String f : store.list("circuits", "setup.json")) {
            if (!f.endsWith("/setup.json") || !f.contains(prefix)) {
                continue; // another shape's circuit: its record is not read
            }
            JsonNode setup;
            try {
                setup = Artifacts.JSON.readTree(ArtifactStore.readUri(f, store.conf()));
            } catch (IOException e) {
                continue; // a record removed meanwhile, or not JSON: that circuit is not usable
            }
            JsonNode shape = setup.path("shape");
            if (!Statement.Kind.LORA_MERGE.id.equals(setup.path("statement").asText()) || !shape.isObject()) {
                continue;
            }
            ObjectNode same = shape.deepCopy();
            int k = same.path("samples").asInt(0);
            same.put("samples", 1);
            String dir = f.substring(f.lastIndexOf("/circuits/") + 1, f.length() - "setup.json".length());
            if (k > 0 && same.equals(want) && store.exists(dir + "pk/circuit.zkey")) {
                ks.add(k);
            }
        }
        return java.util.List.copyOf(ks);
    }

    // ---------------------------------------------------------------- prove

    /**
     * Proves lora-merge for a committed model at the positions the nonce selects, with tolerance τ
     * (null: the one it was committed with); returns the proof id.
     */
    public String prove(String model, Fr nonce, int samples, Long tau) throws IOException {
        long t0 = System.nanoTime();
        PublishedModels.Published published = models.current(model);
        if (!(published.commitment() instanceof Commitment.LoraMerge commitment)) {
            throw new IllegalArgumentException("model " + model + " is a " + published.commitment().statement()
                    + " statement, not " + Statement.Kind.LORA_MERGE);
        }
        long tolerance = tolerance(tau != null ? tau : commitment.tolerance());
        LoraMergeShape shape = commitment.shape(samples);
        Statement.LoraMerge statement = new Statement.LoraMerge(shape);
        circuits().requireSetUp(statement.circuitId(), "run loraproof setup --model " + model + " --samples " + samples);

        Commitment.MergeSources src = commitment.sources();
        FixedPointParams p = shape.params();
        String base = src.base(), merged = src.merged(), tensor = src.tensor();
        Opening opening = models.opening(published);
        Map<String, Fr> blinds = opening.blinds();
        boolean stored = opening.trees() != null;
        if (stored) {
            unchanged(model, opening.trees());
        }
        say(stored ? "reading %s's adapter and, at the sampled positions, its weights" : "reading %s and its adapter again",
                model);
        QuantizedLayer layer = QuantizedLayer.load(base, merged, src.adapter(), tensor, src.layer(), p, store.conf(),
                !stored);
        if (layer.sQ() != commitment.sQ()) {
            throw new IllegalArgumentException("the adapter's scale s_q is " + layer.sQ() + ", model '" + model
                    + "' was committed with " + commitment.sQ() + " (was adapter_config.json changed after "
                    + "loraproof commit?)");
        }
        Map<String, TensorCommitment> c = new LinkedHashMap<>();
        if (stored) {
            c.putAll(adapterCommitments(layer, p, blinds));
        } else {
            c = commitments(layer, p, blinds);
        }
        for (var e : c.entrySet()) {
            if (!commitment.tensors().get(e.getKey()).commitment().equals(e.getValue().commitment())) {
                throw new IllegalArgumentException("the " + e.getKey() + " tensor no longer matches the commitment of model '"
                        + model + "' (were the files changed after loraproof commit?)");
            }
        }
        String id = model + "-" + nonce.toString().substring(0, Math.min(12, nonce.toString().length()));
        ObjectNode meta = Artifacts.JSON.createObjectNode();
        meta.put("model", model);
        meta.put("commitment", published.sha256());
        meta.put("nonce", nonce.toString());
        meta.put("tolerance", tolerance);
        meta.put("samples", samples);
        ObjectNode detect = meta.putObject("detectionProbability");
        detect.put("epsilon=1%", SamplePositions.detectionProbability(samples, 0.01));
        detect.put("epsilon=0.1%", SamplePositions.detectionProbability(samples, 0.001));
        meta.put("soundnessNote", "spot check of " + samples + " positions: a fraction ε of wrong merged weights is caught"
                + " with probability 1 − (1 − ε)^" + samples + "; positions are fixed by the nonce, so audits must use a"
                + " verifier-chosen nonce (loraproof challenge)");
        if (!stored) { // a commitment made before node files were kept: the whole tensors
            LoraMergeCircuit.Witness w = new LoraMergeCircuit.Witness(shape, layer.base(), layer.eff(), layer.a(),
                    layer.b(), c.get("base"), c.get("eff"), c.get("A"), c.get("B"), nonce, layer.sQ(), tolerance);
            say("computing the witness for %d samples", samples);
            return circuits().prove(id, statement, w.publicInputs(), cs -> LoraMergeCircuit.synthesize(cs, shape, w), meta,
                    t0, System.nanoTime() - t0);
        }
        StoredTree[] trees = storedTrees(opening.trees(), base, merged, tensor, shape, store);
        String[] names = {"base", "eff", "A", "B"};
        Fr[] cs = new Fr[4], bl = new Fr[4];
        for (int k = 0; k < 4; k++) {
            cs[k] = commitment.tensors().get(names[k]).commitment();
            bl[k] = blinds.get(names[k]);
        }
        Fr tag = TensorCommitment.tag(TensorLayout.MATRIX_ROWS, layer.dOut(), layer.dIn(), p);
        Fr[] roots = {trees[0].top().root(), trees[1].top().root(), c.get("A").root(), c.get("B").root()};
        for (int k = 0; k < 2; k++) {
            if (!TensorCommitment.commitment(roots[k], bl[k], tag).equals(cs[k])) {
                throw new IllegalArgumentException("the stored trees of model '" + model + "' ("
                        + opening.trees().folder() + ") do not lead to its commitment's " + names[k] + " C");
            }
        }
        long t1 = System.nanoTime();
        org.apache.spark.api.java.JavaSparkContext sc = spark == null ? null
                : org.loraproof.driver.spark.SparkRuntime.start(spark.master(), spark.conf(), "loraproof prove " + id);
        try {
            SampleOpenings common = new SampleOpenings(shape, cs, roots, bl, nonce, layer.sQ(), tolerance);
            LoraMergeCircuit.Layout layout = LoraMergeCircuit.layout(shape);
            java.security.SecureRandom rng = org.loraproof.circuit.groth16.Groth16Prover.blindingRandom();
            var r = proveByBatches(shape, common, layer, c.get("A"), c.get("B"), trees,
                    store.resolve(Artifacts.circuitDir(statement.circuitId()) + "pk/circuit.zkey").toString(), Fr.random(rng),
                    Fr.random(rng), sc);
            meta.put("modelBytesRead", r.bytesRead());
            meta.put("witnessBatches", r.batches());
            StringBuilder folded = new StringBuilder();
            ObjectNode fm = meta.putObject("foldModelSeconds");
            for (int n = 1; n <= 64; n *= 2) {
                fm.put(String.valueOf(n), r.modelled(n));
                folded.append(String.format(java.util.Locale.ROOT, "%s%d: %.1f s %.0f %%", n == 1 ? "" : ", ", n,
                        r.modelled(n), 100 * r.modelled(1) / (n * r.modelled(n))));
            }
            StringBuilder heap = new StringBuilder();
            r.heaps().forEach((e, h) -> heap.append(heap.length() == 0 ? "" : ", ").append(e).append(' ')
                    .append(h >> 20).append(" MiB"));
            double quotientTasks = java.util.Arrays.stream(r.quotientSeconds()).flatMapToDouble(java.util.Arrays::stream)
                    .sum();
            say("  %d batches (%.1f s of tasks), quotient %s, %d H parts (%.1f s of tasks); %,d bytes "
                    + "of the model read; %s: %s", r.batches(), java.util.Arrays.stream(r.batchSeconds()).sum(),
                    sc == null ? String.format(java.util.Locale.ROOT, "%.1f s", r.quotientNanos() / 1e9)
                        : String.format(java.util.Locale.ROOT, "in 4 stages (%.1f s of tasks)", quotientTasks),
                    r.hParts(), java.util.Arrays.stream(r.hSeconds()).sum(), r.bytesRead(),
                    sc == null ? "peak heap of this JVM" : "executors' peak heap", heap);
            say("  fold model (the proof on N executors; network %.3f s at N = 16, %.0f Gbit/s and %.0f ms a task): %s",
                    r.network(16),
                    org.loraproof.driver.spark.SparkBatchProof.Result.BANDWIDTH_GBIT,
                    1e3 * org.loraproof.driver.spark.SparkBatchProof.Result.TASK_LATENCY_SECONDS, folded);
            meta.put("constraints", layout.constraint(samples));
            meta.put("witnessSize", layout.variable(samples));
            meta.put("domainSize", r.header().domainSize());
            ObjectNode timings = meta.putObject("secondsPerPhase");
            timings.put("readAndCommit", (t1 - t0) / 1e9);
            timings.put("witnessAndVariableMsmStage", r.witnessNanos() / 1e9);
            timings.put("driverQuotient", r.quotientNanos() / 1e9);
            timings.put("quotientStageTasks", quotientTasks);
            timings.put("hMsmStage", r.hNanos() / 1e9);
            timings.put("total", (System.nanoTime() - t0) / 1e9);
            meta.put("peakHeapBytes", org.loraproof.executors.Heap.peak());
            meta.put("master", sc == null ? "in-process" : sc.master());
            meta.put("executors", sc == null ? 1 : org.loraproof.driver.spark.SparkGroth16.executors(sc));
            meta.put("partitions", r.batches() + r.hParts());
            return circuits().writeProof(id, statement, common.publicInputs(), r.proof(), meta, t0);
        } finally {
            if (sc != null) {
                sc.stop();
            }
        }
    }

    /** A witness computed by batches: the assignment, the public inputs, the batches and the bytes they read. */
    record Batched(long[] z, List<Fr> publicInputs, int batches, long bytesRead) {
    }

    /** A proof's batches: the common part's values and A·z, B·z, the layout, and one task per batch. */
    record Batches(long[] prefix, long[] commonEvaluations, LoraMergeCircuit.Layout layout, List<WitnessBatch> tasks) {
    }

    /**
     * Plans a proof by batches of samples: computes the common part here (its values and, for a
     * distributed proof, its constraints' A·z and B·z), and makes one task per batch with the
     * adapter's openings of its samples. With {@code keyUri} each task also proves its variables.
     */
    Batches batches(LoraMergeShape shape, SampleOpenings common, QuantizedLayer layer, TensorCommitment cA,
            TensorCommitment cB, StoredTree[] trees, String keyUri, Map<String, String> hadoop) {
        FixedPointParams p = shape.params();
        int samples = shape.samples();
        WitnessGenerator g = new WitnessGenerator().recordingEvaluations();
        LoraMergeCircuit.Common lcs = LoraMergeCircuit.common(g, shape, common);
        g.assertSatisfied();
        long[] prefix = g.assignment();
        // what a batch reads of the common part: the public inputs and the seed, roots, s_q and τ; the blinds
        // and the hashes' insides stay here
        long[] shipped = new long[prefix.length];
        System.arraycopy(prefix, 0, shipped, 0, 4 * (LoraMergeCircuit.PUBLIC_INPUTS.size() + 1));
        for (org.loraproof.circuit.r1cs.LinearCombination lc : lcs.all()) {
            for (int v : lc.variables()) {
                System.arraycopy(prefix, 4 * v, shipped, 4 * v, 4);
            }
        }
        LoraMergeCircuit.Layout layout = LoraMergeCircuit.layout(shape);
        int size = batch > 0 ? batch : DEFAULT_BATCH;
        List<WitnessBatch> tasks = new java.util.ArrayList<>();
        for (int from = 0; from < samples; from += size) {
            int to = Math.min(samples, from + size);
            SampleOpenings d = common.copyWithoutLeaves();
            for (int t = from; t < to; t++) {
                int[] pos = d.position(t);
                d.put(LoraMergeCircuit.B, pos[0], adapterLeaf(layer.b(), shape.dOut(), shape.rank(),
                        TensorLayout.ADAPTER_ROWS, p, pos[0]), cB.tree().path(pos[0]));
                d.put(LoraMergeCircuit.A, pos[1], adapterLeaf(layer.a(), shape.rank(), shape.dIn(),
                        TensorLayout.ADAPTER_COLUMNS, p, pos[1]), cA.tree().path(pos[1]));
            }
            tasks.add(new WitnessBatch(from, to, layout, shipped, lcs, d, trees[0], trees[1], keyUri, hadoop));
        }
        return new Batches(prefix, g.evaluations(), layout, tasks);
    }

    /**
     * The witness of a proof by batches of samples, run in this JVM (or on {@code sc}): the common
     * part here, each batch a task that reads its own openings and returns its segment.
     */
    Batched witnessByBatches(LoraMergeShape shape, SampleOpenings common, QuantizedLayer layer, TensorCommitment cA,
            TensorCommitment cB, StoredTree[] trees, org.apache.spark.api.java.JavaSparkContext sc) throws IOException {
        Map<String, String> hadoop = sc == null ? Map.of()
                : org.loraproof.driver.spark.SparkRuntime.hadoopSettings(sc.getConf());
        Batches b = batches(shape, common, layer, cA, cB, trees, null, hadoop);
        say("computing the witness for %d samples in %d batch(es)%s", shape.samples(), b.tasks().size(),
                sc == null ? "" : " on " + sc.master());
        List<WitnessBatch.Output> out = org.loraproof.driver.spark.SparkStage.run(sc, b.tasks(),
                new org.loraproof.driver.spark.SparkStage.RunBatch(), "batch", m -> say("  %s", m));
        long[] z = java.util.Arrays.copyOf(b.prefix(), 4 * b.layout().variable(shape.samples()));
        long bytesRead = 0;
        for (WitnessBatch.Output o : out) {
            System.arraycopy(o.segment, 0, z, 4 * b.layout().variable(o.from), o.segment.length);
            bytesRead += o.bytesRead;
        }
        return new Batched(z, common.publicInputs(), b.tasks().size(), bytesRead);
    }

    /**
     * A proof by batches whose witness stays in its tasks (on Spark's executors, or one after another
     * in this JVM without sc): each batch task also proves its variables and returns its constraints'
     * A·z and B·z ({@link org.loraproof.driver.spark.SparkBatchProof}).
     */
    org.loraproof.driver.spark.SparkBatchProof.Result proveByBatches(LoraMergeShape shape, SampleOpenings common,
            QuantizedLayer layer, TensorCommitment cA, TensorCommitment cB, StoredTree[] trees, String keyUri, Fr r, Fr s,
            org.apache.spark.api.java.JavaSparkContext sc) throws IOException {
        Batches b = batches(shape, common, layer, cA, cB, trees, keyUri, sc == null ? Map.of()
                : org.loraproof.driver.spark.SparkRuntime.hadoopSettings(sc.getConf()));
        say("proving %d samples in %d batch(es)%s: each computes its witness and proves its variables",
                shape.samples(), b.tasks().size(), sc == null ? " in this JVM" : " on " + sc.master());
        return org.loraproof.driver.spark.SparkBatchProof.prove(sc, sc == null ? store.conf()
                : org.loraproof.driver.spark.SparkRuntime.hadoopConf(sc.getConf()), keyUri, b.tasks(), b.layout(),
                shape.samples(), b.prefix(), b.commonEvaluations(), r, s, m -> say("  %s", m));
    }

    /** Samples per witness task when none is given (k = 32: one task). */
    public static final int DEFAULT_BATCH = 32;

    private static long[] adapterLeaf(long[] values, int rows, int cols, TensorLayout layout, FixedPointParams p, int i) {
        long[] out = new long[layout.leafSize(rows, cols, p)];
        layout.leafValues(values, rows, cols, p, i, out);
        return out;
    }

    /** Base and merged as their commitment stored them (the opening's private record of the trees). */
    static StoredTree[] storedTrees(Opening.Trees trees, String baseUri, String mergedUri, String tensor, LoraMergeShape s,
            ArtifactStore store) {
        StoredTree[] out = new StoredTree[2];
        String[] names = {"base", "eff"};
        for (int k = 0; k < 2; k++) {
            List<Fr> roots = trees.of(names[k]).blockRoots();
            long[] limbs = new long[4 * roots.size()];
            for (int b = 0; b < roots.size(); b++) {
                roots.get(b).writeLimbs(limbs, 4 * b);
            }
            out[k] = new StoredTree(new MatrixTree(k == 0 ? baseUri : mergedUri, tensor, s.dOut(), s.dIn(), s.params(),
                    trees.plan()), limbs, store.resolve(trees.folder() + "/" + names[k]).toString());
        }
        return out;
    }

    /** An error naming the first model file whose size or time is not the one the commitment recorded. */
    private void unchanged(String model, Opening.Trees trees) throws IOException {
        for (Opening.ModelFile f : List.of(trees.base().input(), trees.eff().input())) {
            String uri = f.uri();
            long[] now = ArtifactStore.sizeAndTime(uri, store.conf());
            if (now[0] != f.size() || now[1] != f.modified()) {
                throw new IllegalArgumentException(uri + " changed since model '" + model + "' was committed (its size or "
                        + "time is not the one recorded): it no longer matches the commitment");
            }
        }
    }

    public static Fr parseNonce(String s) {
        try {
            java.math.BigInteger v = s.startsWith("0x") ? new java.math.BigInteger(s.substring(2), 16) : new java.math.BigInteger(s);
            if (v.signum() < 0 || v.compareTo(Bn254.R) >= 0) {
                throw new IllegalArgumentException("the nonce must be below the field modulus r");
            }
            return Fr.of(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the nonce must be a decimal or 0x-hex integer");
        }
    }
}
