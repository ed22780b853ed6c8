package org.loraproof.driver.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.LoraMergeShape;
import org.loraproof.executors.ProofVerdict;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import org.loraproof.storage.Commitment;
import org.loraproof.storage.ProofArtifact;

/**
 * The whole lora-merge pipeline on a synthetic layer under a work folder: generate, commit,
 * challenge, set up, prove, verify. What {@code demo} prints and {@code bench} records.
 */
public final class PipelineRun {
    private PipelineRun() {
    }

    /** The outcome with its figures. */
    public record Result(String model, String circuit, String proofUri, ProofVerdict verdict, Fr nonce,
            double commitSeconds, double setupSeconds, double verifySeconds, double totalSeconds, long proofBytes,
            JsonNode proofMetadata) {
        public ObjectNode toJson(int dOut, int dIn, int rank, int samples) {
            ObjectNode o = Artifacts.JSON.createObjectNode();
            o.put("statement", Statement.Kind.LORA_MERGE.id);
            o.put("dOut", dOut);
            o.put("dIn", dIn);
            o.put("rank", rank);
            o.put("samples", samples);
            o.put("valid", verdict.valid());
            o.put("constraints", proofMetadata.path("constraints").asLong());
            o.put("domainSize", proofMetadata.path("domainSize").asLong());
            o.put("commitSeconds", commitSeconds);
            o.put("setupSeconds", setupSeconds);
            o.put("proveSeconds", proofMetadata.path("secondsPerPhase").path("total").asDouble());
            o.set("proveSecondsPerPhase", proofMetadata.path("secondsPerPhase"));
            o.put("verifySeconds", verifySeconds);
            o.put("totalSeconds", totalSeconds);
            o.put("proofBytes", proofBytes);
            memoryAndPlace(o, proofMetadata);
            return o;
        }
    }

    /** The process's peaks since {@link BenchMachine#resetPeaks()} (before proving) and where the proof ran. */
    static void memoryAndPlace(ObjectNode o, JsonNode proofMetadata) {
        o.put("peakHeapBytes", org.loraproof.executors.Heap.peak());
        o.put("peakRssBytes", BenchMachine.peakRssBytes());
        o.put("master", proofMetadata.path("master").asText());
        o.put("executors", proofMetadata.path("executors").asInt(1));
        o.put("partitions", proofMetadata.path("partitions").asInt(1));
    }

    /**
     * One SGD step proved with an update statement (lora-update or sgd-update) on a synthetic
     * step: generate, commit, set up, prove, verify; its figures as a bench run.
     */
    public static ObjectNode runUpdate(String work, String statement, int dOut, int dIn, int rank,
            org.loraproof.driver.spark.SparkSettings spark, PrintWriter err) throws IOException {
        long t0 = System.nanoTime();
        String root = ArtifactStore.uriOf(work);
        String base = root.endsWith("/") ? root : root + "/";
        boolean lora = statement.equals("lora-update");
        String name = statement + "-" + dOut + "x" + dIn + (lora ? "-r" + rank : "");
        String data = base + "data-" + name;
        ArtifactStore store = new ArtifactStore(base + "store");
        err.printf("[1/5] %s: generating one SGD step of a %d×%d layer%s%n", statement, dOut, dIn,
                lora ? " with a rank-" + rank + " adapter" : "");
        double learningRate = 0.01;
        SyntheticLayer.writeUpdate(data, statement, dOut, dIn, rank, learningRate, 42);
        UpdateJob job = new UpdateJob(store, err, spark);
        err.println("[2/5] committing");
        long c0 = System.nanoTime();
        Commitment.Update commitment = job.commit(name, new UpdateJob.Sources(statement,
                data + (lora ? "/adapter" : "/before.safetensors"), data + (lora ? "/adapter-after" : "/after.safetensors"),
                data + "/gradients.safetensors", SyntheticLayer.TENSOR, null, FixedPointParams.DEFAULT), true);
        double commit = (System.nanoTime() - c0) / 1e9;
        err.println("[3/5] setting up the circuit");
        BenchMachine.resetPeaks();
        long s0 = System.nanoTime();
        job.setup(commitment);
        double setup = (System.nanoTime() - s0) / 1e9;
        long setupHeap = org.loraproof.executors.Heap.peak(), setupRss = BenchMachine.peakRssBytes();
        err.println("[4/5] proving");
        BenchMachine.resetPeaks();
        String id = job.prove(name, learningRate);
        err.println("[5/5] verifying");
        String proofUri = store.resolve(Artifacts.proofPath(id)).toString();
        long v0 = System.nanoTime();
        ProofVerdict verdict = new ProofVerifier(store, null, null).verify(proofUri);
        double verify = (System.nanoTime() - v0) / 1e9;
        JsonNode meta = ProofArtifact.read(store.read(Artifacts.proofPath(id)), proofUri).metadata();
        ObjectNode o = Artifacts.JSON.createObjectNode();
        o.put("statement", statement);
        o.put("dOut", dOut);
        o.put("dIn", dIn);
        if (lora) {
            o.put("rank", rank);
        }
        o.put("measured", true);
        o.put("valid", verdict.valid());
        o.put("constraints", meta.path("constraints").asLong());
        o.put("domainSize", meta.path("domainSize").asLong());
        o.put("commitSeconds", commit);
        o.put("setupSeconds", setup);
        o.put("setupPeakHeapBytes", setupHeap);
        o.put("setupPeakRssBytes", setupRss);
        o.put("proveSeconds", meta.path("secondsPerPhase").path("total").asDouble());
        o.set("proveSecondsPerPhase", meta.path("secondsPerPhase"));
        o.put("verifySeconds", verify);
        o.put("totalSeconds", (System.nanoTime() - t0) / 1e9);
        memoryAndPlace(o, meta);
        return o;
    }

