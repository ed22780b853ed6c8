package org.loraproof.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loraproof demo}: the whole lora-merge pipeline on a synthetic BERT-base-like layer. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole lora-merge pipeline on a synthetic layer and prints a summary.", "",
            "Generates a BERT-base-like layer (768×768) with a rank-16 adapter and merged weights, commits, "
                + "sets up, proves lora-merge at k = 32 positions chosen by a fresh nonce, verifies, and prints "
                + "a summary. Everything goes under the work folder.", "",
            "With --master the proof runs as a Spark job (executors read their chunks of the proving key).", "",
            "Examples:", "  loraproof demo --work demo-work", "  loraproof demo --master local-cluster[2,1,2048]"})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--work", defaultValue = "loraproof-demo", description = "work folder (default ${DEFAULT-VALUE})")
    String work;
    @Mixin
    LayerShapeOptions shape;
    @Option(names = "--samples", defaultValue = "32", description = "k, positions per proof (default ${DEFAULT-VALUE})")
    int samples;
    @Mixin
    SparkOptions spark = new SparkOptions();
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PipelineRun.Result r = PipelineRun.run(work, shape.dOut, shape.dIn, shape.rank, samples, spark.settings(),
                spec.commandLine().getErr());
        JsonNode m = r.proofMetadata();
        out.println();
        out.printf("loraproof demo: %s%n", r.verdict().valid() ? "proof VERIFIED" : "proof REJECTED: " + r.verdict().reason());
        out.printf("  layer      %d × %d, LoRA rank %d, s = 2.0; model '%s'%n", shape.dOut, shape.dIn, shape.rank, r.model());
        out.printf("  statement  lora-merge at %d positions (nonce %s…)%n", samples, r.nonce().toString().substring(0, 12));
        out.printf("  circuit    %s: %,d constraints%n", r.circuit(), m.path("constraints").asLong());
        out.printf("  detection  a 1%% fraction of wrong weights is caught with probability %.3f (0.1%%: %.3f)%n",
                m.path("detectionProbability").path("epsilon=1%").asDouble(),
                m.path("detectionProbability").path("epsilon=0.1%").asDouble());
        out.printf("  time       commit %.1f s, setup %.1f s, prove %.1f s, verify %.2f s, total %.1f s%n",
                r.commitSeconds(), r.setupSeconds(), m.path("secondsPerPhase").path("total").asDouble(), r.verifySeconds(),
                r.totalSeconds());
        out.printf("  memory     peak heap %d MiB%n", org.loraproof.executors.Heap.peak() >> 20);
        if (!m.path("master").asText("in-process").equals("in-process")) {
            out.printf("  spark      %s: %d executor(s), %d partitions; MSM stage %.1f s (tasks %.1f s in all)%n",
                    m.path("master").asText(), m.path("executors").asInt(), m.path("partitions").asInt(),
                    m.path("secondsPerPhase").path("msmStage").asDouble(),
                    m.path("secondsPerPhase").path("msmTasksSummed").asDouble());
        }
        out.printf("  proof      %s (%d bytes)%n", r.proofUri(), r.proofBytes());
        return r.verdict().valid() ? 0 : 1;
    }
}
