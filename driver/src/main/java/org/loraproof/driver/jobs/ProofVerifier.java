package org.loraproof.driver.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.groth16.Groth16Verifier;
import org.loraproof.circuit.groth16.SnarkjsJson;
import org.loraproof.executors.ProofVerdict;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import org.loraproof.storage.Commitment;
import org.loraproof.storage.ProofArtifact;
import org.loraproof.storage.PublishedModels;

/**
 * Verifies proof artifacts against what the store published, never against what a proof says
 * about itself. A proof only names its model (a plain name) and, optionally, which of the model's
 * published commitments it proves; everything else comes from the store: the statement and shape
 * from that commitment, the circuit id from them (and k), the verification key from that circuit's
 * folder checked against its setup record, the public inputs' names and order from the statement.
 * Each public input is compared with its source: the commitments with the published ones, {@code s_q}
 * with the published scale, {@code τ} with the verifier's tolerance, the nonce (when the verifier
 * drew one) with it.
 */
public final class ProofVerifier {
    /** Per JVM (the driver's, or each executor's): one parse and preparation per key, by its SHA-256. */
    private static final Map<String, Groth16Verifier.PreparedKey> PREPARED_KEYS = new ConcurrentHashMap<>();

    /** Far above any proof artifact (about 2 KB gzipped, 4 KB inflated): no file can make a verify run run out of memory. */
    static final int MAX_PROOF_BYTES = ProofArtifact.MAX_BYTES;

    private final ArtifactStore store;
    private final PublishedModels models;
    private final Long tolerance;
    private final Fr nonce;

    /**
     * @param tolerance the largest τ accepted (null: the one the model was committed with)
     * @param nonce the nonce a lora-merge proof must use (null: any, as for proofs the prover chose)
     */
    public ProofVerifier(ArtifactStore store, Long tolerance, Fr nonce) {
        this.store = store;
        this.models = new PublishedModels(store);
        this.tolerance = tolerance;
        this.nonce = nonce;
    }

    /** What a proof of a commitment must be: its circuit, public inputs by name, and a check of each value. */
    private record Expected(Statement of, int samples) {
        Statement.Kind statement() {
            return of.kind();
        }

        String circuit() {
            return of.circuitId();
        }

        JsonNode shape() {
            return of.shapeJson();
        }

        List<String> names() {
            return of.publicInputs();
        }
    }

    public ProofVerdict verify(String proofUri) {
        return verify(proofUri, Set.of());
    }

    /**
     * As {@link #verify(String)}, except that a proof whose SHA-256 and verification key's SHA-256
     * are in {@code verifiedBefore} (as "proof:key") passes without its pairing check, once every
     * check against the store has passed.
     */
    public ProofVerdict verify(String proofUri, Set<String> verifiedBefore) {
        long t0 = System.nanoTime();
        String statement = null, model = null, circuit = null, sha = null, vkSha = null, commitmentSha = null;
        String nonceSource = null;
        boolean current = false;
        int samples = 0;
        String reason;
        boolean valid = false;
        try {
            long size = ArtifactStore.sizeAndTime(proofUri, store.conf())[0];
            if (size > MAX_PROOF_BYTES) {
                throw new IllegalArgumentException(proofUri + ": " + size + " bytes, not a proof artifact (a few KB)");
            }
            byte[] raw = ArtifactStore.readUri(proofUri, store.conf());
            sha = Artifacts.sha256(raw);
            ProofArtifact artifact = ProofArtifact.read(raw, proofUri);
            JsonNode meta = artifact.metadata();
            model = meta.path("model").asText(null);
            if (model == null) {
                throw new IllegalArgumentException("the proof names no model");
            }
            PublishedModels.plainName("model", model);
            if (!models.exists(model)) {
                throw new IllegalArgumentException("model '" + model + "' is not published in this store");
            }
            PublishedModels.Published c = meta.hasNonNull("commitment")
                    ? models.bySha256(model, meta.get("commitment").asText()) : models.current(model);
            commitmentSha = c.sha256();
            current = c.current();
            Expected e = expected(c, meta);
            statement = e.statement().id;
            circuit = e.circuit();
            samples = e.samples();
            if (!statement.equals(artifact.statement())) {
                throw new IllegalArgumentException("the proof says statement '" + artifact.statement()
                        + "', but model " + model + " was committed for " + statement);
            }
            if (!e.shape().equals(artifact.params())) { // what it says it proves is what it is checked against
                throw new IllegalArgumentException("the proof's params " + artifact.params() + " are not its statement's "
                        + e.shape() + " (from model " + model + "'s commitment and k = " + samples + ")");
            }
            vkSha = verificationKey(e);
            List<Fr> pub = artifact.publicSignals();
            reason = checkPublicInputs(c, e, pub);
            if (reason == null && e.names().contains("nonce")) {
                nonceSource = nonceSource(c, pub.get(e.names().indexOf("nonce")));
            }
            if (reason == null && verifiedBefore.contains(sha + ":" + vkSha)) {
                return new ProofVerdict(proofUri, true, null, statement, model, circuit, sha, vkSha, commitmentSha, current,
                        samples, nonceSource, (System.nanoTime() - t0) / 1e9, true);
            }
            if (reason == null) {
                Groth16Verifier.Result r = Groth16Verifier.verify(PREPARED_KEYS.get(vkSha), pub, artifact.proof());
                valid = r.valid();
                reason = r.reason();
            }
        } catch (IOException | RuntimeException e) {
            reason = ErrorLines.describe(e);
        }
        return new ProofVerdict(proofUri, valid, reason, statement, model, circuit, sha, vkSha, commitmentSha, current, samples,
                nonceSource, (System.nanoTime() - t0) / 1e9, false);
    }

