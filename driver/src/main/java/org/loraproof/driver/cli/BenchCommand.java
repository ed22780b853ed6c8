package org.loraproof.driver.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loraproof.circuit.lora.FixedPointParams;
import org.loraproof.circuit.lora.UpdateCircuit;
import org.loraproof.driver.jobs.BenchMachine;
import org.loraproof.driver.jobs.PipelineRun;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loraproof bench}: whole-proof timings written as loraproof-bench JSON for analysis; with
 * {@code --compare-sgd}, one SGD step proved as lora-update against sgd-update.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {Groth16Bench.class, IoBench.class},
        description = {"Times whole proofs and writes the figures as JSON (format loraproof-bench).", "",
            "Without --compare-sgd: the lora-merge pipeline (generate, commit, set up, prove, verify) at each size "
                + "of --sizes, d_out x d_in, rank and samples: 256x256r8k8.", "",
            "With --compare-sgd: one SGD step proved with lora-update (the adapter's step) against sgd-update (the "
                + "full matrix's step) for each configuration of --configs: exact constraint counts for all, and "
                + "measured commit, setup, prove and verify times and peak memory for the circuits of at most "
                + "--measure-up-to constraints. Nothing is extrapolated here; a circuit not measured says so.", "",
            "Examples:",
            "  loraproof bench --sizes 128x128r4k4,768x768r16k32 --out bench-results.json",
            "  loraproof bench --compare-sgd --out bench/results/compare-sgd.json"})
public final class BenchCommand implements Callable<Integer> {
    /** The six configurations of the LoRA-against-full-SGD comparison. */
    static final String CONFIGS = "bert-base=768x768r16,bert-large-ffn=1024x4096r32,gpt2-medium=1024x1024r24,"
            + "gpt3-layer=4096x4096r64,t5-large=1024x16384r48,llama-8192=8192x8192r128";

