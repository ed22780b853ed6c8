package org.loraproof.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import org.loraproof.storage.TestServers;

/**
 * The nightly run a scheduler makes, on Spark over an HDFS prefix: 200 proofs of which three are
 * tampered with (a changed public signal, a flipped byte, a truncated gzip) and one is of another
 * format; the report names exactly those four with their reasons and the exit code is 1; a second
 * run since the first report verifies only what is new or failed.
 */
class VerifyPipelineTest {
    /** A report folder as verify names them (its UTC time). */
    private static final String FIRST = "2026-01-01T02-00-00.000000001Z";

    static byte[] gzip(byte[] b, int level) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out) {
            {
                def.setLevel(level);
            }
        }) {
            g.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void twoHundredProofsFourBadThenAnIncrementalRun() throws Exception {
        String store = TestServers.hdfs() + "/nightly";
        String proof = RemoteStoresCommandTest.pipeline(TestServers.hdfs() + "/nightly-data", store);
        ArtifactStore s = new ArtifactStore(store);
        String name = proof.substring(proof.lastIndexOf('/') + 1);
        byte[] good = s.read("proofs/" + name);
        byte[] json;
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(good))) {
            json = in.readAllBytes();
        }
        for (int i = 1; i < 196; i++) {
            s.write(String.format("proofs/batch/copy-%03d.proof.json.gz", i), good);
        }
        // the nonce (which a verifier without --nonce takes as the prover's) one higher: a well-formed proof of
        // another statement, which only the pairing check can refuse
        var doc = (com.fasterxml.jackson.databind.node.ObjectNode) Artifacts.JSON.readTree(json);
        var signals = (com.fasterxml.jackson.databind.node.ArrayNode) doc.get("publicSignals");
        signals.set(4, new java.math.BigInteger(signals.get(4).asText()).add(java.math.BigInteger.ONE).toString());
        s.write("proofs/bad/public-signal.proof.json.gz", gzip(Artifacts.bytes(doc), 6));
        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x10;
        s.write("proofs/bad/flipped.proof.json.gz", flipped);
        s.write("proofs/bad/truncated.proof.json.gz", java.util.Arrays.copyOf(good, good.length / 2));
        s.write("proofs/bad/foreign.proof.json.gz", gzip("{\"format\":\"something-else\",\"version\":1}".getBytes(), 6));
        assertEquals(200, s.list("proofs", ".proof.json.gz").size());

        CommandRun v = CommandRun.of("verify", "--store", store, "proofs/", "--master", "local[2]",
                "--conf", "spark.kryo.registrationRequired=true", "--report", store + "/reports/" + FIRST);
        assertEquals(1, v.exit(), v.out() + v.err());
        assertEquals(1, v.out().strip().lines().count(), "only the summary line without -v: " + v.out());
        assertTrue(v.out().startsWith("196 of 200 proofs verified, 4 failed"), v.out());
        JsonNode report = Artifacts.JSON.readTree(s.read("reports/" + FIRST + "/report.json"));
        Map<String, String> failures = new TreeMap<>();
        for (JsonNode r : report.get("results")) {
            if (!r.get("valid").asBoolean()) {
                failures.put(r.get("proof").asText().replaceAll(".*/", ""), r.get("reason").asText());
            }
        }
        assertEquals(java.util.Set.of("public-signal.proof.json.gz", "flipped.proof.json.gz", "truncated.proof.json.gz",
                "foreign.proof.json.gz"), failures.keySet(), failures.toString());
        assertTrue(failures.get("public-signal.proof.json.gz").contains("pairing"), failures.toString());
        assertTrue(failures.get("truncated.proof.json.gz").contains("gzip"), failures.toString());
        assertTrue(failures.get("foreign.proof.json.gz").contains("something-else"), failures.toString());
        assertTrue(new String(s.read("reports/" + FIRST + "/report.md")).contains("| **FAILED** |"));

        // a report that verify did not write (not a reports/<UTC time>/ folder) is not taken for the latest, even
        // one that calls the bad proofs verified
        ObjectNode decoy = (ObjectNode) report.deepCopy();
        for (JsonNode r : decoy.get("results")) {
            ((ObjectNode) r).put("valid", true);
        }
        s.write("reports/zzz-decoy/report.json", Artifacts.bytes(decoy));
        // the next night: one new proof (the same statement, compressed differently: other bytes)
        s.write("proofs/new.proof.json.gz", gzip(json, 1));
        assertTrue(!java.util.Arrays.equals(good, s.read("proofs/new.proof.json.gz")), "the new proof has other bytes");
        CommandRun again = CommandRun.of("verify", "--store", store, "proofs/",
                "--since", "latest", "--report", store + "/reports/second");
        assertEquals(1, again.exit(), again.out() + again.err());
        assertTrue(again.out().startsWith("197 of 201 proofs verified (196 verified before), 4 failed"), again.out());
        JsonNode second = Artifacts.JSON.readTree(s.read("reports/second/report.json"));
        for (JsonNode r : second.get("results")) {
            if (r.get("proof").asText().endsWith("/new.proof.json.gz")) {
                assertEquals("verified", r.get("result").asText());
            }
        }
        // a run that cannot complete: exit 2
        CommandRun none = CommandRun.of("verify", "--store", store, "nothing-here/");
        assertEquals(2, none.exit(), none.out() + none.err());
    }

    @Test
    void anAuditDrawsAFreshNonceProvesVerifiesAndIsRecordedAndAnOldNonceIsRefused() throws Exception {
        String store = TestServers.hdfs() + "/audited";
        String data = TestServers.hdfs() + "/audited-data";
        String proof = RemoteStoresCommandTest.pipeline(data, store);
        ArtifactStore s = new ArtifactStore(store);
        String earlier = Artifacts.JSON.readTree(Artifacts.gunzip(s.read("proofs/" + proof.replaceAll(".*/", "")), proof))
                .path("metadata").path("nonce").asText();

        CommandRun a = CommandRun.of("audit", "--store", store, "--model", "m", "--master", "local[1]",
                "--conf", "spark.kryo.registrationRequired=true", "--report", store + "/reports/audit-1");
        assertEquals(0, a.exit(), a.out() + a.err());
        assertTrue(a.out().startsWith("audit of m verified: k = 2 positions"), a.out());
        JsonNode audit = Artifacts.JSON.readTree(s.read("reports/audit-1/report.json"));
        JsonNode rec = audit.get("audit");
        assertEquals("m", rec.get("model").asText());
        assertEquals("verified", rec.get("result").asText());
        assertEquals(2, rec.get("samples").asInt());
        assertEquals(1 - Math.pow(0.99, 2), rec.get("detectionProbability").get("epsilon=1%").asDouble(), 1e-12);
        assertTrue(!rec.get("nonce").asText().equals(earlier), "a fresh nonce, not the one proved before");
        assertTrue(java.time.Instant.parse(rec.get("nonceDrawn").asText())
                .compareTo(java.time.Instant.parse(rec.get("commitmentWritten").asText())) >= 0);
        JsonNode result = audit.get("results").get(0);
        assertEquals("verified", result.get("result").asText());
        assertTrue(s.exists("proofs/" + result.get("proof").asText().replaceAll(".*/", "")));
        assertTrue(new String(s.read("reports/audit-1/report.md")).startsWith("# Audit of m"));

        // the earlier nonce was drawn after the commitment: accepted
        assertEquals(0, CommandRun.of("audit", "--store", store, "--model", "m", "--nonce", earlier,
                "--report", store + "/reports/audit-2").exit());
        // committed again: that nonce is now older than the commitment, and a nonce never drawn is no better
        RemoteStoresCommandTest.ok("commit", "--store", store, "--model", "m", "--base", data + "/base.safetensors",
                "--merged", data + "/merged.safetensors", "--adapter", data + "/adapter", "--leaf-size", "4", "--replace");
        CommandRun old = CommandRun.of("audit", "--store", store, "--model", "m", "--nonce", earlier);
        assertEquals(2, old.exit(), old.out() + old.err());
        assertTrue(old.err().contains("before model m's commitment was written"), old.err());
        CommandRun made = CommandRun.of("audit", "--store", store, "--model", "m", "--nonce", "12345");
        assertEquals(2, made.exit(), made.out() + made.err());
        assertTrue(made.err().contains("was not drawn by loraproof challenge"), made.err());
        assertEquals(1, made.err().strip().lines().count(), made.err());
    }
}
