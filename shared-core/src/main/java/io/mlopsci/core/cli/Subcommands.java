package io.mlopsci.core.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The subcommands of {@code mlops}, in help order. Main registers only the one a command line
 * names — picocli builds each command's model by reflection, and building all of them is most of
 * a cold start — and all of them for help, suggestions and errors.
 */
final class Subcommands {

    private Subcommands() {}

    static Map<String, Supplier<Object>> all() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("validate-data", StepCommands.ValidateData::new);
        m.put("train", StepCommands.Train::new);
        m.put("evaluate-gate", StepCommands.EvaluateGate::new);
        m.put("package", StepCommands.Package::new);
        m.put("deploy-canary", StepCommands.DeployCanary::new);
        m.put("rollback", StepCommands.Rollback::new);
        m.put("run", RunCommand::new);
        m.put("validate-config", ValidateConfigCommand::new);
        m.put("infer-schema", InferSchemaCommand::new);
        m.put("publish", PublishCommand::new);
        return m;
    }
}
