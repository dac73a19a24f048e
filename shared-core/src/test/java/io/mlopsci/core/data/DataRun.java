package io.mlopsci.core.data;

import io.mlopsci.contract.NoOptions;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.ci.CiEnvironment;
import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.step.Registries;
import io.mlopsci.core.step.StepContext;
import io.mlopsci.core.step.StepRunner;
import io.mlopsci.core.testing.InProcessRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the validate-data step in-process on an mlops.yaml written into a directory, the way the
 * CLI does (config loader, step runner, reports), and keeps what it printed on stderr.
 */
record DataRun(StepResult result, String stderr, Path dir) implements InProcessRun {

    static DataRun of(Path dir, String yaml) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("mlops.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        MlopsConfig config =
                ConfigLoader.load(dir.resolve("mlops.yaml"), new ConfigLoader.Options(null, null, env, List.of()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
        StepResult r;
        try (StepContext ctx = new StepContext(
                config,
                CiEnvironment.detect(env, config.workdir(), List.of()),
                env,
                new Progress(ps, StepId.VALIDATE_DATA.id(), false),
                Registries.standard())) {
            r = StepRunner.run(ValidateDataStep.DEFINITION, NoOptions.INSTANCE, ctx);
        }
        return new DataRun(r, err.toString(StandardCharsets.UTF_8), dir);
    }

    String report(String name) {
        return report("validate-data", name);
    }
}
