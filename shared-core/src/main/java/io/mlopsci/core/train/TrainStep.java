package io.mlopsci.core.train;

import io.mlopsci.contract.RunOptions;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.TrainOptions;
import io.mlopsci.contract.result.CacheInfo;
import io.mlopsci.contract.result.CiInfo;
import io.mlopsci.contract.result.ModelRef;
import io.mlopsci.contract.result.Numbers;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Timing;
import io.mlopsci.contract.result.TrainOutputs;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.command.CommandOutcome;
import io.mlopsci.core.command.CommandRunner;
import io.mlopsci.core.command.CommandSpec;
import io.mlopsci.core.command.DockerCommandRunner;
import io.mlopsci.core.command.LocalCommandRunner;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.io.Hashing;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.metrics.MetricsFile;
import io.mlopsci.core.registry.Registry;
import io.mlopsci.core.registry.RunRecord;
import io.mlopsci.core.scoring.Predictions;
import io.mlopsci.core.scoring.read.PredictionsReader;
import io.mlopsci.core.step.RunReports;
import io.mlopsci.core.step.Step;
import io.mlopsci.core.step.StepContext;
import io.mlopsci.core.step.StepDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The train step: looks the run up in the run cache, otherwise runs the training command (local
 * process or container), reads the metrics and predictions it wrote, and records the run — params,
 * metrics, artifacts, git commit, data hashes, duration, cache key — in the registry. Without a
 * command it ingests the metrics and predictions an earlier CI step wrote.
 */
public final class TrainStep implements Step<TrainOptions> {

    public static final StepDefinition<TrainOptions> DEFINITION = StepDefinition.of(
                    StepId.TRAIN, TrainOptions.class, new TrainOptions(false), c -> c.train() != null, TrainStep::new)
            .inRun(RunOptions::train);
    private static final StepId ID = StepId.TRAIN;
    static final String MODEL_ARTIFACT = "model";
    static final String METRICS_ARTIFACT = "metrics.json";
    static final String PREDICTIONS_ARTIFACT = "predictions.csv";

    @Override
    public void execute(StepContext ctx, TrainOptions options, StepResult.Builder result) throws IOException {
        MlopsConfig config = ctx.config();
        TrainConfig train = config.train();
        if (train == null) {
            throw MlopsException.config("there is no 'train' section in " + config.displayName(), null);
        }
        Registry registry = ctx.registry();
        if (!train.hasCommand()) {
            ingest(ctx, result, train, registry);
            return;
        }
        long t0 = System.nanoTime();
        RunCacheKey key = train.cache().enabled() ? RunCacheKey.compute(config, train, ctx.env()) : null;
        if (key != null) {
            result.timing(new Timing("hash inputs", millisSince(t0)));
            key.warnings().forEach(w -> {
                ctx.progress().warn(w);
                result.note("Run cache: " + w + ".");
            });
            if (!options.noCache()) {
                var hit = registry.findRunByCacheKey(config.model(), key.key());
                if (hit.isPresent()) {
                    restore(ctx, result, train, registry, hit.get(), key);
                    return;
                }
            }
        }
        String runId = UUID.randomUUID().toString().replace("-", "");
        prepareOutputs(config, train);
        CommandRunner runner = train.runner() == TrainConfig.Runner.DOCKER
                ? new DockerCommandRunner(train.docker(), ctx.env())
                : new LocalCommandRunner();
        ctx.progress().phase("training: " + String.join(" ", train.argv()) + " (" + runner.describe() + ")");
        CommandSpec spec = new CommandSpec(
                train.argv(),
                train.workingDir(),
                commandEnv(config, train, ctx.ci(), runId),
                train.timeout(),
                ID.id(),
                mounts(config, train));
        Instant started = Instant.now();
        CommandOutcome outcome = runner.run(spec, ctx.progress());
        result.timing(new Timing("training", outcome.durationMs()));
        if (outcome.timedOut()) {
            throw MlopsException.command(
                    "training did not finish within train.timeout (" + human(train.timeout()) + ") and was" + " stopped"
                            + tail(outcome),
                    null);
        }
        if (outcome.exitCode() != 0) {
            throw MlopsException.command(
                    "the training command exited with code " + outcome.exitCode()
                            + (outcome.reason() == null ? "" : " (" + outcome.reason() + ")") + tail(outcome),
                    null);
        }
        record(
                ctx,
                result,
                train,
                registry,
                runId,
                started,
                outcome.durationMs(),
                key,
                key == null
                        ? new CacheInfo(null, false, runId, "run cache disabled (train.cache)")
                        : new CacheInfo(
                                key.key(),
                                false,
                                runId,
                                options.noCache() ? TrainOptions.NO_CACHE : "no run with this key"));
    }

