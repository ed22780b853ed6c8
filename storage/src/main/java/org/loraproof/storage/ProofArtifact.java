package org.loraproof.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.groth16.Proof;
import org.loraproof.circuit.groth16.SnarkjsJson;

/**
 * A proof artifact, {@code proofs/<id>.proof.json.gz}: the statement and shape it claims, the
 * Groth16 proof and its public signals (snarkjs JSON), the names of its public inputs, the
 * verification key it was checked against, and the prover's metadata (model, commitment, k, figures).
 * A verifier takes only the proof and the signals from it and checks the rest against the store.
 */
public record ProofArtifact(String id, String statement, JsonNode params, Proof proof, List<Fr> publicSignals,
        List<String> publicInputs, String verificationKeyId, String verificationKeySha256, JsonNode metadata) {
    /** The largest artifact read, compressed or not: a proof is a few KB (larger ones are refused, gzip bombs too). */
    public static final int MAX_BYTES = 1 << 20;

    /** The artifact's bytes (gzip of its JSON). */
    public byte[] toBytes() throws IOException {
        ObjectNode doc = Artifacts.document(Artifacts.PROOF);
        doc.put("id", id);
        doc.put("statement", statement);
        doc.set("params", params);
        doc.set("proof", SnarkjsJson.proof(proof));
        doc.set("publicSignals", SnarkjsJson.publicSignals(publicSignals));
        doc.set("publicInputs", Artifacts.JSON.valueToTree(publicInputs));
        ObjectNode vkRef = doc.putObject("verificationKey");
        vkRef.put("id", verificationKeyId);
        vkRef.put("sha256", verificationKeySha256);
        doc.set("metadata", metadata);
        return Artifacts.gzip(Artifacts.bytes(doc));
    }

    /**
     * Reads an artifact's bytes (gzip of JSON, at most {@link #MAX_BYTES} either way): its format
     * and version checked, its proof and signals parsed; errors name the source.
     */
    public static ProofArtifact read(byte[] raw, String source) {
        if (raw.length > MAX_BYTES) {
            throw new IllegalArgumentException(source + ": " + raw.length + " bytes, not a proof artifact (a few KB)");
        }
        JsonNode doc = Artifacts.parse(Artifacts.gunzip(raw, source, MAX_BYTES), source, Artifacts.PROOF);
        List<String> names = new java.util.ArrayList<>();
        doc.path("publicInputs").forEach(n -> names.add(n.asText()));
        return new ProofArtifact(doc.path("id").asText(null), doc.path("statement").asText(), doc.path("params"),
                SnarkjsJson.readProof(doc.get("proof"), source + " (proof)"),
                SnarkjsJson.readPublicSignals(doc.get("publicSignals"), source + " (publicSignals)"), List.copyOf(names),
                doc.path("verificationKey").path("id").asText(null), doc.path("verificationKey").path("sha256").asText(null),
                doc.path("metadata"));
    }
}
