package org.loraproof.driver;

import java.io.PrintWriter;
import org.loraproof.driver.cli.BenchCommand;
import org.loraproof.driver.cli.Commands;
import org.loraproof.driver.cli.DemoCommand;
import org.loraproof.driver.cli.Groth16Command;
import org.loraproof.driver.cli.ModelCommands;
import picocli.CommandLine.Command;
import picocli.CommandLine;

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
        return Commands.run(new Main(), args, out, err);
    }
}
