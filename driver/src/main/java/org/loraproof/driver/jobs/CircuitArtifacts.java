package org.loraproof.driver.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.loraproof.circuit.WarmUp;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.groth16.Groth16Prover;
import org.loraproof.circuit.groth16.Groth16Setup;
import org.loraproof.circuit.groth16.Groth16Verifier;
import org.loraproof.circuit.groth16.Proof;
import org.loraproof.circuit.groth16.SnarkjsJson;
import org.loraproof.circuit.groth16.VerificationKey;
import org.loraproof.circuit.r1cs.ConstraintSystem;
import org.loraproof.circuit.r1cs.WitnessGenerator;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import org.loraproof.storage.Location;
import org.loraproof.storage.ProofArtifact;

/**
 * What every statement shares: setting up a circuit into {@code circuits/<id>/}, and proving a
 * witness into {@code proofs/<id>.proof.json.gz} with the checks, timings and metadata the proof
 * artifact carries.
 */
final class CircuitArtifacts {
    private final ArtifactStore store;
    private final PrintWriter progress;
    /** Where proofs run on Spark, or null for this JVM. */
    private final org.loraproof.driver.spark.SparkSettings spark;

    CircuitArtifacts(ArtifactStore store, PrintWriter progress, org.loraproof.driver.spark.SparkSettings spark) {
        this.store = store;
        this.progress = progress;
        this.spark = spark;
    }

    void say(String format, Object... args) {
        progress.printf(format + "%n", args);
        progress.flush();
    }

    /** A progress sink that prefixes each phase with the seconds since {@code start}. */
    java.util.function.Consumer<String> phases(long start) {
        return phase -> say("  %6.1f s  %s", (System.nanoTime() - start) / 1e9, phase);
    }

    /** Sets up the statement's circuit unless it exists; returns its id. */
    String setup(Statement statement) throws IOException {
        return setup(statement, null);
    }

    /**
     * As {@link #setup(Statement)}, the key's chunk index cut at these variable boundaries (null:
     * the default equal chunks).
     */
    String setup(Statement statement, int[] chunkBounds) throws IOException {
        String id = statement.circuitId(), dir = Artifacts.circuitDir(id);
        if (store.exists(dir + "setup.json") && store.exists(dir + "pk/circuit.zkey")) {
            say("circuit %s is already set up", id);
            return id;
        }
        return setup(statement, chunkBounds, Groth16Setup.drbg());
    }

    /** As above, the toxic waste drawn from rng (tests give a seeded one to compare keys). */
    String setup(Statement statement, int[] chunkBounds, SecureRandom rng) throws IOException {
        String id = statement.circuitId();
        String dir = Artifacts.circuitDir(id);
        long t0 = System.nanoTime();
        say("setting up circuit %s (a single-party setup)%s", id, spark == null ? "" : " on Spark");
        KeySetup.Result r;
        org.apache.spark.api.java.JavaSparkContext sc = spark == null ? null
                : org.loraproof.driver.spark.SparkRuntime.start(spark.master(), spark.conf(), "loraproof setup " + id);
        try {
            r = KeySetup.run(store, dir, statement::synthesize, chunkBounds, rng, sc, phases(t0));
        } catch (IOException | RuntimeException e) {
            store.deleteTree(dir + "pk"); // no key under its final name without its index
            throw e;
        } finally {
            if (sc != null) {
                sc.stop();
            }
        }
        byte[] vkBytes = Artifacts.bytes(SnarkjsJson.verificationKey(r.frame().verificationKey()));
        store.write(dir + "verification_key.json", vkBytes);
        ObjectNode info = Artifacts.document(Artifacts.SETUP);
        info.put("circuit", id);
        info.put("statement", statement.kind().id);
        info.set("shape", statement.shapeJson());
        info.put("constraints", r.constraints());
        info.put("variables", r.variables());
        info.set("publicInputs", Artifacts.JSON.valueToTree(statement.publicInputs()));
        info.put("domainSize", r.domainSize());
        info.put("setup", Groth16Setup.SETUP_KIND);
        info.put("verificationKeySha256", Artifacts.sha256(vkBytes));
        info.put("created", Instant.now().toString());
        info.put("seconds", (System.nanoTime() - t0) / 1e9);
        ObjectNode figures = info.putObject("figures");
        figures.put("keyBytes", r.index().keySize());
        figures.put("pieces", r.pieces());
        figures.put("executors", r.executors());
        figures.put("pieceStageSeconds", r.stageNanos() / 1e9);
        figures.put("pieceTasksSummedSeconds", r.taskNanos() / 1e9);
        figures.put("peakTaskHeapBytes", r.peakTaskHeap());
        figures.put("peakHeapBytes", org.loraproof.executors.Heap.peak());
        store.write(dir + "setup.json", Artifacts.bytes(info));
        say("set up in %.1f s: %s", (System.nanoTime() - t0) / 1e9, store.resolve(dir));
        return id;
    }

