package org.loraproof.driver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The help of every command reads as written: its summary is a sentence, and only whole paragraphs
 * are left to picocli's wrapping at 80 columns. A description line that stops mid-sentence (an
 * example, a line broken by hand) must fit on one line, or the help comes out ragged.
 */
class HelpTextTest {
    @Test
    void everyCommandsHelpOpensWithASentenceAndWrapsOnlyParagraphs() {
        List<CommandLine> commands = new ArrayList<>();
        collect(new CommandLine(new Main()), commands);
        assertTrue(commands.size() > 10, "commands found: " + commands.size());
        List<String> problems = new ArrayList<>();
        for (CommandLine cl : commands) {
            String name = cl.getCommandSpec().qualifiedName();
            String[] description = cl.getCommandSpec().usageMessage().description();
            if (description.length == 0 || !description[0].endsWith(".")) {
                problems.add(name + ": the summary (the first description line) is not a whole sentence");
            }
            String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            for (String line : description) {
                boolean paragraph = line.endsWith(".") || line.endsWith(":");
                if (!paragraph && !usage.contains(line)) {
                    problems.add(name + ": picocli wraps the line \"" + line + "\"");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            collect(sub, out);
        }
    }
}
