package io.mlopsci.core.cli;

import io.mlopsci.contract.Layout;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.CiInfo;
import io.mlopsci.contract.result.ErrorInfo;
import io.mlopsci.contract.result.ResultFreshness;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.ci.CiEnvironment;
import io.mlopsci.core.config.ConfigException;
import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.console.Console;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.console.SecretMask;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.report.ReportWriter;
import io.mlopsci.core.step.EngineVersion;
import io.mlopsci.core.step.Registries;
import io.mlopsci.core.step.StepContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every step command does around its step: load the configuration, build the context, run,
 * print {@code --json}, and return the exit code. A configuration that cannot be loaded still
 * yields a {@code result.json} (verdict ERROR, exit 2), because front ends read results, not logs.
 */
final class Invocation {

    private final CommonOptions options;
    private final Map<String, String> env;
    private final PrintStream err;
    private final Console console;

    Invocation(CommonOptions options, Map<String, String> env, PrintStream out, PrintStream err) {
        this.options = options;
        this.env = env;
        this.err = err;
        this.console = new Console(out, err, SecretMask.fromEnv(env));
    }

    int run(StepId step, Function<StepContext, StepResult> action) {
        if (options.invocationId != null) {
            Optional<String> invalid = ResultFreshness.invalidId(options.invocationId);
            if (invalid.isPresent()) {
                // The error result cannot carry an id that is not one.
                options.invocationId = null;
                return configError(step, MlopsException.usage(invalid.get()));
            }
        }
        MlopsConfig config;
        try {
            // ${git.branch} in the configuration sees --branch too (as MLOPS_BRANCH would be seen).
            Map<String, String> configEnv = env;
            if (options.branch != null && !options.branch.isBlank()) {
                configEnv = new java.util.HashMap<>(env);
                configEnv.put(CiEnvironment.BRANCH_VARIABLE, options.branch);
            }
            config = ConfigLoader.load(
                    options.config,
                    new ConfigLoader.Options(options.workdir, options.out, configEnv, options.overrides));
        } catch (MlopsException e) {
            return configError(step, e);
        }
        CiInfo ci = CiEnvironment.detect(env, config.workdir(), config.mainBranches(), options.branch);
        Progress progress = new Progress(err, step.id(), options.quiet, console.mask());
        StepResult result;
        try (StepContext ctx =
                new StepContext(config, ci, env, progress, Registries.standard(), options.invocationId)) {
            result = action.apply(ctx);
        }
        if (options.json) {
            console.json(result);
        }
        if (result.exitCode() != 0 && result.error() != null) {
            console.error("mlops " + step + ": " + result.error().message());
        }
        return result.exitCode();
    }

    private int configError(StepId step, MlopsException e) {
        // A message may quote a value substituted from the environment.
        String message = console.mask().apply(e.getMessage());
        if (e instanceof ConfigException ce && ce.problems().size() > 1) {
            List<String> lines = new ArrayList<>();
            lines.add("mlops " + step + ": " + ce.problems().size() + " problems in the configuration:");
            ce.problems().forEach(p -> lines.add("mlops " + step + ":   - " + p));
            console.error(lines);
        } else {
            console.error("mlops " + step + ": " + message);
        }
        Path workdir = options.workdir != null
                ? options.workdir
                : options.config.toAbsolutePath().getParent();
        Path outDir = options.out != null ? options.out : Layout.defaultOut(workdir);
        Path dir = Layout.stepDir(outDir, step);
        StepResult result = StepResult.builder(step.id())
                .tool(EngineVersion.tool())
                .invocation(options.invocationId)
                .verdict(Verdict.ERROR)
                .exitCode(e.exitCode())
                .startedAt(Instant.now().toString())
                .finishedAt(Instant.now().toString())
                .configFile(options.config.toString())
                .error(new ErrorInfo(e.kind(), message, e.location()))
                .summary(e.kind() + " error: "
                        + (e instanceof ConfigException ce && ce.problems().size() > 1
                                ? ce.problems().size() + " problems in " + options.config
                                : firstLine(message)))
                .build();
        try {
            result = ReportWriter.write(console.mask().apply(result), dir);
        } catch (IOException io) {
            console.error("mlops " + step + ": cannot write " + dir + ": " + io.getMessage());
        }
        if (options.json) {
            console.json(result);
        }
        return e.exitCode();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