    @Override
    public void afterReports(StepContext ctx, StepResult written) {
        RunReports.attach(ctx, ID, written);
    }

    private void ingest(StepContext ctx, StepResult.Builder result, TrainConfig train, Registry registry)
            throws IOException {
        ctx.progress().phase("no train.command: ingesting " + ctx.config().relative(train.metrics()));
        String runId = UUID.randomUUID().toString().replace("-", "");
        record(
                ctx,
                result,
                train,
                registry,
                runId,
                Instant.now(),
                0,
                null,
                new CacheInfo(null, false, runId, "ingested: no training command"));
        result.note("No training command: the metrics" + (train.predictions() == null ? "" : " and predictions")
                + " an earlier step wrote were ingested.");
    }

    private void record(
            StepContext ctx,
            StepResult.Builder result,
            TrainConfig train,
            Registry registry,
            String runId,
            Instant started,
            long durationMs,
            RunCacheKey key,
            CacheInfo cache)
            throws IOException {
        MlopsConfig config = ctx.config();
        MetricsFile metrics = MetricsFile.read(train.metrics(), config.relative(train.metrics()));
        Predictions predictions = null;
        if (train.predictions() != null) {
            predictions = PredictionsReader.read(
                    train.predictions().path(),
                    config.relative(train.predictions().path()),
                    train.predictions());
        }
        Map<String, String> dataHashes = key != null ? key.dataHashes() : dataHashes(config);
        Map<String, String> tags = tags(ctx.ci(), key);
        Map<String, Path> artifacts = new LinkedHashMap<>();
        if (Files.isDirectory(train.output())) {
            artifacts.put(MODEL_ARTIFACT, train.output());
        }
        artifacts.put(METRICS_ARTIFACT, train.metrics());
        String predictionsArtifact = predictionsArtifact(train.predictions());
        if (predictions != null) {
            artifacts.put(predictionsArtifact, train.predictions().path());
        }
        ctx.progress().phase("recording run " + runId + " in the " + registry.describe());
        long t0 = System.nanoTime();
        RunRecord run = registry.logRun(
                new RunRecord(
                        runId,
                        config.model(),
                        started.toString(),
                        durationMs,
                        train.params(),
                        metrics.values(),
                        tags,
                        dataHashes,
                        key == null ? null : key.key(),
                        List.of(),
                        predictions == null ? null : predictionsArtifact,
                        METRICS_ARTIFACT,
                        metrics.steps()),
                artifacts);
        result.timing(new Timing("record run", millisSince(t0)));
        describe(ctx, result, train, run, metrics, predictions, cache);
    }

    /** The predictions' name among a run's artifacts; its extension tells later readers the format. */
    static String predictionsArtifact(TrainConfig.PredictionsConfig p) {
        return p == null ? PREDICTIONS_ARTIFACT : p.copyName();
    }

