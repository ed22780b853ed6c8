package org.loraproof.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.HadoopConf;
import org.loraproof.storage.TestServers;

/**
 * A datanode stopped in the middle of a distributed proof: the key's blocks have a second replica,
 * the executors read their chunks from it, and the proof is the serial one.
 */
class LostDatanodeTest {
    @Test
    void aDatanodeStoppedMidJobChangesNothing() throws Exception {
        String root = TestServers.hdfs() + "/lost-datanode";
        MiniDFSCluster cluster = TestServers.hdfsCluster();
        String key = root + "/mixed.zkey", wtns = root + "/mixed.wtns";
        var conf = HadoopConf.create();
        conf.setLong("dfs.blocksize", 1 << 20); // many blocks, spread over the datanodes
        ArtifactStore.writeAtomically(new Path(key), conf, Files.readAllBytes(SparkGroth16Test.vector("mixed.zkey")));
        ArtifactStore.writeAtomically(new Path(wtns), conf, Files.readAllBytes(SparkGroth16Test.vector("mixed.wtns")));
        JavaSparkContext sc = SparkRuntime.start("local[2]", List.of("spark.kryo.registrationRequired=true"),
                "LostDatanodeTest");
        AtomicBoolean stopped = new AtomicBoolean();
        MiniDFSCluster.DataNodeProperties lost = null;
        try {
            MiniDFSCluster.DataNodeProperties[] holder = new MiniDFSCluster.DataNodeProperties[1];
            SparkGroth16.Result r = SparkGroth16.proveInPartitions(sc, key, wtns, 4, SparkGroth16Test.R,
                    SparkGroth16Test.S, phase -> {
                        // the driver has read the key's frame; the executors have not read their ranges of it
                        if (phase.startsWith("A·B − C in 4 stages") && stopped.compareAndSet(false, true)) {
                            holder[0] = cluster.stopDataNode(0);
                        }
                    });
            lost = holder[0];
            assertTrue(stopped.get() && lost != null, "a datanode was stopped during the job");
            assertEquals(SparkGroth16Test.serial("mixed"), r.proof());
        } finally {
            sc.stop();
            if (lost != null) {
                cluster.restartDataNode(lost, true);
                cluster.waitActive();
            }
        }
    }
}
