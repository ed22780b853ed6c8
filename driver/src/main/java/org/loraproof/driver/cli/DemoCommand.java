package org.loraproof.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.loraproof.driver.jobs.PipelineRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loraproof demo}: the whole lora-merge pipeline on a synthetic BERT-base-like layer. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole lora-merge pipeline on a synthetic layer and prints a summary.", "",
            "Generates a BERT-base-like layer (768×768) with a rank-16 adapter and merged weights, commits, "
                + "sets up, proves lora-merge at k positions chosen by a fresh nonce, verifies, and prints "
                + "a summary. Everything goes under the work folder.", "",
            "The default k is the smallest that catches 5 %% of wrong merged weights with probability 0.8 "
                + "(--detect 0.05:0.8, k = 32): the circuit then stays under 2^19 constraints and the demo takes about "
                + "a minute on two cores. An audit worth its name asks more: --detect 0.01:0.99 gives k = 459, about "
                + "7.5 million constraints at 768 × 768 (a 2^23 setup, for a bigger machine).", "",
            "With --master the proof runs as a Spark job (executors read their chunks of the proving key).", "",
            "Examples:", "  loraproof demo --work demo-work", "  loraproof demo --master local-cluster[2,1,2048]"})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--work", defaultValue = "loraproof-demo", description = "work folder (default ${DEFAULT-VALUE})")
    String work;
    @Mixin
    LayerShapeOptions shape;
    /** What the demo's k detects by default (k = 32). */
    static final String DEFAULT_DETECT = "0.05:0.8";
    @Mixin
    SampleOptions k = new SampleOptions();
    @Mixin
    SparkOptions spark = new SparkOptions();
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int samples = k.k(SampleOptions.parse(DEFAULT_DETECT));
        PipelineRun.Result r = PipelineRun.run(work, shape.dOut, shape.dIn, shape.rank, samples, spark.settings(),
                spec.commandLine().getErr());
        JsonNode m = r.proofMetadata();
        out.println();
        out.printf("loraproof demo: %s%n", r.verdict().valid() ? "proof VERIFIED" : "proof REJECTED: " + r.verdict().reason());
        out.printf("  layer      %d × %d, LoRA rank %d, s = 2.0; model '%s'%n", shape.dOut, shape.dIn, shape.rank, r.model());
        out.printf("  statement  lora-merge at %d positions (nonce %s…)%n", samples, r.nonce().toString().substring(0, 12));
        out.printf("  circuit    %s: %,d constraints%n", r.circuit(), m.path("constraints").asLong());
        out.printf("  detection  k = %d: a fraction of wrong weights of 5%% is caught with probability %.3f, 1%%: %.3f, "
                + "0.1%%: %.3f%n", samples, org.loraproof.circuit.lora.SamplePositions.detectionProbability(samples, 0.05),
                m.path("detectionProbability").path("epsilon=1%").asDouble(),
                m.path("detectionProbability").path("epsilon=0.1%").asDouble());
        out.printf("  time       commit %.1f s, setup %.1f s, prove %.1f s, verify %.2f s, total %.1f s%n",
                r.commitSeconds(), r.setupSeconds(), m.path("secondsPerPhase").path("total").asDouble(), r.verifySeconds(),
                r.totalSeconds());
        out.printf("  memory     peak heap %d MiB%n", org.loraproof.executors.Heap.peak() >> 20);
        if (!m.path("master").asText("in-process").equals("in-process")) {
            JsonNode t = m.path("secondsPerPhase");
            if (t.has("witnessAndVariableMsmStage")) {
                out.printf("  spark      %s: %d executor(s), %d batch(es); witness and variable MSMs %.1f s, quotient %.1f s, "
                        + "H MSM %.1f s%n", m.path("master").asText(), m.path("executors").asInt(),
                        m.path("witnessBatches").asInt(), t.path("witnessAndVariableMsmStage").asDouble(),
                        t.path("driverQuotient").asDouble(), t.path("hMsmStage").asDouble());
            } else {
                out.printf("  spark      %s: %d executor(s), %d partitions; MSM stage %.1f s (tasks %.1f s in all)%n",
                        m.path("master").asText(), m.path("executors").asInt(), m.path("partitions").asInt(),
                        t.path("msmStage").asDouble(), t.path("msmTasksSummed").asDouble());
            }
        }
        out.printf("  proof      %s (%d bytes)%n", r.proofUri(), r.proofBytes());
        return r.verdict().valid() ? 0 : 1;
    }
}
