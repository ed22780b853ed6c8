package org.loraproof.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.groth16.Proof;
import org.loraproof.circuit.groth16.SnarkjsJson;

/** A proof artifact reads back as written; a foreign, newer or oversized file is refused naming it. */
class ProofArtifactTest {
    private static final Path SNARKJS = Path.of(System.getProperty("user.dir")).getParent().resolve("testdata/vectors/snarkjs");

    @Test
    void readsBackWhatItWrites() throws Exception {
        Proof proof = SnarkjsJson.readProof(Artifacts.JSON.readTree(Files.readAllBytes(SNARKJS.resolve("mixed.proof.json"))),
                "mixed.proof.json");
        List<Fr> signals = SnarkjsJson.readPublicSignals(Artifacts.JSON.readTree(Files.readAllBytes(
                SNARKJS.resolve("mixed.public.json"))), "mixed.public.json");
        ObjectNode params = Artifacts.JSON.createObjectNode().put("dOut", 8);
        ObjectNode meta = Artifacts.JSON.createObjectNode().put("model", "m").put("samples", 3);
        ProofArtifact a = new ProofArtifact("m-1", "lora-merge", params, proof, signals, List.of("x", "y"), "c", "ab", meta);
        byte[] bytes = a.toBytes();
        ProofArtifact b = ProofArtifact.read(bytes, "m-1.proof.json.gz");
        assertEquals(a.id(), b.id());
        assertEquals(a.statement(), b.statement());
        assertEquals(params, b.params());
        assertEquals(signals, b.publicSignals());
        assertEquals(List.of("x", "y"), b.publicInputs());
        assertEquals("c", b.verificationKeyId());
        assertEquals(meta, b.metadata());
        assertArrayEquals(bytes, b.toBytes(), "the same bytes again");
        assertEquals(SnarkjsJson.proof(proof), SnarkjsJson.proof(b.proof()));

        ObjectNode foreign = Artifacts.document("something-else");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProofArtifact.read(Artifacts.gzip(Artifacts.bytes(foreign)), "f.proof.json.gz"));
        assertTrue(e.getMessage().startsWith("f.proof.json.gz"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ProofArtifact.read(new byte[ProofArtifact.MAX_BYTES + 1], "big.proof.json.gz"));
    }
}
