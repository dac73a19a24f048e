package io.mlopsci.core.cli;

import io.mlopsci.contract.ExitCodes;
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
            commandLine.getErr().println("mlops: internal error: " + e);
            e.printStackTrace(commandLine.getErr());
            return ExitCodes.INFRASTRUCTURE_ERROR;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("mlops: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr());
            c.getErr().println("See '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USER_ERROR;
        });
        return cli.execute(args);
    }
}
