package org.loraproof.circuit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the snarkjs CLI that bin/test installs into tools/node_modules. Without it a test is
 * skipped, except under CI (CI=true), where a missing snarkjs fails.
 */
public final class Snarkjs {
    private Snarkjs() {
    }

    public record Result(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    public static Path executable() {
        String prop = System.getProperty("loraproof.snarkjs");
        Path p = prop == null ? null : Path.of(prop);
        if (p == null || !Files.isExecutable(p)) {
            String msg = "snarkjs not installed at " + p + ": run bin/test, which installs it";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(msg);
            }
            Assumptions.abort(msg);
        }
        return p;
    }

    public static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable().toString());
        cmd.addAll(List.of(args));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = proc.getInputStream().readAllBytes();
        if (!proc.waitFor(300, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            throw new IllegalStateException("snarkjs " + String.join(" ", args) + " timed out");
        }
        return new Result(proc.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
