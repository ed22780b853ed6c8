package org.loraproof.driver.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.groth16.Groth16Prover;
import org.loraproof.circuit.groth16.Groth16Setup;
import org.loraproof.circuit.groth16.Groth16Verifier;
import org.loraproof.circuit.groth16.Proof;
import org.loraproof.circuit.groth16.ProvingKey;
import org.loraproof.circuit.groth16.SnarkjsJson;
import org.loraproof.circuit.r1cs.LinearCombination;
import org.loraproof.circuit.r1cs.R1csBuilder;
import org.loraproof.driver.CommandRun;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import org.loraproof.storage.Commitment;
import org.loraproof.storage.PublishedModels;

/**
 * The verifier as an attacker who writes the proof file meets it: every forged proof below would be
 * reported verified by a verifier that believed the proof's own account of its circuit, inputs or
 * model. Each is checked against what the store published instead.
 */
class VerifierTrustTest {
    @TempDir
    static Path dir;
    static String store;
    static String data;
    /** A valid lora-merge proof of model tiny at k = 2, and its document. */
    static Path proof;
    static ObjectNode doc;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    private static String[] commitArgs(String model, String... more) {
        List<String> a = new ArrayList<>(List.of("commit", "--store", store, "--model", model, "--base",
                data + "/base.safetensors", "--merged", data + "/merged.safetensors", "--adapter", data + "/adapter",
                "--leaf-size", "4"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @BeforeAll
    static void aPublishedModelAndItsProof() throws Exception {
        store = dir.resolve("store").toString();
        data = dir.resolve("data").toString();
        assertEquals(0, run("generate", "--out", data, "--dout", "6", "--din", "5", "--rank", "2").exit());
        assertEquals(0, run(commitArgs("tiny")).exit());
        assertEquals(0, run(commitArgs("twin")).exit()); // the same files, other blinds
        assertEquals(0, run("setup", "--store", store, "--model", "tiny", "--samples", "2").exit());
        CommandRun p = run("prove", "--store", store, "--model", "tiny", "--nonce", "77");
        assertEquals(0, p.exit(), p.err());
        proof = dir.resolve("store/proofs/" + p.out().trim() + ".proof.json.gz");
        doc = (ObjectNode) Artifacts.JSON.readTree(Artifacts.gunzip(Files.readAllBytes(proof), "proof"));
    }

    /** Verifies a forged copy of the proof document; returns the run. */
    private static CommandRun verifyForged(String name, JsonNode forged, String... options) throws Exception {
        Path f = dir.resolve("forged").resolve(name + ".proof.json.gz");
        Files.createDirectories(f.getParent());
        Files.write(f, Artifacts.gzip(Artifacts.bytes(forged)));
        List<String> a = new ArrayList<>(List.of("verify", "--store", store, f.toString()));
        a.addAll(List.of(options));
        return run(a.toArray(String[]::new));
    }

    private static void assertRejected(CommandRun r, String reason) {
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("INVALID") && r.out().contains(reason), r.out() + r.err());
    }

    @Test
    void theGenuineProofVerifiesAndSaysWhoChoseItsNonce() throws Exception {
        CommandRun v = run("verify", "--store", store, proof.toString());
        assertEquals(0, v.exit(), v.out() + v.err());
        assertTrue(v.out().contains("nonce chosen by the prover"), v.out());
        // a nonce that challenge drew after the commitment: an audit's positions
        CommandRun c = run("challenge", "--store", store, "--model", "tiny");
        CommandRun p = run("prove", "--store", store, "--model", "tiny", "--nonce", c.out().trim());
        assertEquals(0, p.exit(), p.err());
        Path report = dir.resolve("drawn-report");
        Path drawn = dir.resolve("drawn");
        Files.createDirectories(drawn);
        Files.copy(dir.resolve("store/proofs/" + p.out().trim() + ".proof.json.gz"), drawn.resolve("d.proof.json.gz"));
        Files.copy(proof, drawn.resolve("p.proof.json.gz"));
        assertEquals(0, run("verify", "--store", store, drawn.toString(), "--report", report.toString()).exit());
        JsonNode results = Artifacts.JSON.readTree(report.resolve("report.json").toFile()).get("results");
        for (JsonNode r : results) {
            assertEquals(r.get("proof").asText().endsWith("d.proof.json.gz") ? "drawn" : "prover's choice",
                    r.get("nonce").asText(), r.toString());
        }
        // a file too large to be a proof, or that inflates to more than one could be, is a failed entry
        byte[] bomb = Artifacts.gzip(new byte[ProofVerifier.MAX_PROOF_BYTES + 1]);
        Files.write(dir.resolve("bomb.proof.json.gz"), bomb);
        assertRejected(run("verify", "--store", store, dir.resolve("bomb.proof.json.gz").toString()), "inflates to more");
    }

    @Test
    void aTrivialCircuitsProofWithTheModelsInputsIsRejected() throws Exception {
        // a circuit with the seven public inputs and no constraint on them, set up by the attacker
        List<Fr> pub = SnarkjsJson.readPublicSignals(doc.get("publicSignals"), "proof");
        R1csBuilder b = new R1csBuilder();
        LinearCombination first = null;
        for (int i = 0; i < pub.size(); i++) {
            Fr v = pub.get(i);
            LinearCombination in = b.publicInput("in" + i, () -> v);
            first = first == null ? in : first;
        }
        b.enforce("trivial", first, b.one(), first);
        ProvingKey pk = Groth16Setup.generate(b.r1cs());
        Proof forged = Groth16Prover.prove(pk, b.assignment(), Groth16Prover.blindingRandom());
        assertTrue(Groth16Verifier.verify(pk.verificationKey(), pub, forged).valid(), "the forgery is valid for its own key");
        byte[] vk = Artifacts.bytes(SnarkjsJson.verificationKey(pk.verificationKey()));
        for (String id : new String[] {"evil", "../../forged-vk"}) {
            Path where = id.equals("evil") ? dir.resolve("store/circuits/evil/verification_key.json")
                    : dir.resolve("forged-vk/verification_key.json");
            Files.createDirectories(where.getParent());
            Files.write(where, vk);
            ObjectNode d = doc.deepCopy();
            d.set("proof", SnarkjsJson.proof(forged));
            ((ObjectNode) d.get("verificationKey")).put("id", id).put("sha256", Artifacts.sha256(vk));
            assertRejected(verifyForged("trivial-" + id.length(), d), "pairing");
        }
    }

    @Test
    void inputsRenamedOrReorderedDoNotMoveTheChecks() throws Exception {
        // presented as another model of the same shape, with the names changed so no name matches
        ObjectNode d = doc.deepCopy();
        ((ObjectNode) d.get("metadata")).put("model", "twin").remove("commitment");
        ArrayNode names = d.putArray("publicInputs");
        for (int i = 0; i < 7; i++) {
            names.add("x" + i);
        }
        assertRejected(verifyForged("renamed", d), "public input C_eff is not model twin's published commitment");
        // the names a proof gives are not read: renamed, the genuine proof still verifies as its own model
        ObjectNode own = doc.deepCopy();
        own.set("publicInputs", names.deepCopy());
        assertEquals(0, verifyForged("renamed-own", own).exit());
    }

    @Test
    void paramsThatAreNotTheStatementsFail() throws Exception {
        // k is taken from the metadata; params saying another k (or shape) would mislead a reader of the file
        ObjectNode k = doc.deepCopy();
        ((ObjectNode) k.get("params")).put("samples", k.get("params").get("samples").asInt() + 1);
        assertRejected(verifyForged("params-k", k), "are not its statement's");
        ObjectNode rank = doc.deepCopy();
        ((ObjectNode) rank.get("params")).put("rank", 64);
        assertRejected(verifyForged("params-rank", rank), "are not its statement's");
    }

    @Test
    void aProofOfAnUnpublishedOrUnnamedModelFails() throws Exception {
        ObjectNode ghost = doc.deepCopy();
        ((ObjectNode) ghost.get("metadata")).put("model", "ghost").remove("commitment");
        assertRejected(verifyForged("ghost", ghost), "model 'ghost' is not published");
        ObjectNode none = doc.deepCopy();
        ((ObjectNode) none.get("metadata")).remove("model");
        assertRejected(verifyForged("none", none), "the proof names no model");
        ObjectNode path = doc.deepCopy();
        ((ObjectNode) path.get("metadata")).put("model", "../store/models/tiny");
        assertRejected(verifyForged("path", path), "is not a plain name");
        ObjectNode noMeta = doc.deepCopy();
        noMeta.remove("metadata");
        assertRejected(verifyForged("no-metadata", noMeta), "the proof names no model");
        CommandRun i = run("inspect", dir.resolve("forged/no-metadata.proof.json.gz").toString());
        assertEquals(0, i.exit(), i.err());
        assertFalse(i.out().contains("Exception"), i.out());
    }

    @Test
    void theScaleAndTheToleranceAreThePublishedOnes() throws Exception {
        ArtifactStore s = new ArtifactStore(store);
        PublishedModels models = new PublishedModels(s);
        PublishedModels.Published tiny = models.current("tiny");
        Map<String, Fr> blinds = models.opening(tiny).blinds();
        // the same tensors published with another scale, and with no tolerance: the proof's s_q and τ are not theirs
        Commitment.LoraMerge t = (Commitment.LoraMerge) tiny.commitment();
        models.publish(new Commitment.LoraMerge("scaled", t.params(), t.sources(), t.dOut(), t.dIn(), t.rank(), t.scale(),
                t.sQ() + 1, t.tolerance(), t.publicInputs(), t.tensors()), blinds, null, false);
        models.publish(new Commitment.LoraMerge("strict", t.params(), t.sources(), t.dOut(), t.dIn(), t.rank(), t.scale(),
                t.sQ(), 0, t.publicInputs(), t.tensors()), blinds, null, false);
        for (String m : new String[] {"scaled", "strict"}) {
            ObjectNode d = doc.deepCopy();
            ((ObjectNode) d.get("metadata")).put("model", m).remove("commitment");
            assertRejected(verifyForged(m, d), m.equals("scaled") ? "public input s_q is not model scaled's published scale"
                    : "public input tau (1) exceeds the tolerance of 0 ulp");
        }
        // a prover who raises τ: its proof is valid for the circuit, and refused unless the verifier allows that τ
        CommandRun p = run("prove", "--store", store, "--model", "tiny", "--nonce", "78", "--tolerance", "3");
        assertEquals(0, p.exit(), p.err());
        String raised = "proofs/" + p.out().trim() + ".proof.json.gz";
        assertRejected(run("verify", "--store", store, raised), "exceeds the tolerance of 1 ulp");
        assertEquals(0, run("verify", "--store", store, raised, "--tolerance", "3").exit());
        assertRejected(run("verify", "--store", store, proof.toString(), "--tolerance", "0"), "exceeds the tolerance");
        CommandRun range = run("verify", "--store", store, raised, "--tolerance", "70000");
        assertEquals(2, range.exit());
        assertTrue(range.err().contains("--tolerance must be between 0 and 65535"), range.err());
        CommandRun badProve = run("prove", "--store", store, "--model", "tiny", "--nonce", "79", "--tolerance",
                "-1");
        assertEquals(1, badProve.exit());
        assertTrue(badProve.err().contains("--tolerance must be between 0 and 65535"), badProve.err());
        // the verifier's nonce
        assertRejected(run("verify", "--store", store, proof.toString(), "--nonce", "78"),
                "public input nonce is not the nonce this verifier drew");
        assertEquals(0, run("verify", "--store", store, proof.toString(), "--nonce", "77").exit());
    }

    @Test
    void aPublishedModelIsNotReplacedUnlessAskedAndTheReplacedOneStillVerifies() throws Exception {
        assertEquals(0, run(commitArgs("kept")).exit());
        CommandRun again = run(commitArgs("kept"));
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("model 'kept' is already published"), again.err());
        assertEquals(0, run("setup", "--store", store, "--model", "kept", "--samples", "2").exit());
        CommandRun p = run("prove", "--store", store, "--model", "kept", "--nonce", "5");
        assertEquals(0, p.exit(), p.err());
        assertEquals(0, run(commitArgs("kept", "--replace")).exit());
        try (var s = Files.list(dir.resolve("store/models/kept/commitments"))) {
            assertEquals(2, s.filter(f -> f.toString().endsWith(".json")).count());
        }
        Path report = dir.resolve("kept-report");
        CommandRun v = run("verify", "--store", store, "proofs/", "--report", report.toString());
        assertTrue(Files.readString(report.resolve("report.md")).contains("kept (replaced commitment "),
                Files.readString(report.resolve("report.md")));
        JsonNode results = Artifacts.JSON.readTree(report.resolve("report.json").toFile()).get("results");
        boolean found = false;
        for (JsonNode r : results) {
            if (r.get("proof").asText().contains("kept-5")) {
                found = true;
                assertTrue(r.get("valid").asBoolean(), r.toString());
                assertFalse(r.get("currentCommitment").asBoolean(), r.toString());
            }
        }
        assertTrue(found, v.out());
        assertTrue(run("prove", "--store", store, "--model", "kept", "--nonce", "6").exit() == 0,
                "the new commitment proves");
    }

    @Test
    void anOpeningIsNeverPrinted() throws Exception {
        assertEquals(0, run(commitArgs("secret")).exit());
        Path opening;
        try (var s = Files.list(dir.resolve("store/models/secret/openings"))) {
            opening = s.filter(f -> f.toString().endsWith(".bin")).findFirst().orElseThrow();
        }
        String text = Files.readString(opening);
        String blind = text.replaceAll("(?s).*\"eff\" : \"(\\d+)\".*", "$1");
        CommandRun i = run("inspect", opening.toString());
        assertEquals(0, i.exit(), i.err());
        assertTrue(i.out().contains("4 blinds"), i.out());
        assertFalse(i.out().contains(blind) || i.err().contains(blind));
        // corrupted: one line naming the file, none of its content
        Path crc = opening.resolveSibling("." + opening.getFileName() + ".crc");
        Files.deleteIfExists(crc);
        Files.writeString(opening, text.replace(blind, blind.substring(0, 5) + "x" + blind.substring(6)));
        assertEquals(0, run("setup", "--store", store, "--model", "secret", "--samples", "2").exit());
        CommandRun p = run("prove", "--store", store, "--model", "secret", "--nonce", "9");
        assertEquals(1, p.exit());
        assertTrue(p.err().contains(opening.getFileName().toString()) && p.err().contains("blind 'eff'"), p.err());
        assertFalse(p.err().contains(blind.substring(6)), p.err());
        Files.writeString(opening, "{\"format\": \"loraproof-opening\", \"blinds\": " + blind);
        CommandRun broken = run("inspect", opening.toString());
        assertEquals(1, broken.exit());
        assertFalse(broken.err().contains(blind), broken.err());
    }
}
