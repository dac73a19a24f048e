package io.mlopsci.core.monitor;

import io.mlopsci.contract.MonitorOptions;
import io.mlopsci.contract.NoOptions;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.StepOptions;
import io.mlopsci.contract.TrainOptions;
import io.mlopsci.contract.result.MonitorOutputs;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.ci.CiEnvironment;
import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.pipeline.StepCatalog;
import io.mlopsci.core.step.Registries;
import io.mlopsci.core.step.StepContext;
import io.mlopsci.core.step.StepDefinition;
import io.mlopsci.core.testing.InProcessRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs steps of the engine in-process on a project directory, as the CLI does (configuration
 * loader, step runner, result.json and reports), in a Jenkins-like environment on the main branch
 * (so a passing gate promotes), and keeps what they printed.
 */
record EngineRun(StepResult result, String stderr, Path dir) implements InProcessRun {

    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("JENKINS_URL", "http://jenkins.example/");
        env.put("BRANCH_NAME", "main");
        env.put("GIT_COMMIT", SHA);
        return env;
    }

    static EngineRun step(Path dir, StepId id, StepOptions options, String... overrides) {
        Map<String, String> env = env();
        MlopsConfig config = ConfigLoader.load(
                dir.resolve("mlops.yaml"), new ConfigLoader.Options(null, null, env, List.of(overrides)));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
        StepResult r;
        try (StepContext ctx = new StepContext(
                config,
                CiEnvironment.detect(env, config.workdir(), config.mainBranches()),
                env,
                new Progress(ps, id.id(), false),
                Registries.standard())) {
            StepDefinition<?> d = StepCatalog.of(id);
            r = d.run(ctx, options);
        }
        return new EngineRun(r, err.toString(StandardCharsets.UTF_8), dir);
    }

    /** Records the champion: an ingested training run, then a passing gate on main that promotes it. */
    static void champion(Path dir, String... overrides) {
        EngineRun train = step(dir, StepId.TRAIN, new TrainOptions(true, false), overrides);
        if (train.result().exitCode() != 0) {
            throw new AssertionError("train: " + train.result().summary() + "\n" + train.stderr());
        }
        EngineRun gate = step(dir, StepId.EVALUATE_GATE, NoOptions.INSTANCE, overrides);
        if (gate.result().exitCode() != 0) {
            throw new AssertionError("gate: " + gate.result().summary() + "\n" + gate.stderr());
        }
    }

    static EngineRun monitor(Path dir, Instant at, String... overrides) {
        return step(dir, StepId.MONITOR, new MonitorOptions(at), overrides);
    }

    MonitorOutputs outputs() {
        return result.outputs(MonitorOutputs.class);
    }

    String report(String name) {
        return report("monitor", name);
    }

    @Override
    public String toString() {
        return result.verdict() + " (exit " + result.exitCode() + "): " + result.summary()
                + (result.error() == null ? "" : "; error " + result.error().message());
    }
}
