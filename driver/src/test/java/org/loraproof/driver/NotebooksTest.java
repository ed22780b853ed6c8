package org.loraproof.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loraproof.circuit.Vectors;

/**
 * notebooks/benchmarks.ipynb executed headless on bench files this test makes (a lora-merge
 * pipeline, a LoRA-vs-SGD comparison with two shapes measured and one not, and bench groth16 on a
 * snarkjs key: serial, snarkjs and local[1] at two partition counts): no cell may fail and every
 * figure must be drawn. The committed notebook must hold its figures.
 */
class NotebooksTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path NOTEBOOK = ROOT.resolve("notebooks/benchmarks.ipynb");
    private static final Path V = Vectors.file("snarkjs").toAbsolutePath().normalize(); // testdata/vectors, in the repository
    /** The figures of benchmarks.ipynb: size, phases, SGD constraints and times, SGD memory, detection, scaling. */
    private static final int FIGURES = 6;

    @Test
    void theBenchmarksNotebookRunsCleanOnFreshBenchFiles(@TempDir Path dir) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        bench("bench", "--sizes", "6x5r2k2", "--work", dir.resolve("w1").toString(), "--out", results.resolve("pipeline.json").toString());
        bench("bench", "--compare-sgd", "--configs", "tiny=8x8r2,small=12x12r2,bert-base=768x768r16", "--measure-up-to", "60000",
                "--work", dir.resolve("w2").toString(), "--out", results.resolve("compare-sgd.json").toString());
        bench("bench", "groth16", V.resolve("mixed.zkey").toString(), V.resolve("mixed.wtns").toString(),
                "--masters", "serial,snarkjs,local[1]", "--partitions", "1,2", "--repeats", "2",
                "--snarkjs", ROOT.resolve("tools/node_modules/.bin/snarkjs").toString(),
                "--conf", "spark.kryo.registrationRequired=true", "--out", results.resolve("groth16.json").toString());

        Path executed = dir.resolve("executed.ipynb");
        List<String> cmd = List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=300", "--output-dir", dir.toString(), "--output", "executed.ipynb",
                NOTEBOOK.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("nbconvert.log").toFile());
        pb.environment().put("LORAPROOF_BENCH", results.toString());
        pb.environment().put("LORAPROOF_ROOT", ROOT.toString());
        pb.environment().put("MPLBACKEND", "Agg");
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            throw new AssertionError("jupyter is not installed: bin/test installs it (Debian: jupyter-nbconvert, "
                    + "python3-ipykernel, python3-pandas, python3-matplotlib)", e);
        }
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "nbconvert did not finish");
        assertEquals(0, p.exitValue(), () -> "nbconvert failed:\n" + read(dir.resolve("nbconvert.log")));

        Outputs out = outputs(executed);
        assertEquals(List.of(), out.errors, "cells with errors");
        assertEquals(FIGURES, out.figures, "figures drawn");
        String text = String.join("\n", out.text);
        assertTrue(text.contains("3 bench file(s)"), text);
        assertTrue(text.contains("lora-update: prove ≈") && text.contains("sgd-update: prove ≈"), "the fits of the measured shapes");

        Outputs committed = outputs(NOTEBOOK);
        assertEquals(List.of(), committed.errors, "the committed notebook has no error outputs");
        assertEquals(FIGURES, committed.figures, "the committed notebook holds its figures");
    }

    private static void bench(String... args) {
        CommandRun r = CommandRun.of(args);
        assertEquals(0, r.exit(), r.err());
    }

    private record Outputs(List<String> errors, int figures, List<String> text) {}

    private static Outputs outputs(Path notebook) throws Exception {
        JsonNode nb = new ObjectMapper().readTree(notebook.toFile());
        List<String> errors = new ArrayList<>(), text = new ArrayList<>();
        int figures = 0;
        for (JsonNode cell : nb.get("cells")) {
            for (JsonNode o : cell.path("outputs")) {
                String type = o.path("output_type").asText();
                if (type.equals("error")) {
                    errors.add(o.path("ename").asText() + ": " + o.path("evalue").asText());
                } else if (type.equals("stream") && o.path("name").asText().equals("stderr")) {
                    errors.add("stderr: " + joined(o.path("text")));
                } else if (type.equals("stream")) {
                    text.add(joined(o.path("text")));
                }
                if (o.path("data").has("image/png")) {
                    figures++;
                }
            }
        }
        return new Outputs(errors, figures, text);
    }

    private static String joined(JsonNode lines) {
        if (lines.isTextual()) {
            return lines.asText();
        }
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l.asText()));
        return b.toString();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
