package org.loraproof.driver.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.loraproof.executors.ProofVerdict;

/**
 * Verification of many proofs as one Spark stage: the driver lists them and cuts the list into
 * partitions; each task verifies its proofs with the function given (which keeps what it prepares,
 * such as verification keys, for the executor JVM's later tasks) and returns one verdict per proof.
 */
public final class SparkVerify {
    private SparkVerify() {
    }

    /** Verdicts in the order of {@code proofs}; {@code partitions} 0: four per core of the default parallelism. */
    public static List<ProofVerdict> run(JavaSparkContext sc, List<String> proofs, int partitions,
            FlatMapFunction<Iterator<String>, ProofVerdict> verifyPartition) {
        int n = partitions > 0 ? partitions : Math.max(1, Math.min(proofs.size(), 4 * sc.defaultParallelism()));
        try {
            return sc.parallelize(proofs, n).mapPartitions(verifyPartition).collect();
        } catch (Exception e) { // Spark's checked exceptions come undeclared
            throw SparkErrors.unwrap(e);
        }
    }
}
