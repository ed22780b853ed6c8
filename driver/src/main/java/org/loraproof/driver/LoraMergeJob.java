package org.loraproof.driver;

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
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import org.loraproof.storage.QuantizedLayer;

/**
 * The lora-merge pipeline on one machine: commit a layer, set up the circuit for its shape, prove
 * at positions chosen by a nonce, verify. Each step reads and writes artifacts under a store.
 */
final class LoraMergeJob {
    static final String SOFTWARE = "loraproof 0.1.0";
    private final ArtifactStore store;
    private final PrintWriter progress;
    private final PublishedModels models;

    /** Where proofs run on Spark, or null for this JVM. */
    private org.loraproof.driver.spark.SparkSettings spark;

    LoraMergeJob(ArtifactStore store, PrintWriter progress) {
        this.store = store;
        this.progress = progress;
        this.models = new PublishedModels(store);
    }

    /** Runs the proofs of this job on Spark (null: in this JVM). */
    LoraMergeJob onSpark(org.loraproof.driver.spark.SparkSettings settings) {
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
    record Sources(String base, String merged, String adapter, String tensor, String layer, FixedPointParams params) {
    }

    /** τ, in units of the last place of a weight, when it fits the circuit's range check. */
    static long tolerance(long tau) {
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
    JsonNode commit(String model, Sources src, long tau, boolean replace) throws IOException {
        long t0 = System.nanoTime();
        PublishedModels.plainName("model", model);
        tolerance(tau);
        if (!replace) {
            models.requireNew(model); // before reading and hashing the model
        }
        say("committing %s: reading and quantizing %s, %s and %s", model, src.base(), src.merged(), src.adapter());
        QuantizedLayer layer = QuantizedLayer.load(src.base(), src.merged(), src.adapter(), src.tensor(), src.layer(),
                src.params(), store.conf());
        SecureRandom rng = Groth16Setup.drbg();
        Map<String, Fr> blinds = new LinkedHashMap<>();
        blinds.put("base", Fr.ZERO); // a public model: anyone can recompute its commitment
        blinds.put("eff", Fr.randomNonZero(rng));
        blinds.put("A", Fr.randomNonZero(rng));
        blinds.put("B", Fr.randomNonZero(rng));
        say("hashing %d × %d weights and the rank-%d adapter (Poseidon trees)", layer.dOut(), layer.dIn(), layer.rank());
        Map<String, TensorCommitment> c = commitments(layer, src.params(), blinds);
        ObjectNode doc = Artifacts.document(Artifacts.COMMITMENT);
        doc.put("model", model);
        doc.set("params", params(src.params()));
        doc.set("sources", Artifacts.JSON.valueToTree(Map.of("base", src.base(), "merged", src.merged(),
                "adapter", src.adapter(), "tensor", src.tensor(), "layer", src.layer() == null ? "" : src.layer())));
        ObjectNode shape = doc.putObject("shape");
        shape.put("dOut", layer.dOut());
        shape.put("dIn", layer.dIn());
        shape.put("rank", layer.rank());
        doc.put("scale", layer.scale());
        doc.put("s_q", layer.sQ());
        doc.put("tolerance", tau);
        ObjectNode published = doc.putObject("publicInputs");
        String[] names = {"C_base", "C_eff", "C_A", "C_B"};
        int n = 0;
        for (TensorCommitment t : c.values()) {
            published.put(names[n++], t.commitment().toString());
        }
        doc.put("statement", "lora-merge");
        ObjectNode tensors = doc.putObject("commitments");
        for (var e : c.entrySet()) {
            ObjectNode t = tensors.putObject(e.getKey());
            t.put("C", e.getValue().commitment().toString());
            t.put("root", e.getKey().equals("base") ? e.getValue().root().toString() : null);
            t.put("public", e.getKey().equals("base"));
        }
        models.publish(model, doc, blinds, replace);
        say("committed in %.1f s: %s", (System.nanoTime() - t0) / 1e9, store.resolve(PublishedModels.currentPath(model)));
        return doc;
    }

    static Map<String, TensorCommitment> commitments(QuantizedLayer l, FixedPointParams p, Map<String, Fr> blinds) {
        Map<String, TensorCommitment> c = new LinkedHashMap<>();
        c.put("base", TensorCommitment.commit(l.base(), l.dOut(), l.dIn(), TensorLayout.MATRIX_ROWS, p, blinds.get("base")));
        c.put("eff", TensorCommitment.commit(l.eff(), l.dOut(), l.dIn(), TensorLayout.MATRIX_ROWS, p, blinds.get("eff")));
        c.put("A", TensorCommitment.commit(l.a(), l.rank(), l.dIn(), TensorLayout.ADAPTER_COLUMNS, p, blinds.get("A")));
        c.put("B", TensorCommitment.commit(l.b(), l.dOut(), l.rank(), TensorLayout.ADAPTER_ROWS, p, blinds.get("B")));
        return c;
    }

    static ObjectNode params(FixedPointParams p) {
        ObjectNode n = Artifacts.JSON.createObjectNode();
        n.put("f", p.fractionalBits());
        n.put("V", p.valueBits());
        n.put("L", p.leafSize());
        return n;
    }

    static FixedPointParams params(JsonNode n) {
        return new FixedPointParams(n.get("f").asInt(), n.get("V").asInt(), n.get("L").asInt());
    }

    JsonNode readCommitment(String model) throws IOException {
        return models.current(model).doc();
    }

    // ---------------------------------------------------------------- challenge

    /** A fresh uniformly random nonce below r, recorded under the model. */
    Fr challenge(String model) throws IOException {
        readCommitment(model);
        Fr nonce = Fr.random(new SecureRandom());
        ObjectNode doc = Artifacts.document("loraproof-challenge");
        doc.put("model", model);
        doc.put("nonce", nonce.toString());
        doc.put("created", Instant.now().toString());
        store.write(challengePath(model, nonce), Artifacts.bytes(doc));
        return nonce;
    }

    private static String challengePath(String model, Fr nonce) {
        String n = nonce.toString();
        return "models/" + PublishedModels.plainName("model", model) + "/challenges/" + n.substring(0, Math.min(16,
                n.length())) + ".json";
    }

    // ---------------------------------------------------------------- audit

    /** An audit's nonce, when the store recorded it and when it recorded the model's commitment. */
    record AuditNonce(Fr nonce, Instant drawn, Instant published) {
    }

    /**
     * The nonce for an audit of a model: a fresh one, recorded as {@link #challenge} records it, or
     * {@code given}, which {@code challenge} must have drawn after the model's commitment was
     * written. Both times are the store's own clock (the files' modification times).
     */
    AuditNonce auditNonce(String model, String given) throws IOException {
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
    int defaultSamples(String model, JsonNode commitment) throws IOException {
        List<Integer> ks = setUpSamples(commitment);
        if (ks.size() > 1) {
            throw new IllegalArgumentException("circuits for k = " + ks.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", ")) + " are set up for model " + model
                    + "'s shape: choose one with --samples");
        }
        return ks.isEmpty() ? 32 : ks.get(0);
    }

    // ---------------------------------------------------------------- setup

    static String circuitId(LoraMergeShape s) {
        FixedPointParams p = s.params();
        return "lora-merge-" + s.dOut() + "x" + s.dIn() + "-r" + s.rank() + "-k" + s.samples() + "-f" + p.fractionalBits()
                + "v" + p.valueBits() + "l" + p.leafSize();
    }

    /** Sets up the circuit for a shape unless it exists; returns its id. */
    String setup(LoraMergeShape shape) throws IOException {
        String id = circuitId(shape);
        circuits().setup(id, "lora-merge", shapeJson(shape), LoraMergeCircuit.PUBLIC_INPUTS,
                cs -> LoraMergeCircuit.synthesize(cs, shape, null));
        return id;
    }

    static ObjectNode shapeJson(LoraMergeShape s) {
        ObjectNode n = Artifacts.JSON.createObjectNode();
        n.put("dOut", s.dOut());
        n.put("dIn", s.dIn());
        n.put("rank", s.rank());
        n.put("samples", s.samples());
        n.set("params", params(s.params()));
        return n;
    }

    static LoraMergeShape shape(JsonNode commitment, int samples) {
        JsonNode s = commitment.get("shape");
        return new LoraMergeShape(s.get("dOut").asInt(), s.get("dIn").asInt(), s.get("rank").asInt(), samples,
                params(commitment.get("params")));
    }

    /**
     * The sample counts k of the circuits set up in the store for this commitment's shape (the
     * ones {@code prove} can use without {@code --samples}), in increasing order.
     */
    java.util.List<Integer> setUpSamples(JsonNode commitment) throws IOException {
        String any = circuitId(shape(commitment, 1));
        java.util.regex.Pattern id = java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(any.substring(0, any.indexOf("-k1-") + 2)) + "(\\d+)"
                        + java.util.regex.Pattern.quote(any.substring(any.indexOf("-k1-") + 3)) + "/pk/circuit\\.zkey$");
        java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
        for (String f : store.list("circuits", "circuit.zkey")) {
            java.util.regex.Matcher m = id.matcher(f);
            if (m.find()) {
                ks.add(Integer.parseInt(m.group(1)));
            }
        }
        return java.util.List.copyOf(ks);
    }

