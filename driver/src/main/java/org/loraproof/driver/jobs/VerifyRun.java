package org.loraproof.driver.jobs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.driver.spark.SparkGroth16;
import org.loraproof.driver.spark.SparkRuntime;
import org.loraproof.driver.spark.SparkSettings;
import org.loraproof.driver.spark.SparkVerify;
import org.loraproof.executors.ProofVerdict;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.HadoopConf;

/**
 * Verifies proofs against what the store publishes: in this JVM, or as one Spark stage whose tasks
 * each verify a partition of the proofs ({@link VerifyPartition}). Verdicts in the order of the proofs.
 */
public final class VerifyRun {
    private VerifyRun() {
    }

    /** The verdicts, the seconds they took, and where they ran (master null: in this JVM). */
    public record Result(List<ProofVerdict> verdicts, double seconds, String master, int executors) {
    }

    /**
     * Verifies proofs (URIs), skipping those verifiedBefore lists ("proof:key" checksums), with the
     * largest τ accepted (null: each model's) and the nonce the proofs must use (null: any).
     */
    public static Result run(ArtifactStore store, List<String> proofs, Set<String> verifiedBefore, Long tolerance,
            Fr nonce, SparkSettings spark) throws IOException {
        long t0 = System.nanoTime();
        List<ProofVerdict> verdicts = new ArrayList<>();
        if (spark == null) {
            ProofVerifier verifier = new ProofVerifier(store, tolerance, nonce);
            for (String p : proofs) {
                verdicts.add(verifier.verify(p, verifiedBefore));
            }
            return new Result(verdicts, (System.nanoTime() - t0) / 1e9, null, 1);
        }
        try (JavaSparkContext sc = SparkRuntime.start(spark.master(), spark.conf(), "loraproof verify")) {
            VerifyPartition task = new VerifyPartition(store.baseUri(), SparkRuntime.hadoopSettings(sc.getConf()),
                    verifiedBefore, tolerance, nonce == null ? null : nonce.toString());
            verdicts.addAll(SparkVerify.run(sc, proofs, 0, task));
            return new Result(verdicts, (System.nanoTime() - t0) / 1e9, sc.master(), SparkGroth16.executors(sc));
        }
    }

    /** One partition's proofs, verified on an executor against the store; a verdict per proof. */
    static final class VerifyPartition implements FlatMapFunction<Iterator<String>, ProofVerdict> {
        private static final long serialVersionUID = 1L;
        private final String base;
        private final Map<String, String> hadoop;
        private final Set<String> skip;
        private final Long tolerance;
        private final String nonce;

        VerifyPartition(String base, Map<String, String> hadoop, Set<String> skip, Long tolerance, String nonce) {
            this.base = base;
            this.hadoop = Map.copyOf(hadoop);
            this.skip = new HashSet<>(skip);
            this.tolerance = tolerance;
            this.nonce = nonce;
        }

        @Override
        public Iterator<ProofVerdict> call(Iterator<String> proofs) {
            var conf = HadoopConf.create();
            hadoop.forEach(conf::set);
            ProofVerifier verifier = new ProofVerifier(new ArtifactStore(base, conf), tolerance,
                    nonce == null ? null : LoraMergeJob.parseNonce(nonce));
            List<ProofVerdict> out = new ArrayList<>();
            proofs.forEachRemaining(p -> out.add(verifier.verify(p, skip)));
            return out.iterator();
        }
    }
}
