package org.loraproof.driver.cli;

import java.io.PrintWriter;
import org.loraproof.driver.jobs.ErrorLines;
import picocli.CommandLine;

/**
 * Runs a command line with picocli ({@code groth16 prove} over its own command alone, for a quick cold
 * start); every failure in one line.
 */
public final class Commands {
    private Commands() {
    }

    /** Runs args against the top command; returns the exit code (0 success, 1 failure or rejection, 2 usage). */
    public static int run(Object top, String[] args, PrintWriter out, PrintWriter err) {
        if (args.length >= 2 && args[0].equals("groth16") && args[1].equals("prove")) {
            org.loraproof.circuit.WarmUp.startAsync(); // the kernels compile while picocli parses
            return Groth16Command.Prove.run(java.util.Arrays.copyOfRange(args, 2, args.length), out, err);
        }
        CommandLine cli = new CommandLine(top);
        cli.setOut(out);
        cli.setErr(err);
        return execute(cli, args, err);
    }

    /** Runs a parsed command line, every failure (Errors too) reported by {@link #failure}. */
    static int execute(CommandLine cli, String[] args, PrintWriter err) {
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, err));
        try {
            return cli.execute(args);
        } catch (Error e) { // picocli passes Errors on: out of memory, Hadoop's FSError (a full local disk)
            return failure(e, err);
        }
    }

    /** Reports a failed command in one line (with the stack trace when LORAPROOF_DEBUG is set); returns 1. */
    static int failure(Throwable e, PrintWriter err) {
        err.println("loraproof: " + ErrorLines.describe(e));
        if (System.getenv("LORAPROOF_DEBUG") != null) {
            e.printStackTrace(err);
        }
        return 1;
    }
}
