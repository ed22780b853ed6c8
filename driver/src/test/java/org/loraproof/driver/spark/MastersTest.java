package org.loraproof.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same proof bytes, under the same blinding, from the serial prover and from Spark with one
 * and with four task threads, on the lora-merge circuit (by its chunk index and by partition
 * counts) and on a circom circuit.
 */
class MastersTest {
    @Test
    void localOneAndLocalFourProveTheSerialBytes(@TempDir Path dir) throws Exception {
        LoraMergeKey lora = LoraMergeKey.write(dir, 3);
        String mixed = LoraMergeKey.bytes(SparkGroth16Test.serial("mixed"));
        for (String master : List.of("local[1]", "local[4]")) {
            JavaSparkContext sc = SparkRuntime.start(master, List.of("spark.kryo.registrationRequired=true"), "MastersTest");
            try {
                SparkGroth16.Result byIndex = SparkGroth16.prove(sc, lora.key().toUri().toString(),
                        lora.witness().toUri().toString(), 0, SparkGroth16Test.R, SparkGroth16Test.S, phase -> { });
                assertEquals(lora.serialProof(), LoraMergeKey.bytes(byIndex.proof()), master + ", lora-merge by its index");
                assertEquals(sc.defaultParallelism(), byIndex.stats().partitions());
                assertEquals(sc.defaultParallelism(), byIndex.stats().tasks().size());
                for (int n : new int[] {1, 4}) {
                    SparkGroth16.Result r = SparkGroth16.prove(sc, SparkGroth16Test.vector("mixed.zkey").toUri().toString(),
                            SparkGroth16Test.vector("mixed.wtns").toUri().toString(), n, SparkGroth16Test.R,
                            SparkGroth16Test.S, phase -> { });
                    assertEquals(mixed, LoraMergeKey.bytes(r.proof()), master + ", mixed on " + n + " partitions");
                }
            } finally {
                sc.stop();
            }
        }
    }
}