    private void restore(
            StepContext ctx,
            StepResult.Builder result,
            TrainConfig train,
            Registry registry,
            RunRecord run,
            RunCacheKey key)
            throws IOException {
        MlopsConfig config = ctx.config();
        ctx.progress().phase("run cache hit: reusing run " + run.runId() + " (trained " + run.startedAt() + ")");
        long t0 = System.nanoTime();
        Path staging = config.stepOut(ID).resolve(".restore");
        if (run.artifacts().stream().anyMatch(a -> a.startsWith(MODEL_ARTIFACT + "/"))) {
            AtomicFiles.copyTree(registry.fetchArtifacts(run.runId(), MODEL_ARTIFACT, staging), train.output());
        }
        Path metricsFile = registry.fetchArtifacts(run.runId(), METRICS_ARTIFACT, staging);
        AtomicFiles.write(train.metrics(), Files.readAllBytes(metricsFile));
        Predictions predictions = null;
        if (train.predictions() != null) {
            if (run.predictions() == null) {
                throw MlopsException.infrastructure(
                        "the cached run " + run.runId() + " has no predictions; rerun with --no-cache");
            }
            Path p = registry.fetchArtifacts(run.runId(), run.predictions(), staging);
            AtomicFiles.write(train.predictions().path(), Files.readAllBytes(p));
            predictions = PredictionsReader.read(
                    train.predictions().path(),
                    config.relative(train.predictions().path()),
                    train.predictions());
        }
        AtomicFiles.deleteTree(staging);
        result.timing(new Timing("restore cached run", millisSince(t0)));
        MetricsFile metrics = MetricsFile.read(train.metrics(), config.relative(train.metrics()));
        CacheInfo cache = new CacheInfo(
                key.key(),
                true,
                run.runId(),
                "reused run " + run.runId() + " from " + run.startedAt() + " (training took "
                        + Numbers.duration(run.durationMs()) + ")");
        result.note("Run cache hit: training was skipped; the artifacts and metrics of run " + run.runId()
                + " were reused (use --no-cache to retrain).");
        describe(ctx, result, train, run, metrics, predictions, cache);
    }

    private void describe(
            StepContext ctx,
            StepResult.Builder result,
            TrainConfig train,
            RunRecord run,
            MetricsFile metrics,
            Predictions predictions,
            CacheInfo cache) {
        MlopsConfig config = ctx.config();
        result.verdict(Verdict.PASS)
                .model(new ModelRef(config.model(), null, run.runId()))
                .cache(cache)
                .summary((cache.hit() ? "reused cached run " : "recorded run ") + run.runId() + " with "
                        + metrics.values().size() + " metrics"
                        + (predictions == null ? "" : " and " + predictions.size() + " predictions"))
                .outputs(new TrainOutputs(
                        run.runId(),
                        cache.hit(),
                        cache.key(),
                        metrics.values(),
                        config.relative(train.metrics()),
                        train.predictions() == null
                                ? null
                                : config.relative(train.predictions().path()),
                        predictions == null ? null : predictions.size(),
                        config.relative(train.output()),
                        run.durationMs()));
        List<List<String>> rows = new ArrayList<>();
        metrics.values()
                .forEach((k, v) -> rows.add(List.of(
                        k,
                        Numbers.value(v),
                        metrics.steps().containsKey(k)
                                ? String.valueOf(metrics.steps().get(k).size())
                                : "")));
        result.section(new ReportSection(
                "Metrics reported by training",
                null,
                new ReportSection.Table(List.of("metric", "value", "steps"), rows),
                null,
                false));
        if (!train.params().isEmpty()) {
            List<List<String>> params = new ArrayList<>();
            train.params().forEach((k, v) -> params.add(List.of(k, v)));
            result.section(new ReportSection(
                    "Parameters", null, new ReportSection.Table(List.of("param", "value"), params), null, true));
        }
        if (!run.dataHashes().isEmpty()) {
            List<List<String>> data = new ArrayList<>();
            run.dataHashes().forEach((k, v) -> data.add(List.of(k, v)));
            result.section(new ReportSection(
                    "Data", null, new ReportSection.Table(List.of("file", "sha256"), data), null, true));
        }
    }