    @Option(names = "--sizes", defaultValue = "128x128r4k4,256x256r8k8", split = ",",
            description = "lora-merge sizes to run (default ${DEFAULT-VALUE})")
    List<String> sizes;
    @Option(names = "--compare-sgd", description = "prove one SGD step as lora-update and as sgd-update instead")
    boolean compareSgd;
    @Option(names = "--configs", defaultValue = CONFIGS, split = ",", paramLabel = "<name=DxDrR>",
            description = "configurations for --compare-sgd (default: BERT-base, BERT-large FFN, GPT-2 medium, GPT-3 "
                + "layer, T5-large and 8192×8192 r128)")
    List<String> configs;
    @Option(names = "--measure-up-to", defaultValue = "2000000", paramLabel = "<constraints>",
            description = "--compare-sgd proves the circuits of at most this many constraints (default ${DEFAULT-VALUE})")
    long measureUpTo;
    @Option(names = "--work", defaultValue = "loraproof-bench", description = "work folder (default ${DEFAULT-VALUE})")
    String work;
    @Option(names = "--out", defaultValue = "loraproof-bench/results.json", description = "results file (default ${DEFAULT-VALUE})")
    String out;
    @Mixin
    SparkOptions spark = new SparkOptions();
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        ObjectNode doc = BenchMachine.document(compareSgd ? "compare-sgd" : "pipeline");
        ArrayNode runs = doc.putArray("runs");
        boolean ok = compareSgd ? compare(doc, runs, o) : pipeline(runs, o);
        ArtifactStore.writeUri(ArtifactStore.uriOf(out), Artifacts.bytes(doc));
        o.println("results: " + out);
        return ok ? 0 : 1;
    }

    private boolean pipeline(ArrayNode runs, PrintWriter o) throws Exception {
        o.printf("%-22s %12s %9s %9s %9s %9s%n", "size", "constraints", "commit s", "setup s", "prove s", "verify s");
        boolean ok = true;
        for (String size : sizes) {
            Matcher m = Pattern.compile("(\\d+)x(\\d+)r(\\d+)k(\\d+)").matcher(size.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("size '" + size + "' is not of the form 256x256r8k8");
            }
            int dOut = Integer.parseInt(m.group(1)), dIn = Integer.parseInt(m.group(2)), r = Integer.parseInt(m.group(3)),
                    k = Integer.parseInt(m.group(4));
            PipelineRun.Result res = PipelineRun.run(work, dOut, dIn, r, k, spark.settings(), spec.commandLine().getErr());
            ObjectNode j = res.toJson(dOut, dIn, r, k);
            runs.add(j);
            ok &= res.verdict().valid();
            o.printf("%-22s %,12d %9.1f %9.1f %9.1f %9.2f%n", size, j.get("constraints").asLong(), res.commitSeconds(),
                    res.setupSeconds(), j.get("proveSeconds").asDouble(), res.verifySeconds());
        }
        return ok;
    }

    private boolean compare(ObjectNode doc, ArrayNode runs, PrintWriter o) throws Exception {
        ArrayNode table = doc.putArray("comparison");
        FixedPointParams p = FixedPointParams.DEFAULT;
        o.printf("%-16s %-15s %14s %14s %8s %10s %10s%n", "config", "shape", "lora-update", "sgd-update", "ratio",
                "lora s", "sgd s");
        boolean ok = true;
        for (String c : configs) {
            Matcher m = Pattern.compile("([\\w.-]+)=(\\d+)x(\\d+)r(\\d+)").matcher(c.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("configuration '" + c + "' is not of the form bert-base=768x768r16");
            }
            String name = m.group(1);
            int dOut = Integer.parseInt(m.group(2)), dIn = Integer.parseInt(m.group(3)), r = Integer.parseInt(m.group(4));
            long lora = UpdateCircuit.count(UpdateCircuit.loraUpdate(dOut, dIn, r, p));
            long sgd = UpdateCircuit.count(UpdateCircuit.sgdUpdate(dOut, dIn, p));
            ObjectNode row = table.addObject();
            row.put("config", name);
            row.put("dOut", dOut);
            row.put("dIn", dIn);
            row.put("rank", r);
            row.put("loraUpdateConstraints", lora);
            row.put("sgdUpdateConstraints", sgd);
            row.put("constraintRatio", (double) sgd / lora);
            double[] seconds = new double[2];
            String[] statements = {"lora-update", "sgd-update"};
            long[] counts = {lora, sgd};
            for (int i = 0; i < 2; i++) {
                ObjectNode run;
                if (counts[i] <= measureUpTo) {
                    run = PipelineRun.runUpdate(work, statements[i], dOut, dIn, r, spark.settings(), spec.commandLine().getErr());
                    if (run.get("constraints").asLong() != counts[i]) {
                        throw new IllegalStateException(statements[i] + " " + name + ": the circuit has "
                                + run.get("constraints").asLong() + " constraints, the count said " + counts[i]);
                    }
                    ok &= run.get("valid").asBoolean();
                    seconds[i] = run.get("proveSeconds").asDouble();
                } else {
                    run = Artifacts.JSON.createObjectNode();
                    run.put("statement", statements[i]);
                    run.put("dOut", dOut);
                    run.put("dIn", dIn);
                    if (i == 0) {
                        run.put("rank", r);
                    }
                    run.put("measured", false);
                    run.put("why", "more than --measure-up-to " + measureUpTo + " constraints");
                    run.put("constraints", counts[i]);
                    seconds[i] = Double.NaN;
                }
                run.put("config", name);
                runs.add(run);
            }
            o.printf("%-16s %-15s %,14d %,14d %7.1fx %10s %10s%n", name, dOut + "x" + dIn + "r" + r, lora, sgd,
                    (double) sgd / lora, fmt(seconds[0]), fmt(seconds[1]));
        }
        return ok;
    }

    private static String fmt(double s) {
        return Double.isNaN(s) ? "not run" : String.format(java.util.Locale.ROOT, "%.1f", s);
    }
}
