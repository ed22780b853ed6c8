package org.loraproof.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.LoraMergeShape;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loraproof demo}: the whole lora-merge pipeline on a synthetic BERT-base-like layer. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole lora-merge pipeline on a synthetic layer and prints a summary.", "",
            "Generates a BERT-base-like layer (768×768) with a rank-16 adapter and merged weights, commits,",
            "sets up, proves lora-merge at k = 32 positions chosen by a fresh nonce, verifies, and prints a summary.",
            "Everything goes under the work folder.", "",
            "Example:  loraproof demo --work demo-work"})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--work", defaultValue = "loraproof-demo", description = "work folder (default ${DEFAULT-VALUE})")
    String work;
    @Option(names = "--dout", defaultValue = "768")
    int dOut;
    @Option(names = "--din", defaultValue = "768")
    int dIn;
    @Option(names = "--rank", defaultValue = "16")
    int rank;
    @Option(names = "--samples", defaultValue = "32")
    int samples;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        PrintWriter err = spec.commandLine().getErr(), out = spec.commandLine().getOut();
        String root = StoreOption.uri(work);
        String data = root + (root.endsWith("/") ? "" : "/") + "data";
        ArtifactStore store = new ArtifactStore(root + (root.endsWith("/") ? "" : "/") + "store");
        err.printf("[1/6] generating a %d×%d layer with a rank-%d adapter in %s%n", dOut, dIn, rank, data);
        SyntheticLayer.write(data, dOut, dIn, rank, 2.0 * rank, 42);
        LoraMergeJob job = new LoraMergeJob(store, err);
        String model = "demo-" + dOut + "x" + dIn + "-r" + rank;
        err.println("[2/6] committing");
        long c0 = System.nanoTime();
        job.commit(model, new LoraMergeJob.Sources(data + "/base.safetensors", data + "/merged.safetensors",
                data + "/adapter", SyntheticLayer.TENSOR, null, FixedPointParams.DEFAULT));
        double commitSeconds = (System.nanoTime() - c0) / 1e9;
        err.println("[3/6] drawing a challenge nonce");
        Fr nonce = job.challenge(model);
        err.println("[4/6] setting up the circuit");
        long s0 = System.nanoTime();
        String circuit = job.setup(new LoraMergeShape(dOut, dIn, rank, samples, FixedPointParams.DEFAULT));
        double setupSeconds = (System.nanoTime() - s0) / 1e9;
        err.println("[5/6] proving");
        String id = job.prove(model, nonce, samples, 1);
        err.println("[6/6] verifying");
        String proofUri = store.resolve(Artifacts.proofPath(id)).toString();
        LoraMergeJob.Verdict v = job.verify(proofUri);
        JsonNode doc = Artifacts.JSON.readTree(Artifacts.gunzip(store.read(Artifacts.proofPath(id)), proofUri));
        JsonNode m = doc.get("metadata");
        out.println();
        out.printf("loraproof demo: %s%n", v.valid() ? "proof VERIFIED" : "proof REJECTED: " + v.reason());
        out.printf("  layer      %d × %d, LoRA rank %d, s = %.1f; model '%s'%n", dOut, dIn, rank, 2.0, model);
        out.printf("  statement  lora-merge at %d positions (nonce %s…)%n", samples, nonce.toString().substring(0, 12));
        out.printf("  circuit    %s: %,d constraints%n", circuit, m.path("constraints").asLong());
        out.printf("  detection  a 1%% fraction of wrong weights is caught with probability %.3f (0.1%%: %.3f)%n",
                m.path("detectionProbability").path("epsilon=1%").asDouble(),
                m.path("detectionProbability").path("epsilon=0.1%").asDouble());
        out.printf("  time       commit %.1f s, setup %.1f s, prove %.1f s, total %.1f s%n", commitSeconds, setupSeconds,
                m.path("secondsPerPhase").path("total").asDouble(), (System.nanoTime() - t0) / 1e9);
        out.printf("  memory     peak heap %d MiB%n", LoraMergeJob.peakHeap() >> 20);
        out.printf("  proof      %s%n", proofUri);
        return v.valid() ? 0 : 1;
    }
}