    /** Deletes outputs a previous run left, so a command that writes nothing cannot pass with stale files. */
    private static void prepareOutputs(MlopsConfig config, TrainConfig train) throws IOException {
        if (train.output().startsWith(config.outDir())) {
            AtomicFiles.deleteTree(train.output());
        }
        Files.createDirectories(train.output());
        Files.deleteIfExists(train.metrics());
        if (train.predictions() != null) {
            Files.deleteIfExists(train.predictions().path());
        }
    }

    /** The command's environment: MLOPS_* paths and params, then train.env (which wins). */
    static Map<String, String> commandEnv(MlopsConfig config, TrainConfig train, CiInfo ci, String runId) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MLOPS_MODEL_NAME", config.model());
        env.put("MLOPS_RUN_ID", runId);
        env.put("MLOPS_WORKDIR", config.workdir().toString());
        env.put("MLOPS_OUTPUT_DIR", train.output().toString());
        env.put("MLOPS_METRICS_FILE", train.metrics().toString());
        if (train.predictions() != null) {
            env.put("MLOPS_PREDICTIONS_FILE", train.predictions().path().toString());
        }
        if (config.data() != null) {
            putIf(env, "MLOPS_DATA_TRAIN", config.data().train());
            putIf(env, "MLOPS_DATA_EVAL", config.data().eval());
            putIf(env, "MLOPS_DATA_REFERENCE", config.data().reference());
        }
        if (ci.sha() != null) {
            env.put("MLOPS_GIT_SHA", ci.sha());
        }
        env.put("MLOPS_PARAMS_JSON", Json.string(train.params()));
        train.params()
                .forEach((k, v) ->
                        env.put("MLOPS_PARAM_" + k.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), v));
        env.putAll(train.env());
        return env;
    }

    private static void putIf(Map<String, String> env, String name, Path p) {
        if (p != null) {
            env.put(name, p.toString());
        }
    }

    /** Directories a container needs: the workdir, outputs, data and the working directory. */
    static List<Path> mounts(MlopsConfig config, TrainConfig train) {
        List<Path> m = new ArrayList<>(List.of(
                config.workdir(),
                config.outDir(),
                train.output(),
                train.workingDir(),
                train.metrics().getParent()));
        if (train.predictions() != null) {
            m.add(train.predictions().path().getParent());
        }
        if (config.data() != null) {
            for (Path p : new Path[] {
                config.data().train(), config.data().eval(), config.data().reference()
            }) {
                if (p != null) {
                    m.add(p.getParent());
                }
            }
        }
        return m;
    }

    private static Map<String, String> tags(CiInfo ci, RunCacheKey key) {
        Map<String, String> tags = new LinkedHashMap<>();
        putTag(tags, "mlops.git.sha", ci.sha());
        putTag(tags, "mlops.git.branch", ci.branch());
        putTag(tags, "mlops.ci.system", ci.system());
        putTag(tags, "mlops.ci.build_url", ci.buildUrl());
        putTag(
                tags,
                "mlops.ci.pull_request",
                ci.pullRequest() == null ? null : ci.pullRequest().toString());
        putTag(tags, "mlops.cache.key", key == null ? null : key.key());
        return tags;
    }

    private static void putTag(Map<String, String> tags, String k, String v) {
        if (v != null) {
            tags.put(k, v);
        }
    }

    private static Map<String, String> dataHashes(MlopsConfig config) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (config.data() != null) {
            for (Path p : new Path[] {
                config.data().train(), config.data().eval(), config.data().reference()
            }) {
                if (p != null && Files.isRegularFile(p)) {
                    out.put(config.relative(p), Hashing.sha256(p));
                }
            }
        }
        return out;
    }

    private static String tail(CommandOutcome outcome) {
        if (outcome.tail().isEmpty()) {
            return "";
        }
        return "; last output:\n  " + String.join("\n  ", outcome.tail());
    }

    private static String human(java.time.Duration d) {
        return Numbers.duration(d.toMillis());
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
