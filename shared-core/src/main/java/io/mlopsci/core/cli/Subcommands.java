package io.mlopsci.core.cli;

import io.mlopsci.contract.StepId;
import io.mlopsci.core.pipeline.StepCatalog;
import io.mlopsci.core.step.StepDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * The subcommands of {@code mlops}, in help order: a command per step of the catalog, {@code run},
 * then the tools. Main registers only the one a command line names — picocli builds each command's
 * model by reflection, and building all of them is most of a cold start — and all of them for help,
 * suggestions and errors.
 */
final class Subcommands {

    private Subcommands() {}

    static Map<String, Supplier<CommandLine>> all() {
        Map<String, Supplier<CommandLine>> m = new LinkedHashMap<>();
        for (StepDefinition<?> step : StepCatalog.steps()) {
            StepId id = step.id();
            m.put(id.id(), () -> described(command(id), id.summary()));
        }
        m.put(
                StepId.RUN.id(),
                () -> described(
                        command(StepId.RUN),
                        "Run every configured step in order: "
                                + StepCatalog.steps().stream()
                                        .filter(s -> s.recovery().isEmpty() && s.id().inPipeline())
                                        .map(s -> s.id().id())
                                        .collect(Collectors.joining(", "))
                                + ".",
                        "Stops at the first step that does not pass; writes a summary to <out>/result.json."));
        m.put("validate-config", () -> new CommandLine(new ValidateConfigCommand()));
        m.put("infer-schema", () -> new CommandLine(new InferSchemaCommand()));
        m.put("publish", () -> new CommandLine(new PublishCommand()));
        return m;
    }

    /** The command object of a step; a new {@link StepId} does not compile until it has one. */
    private static Object command(StepId id) {
        return switch (id) {
            case VALIDATE_DATA -> new StepCommands.ValidateData();
            case TRAIN -> new StepCommands.Train();
            case EVALUATE_GATE -> new StepCommands.EvaluateGate();
            case PACKAGE -> new StepCommands.Package();
            case DEPLOY_CANARY -> new StepCommands.DeployCanary();
            case ROLLBACK -> new StepCommands.Rollback();
            case MONITOR -> new StepCommands.Monitor();
            case RUN -> new RunCommand();
        };
    }

    private static CommandLine described(Object command, String... description) {
        CommandLine cli = new CommandLine(command);
        cli.getCommandSpec().usageMessage().description(description);
        return cli;
    }
}