    public static Result run(String work, int dOut, int dIn, int rank, int samples, PrintWriter err) throws IOException {
        return run(work, dOut, dIn, rank, samples, null, err);
    }

    /** As {@link #run(String, int, int, int, int, PrintWriter)}, proving on Spark when spark is given. */
    public static Result run(String work, int dOut, int dIn, int rank, int samples, org.loraproof.driver.spark.SparkSettings spark,
            PrintWriter err) throws IOException {
        long t0 = System.nanoTime();
        String root = ArtifactStore.uriOf(work);
        String base = root.endsWith("/") ? root : root + "/";
        String data = base + "data-" + dOut + "x" + dIn + "-r" + rank;
        ArtifactStore store = new ArtifactStore(base + "store");
        err.printf("[1/6] generating a %d×%d layer with a rank-%d adapter in %s%n", dOut, dIn, rank, data);
        SyntheticLayer.write(data, dOut, dIn, rank, 2.0 * rank, 42);
        LoraMergeJob job = new LoraMergeJob(store, err).onSpark(spark);
        String model = "synthetic-" + dOut + "x" + dIn + "-r" + rank;
        err.println("[2/6] committing");
        long c0 = System.nanoTime();
        job.commit(model, new LoraMergeJob.Sources(data + "/base.safetensors", data + "/merged.safetensors",
                data + "/adapter", SyntheticLayer.TENSOR, null, FixedPointParams.DEFAULT), 1, true); // a rerun replaces
        double commit = (System.nanoTime() - c0) / 1e9;
        err.println("[3/6] drawing a challenge nonce");
        Fr nonce = job.challenge(model);
        err.println("[4/6] setting up the circuit");
        long s0 = System.nanoTime();
        String circuit = job.setup(new LoraMergeShape(dOut, dIn, rank, samples, FixedPointParams.DEFAULT));
        double setup = (System.nanoTime() - s0) / 1e9;
        err.println("[5/6] proving");
        BenchMachine.resetPeaks();
        String id = job.prove(model, nonce, samples, null);
        err.println("[6/6] verifying");
        String proofUri = store.resolve(Artifacts.proofPath(id)).toString();
        long v0 = System.nanoTime();
        ProofVerdict verdict = new ProofVerifier(store, null, nonce).verify(proofUri);
        double verify = (System.nanoTime() - v0) / 1e9;
        byte[] gz = store.read(Artifacts.proofPath(id));
        return new Result(model, circuit, proofUri, verdict, nonce, commit, setup, verify, (System.nanoTime() - t0) / 1e9,
                gz.length, ProofArtifact.read(gz, proofUri).metadata());
    }
}
