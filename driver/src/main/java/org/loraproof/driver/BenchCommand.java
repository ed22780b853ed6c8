package org.loraproof.driver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.loraproof.storage.ArtifactStore;
import org.loraproof.storage.Artifacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loraproof bench}: whole-proof timings at several sizes, written as JSON for analysis. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {Groth16Bench.class, IoBench.class},
        description = {"Times the whole lora-merge pipeline at several sizes and writes the figures as JSON.", "",
            "Each size is d_out x d_in, rank and samples: 256x256r8k8. Results (format loraproof-bench) go to --out.", "",
            "Example:",
            "  loraproof bench --sizes 128x128r4k4,768x768r16k32 --out bench-results.json"})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--sizes", defaultValue = "128x128r4k4,256x256r8k8", split = ",",
            description = "sizes to run (default ${DEFAULT-VALUE})")
    List<String> sizes;
    @Option(names = "--work", defaultValue = "loraproof-bench", description = "work folder (default ${DEFAULT-VALUE})")
    String work;
    @Option(names = "--out", defaultValue = "loraproof-bench/results.json", description = "results file (default ${DEFAULT-VALUE})")
    String out;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        ObjectNode doc = Artifacts.document("loraproof-bench");
        doc.put("created", Instant.now().toString());
        doc.put("software", LoraMergeJob.SOFTWARE);
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        ArrayNode runs = doc.putArray("runs");
        o.printf("%-22s %12s %9s %9s %9s %9s%n", "size", "constraints", "commit s", "setup s", "prove s", "verify s");
        boolean ok = true;
        for (String size : sizes) {
            var m = java.util.regex.Pattern.compile("(\\d+)x(\\d+)r(\\d+)k(\\d+)").matcher(size.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("size '" + size + "' is not of the form 256x256r8k8");
            }
            int dOut = Integer.parseInt(m.group(1)), dIn = Integer.parseInt(m.group(2)), r = Integer.parseInt(m.group(3)),
                    k = Integer.parseInt(m.group(4));
            PipelineRun.Result res = PipelineRun.run(work, dOut, dIn, r, k, spec.commandLine().getErr());
            ObjectNode j = res.toJson(dOut, dIn, r, k);
            runs.add(j);
            ok &= res.verdict().valid();
            o.printf("%-22s %,12d %9.1f %9.1f %9.1f %9.2f%n", size, j.get("constraints").asLong(), res.commitSeconds(),
                    res.setupSeconds(), j.get("proveSeconds").asDouble(), res.verifySeconds());
        }
        ArtifactStore.writeAtomically(new Path(StoreOption.uri(out)), org.loraproof.storage.HadoopConf.create(), Artifacts.bytes(doc));
        o.println("results: " + out);
        return ok ? 0 : 1;
    }
}