    void requireSetUp(String id, String hint) throws IOException {
        if (!store.exists(Artifacts.circuitDir(id) + "pk/circuit.zkey")) {
            throw new IllegalArgumentException("circuit " + id + " is not set up in " + store.resolve("circuits") + " (" + hint + ")");
        }
    }

    /**
     * Builds the witness, checks it constraint by constraint, proves, checks the proof, and writes
     * the artifact. {@code metadata} is completed with the figures; returns the proof id.
     */
    String prove(String proofId, Statement statement, List<Fr> publicValues, Consumer<ConstraintSystem> circuit,
            ObjectNode metadata, long startNanos, long readNanos) throws IOException {
        long t1 = System.nanoTime();
        WarmUp.startAsync();
        WitnessGenerator b = new WitnessGenerator();
        circuit.accept(b);
        b.assertSatisfied();
        return proveAssignment(proofId, statement, publicValues, b.assignment(), b.numConstraints(), metadata, startNanos,
                readNanos, System.nanoTime() - t1, null);
    }

    /**
     * As {@link #prove} for a witness already computed and checked ({@code z}, Montgomery limbs),
     * on {@code sc} when given (else on a context of its own when this job runs on Spark).
     */
    String proveAssignment(String proofId, Statement statement, List<Fr> publicValues, long[] z, int constraints,
            ObjectNode metadata, long startNanos, long readNanos, long witnessNanos,
            org.apache.spark.api.java.JavaSparkContext sc) throws IOException {
        String dir = Artifacts.circuitDir(statement.circuitId());
        WarmUp.startAsync();
        say("the witness satisfies all %,d constraints; proving", constraints);
        // a local key is read in parallel chunks straight into the key's arrays, never whole into memory; on Spark the
        // executors read their chunks of it; either way the proof is checked against the stored verification key below
        java.nio.file.Path localKey = store.localFile(dir + "pk/circuit.zkey");
        Location key = localKey != null ? Location.of(localKey)
                : Location.ofUri(store.resolve(dir + "pk/circuit.zkey").toString());
        SecureRandom rng = Groth16Prover.blindingRandom();
        Prover.Proved proved;
        boolean own = spark != null && sc == null;
        if (own) {
            sc = org.loraproof.driver.spark.SparkRuntime.start(spark.master(), spark.conf(), "loraproof prove " + proofId);
        }
        try {
            Prover prover = spark == null ? Prover.local(Prover::readKey) : Prover.spark(sc, 0);
            proved = prover.prove(key, z, null, Fr.random(rng), Fr.random(rng), phases(startNanos));
        } finally {
            if (own) {
                sc.stop();
            }
        }
        metadata.put("constraints", constraints);
        metadata.put("witnessSize", z.length / 4);
        metadata.put("domainSize", proved.domainSize());
        ObjectNode timings = metadata.putObject("secondsPerPhase");
        timings.put("readAndCommit", readNanos / 1e9);
        timings.put("witness", witnessNanos / 1e9);
        proved.secondsPerPhase().forEach(timings::put);
        timings.put("total", (System.nanoTime() - startNanos) / 1e9);
        metadata.put("peakHeapBytes", org.loraproof.executors.Heap.peak());
        metadata.put("master", proved.master());
        metadata.put("executors", proved.executors());
        metadata.put("partitions", proved.partitions());
        Proof proof = proved.proof();
        return writeProof(proofId, statement, publicValues, proof, metadata, startNanos);
    }

    /**
     * Checks a new proof against the circuit's verification key and writes its artifact with the
     * metadata given (completed with the software and the time); returns the proof id.
     */
    String writeProof(String proofId, Statement statement, List<Fr> publicValues, Proof proof, ObjectNode metadata,
            long startNanos) throws IOException {
        String circuitId = statement.circuitId(), dir = Artifacts.circuitDir(circuitId);
        byte[] vkBytes = store.read(dir + "verification_key.json");
        VerificationKey vk = SnarkjsJson.readVerificationKey(Artifacts.JSON.readTree(vkBytes), "verification_key.json");
        if (!Groth16Verifier.verify(vk, publicValues, proof).valid()) {
            throw new IllegalStateException("the new proof does not verify against " + circuitId + "'s key");
        }
        metadata.put("software", LoraMergeJob.SOFTWARE);
        metadata.put("created", Instant.now().toString());
        ProofArtifact artifact = new ProofArtifact(proofId, statement.kind().id, statement.shapeJson(), proof, publicValues,
                statement.publicInputs(), circuitId, Artifacts.sha256(vkBytes), metadata);
        store.write(Artifacts.proofPath(proofId), artifact.toBytes());
        say("proved in %.1f s: %s", (System.nanoTime() - startNanos) / 1e9, store.resolve(Artifacts.proofPath(proofId)));
        return proofId;
    }
}