    // ---------------------------------------------------------------- prove

    /**
     * Proves lora-merge for a committed model at the positions the nonce selects, with tolerance τ
     * (null: the one it was committed with); returns the proof id.
     */
    String prove(String model, Fr nonce, int samples, Long tau) throws IOException {
        long t0 = System.nanoTime();
        PublishedModels.Commitment published = models.current(model);
        JsonNode commitment = published.doc();
        long tolerance = tolerance(tau != null ? tau : ProofVerifier.committedTolerance(commitment));
        LoraMergeShape shape = shape(commitment, samples);
        String circuit = circuitId(shape);
        circuits().requireSetUp(circuit, "run loraproof setup --model " + model + " --samples " + samples);

        JsonNode src = commitment.get("sources");
        FixedPointParams p = shape.params();
        say("reading %s and its adapter again", model);
        QuantizedLayer layer = QuantizedLayer.load(src.get("base").asText(), src.get("merged").asText(),
                src.get("adapter").asText(), src.get("tensor").asText(),
                src.get("layer").asText().isEmpty() ? null : src.get("layer").asText(), p, store.conf());
        if (layer.sQ() != commitment.path("s_q").asLong()) {
            throw new IllegalArgumentException("the adapter's scale s_q is " + layer.sQ() + ", model '" + model
                    + "' was committed with " + commitment.path("s_q").asLong() + " (was adapter_config.json changed after "
                    + "loraproof commit?)");
        }
        Map<String, Fr> blinds = models.blinds(published);
        Map<String, TensorCommitment> c = commitments(layer, p, blinds);
        for (var e : c.entrySet()) {
            String c0 = commitment.get("commitments").get(e.getKey()).get("C").asText();
            if (!c0.equals(e.getValue().commitment().toString())) {
                throw new IllegalArgumentException("the " + e.getKey() + " tensor no longer matches the commitment of model '"
                        + model + "' (were the files changed after loraproof commit?)");
            }
        }
        long t1 = System.nanoTime();
        LoraMergeCircuit.Witness w = new LoraMergeCircuit.Witness(layer.base(), layer.eff(), layer.a(), layer.b(),
                c.get("base"), c.get("eff"), c.get("A"), c.get("B"), nonce, layer.sQ(), tolerance);
        say("computing the witness for %d samples", samples);
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
        return circuits().prove(id, circuit, "lora-merge", shapeJson(shape),
                LoraMergeCircuit.PUBLIC_INPUTS, w.publicInputs(), cs -> LoraMergeCircuit.synthesize(cs, shape, w), meta, t0,
                t1 - t0);
    }

    static Fr parseNonce(String s) {
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
