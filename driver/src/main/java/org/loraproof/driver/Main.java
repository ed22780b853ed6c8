package org.loraproof.driver;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code loraproof} command line. */
@Command(name = "loraproof", mixinStandardHelpOptions = true, version = "loraproof 0.1.0",
        description = "Groth16 proofs over BN254 that a fine-tuned layer is what its owner claims.",
        subcommands = {DemoCommand.class, ModelCommands.Generate.class, ModelCommands.Commit.class,
            ModelCommands.Challenge.class, ModelCommands.Setup.class, ModelCommands.Prove.class, ModelCommands.Verify.class,
            ModelCommands.Audit.class, ModelCommands.Inspect.class, BenchCommand.class, Groth16Command.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line; returns the exit code (0 success, 1 failure or rejection, 2 usage). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            Integer direct = Groth16Command.Prove.direct(args, err);
            if (direct != null) {
                return direct;
            }
        } catch (Error e) {
            return failure(e, err);
        }
        CommandLine cli = new CommandLine(new Main());
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
        err.println("loraproof: " + CliErrors.describe(e));
        if (System.getenv("LORAPROOF_DEBUG") != null) {
            e.printStackTrace(err);
        }
        return 1;
    }
}
