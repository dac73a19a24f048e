package io.mlopsci.core.cli;

import io.mlopsci.contract.ExitCodes;
import io.mlopsci.contract.StepId;
import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.ConfigProblem;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.console.Console;
import io.mlopsci.core.error.MlopsException;
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
        List<ConfigProblem> problems;
        MlopsConfig loaded = null;
        try {
            loaded = ConfigLoader.load(config, options);
            problems = List.of();
        } catch (io.mlopsci.core.config.ConfigException e) {
            problems = e.problems();
        } catch (MlopsException e) {
            console.error("mlops validate-config: " + e.getMessage());
            return e.exitCode();
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", config.toString());
            doc.put("valid", problems.isEmpty());
            doc.put("problems", problems);
            console.json(doc);
        }
        if (!problems.isEmpty()) {
            List<String> lines = new ArrayList<>();
            problems.forEach(p -> lines.add(p.toString()));
            lines.add(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + config);
            console.error(lines);
            return ExitCodes.USER_ERROR;
        }
        List<String> configured =
                StepCatalog.configured(loaded).stream().map(StepId::id).toList();
        console.error(config + " is valid: model '" + loaded.model() + "', steps: " + String.join(", ", configured));
        return ExitCodes.PASSED;
    }
}
