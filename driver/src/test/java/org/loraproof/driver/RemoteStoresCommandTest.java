package org.loraproof.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loraproof.circuit.Snarkjs;
import org.loraproof.storage.HadoopConf;
import org.loraproof.storage.TestServers;

/**
 * The command line against running servers: the lora-merge pipeline with its inputs on HDFS
 * and its store on S3 (and the other way round, proving on local-cluster executors that read
 * their key chunks from HDFS themselves), {@code groth16 prove} with every file on S3, and a store
 * that cannot be reached, refuses the credentials or has no bucket: one line naming the URI.
 */
class RemoteStoresCommandTest {
    static String hdfs, s3;

    @BeforeAll
    static void servers() throws Exception {
        hdfs = TestServers.hdfs();
        s3 = TestServers.s3();
        TestServers.confDir();
    }

    static CommandRun ok(String... args) {
        CommandRun r = CommandRun.of(args);
        assertEquals(0, r.exit(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }

    /** generate, commit, challenge, setup, prove, verify (a prefix), inspect; returns the proof's URI. */
    static String pipeline(String data, String store, String... proveOptions) {
        ok("generate", "--out", data, "--dout", "6", "--din", "5", "--rank", "2");
        ok("commit", "--store", store, "--model", "m", "--base", data + "/base.safetensors", "--merged",
                data + "/merged.safetensors", "--adapter", data + "/adapter", "--leaf-size", "4");
        String nonce = ok("challenge", "--store", store, "--model", "m").out().trim();
        ok("setup", "--store", store, "--model", "m", "--samples", "2");
        List<String> prove = new java.util.ArrayList<>(List.of("prove", "--store", store, "--model", "m", "--nonce", nonce,
                "--samples", "2"));
        prove.addAll(List.of(proveOptions));
        String id = ok(prove.toArray(String[]::new)).out().trim();
        CommandRun v = ok("verify", "--store", store, "proofs/");
        assertTrue(v.out().contains("1 of 1 proofs verified"), v.out());
        String proof = store + "/proofs/" + id + ".proof.json.gz";
        assertTrue(ok("inspect", proof).out().contains("lora-merge"));
        return proof;
    }

    @Test
    void inputsOnHdfsStoreOnS3() throws Exception {
        pipeline(hdfs + "/in/data", s3 + "/store1");
    }

    @Test
    void inputsOnS3StoreOnHdfsProvedOnLocalClusterExecutors() throws Exception {
        String store = hdfs + "/store2";
        // executors in their own JVMs read the model on S3 themselves: they get its settings as spark-submit would give them
        List<String> options = new java.util.ArrayList<>(List.of("--master", "local-cluster[2,1,1024]", "--conf",
                "spark.executor.memory=1g"));
        TestServers.s3Settings().forEach((k, v) -> options.addAll(List.of("--conf", "spark.hadoop." + k + "=" + v)));
        pipeline(s3 + "/in/data", store, options.toArray(String[]::new));
        org.apache.hadoop.fs.Path openings = new org.apache.hadoop.fs.Path(store + "/models/m/openings");
        FileSystem fs = openings.getFileSystem(HadoopConf.create());
        org.apache.hadoop.fs.Path opening = fs.listStatus(openings)[0].getPath();
        assertEquals((short) 0600, fs.getFileStatus(opening).getPermission().toShort(), "the opening is the owner's only");
    }

    @Test
    void aTruncatedOrNonFiniteModelOnHdfsFailsTheCommitInOneLineAndLeavesNothing() throws Exception {
        String data = hdfs + "/bad/data", store = hdfs + "/bad/store";
        var conf = HadoopConf.create();
        ok("generate", "--out", data, "--dout", "6", "--din", "5", "--rank", "2");
        String merged = data + "/merged.safetensors";
        byte[] good = org.loraproof.storage.ArtifactStore.readUri(merged, conf);
        byte[] nan = good.clone();
        nan[nan.length - 2] = (byte) 0xc0; // the last weight (F32, little-endian) becomes NaN
        nan[nan.length - 1] = 0x7f;
        for (byte[] bad : new byte[][] {java.util.Arrays.copyOf(good, good.length - 8), nan}) {
            org.loraproof.storage.ArtifactStore.writeAtomically(new org.apache.hadoop.fs.Path(merged), conf, bad);
            CommandRun r = CommandRun.of("commit", "--store", store, "--model", "bad", "--base",
                    data + "/base.safetensors", "--merged", merged, "--adapter", data + "/adapter", "--leaf-size", "4",
                    "--master", "local[2]", "--blocks", "2");
            assertEquals(1, r.exit(), r.out() + r.err());
            String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.startsWith("loraproof: ") && last.contains("merged.safetensors")
                    && (bad == nan ? last.contains("[5, 4] = NaN is not finite") : last.contains("truncated")), r.err());
            org.apache.hadoop.fs.Path models = new org.apache.hadoop.fs.Path(store + "/models");
            FileSystem fs = models.getFileSystem(conf);
            assertFalse(fs.exists(models) && fs.listFiles(models, true).hasNext(), "no commitment, opening or node file");
        }
    }

    @Test
    void groth16ProveWithEveryFileOnS3(@TempDir Path dir) throws Exception {
        String zkey = s3 + "/g16/mixed.zkey", wtns = s3 + "/g16/mixed.wtns", proof = s3 + "/g16/proof.json",
                pub = s3 + "/g16/public.json";
        ok("groth16", "setup", org.loraproof.circuit.Vectors.file("snarkjs/mixed.r1cs").toString(), zkey);
        byte[] w = Files.readAllBytes(org.loraproof.circuit.Vectors.file("snarkjs/mixed.wtns"));
        org.loraproof.storage.ArtifactStore.writeAtomically(new org.apache.hadoop.fs.Path(wtns), HadoopConf.create(), w);
        ok("groth16", "prove", zkey, wtns, proof, pub, "--master", "local[2]");
        Path vk = dir.resolve("vk.json"), localProof = dir.resolve("proof.json"), localPub = dir.resolve("public.json");
        ok("groth16", "export-vk", zkey, vk.toString());
        org.loraproof.storage.ArtifactStore store = new org.loraproof.storage.ArtifactStore(s3 + "/g16");
        Files.write(localProof, store.read("proof.json"));
        Files.write(localPub, store.read("public.json"));
        Snarkjs.Result r = Snarkjs.run("groth16", "verify", vk.toString(), localPub.toString(), localProof.toString());
        assertTrue(r.ok() && r.output().contains("OK"), r.output());
        assertEquals("OK", ok("groth16", "verify", vk.toString(), pub, proof).out().trim());
    }

    @Test
    void anUnreachableDeniedOrMissingStoreIsOneLineNamingTheUri() {
        java.util.Map<String, String> causes = java.util.Map.of(TestServers.UNREACHABLE, "cannot reach the S3 endpoint",
                TestServers.DENIED, "HTTP 403", TestServers.MISSING, "no such bucket");
        for (String bucket : List.of(TestServers.UNREACHABLE, TestServers.DENIED, TestServers.MISSING)) {
            String uri = "s3a://" + bucket + "/proofs/p.proof.json.gz";
            long t0 = System.nanoTime();
            CommandRun r = CommandRun.of("inspect", uri);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(1, r.exit(), r.out() + r.err());
            List<String> lines = r.err().strip().lines().toList();
            assertEquals(1, lines.size(), r.err());
            assertTrue(lines.get(0).startsWith("loraproof: " + uri + ": ") && lines.get(0).contains(causes.get(bucket)),
                    r.err());
            assertFalse(lines.get(0).contains("not-the-credential") || lines.get(0).contains("loraproof-test-credential"),
                    "no secret in the message");
            System.out.printf("%s: %.1f s: %s%n", bucket, seconds, lines.get(0));
        }
    }
}
