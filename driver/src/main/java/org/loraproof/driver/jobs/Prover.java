package org.loraproof.driver.jobs;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.groth16.Groth16Prover;
import org.loraproof.circuit.groth16.Proof;
import org.loraproof.circuit.groth16.ProvingKey;
import org.loraproof.circuit.groth16.VerificationKey;
import org.loraproof.circuit.groth16.ZkeyFile;
import org.loraproof.circuit.r1cs.WtnsFile;
import org.loraproof.driver.spark.SparkGroth16;
import org.loraproof.storage.Location;

/**
 * Where a Groth16 proof is computed: in this JVM over the whole key ({@link #local}), or as a Spark
 * job whose executors read their chunks of the key and fold nothing themselves ({@link #spark}).
 * Either returns the proof, its public signals, the key's verification key and the figures; the
 * caller checks the proof and writes it.
 */
public interface Prover {
    /**
     * The proof with the key at key of the witness given as values (Montgomery limbs, {@code z}) or
     * as a .wtns file ({@code witness}: executors of a Spark prover read their segments of it).
     */
    Proved prove(Location key, long[] z, Location witness, Fr r, Fr s, Consumer<String> progress) throws IOException;

    /** A proof and what came with it; secondsPerPhase in the order the phases ran. */
    record Proved(Proof proof, List<Fr> publicSignals, VerificationKey verificationKey, int domainSize,
            Map<String, Double> secondsPerPhase, String master, int executors, int partitions, SparkGroth16.Stats stats) {
    }

    /** Reads (or finds) the proving key at a location. */
    @FunctionalInterface
    interface Keys {
        ProvingKey read(Location key) throws IOException;
    }

    /** A key read in parallel chunks straight into its arrays, from a local file or through storage. */
    static ProvingKey readKey(Location key) throws IOException {
        return key.isLocal() ? ZkeyFile.read(key.path()) : ZkeyFile.read(key.source(), key.toString());
    }

    /** The witness's values, given or read. */
    static long[] values(long[] z, Location witness) throws IOException {
        if (z != null) {
            return z;
        }
        return witness.isLocal() ? WtnsFile.read(witness.path()) : WtnsFile.read(witness.source(), witness.toString());
    }

    /** This JVM, every core, over the whole key as keys reads it. */
    static Prover local(Keys keys) {
        return (key, z, witness, r, s, progress) -> {
            long t0 = System.nanoTime();
            ProvingKey pk = keys.read(key);
            long[] values = values(z, witness);
            if (values.length / 4 != pk.numVariables()) {
                throw new IllegalArgumentException((witness != null ? witness : "the witness") + ": " + values.length / 4
                        + " witness values, but " + key + " is for " + pk.numVariables() + " variables");
            }
            long t1 = System.nanoTime();
            long[] phases = new long[3];
            Proof proof = Groth16Prover.prove(pk, values, r, s, phases, progress);
            Map<String, Double> seconds = new LinkedHashMap<>();
            seconds.put("readKey", (t1 - t0) / 1e9);
            seconds.put("evaluateAB", phases[0] / 1e9);
            seconds.put("fft", phases[1] / 1e9);
            seconds.put("msm", phases[2] / 1e9);
            return new Proved(proof, Groth16Prover.publicSignals(pk, values), pk.verificationKey(), pk.domainSize(), seconds,
                    "in-process", 1, 1, null);
        };
    }

    /**
     * A Spark job on sc: the driver reads the key's header and computes the quotient; executors the
     * partial MSMs over the key's chunks ({@code partitions} for a key without a chunk index; 0:
     * Spark's default parallelism); the driver folds.
     */
    static Prover spark(JavaSparkContext sc, int partitions) {
        return (key, z, witness, r, s, progress) -> {
            SparkGroth16.Result res = z != null ? SparkGroth16.prove(sc, key.uri(), z, partitions, r, s, progress)
                    : SparkGroth16.prove(sc, key.uri(), witness.uri(), partitions, r, s, progress);
            SparkGroth16.Stats st = res.stats();
            Map<String, Double> seconds = new LinkedHashMap<>();
            seconds.put("driverReadKeyHeader", st.readNanos() / 1e9);
            seconds.put("driverQuotient", st.quotientNanos() / 1e9);
            seconds.put("msmStage", st.stageNanos() / 1e9);
            seconds.put("msmTasksSummed", st.taskNanos() / 1e9);
            seconds.put("driverFold", st.foldNanos() / 1e9);
            return new Proved(res.proof(), res.publicSignals(), res.header().verificationKey(), res.header().domainSize(),
                    seconds, sc.master(), st.executors(), st.partitions(), st);
        };
    }
}
