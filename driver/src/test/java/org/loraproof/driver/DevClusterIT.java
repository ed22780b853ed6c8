package org.loraproof.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loraproof.circuit.Snarkjs;
import org.loraproof.circuit.Vectors;

/**
 * A proof submitted as users submit one, in the order that once failed: a {@code local-cluster} proof
 * through {@code bin/loraproof} (beside a stale, empty Spark home such as an older runtime left), then
 * {@code bin/dev-cluster start} (a standalone master and two workers), {@code bin/spark-submit} of the
 * application jar with {@code groth16 prove}, snarkjs verifies, {@code bin/dev-cluster stop}. Runs
 * after the package phase, which makes the jar.
 */
class DevClusterIT {
    private static final Path ROOT = Path.of(System.getProperty("loraproof.root", "..")).toAbsolutePath().normalize();

    record Out(int exit, String text) {
    }

    private static Out sh(Path dir, int port, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("LORAPROOF_NO_BUILD", "1");
        pb.environment().put("DEV_CLUSTER_PORT", String.valueOf(port));
        pb.environment().put("DEV_CLUSTER_MEMORY", "1g");
        pb.environment().put("DEV_CLUSTER_STORAGE", "0"); // the storage servers have tests of their own
        pb.environment().put("SPARK_DRIVER_JAVA_OPTS", "-Xmx1g");
        pb.environment().put("LORAPROOF_JAVA_OPTS", "-Xmx1g");
        pb.environment().put("LORAPROOF_PROVER_SOCKET", dir.resolve("no-prover.sock").toString());
        pb.environment().remove("SPARK_HOME");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Out(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static int freePortPair() throws IOException {
        for (int i = 0; i < 20; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            if (port < 65000) {
                return port;
            }
        }
        throw new IOException("no free port");
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isSymbolicLink(p) || !Files.isDirectory(p)) {
            Files.deleteIfExists(p);
            return;
        }
        try (var s = Files.list(p)) {
            for (Path c : s.toList()) {
                deleteTree(c);
            }
        }
        Files.delete(p);
    }

    @Test
    void spark_submitToTheDevClusterProvesWhatSnarkjsAccepts(@TempDir Path dir) throws Exception {
        int port = freePortPair();
        String cluster = ROOT.resolve("bin/dev-cluster").toString();
        String loraproof = ROOT.resolve("bin/loraproof").toString();
        Path key = dir.resolve("mixed.zkey");
        Files.copy(Vectors.file("snarkjs/mixed.zkey"), key);
        Out index = sh(dir, port, loraproof, "groth16", "index", key.toString(), "--chunks", "2");
        assertEquals(0, index.exit(), index.text());
        Path home = ROOT.resolve("driver/target/spark-home");
        deleteTree(home);
        Files.createDirectories(home.resolve("jars")); // empty and newer than classpath.txt
        Out local = sh(dir, port, loraproof, "groth16", "prove", "--master", "local-cluster[1,1,1024]", "--conf",
                "spark.executor.memory=1g", key.toString(), Vectors.file("snarkjs/mixed.wtns").toString(),
                "local-proof.json", "local-public.json");
        assertEquals(0, local.exit(), local.text());
        Out start = sh(dir, port, cluster, "start");
        try {
            assertEquals(0, start.exit(), start.text());
            assertEquals(0, sh(dir, port, cluster, "status").exit());
            List<String> submit = List.of(ROOT.resolve("bin/spark-submit").toString(), "--master",
                    "spark://127.0.0.1:" + port, "--class", "org.loraproof.driver.Main", "--properties-file",
                    ROOT.resolve("conf/spark-defaults.conf").toString(), "--conf", "spark.executor.memory=1g",
                    "--conf", "spark.kryo.registrationRequired=true",
                    ROOT.resolve("driver/target/loraproof-spark.jar").toString(), "groth16", "prove", key.toString(),
                    Vectors.file("snarkjs/mixed.wtns").toString(), "proof.json", "public.json");
            Out proved = sh(dir, port, submit.toArray(String[]::new));
            assertEquals(0, proved.exit(), proved.text());
            assertTrue(proved.text().contains("proved on 2 partitions, 2 executor(s)"), proved.text());
            Snarkjs.Result ok = Snarkjs.run("groth16", "verify", Vectors.file("snarkjs/mixed.vkey.json").toString(),
                    dir.resolve("public.json").toString(), dir.resolve("proof.json").toString());
            assertTrue(ok.ok() && ok.output().contains("OK"), ok.output());
            assertEquals(Files.readString(dir.resolve("local-public.json")), Files.readString(dir.resolve("public.json")));
        } finally {
            Out stop = sh(dir, port, cluster, "stop");
            assertEquals(0, stop.exit(), stop.text());
        }
        assertEquals(1, sh(dir, port, cluster, "status").exit());
    }
}
