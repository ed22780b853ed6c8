package org.loraproof.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributed prover on separate executor JVMs ({@code local-cluster[2,1,1024]}: two
 * workers, one core each): the executors get the JDK 17 flags and the vector module from
 * {@code conf/spark-defaults.conf}, and the proof is the serial one (a circom circuit and lora-merge).
 */
class LocalClusterTest {
    @Test
    void executorsInTheirOwnJvmsProveTheSerialProof(@TempDir Path dir) throws Exception {
        JavaSparkContext sc = SparkRuntime.start("local-cluster[2,1,1024]",
                List.of("spark.kryo.registrationRequired=true", "spark.executor.memory=1g"), "LocalClusterTest");
        try {
            long driver = ProcessHandle.current().pid();
            List<String> seen = sc.parallelize(List.of(0, 1, 2, 3), 4).map(i -> ProcessHandle.current().pid() + " "
                    + ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() + " "
                    + org.loraproof.circuit.bn254.Simd.ENABLED).collect();
            for (String s : seen) {
                String[] f = s.split(" ");
                assertNotEquals(String.valueOf(driver), f[0], "a task ran in the driver's JVM");
                assertEquals("true", f[1], "the executor lacks jdk.incubator.vector: " + s);
            }
            assertTrue(seen.stream().map(s -> s.split(" ")[0]).distinct().count() >= 1);
            Path key = SparkGroth16Test.indexedKey(dir, "mixed", 3);
            SparkGroth16.Result r = SparkGroth16.prove(sc, key.toUri().toString(),
                    SparkGroth16Test.vector("mixed.wtns").toUri().toString(), 0, SparkGroth16Test.R, SparkGroth16Test.S,
                    phase -> { });
            assertEquals(SparkGroth16Test.serial("mixed"), r.proof());
            assertEquals(2, r.stats().executors());
            LoraMergeKey lora = LoraMergeKey.write(dir, 4);
            SparkGroth16.Result l = SparkGroth16.prove(sc, lora.key().toUri().toString(), lora.witness().toUri().toString(),
                    0, SparkGroth16Test.R, SparkGroth16Test.S, phase -> { });
            assertEquals(lora.serialProof(), LoraMergeKey.bytes(l.proof()), "lora-merge on local-cluster");
            assertTrue(l.stats().tasks().stream().noneMatch(t -> t.executor().startsWith(driver + "@")),
                    "a partition ran in the driver's JVM");
        } finally {
            sc.stop();
        }
    }
}
