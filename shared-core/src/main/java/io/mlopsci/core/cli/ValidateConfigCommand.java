package io.mlopsci.core.cli;

import io.mlopsci.contract.ExitCodes;
import io.mlopsci.contract.StepId;
import io.mlopsci.core.config.ConfigException;
import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.ConfigProblem;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.console.Console;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.pipeline.RunPlan;
import io.mlopsci.core.pipeline.StepCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mlops validate-config}: check mlops.yaml without running anything. */
@Command(
        name = "validate-config",
        mixinStandardHelpOptions = true,
        description =
                "Check a configuration file without running anything; every problem is listed with file:line:column.")
final class ValidateConfigCommand implements Callable<Integer> {

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            defaultValue = "mlops.yaml",
            description = "The file to check (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--workdir", paramLabel = "DIR", description = "Directory relative paths start from.")
    Path workdir;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a value before checking (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--json", description = "Print the problems as JSON to stdout.")
    boolean json;

    @Override
    public Integer call() {
        Console console = Console.system(System.getenv());
        ConfigLoader.Options options = new ConfigLoader.Options(workdir, null, System.getenv(), overrides);
        Checked checked;
        try {
            checked = check(config, options);
        } catch (MlopsException e) {
            console.error("mlops validate-config: " + e.getMessage());
            return e.exitCode();
        }
        List<ConfigProblem> problems = checked.problems();
        RunPlan plan = checked.plan();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", config.toString());
            doc.put("valid", problems.isEmpty());
            doc.put("problems", problems);
            if (plan != null) {
                doc.put(RunPlan.OUTPUT, plan.entries());
            }
            console.json(doc);
        }
        if (!problems.isEmpty()) {
            List<String> lines = new ArrayList<>();
            problems.forEach(p -> lines.add(p.toString()));
            lines.add(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + config);
            console.error(lines);
            return ExitCodes.USER_ERROR;
        }
        MlopsConfig loaded = checked.config();
        console.error(List.of(
                config + " is valid: model '" + loaded.model() + "', steps: "
                        + String.join(
                                ", ",
                                StepCatalog.configured(loaded).stream()
                                        .map(StepId::id)
                                        .toList()),
                "`mlops run` plan: " + plan.line()));
        return ExitCodes.PASSED;
    }

    /** What validate-config found: the configuration and `run`'s plan when it loads, and every problem. */
    record Checked(MlopsConfig config, RunPlan plan, List<ConfigProblem> problems) {}

    /**
     * Everything a run would reject before doing anything: the loader's problems (fields and the
     * rules between fields), else the rules between the steps {@code mlops run} would run.
     *
     * @throws MlopsException when the file cannot be read at all
     */
    static Checked check(Path config, ConfigLoader.Options options) {
        MlopsConfig loaded;
        try {
            loaded = ConfigLoader.load(config, options);
        } catch (ConfigException e) {
            return new Checked(null, null, e.problems());
        }
        RunPlan plan = RunPlan.of(loaded);
        return new Checked(loaded, plan, plan.problems());
    }
}
