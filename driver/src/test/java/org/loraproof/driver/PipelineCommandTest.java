package org.loraproof.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.loraproof.storage.Artifacts;

/** The model commands end to end at a tiny size: generate, commit, challenge, setup, prove, verify, inspect. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineCommandTest {
    @TempDir
    static Path dir;
    static String store;
    static String data;

    @BeforeAll
    static void generate() {
        store = dir.resolve("store").toString();
        data = dir.resolve("data").toString();
        CommandRun g = CommandRun.of("generate", "--out", data, "--dout", "6", "--din", "5", "--rank", "2");
        assertEquals(0, g.exit(), g.err());
    }

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    private static String[] commitArgs(String model, String merged) {
        return new String[] {"commit", "--store", store, "--model", model, "--base", data + "/base.safetensors", "--merged",
            merged, "--adapter", data + "/adapter", "--leaf-size", "4"};
    }

    @Test
    @Order(1)
    void commitChallengeSetupProveVerifyInspect() throws Exception {
        assertEquals(0, run(commitArgs("tiny", data + "/merged.safetensors")).exit());
        Path opening;
        try (var s = Files.list(dir.resolve("store/models/tiny/openings"))) {
            opening = s.filter(f -> f.toString().endsWith(".bin")).findFirst().orElseThrow();
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(opening)));
        String commitment = Files.readString(dir.resolve("store/models/tiny/commitment.json"));
        String openingText = Files.readString(opening);
        String blind = openingText.replaceAll("(?s).*\"eff\" : \"(\\d+)\".*", "$1");
        assertTrue(!commitment.contains(blind), "the public commitment does not reveal the blinds");
        CommandRun c = run("challenge", "--store", store, "--model", "tiny");
        assertEquals(0, c.exit(), c.err());
        String nonce = c.out().trim();
        assertEquals(0, run("setup", "--store", store, "--model", "tiny", "--samples", "2").exit());
        // without --samples, the k of the circuit set up for the shape
        CommandRun p = run("prove", "--store", store, "--model", "tiny", "--nonce", nonce);
        assertEquals(0, p.exit(), p.err());
        String id = p.out().trim();
        CommandRun v = run("verify", "--store", store, "proofs/" + id + ".proof.json.gz");
        assertEquals(0, v.exit(), v.out() + v.err());
        assertTrue(v.out().startsWith("OK"), v.out());
        CommandRun i = run("inspect", dir.resolve("store/proofs/" + id + ".proof.json.gz").toString());
        assertEquals(0, i.exit(), i.err());
        assertTrue(i.out().contains("catches 1% wrong weights with probability 0.0199"), i.out());
        assertTrue(!i.out().contains(blind), "the proof artifact does not reveal the blinds");
    }

    @Test
    @Order(2)
    void changedFilesAndBadInputsFailWithOneClearLine() throws Exception {
        // the merged weights change after commit: prove refuses
        Path merged = dir.resolve("data/merged.safetensors"), copy = dir.resolve("data/merged-copy.safetensors");
        Files.copy(merged, copy);
        assertEquals(0, run(commitArgs("moved", copy.toString())).exit());
        byte[] b = Files.readAllBytes(copy);
        b[b.length - 2] ^= 0x01; // change the last weight by about 2^-7 of itself
        Files.write(copy, b);
        assertEquals(0, run("setup", "--store", store, "--model", "moved", "--samples", "2").exit());
        CommandRun p = run("prove", "--store", store, "--model", "moved", "--nonce", "7", "--samples", "2");
        assertEquals(1, p.exit());
        assertTrue(p.err().contains("no longer matches the commitment"), p.err());
        assertTrue(!Files.exists(dir.resolve("store/proofs/moved-7.proof.json.gz")));
        // a truncated safetensors file
        Path truncated = dir.resolve("data/truncated.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(merged), 100));
        CommandRun t = run(commitArgs("broken", truncated.toString()));
        assertEquals(1, t.exit());
        String last = t.err().strip().lines().reduce((first, second) -> second).orElse("");
        assertTrue(last.startsWith("loraproof: ") && last.contains("truncated.safetensors"), t.err());
        assertTrue(!Files.exists(dir.resolve("store/models/broken")), "no partial model left behind");
        assertEquals(1, run("prove", "--store", store, "--model", "nosuch", "--nonce", "1").exit());
        assertEquals(1, run("prove", "--store", store, "--model", "tiny", "--nonce", "-3").exit());
        // --detect sets k: catching half the weights wrong with probability 0.9 takes k = 4
        CommandRun detect = run("setup", "--store", store, "--model", "tiny", "--detect", "0.5:0.9");
        assertEquals(0, detect.exit(), detect.err());
        assertTrue(detect.out().contains("-k4-"), detect.out());
        for (String bad : new String[] {"0.5", "2:0.9", "x:y"}) {
            CommandRun refused = run("setup", "--store", store, "--model", "tiny", "--detect", bad);
            assertEquals(1, refused.exit());
            assertTrue(refused.err().contains("--detect"), refused.err());
        }
        assertEquals(1, run("setup", "--store", store, "--model", "tiny", "--detect", "0.5:0.9", "--samples", "4").exit());
        // two circuits for the shape: prove asks which
        assertEquals(0, run("setup", "--store", store, "--model", "tiny", "--samples", "3").exit());
        CommandRun two = run("prove", "--store", store, "--model", "tiny", "--nonce", "5");
        assertEquals(1, two.exit());
        assertTrue(two.err().contains("circuits for k = 2, 3, 4 are set up"), two.err());
    }

    @Test
    @Order(3)
    void verifyingAPrefixReportsEveryProofAndFailsOnABadOne() throws Exception {
        Path proofs = dir.resolve("store/proofs");
        Path good;
        try (var s = Files.list(proofs)) {
            good = s.filter(f -> f.toString().endsWith(".proof.json.gz")).findFirst().orElseThrow();
        }
        // a copy whose public input τ was raised: valid JSON, invalid proof
        String json;
        try (var in = new GZIPInputStream(Files.newInputStream(good))) {
            json = new String(in.readAllBytes());
        }
        String forged = json.replaceFirst("\"1\"\\s*\\]", "\"2\" ]");
        assertTrue(!forged.equals(json));
        try (var out = new GZIPOutputStream(Files.newOutputStream(proofs.resolve("forged.proof.json.gz")))) {
            out.write(forged.getBytes());
        }
        Files.write(proofs.resolve("corrupt.proof.json.gz"), new byte[] {31, -117, 8, 0, 1, 2});
        try (var out = new GZIPOutputStream(Files.newOutputStream(proofs.resolve("future.proof.json.gz")))) {
            out.write(json.replace("\"version\" : 1", "\"version\" : 9").getBytes());
        }
        // a proof of one model presented as another of the same shape (model moved, committed in order 2)
        ObjectNode relabelled = (ObjectNode) Artifacts.JSON.readTree(json);
        ((ObjectNode) relabelled.get("metadata")).put("model", "moved").remove("commitment");
        Path asOther = dir.resolve("as-other.proof.json.gz");
        Files.write(asOther, Artifacts.gzip(Artifacts.bytes(relabelled)));
        CommandRun other = run("verify", "--store", store, asOther.toString());
        assertEquals(1, other.exit(), other.out());
        assertTrue(other.out().contains("public input C_eff is not model moved's published commitment"), other.out());
        Path report = dir.resolve("report");
        CommandRun v = run("verify", "--store", store, "proofs/", "--report", report.toString(), "-v");
        assertEquals(1, v.exit());
        assertTrue(v.out().contains("1 of 4 proofs verified"), v.out());
        assertTrue(v.out().contains("corrupted gzip"), v.out());
        assertTrue(v.out().contains("newer than this loraproof reads"), v.out());
        assertTrue(v.out().contains("INVALID  " + proofs.resolve("forged.proof.json.gz").toUri().toString().replace("file:///", "file:/")), v.out());
        assertTrue(Files.readString(report.resolve("report.json")).contains("\"failed\" : 3"));
        assertTrue(Files.readString(report.resolve("report.md")).contains("**FAILED**"));
    }

    @Test
    @Order(4)
    void updateStatementsFromFilesToVerifiedProofs() throws Exception {
        for (String statement : new String[] {"lora-update", "sgd-update"}) {
            String step = dir.resolve("step-" + statement).toString();
            assertEquals(0, run("generate", "--statement", statement, "--out", step, "--dout", "4", "--din", "3", "--rank",
                    "2").exit());
            boolean lora = statement.equals("lora-update");
            String model = "step-" + statement;
            CommandRun c = run("commit", "--store", store, "--model", model, "--statement", statement,
                    "--before", step + (lora ? "/adapter" : "/before.safetensors"),
                    "--after", step + (lora ? "/adapter-after" : "/after.safetensors"),
                    "--gradients", step + "/gradients.safetensors", "--leaf-size", "2");
            assertEquals(0, c.exit(), c.err());
            assertEquals(0, run("setup", "--store", store, "--model", model).exit());
            CommandRun wrong = run("prove", "--store", store, "--model", model, "--learning-rate", "0.02");
            assertEquals(1, wrong.exit());
            assertTrue(wrong.err().contains("does not satisfy constraint") && wrong.err().contains(".update.remainder["),
                    wrong.err());
            CommandRun p = run("prove", "--store", store, "--model", model, "--learning-rate", "0.01");
            assertEquals(0, p.exit(), p.err());
            CommandRun v = run("verify", "--store", store, "proofs/" + p.out().trim() + ".proof.json.gz");
            assertEquals(0, v.exit(), v.out() + v.err());
        }
        CommandRun missing = run("commit", "--store", store, "--model", "x", "--statement", "sgd-update",
                "--before", data + "/base.safetensors");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("sgd-update needs --after"), missing.err());
    }
}
