package org.loraproof.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
        // the last public signal (τ) one higher: a well-formed proof of another statement
        var doc = (com.fasterxml.jackson.databind.node.ObjectNode) Artifacts.JSON.readTree(json);
        var signals = (com.fasterxml.jackson.databind.node.ArrayNode) doc.get("publicSignals");
        int last = signals.size() - 1;
        signals.set(last, signals.get(last).asText().equals("1") ? "2" : "1");
        s.write("proofs/bad/public-signal.proof.json.gz", gzip(Artifacts.bytes(doc), 6));
        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x10;
        s.write("proofs/bad/flipped.proof.json.gz", flipped);
        s.write("proofs/bad/truncated.proof.json.gz", java.util.Arrays.copyOf(good, good.length / 2));
        s.write("proofs/bad/foreign.proof.json.gz", gzip("{\"format\":\"something-else\",\"version\":1}".getBytes(), 6));
        assertEquals(200, s.list("proofs", ".proof.json.gz").size());

        Groth16CommandTest.Run v = Groth16CommandTest.run("verify", "--store", store, "proofs/", "--master", "local[2]",
                "--conf", "spark.kryo.registrationRequired=true", "--report", store + "/reports/first");
        assertEquals(1, v.exit(), v.out() + v.err());
        assertEquals(1, v.out().strip().lines().count(), "only the summary line without -v: " + v.out());
        assertTrue(v.out().startsWith("196 of 200 proofs verified, 4 failed"), v.out());
        JsonNode report = Artifacts.JSON.readTree(s.read("reports/first/report.json"));
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
        assertTrue(new String(s.read("reports/first/report.md")).contains("| **FAILED** |"));

        // the next night: one new proof (the same statement, compressed differently: other bytes)
        s.write("proofs/new.proof.json.gz", gzip(json, 1));
        assertTrue(!java.util.Arrays.equals(good, s.read("proofs/new.proof.json.gz")), "the new proof has other bytes");
        Groth16CommandTest.Run again = Groth16CommandTest.run("verify", "--store", store, "proofs/",
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
        Groth16CommandTest.Run none = Groth16CommandTest.run("verify", "--store", store, "nothing-here/");
        assertEquals(2, none.exit(), none.out() + none.err());
    }
}
