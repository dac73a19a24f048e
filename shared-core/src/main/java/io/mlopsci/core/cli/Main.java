package io.mlopsci.core.cli;

import io.mlopsci.contract.ExitCodes;
import io.mlopsci.core.console.Console;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Entry point of the {@code mlops} CLI. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (usage errors are 2, as the contract says). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new MlopsCommand());
        Map<String, Supplier<CommandLine>> subcommands = Subcommands.all();
        String first = args.length == 0 ? "" : args[0];
        if (subcommands.containsKey(first)) {
            cli.addSubcommand(first, subcommands.get(first).get());
        } else if (!(args.length == 1 && (first.equals("--version") || first.equals("-V")))) {
            subcommands.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Console console = Console.system(System.getenv());
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            List<String> lines = new ArrayList<>();
            lines.add("mlops: internal error: " + e);
            lines.addAll(List.of(trace.toString().split("\\R")));
            console.error(lines);
            return ExitCodes.INFRASTRUCTURE_ERROR;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            CommandLine c = e.getCommandLine();
            Console console = Console.system(System.getenv());
            // The message quotes the arguments, which may hold anything.
            console.error("mlops: " + e.getMessage());
            StringWriter suggestions = new StringWriter();
            CommandLine.UnmatchedArgumentException.printSuggestions(e, new PrintWriter(suggestions));
            console.error(List.of(suggestions.toString().split("\\R")).stream()
                    .filter(l -> !l.isEmpty())
                    .toList());
            console.error("See '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USER_ERROR;
        });
        return cli.execute(args);
    }
}