    /** Where a commitment was published (its history entry; the current file for commitments older than history). */
    private String published(PublishedModels.Published c) throws IOException {
        String history = PublishedModels.historyPath(c.model(), c.sha256());
        return store.exists(history) ? history : PublishedModels.currentPath(c.model());
    }

    /** Who chose a proof's nonce: this verifier, a challenge recorded after the commitment, or the prover. */
    private String nonceSource(PublishedModels.Published c, Fr value) throws IOException {
        if (nonce != null) {
            return ProofVerdict.NONCE_GIVEN; // and equal: checked with the other inputs
        }
        String record = LoraMergeJob.challengePath(c.model(), value);
        if (store.exists(record) && value.toString().equals(Artifacts.JSON.readTree(store.read(record)).path("nonce")
                .asText()) && !store.modified(record).isBefore(store.modified(published(c)))) {
            return ProofVerdict.NONCE_DRAWN;
        }
        return ProofVerdict.NONCE_PROVER;
    }

    /** The circuit and public inputs a proof of this commitment must have, from the commitment alone (and k). */
    private static Expected expected(PublishedModels.Published c, JsonNode meta) {
        int k = 0;
        if (Statement.Kind.of(c.commitment()).sampled()) {
            JsonNode samples = meta.path("samples");
            if (!samples.canConvertToInt() || samples.asInt() < 1) {
                throw new IllegalArgumentException("the proof gives no number of samples k");
            }
            k = samples.asInt();
        }
        return new Expected(Statement.of(c.commitment(), k), k);
    }

    /**
     * The SHA-256 of the circuit's verification key, prepared for this JVM, after checking the key
     * against the circuit's setup record (statement, shape, public inputs, the key's checksum).
     */
    private String verificationKey(Expected e) throws IOException {
        String dir = Artifacts.circuitDir(e.circuit());
        if (!store.exists(dir + "setup.json") || !store.exists(dir + "verification_key.json")) {
            throw new IllegalArgumentException("circuit " + e.circuit() + " is not set up in this store");
        }
        JsonNode setup = Artifacts.parse(store.read(dir + "setup.json"), store.resolve(dir + "setup.json").toString(),
                Artifacts.SETUP);
        if (!e.statement().id.equals(setup.path("statement").asText()) || !e.shape().equals(setup.path("shape"))
                || !Artifacts.JSON.valueToTree(e.names()).equals(setup.path("publicInputs"))) {
            throw new IllegalArgumentException("the setup record of circuit " + e.circuit() + " is not that of a "
                    + e.statement() + " circuit of this shape");
        }
        byte[] vkBytes = store.read(dir + "verification_key.json");
        String sha = Artifacts.sha256(vkBytes);
        if (!sha.equals(setup.path("verificationKeySha256").asText())) {
            throw new IllegalArgumentException("the verification key of circuit " + e.circuit() + " is not the one its "
                    + "setup recorded (SHA-256 " + sha + ")");
        }
        PREPARED_KEYS.computeIfAbsent(sha, s -> Groth16Verifier.prepare(SnarkjsJson.readVerificationKey(
                SnarkjsJson.read(vkBytes, dir + "verification_key.json"), dir + "verification_key.json")));
        return sha;
    }

    /** Why the public inputs are not those the published commitment and this verifier require, or null. */
    private String checkPublicInputs(PublishedModels.Published c, Expected e, List<Fr> pub) {
        if (pub.size() != e.names().size()) {
            return "the proof has " + pub.size() + " public inputs; a " + e.statement() + " proof has " + e.names().size();
        }
        Map<String, Fr> published = c.commitment().publicInputs();
        for (int i = 0; i < pub.size(); i++) {
            String name = e.names().get(i);
            Fr v = pub.get(i);
            switch (name) {
                case "nonce" -> {
                    if (nonce != null && !nonce.equals(v)) {
                        return "public input nonce is not the nonce this verifier drew";
                    }
                }
                case "s_q" -> {
                    if (!(c.commitment() instanceof Commitment.LoraMerge m) || !Fr.of(m.sQ()).equals(v)) {
                        return "public input s_q is not model " + c.model() + "'s published scale";
                    }
                }
                case "tau" -> {
                    long allowed = tolerance != null ? tolerance
                            : c.commitment() instanceof Commitment.LoraMerge m ? m.tolerance() : 0;
                    if (v.toBigInteger().compareTo(java.math.BigInteger.valueOf(allowed)) > 0) {
                        return "public input tau (" + v + ") exceeds the tolerance of " + allowed + " ulp";
                    }
                }
                case "eta_q" -> {
                    // the learning rate is the prover's; the update rule binds it to the published tensors
                }
                default -> {
                    if (!v.equals(published.get(name))) {
                        return "public input " + name + " is not model " + c.model() + "'s published commitment";
                    }
                }
            }
        }
        return null;
    }
}
