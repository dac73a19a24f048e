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
import io.mlopsci.core.preflight.Backend;
import io.mlopsci.core.preflight.Need;
import io.mlopsci.core.registry.DatasetTags;
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
import java.util.Optional;

/**
 * The train step: looks the run up in the run cache, otherwise runs the training command (local
 * process or container), reads the metrics and predictions it wrote, and records the run — params,
 * metrics, artifacts, git commit, data hashes, duration, cache key — in the registry. Without a
 * command it ingests the metrics and predictions an earlier CI step wrote.
 */
public final class TrainStep implements Step<TrainOptions> {

    public static final StepDefinition<TrainOptions> DEFINITION = StepDefinition.of(
                    StepId.TRAIN,
                    TrainOptions.class,
                    new TrainOptions(false, false),
                    c -> c.train() != null,
                    TrainStep::new)
            .inRun(RunOptions::train);
    private static final StepId ID = StepId.TRAIN;

    static final String MODEL_ARTIFACT = "model";
    static final String METRICS_ARTIFACT = "metrics.json";
    static final String PREDICTIONS_ARTIFACT = "predictions.csv";

    @Override
    public List<Need> needs(StepContext ctx, TrainOptions options) {
        List<Need> needs = new ArrayList<>(List.of(Need.of(Backend.TRACKING, ID), Need.of(Backend.ARTIFACT_STORE, ID)));
        TrainConfig train = ctx.config().train();
        if (train != null
                && train.hasCommand()
                && train.runner() == TrainConfig.Runner.DOCKER
                && !options.recordOnly()) {
            needs.add(Need.of(Backend.DOCKER, ID));
        }
        return needs;
    }

    @Override
    public void execute(StepContext ctx, TrainOptions options, StepResult.Builder result) throws IOException {
        MlopsConfig config = ctx.config();
        TrainConfig train = config.train();
        if (train == null) {
            throw MlopsException.config("there is no 'train' section in " + config.displayName(), null);
        }
        Registry registry = ctx.registry();
        boolean recordOnly = options.recordOnly();
        if (recordOnly && options.noCache()) {
            throw MlopsException.usage(TrainOptions.RECORD_ONLY
                    + " records what was trained; it cannot be combined with " + TrainOptions.NO_CACHE);
        }
        if (!train.hasCommand()) {
            if (recordOnly) {
                throw MlopsException.usage(
                        TrainOptions.RECORD_ONLY + " records outputs a training command left; there is no"
                                + " train.command (without one, `mlops train` ingests the metrics an earlier step wrote)");
            }
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
        }
        Optional<PendingRun> pending = PendingRun.read(config);
        if (recordOnly) {
            recordOnly(ctx, result, train, registry, key, pending);
            return;
        }
        if (pending.isPresent()) {
            String why = unusable(config, pending.get(), key, options.noCache());
            if (why == null) {
                recordPending(ctx, result, train, registry, pending.get(), key);
                return;
            }
            PendingRun.delete(config);
            registry.failRun(pending.get().runId(), "its trained outputs were discarded: " + why);
            String note = "Outputs trained earlier and never recorded (" + config.relative(PendingRun.file(config))
                    + ", run " + pending.get().runId() + ") were discarded: " + why + ".";
            ctx.progress().warn(note);
            result.note(note);
        }
        if (key != null && !options.noCache()) {
            var hit = registry.findRunByCacheKey(config.model(), key.key());
            if (hit.isPresent()) {
                restore(ctx, result, train, registry, hit.get(), key);
                return;
            }
        }
        Map<String, String> tags = tags(ctx.ci(), key, RunRecord.KIND_TRAINED);
        Instant started = Instant.now();
        String runId = registry.startRun(draft(config, train, started, tags, key));
        CommandRunner runner;
        CommandOutcome outcome;
        try {
            prepareOutputs(config, train);
            runner = train.runner() == TrainConfig.Runner.DOCKER
                    ? new DockerCommandRunner(train.docker(), ctx.env())
                    : new LocalCommandRunner();
            ctx.progress()
                    .phase("training run " + runId + ": " + String.join(" ", train.argv()) + " (" + runner.describe()
                            + ")");
            CommandSpec spec = new CommandSpec(
                    train.argv(),
                    train.workingDir(),
                    commandEnv(config, train, ctx.ci(), runId),
                    train.timeout(),
                    ID.id(),
                    mounts(config, train));
            outcome = runner.run(spec, ctx.progress());
            result.timing(new Timing("training", outcome.durationMs()));
            if (outcome.timedOut()) {
                throw MlopsException.command(
                        "training did not finish within train.timeout (" + human(train.timeout()) + ") and was stopped"
                                + tail(outcome),
                        null);
            }
            if (outcome.exitCode() != 0) {
                throw MlopsException.command(
                        "the training command exited with code " + outcome.exitCode()
                                + (outcome.reason() == null ? "" : " (" + outcome.reason() + ")") + tail(outcome),
                        null);
            }
        } catch (IOException | RuntimeException e) {
            registry.failRun(runId, "training failed: " + firstLine(e.getMessage()));
            throw e;
        }
        record(
                ctx,
                result,
                train,
                registry,
                new Trained(runId, started.toString(), outcome.durationMs(), train.params(), tags, null, key),
                key == null
                        ? new CacheInfo(null, false, runId, "run cache disabled (train.cache)")
                        : new CacheInfo(
                                key.key(),
                                false,
                                runId,
                                options.noCache() ? TrainOptions.NO_CACHE : "no run with this key"),
                true);
    }

    @Override
    public void afterReports(StepContext ctx, StepResult written) {
        RunReports.attach(ctx, ID, written);
    }

    /** What a run was trained from, before it is recorded. dataHashes null: computed from the data files. */
    private record Trained(
            String runId,
            String startedAt,
            long durationMs,
            Map<String, String> params,
            Map<String, String> tags,
            Map<String, String> dataHashes,
            RunCacheKey key) {}

    private static RunRecord draft(
            MlopsConfig config, TrainConfig train, Instant started, Map<String, String> tags, RunCacheKey key) {
        return new RunRecord(
                null,
                config.model(),
                started.toString(),
                0,
                train.params(),
                Map.of(),
                tags,
                Map.of(),
                key == null ? null : key.key(),
                List.of(),
                null,
                null);
    }

    /** Why a pending run cannot be recorded now instead of training, or null when it can. */
    private static String unusable(MlopsConfig config, PendingRun pending, RunCacheKey key, boolean noCache)
            throws IOException {
        if (noCache) {
            return "--no-cache trains again";
        }
        if (key == null || pending.cacheKey() == null) {
            return "the run cache is off, so they cannot be told to match the inputs (use --record-only to record"
                    + " them anyway)";
        }
        if (!key.key().equals(pending.cacheKey())) {
            return "the inputs changed since they were trained (cache key "
                    + pending.cacheKey().substring(0, 12) + " → " + key.key().substring(0, 12) + ")";
        }
        return pending.changed(config).orElse(null);
    }

    private void recordOnly(
            StepContext ctx,
            StepResult.Builder result,
            TrainConfig train,
            Registry registry,
            RunCacheKey key,
            Optional<PendingRun> pending)
            throws IOException {
        MlopsConfig config = ctx.config();
        if (pending.isEmpty()) {
            throw MlopsException.usage("--record-only: nothing to record: no trained outputs are waiting in "
                    + config.relative(PendingRun.file(config)) + " (`mlops train` leaves them there when recording"
                    + " the run fails); run `mlops train` to train");
        }
        Optional<String> changed = pending.get().changed(config);
        if (changed.isPresent()) {
            throw MlopsException.input("--record-only: the trained outputs of run "
                    + pending.get().runId() + " cannot be recorded as trained: " + changed.get()
                    + "; run `mlops train` to train again");
        }
        if (key != null
                && pending.get().cacheKey() != null
                && !key.key().equals(pending.get().cacheKey())) {
            String note = "The inputs changed since run " + pending.get().runId() + " was trained (cache key "
                    + pending.get().cacheKey().substring(0, 12) + " → "
                    + key.key().substring(0, 12)
                    + "); it is recorded as trained, with the key of the inputs it was trained on.";
            ctx.progress().warn(note);
            result.note(note);
        }
        recordPending(ctx, result, train, registry, pending.get(), key);
    }

    private void recordPending(
            StepContext ctx,
            StepResult.Builder result,
            TrainConfig train,
            Registry registry,
            PendingRun pending,
            RunCacheKey currentKey)
            throws IOException {
        MlopsConfig config = ctx.config();
        ctx.progress()
                .phase("run " + pending.runId() + " was trained " + pending.startedAt() + " (took "
                        + Numbers.duration(pending.durationMs()) + ") and not recorded: recording its outputs from "
                        + config.relative(PendingRun.file(config)) + " without training again");
        result.note("Training was skipped: run " + pending.runId() + " was trained by an earlier invocation at "
                + pending.startedAt() + ", which could not record it (" + pending.registry()
                + " was unavailable); its outputs, unchanged since (SHA-256 checked), were recorded now.");
        Trained trained = new Trained(
                pending.runId(),
                pending.startedAt(),
                pending.durationMs(),
                pending.params(),
                pending.tags(),
                pending.dataHashes(),
                null);
        record(
                ctx,
                result,
                train,
                registry,
                trained,
                new CacheInfo(
                        pending.cacheKey(),
                        false,
                        pending.runId(),
                        "recorded outputs trained at " + pending.startedAt() + " that were waiting in "
                                + config.relative(PendingRun.file(config))),
                false,
                pending);
    }

    private void ingest(StepContext ctx, StepResult.Builder result, TrainConfig train, Registry registry)
            throws IOException {
        ctx.progress().phase("no train.command: ingesting " + ctx.config().relative(train.metrics()));
        record(
                ctx,
                result,
                train,
                registry,
                new Trained(
                        null,
                        Instant.now().toString(),
                        0,
                        train.params(),
                        tags(ctx.ci(), null, RunRecord.KIND_INGESTED),
                        null,
                        null),
                new CacheInfo(null, false, null, "ingested: no training command"),
                false);
        result.note("No training command: the metrics" + (train.predictions() == null ? "" : " and predictions")
                + " an earlier step wrote were ingested.");
    }

    private void record(
            StepContext ctx,
            StepResult.Builder result,
            TrainConfig train,
            Registry registry,
            Trained trained,
            CacheInfo cache,
            boolean startedHere)
            throws IOException {
        record(ctx, result, train, registry, trained, cache, startedHere, null);
    }

    /**
     * Reads the outputs, leaves a {@link PendingRun} beside them, records the run, and removes the
     * pending file once the run is recorded. When recording fails the outputs stay, and the message
     * says how to record them later.
     */
    private void record(
            StepContext ctx,
            StepResult.Builder result,
            TrainConfig train,
            Registry registry,
            Trained trained,
            CacheInfo cache,
            boolean startedHere,
            PendingRun pending)
            throws IOException {
        MlopsConfig config = ctx.config();
        MetricsFile metrics;
        Predictions predictions = null;
        Map<String, String> dataHashes;
        try {
            if (!train.argv().isEmpty() && !Files.isRegularFile(train.metrics())) {
                throw MlopsException.input(missingMetricsHint(config, train));
            }
            metrics = MetricsFile.read(train.metrics(), config.relative(train.metrics()));
            if (train.predictions() != null) {
                predictions = PredictionsReader.read(
                        train.predictions().path(),
                        config.relative(train.predictions().path()),
                        train.predictions());
            }
            dataHashes = trained.dataHashes() != null
                    ? trained.dataHashes()
                    : trained.key() != null ? trained.key().dataHashes() : dataHashes(config);
        } catch (MlopsException | IOException e) {
            if (startedHere) {
                registry.failRun(trained.runId(), "its outputs could not be read: " + firstLine(e.getMessage()));
            }
            throw e;
        }
        Map<String, Path> artifacts;
        if (pending != null) {
            artifacts = pending.artifactPaths();
        } else {
            artifacts = new LinkedHashMap<>();
            if (Files.isDirectory(train.output())) {
                artifacts.put(MODEL_ARTIFACT, train.output());
            }
            artifacts.put(METRICS_ARTIFACT, train.metrics());
            if (predictions != null) {
                artifacts.put(
                        predictionsArtifact(train.predictions()),
                        train.predictions().path());
            }
        }
        // The data the run used, as tags (and MLflow dataset inputs): monitor finds its reference there.
        Map<String, String> tags = new LinkedHashMap<>(trained.tags());
        tags.putAll(DatasetTags.of(datasets(config), dataHashes));
        String cacheKey = pending != null
                ? pending.cacheKey()
                : trained.key() == null ? null : trained.key().key();
        boolean keep = trained.runId() != null;
        if (keep && pending == null) {
            PendingRun.of(
                            trained.runId(),
                            registry.describe(),
                            trained.startedAt(),
                            trained.durationMs(),
                            trained.params(),
                            trained.tags(),
                            dataHashes,
                            cacheKey,
                            artifacts)
                    .write(config);
        }
        ctx.progress()
                .phase("recording " + (trained.runId() == null ? "the run" : "run " + trained.runId()) + " in the "
                        + registry.describe());
        long t0 = System.nanoTime();
        RunRecord run;
        try {
            run = registry.logRun(
                    new RunRecord(
                            trained.runId(),
                            config.model(),
                            trained.startedAt(),
                            trained.durationMs(),
                            trained.params(),
                            metrics.values(),
                            tags,
                            dataHashes,
                            cacheKey,
                            List.of(),
                            predictions == null ? null : predictionsArtifact(train.predictions()),
                            METRICS_ARTIFACT,
                            metrics.steps()),
                    artifacts);
        } catch (MlopsException e) {
            if (!keep) {
                throw e;
            }
            throw e.reworded(e.getMessage() + ". The trained outputs are kept ("
                    + String.join(
                            ", ",
                            artifacts.values().stream().map(config::relative).toList())
                    + "; listed in " + config.relative(PendingRun.file(config)) + "): once the " + registry.describe()
                    + " is back, `mlops train --record-only` records them as run " + trained.runId()
                    + " without training again (so does `mlops train` while the inputs are unchanged)");
        }
        result.timing(new Timing("record run", millisSince(t0)));
        if (keep) {
            PendingRun.delete(config);
        }
        if (trained.runId() != null && !trained.runId().equals(run.runId())) {
            String note = "The " + registry.describe() + " no longer has run " + trained.runId()
                    + " (the id training was given as MLOPS_RUN_ID); the outputs were recorded as run " + run.runId()
                    + ".";
            ctx.progress().warn(note);
            result.note(note);
        }
        CacheInfo recorded = cache.runId() == null || !cache.runId().equals(run.runId())
                ? new CacheInfo(cache.key(), cache.hit(), run.runId(), cache.reason())
                : cache;
        describe(ctx, result, train, run, metrics, predictions, recorded, run.runId());
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
        // The reused run's own record stays as it was trained; this invocation's reports go to a run of its own.
        t0 = System.nanoTime();
        RunRecord invocation = RunReports.recordReuse(ctx, registry, run);
        result.timing(new Timing("record invocation", millisSince(t0)));
        ctx.progress()
                .phase("recorded this invocation as run " + invocation.runId() + " (" + RunRecord.TAG_REUSED_RUN + "="
                        + run.runId() + "); run " + run.runId() + " is unchanged");
        CacheInfo cache = new CacheInfo(
                key.key(),
                true,
                run.runId(),
                "reused run " + run.runId() + " from " + run.startedAt() + " (training took "
                        + Numbers.duration(run.durationMs()) + ")");
        result.note("Run cache hit: training was skipped; the model, metrics and predictions of run " + run.runId()
                + " were reused (use --no-cache to retrain). Run " + run.runId() + " is unchanged; this invocation"
                + " and its reports are recorded as run " + invocation.runId() + " (tag " + RunRecord.TAG_REUSED_RUN
                + ").");
        result.note(key.inputsInWords(train));
        ctx.progress().phase(key.inputsInWords(train));
        describe(ctx, result, train, run, metrics, predictions, cache, invocation.runId());
    }

    private void describe(
            StepContext ctx,
            StepResult.Builder result,
            TrainConfig train,
            RunRecord run,
            MetricsFile metrics,
            Predictions predictions,
            CacheInfo cache,
            String invocationRunId) {
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
                        run.durationMs(),
                        invocationRunId));
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

    /**
     * The training command ended without writing the metrics file: most often it writes its
     * outputs somewhere of its own. Names the variables that tell it where, and the settings that
     * tell the engine where it writes instead.
     */
    static String missingMetricsHint(MlopsConfig config, TrainConfig train) {
        return "the training command exited 0 but wrote no metrics file at " + config.relative(train.metrics())
                + ". The command is told where to write in its environment: MLOPS_METRICS_FILE="
                + train.metrics() + " (a JSON object of metric name → number) and MLOPS_OUTPUT_DIR=" + train.output()
                + " (the model)"
                + (train.predictions() == null
                        ? ""
                        : ", MLOPS_PREDICTIONS_FILE=" + train.predictions().path())
                + ". If it writes its outputs elsewhere, make it use those variables, or set train.metrics and"
                + " train.output to where it writes";
    }

    /**
     * Deletes outputs a previous run left, so a command that writes nothing cannot pass with stale
     * files. The output directory is emptied only when it is mlops's own (under the train step's
     * directory, the default {@code <out>/train/output}): a {@code train.output} the user named is
     * theirs, even when {@code --out} contains it (e.g. {@code --out .} with {@code output: model}).
     */
    static void prepareOutputs(MlopsConfig config, TrainConfig train) throws IOException {
        Path own = config.stepOut(ID).toAbsolutePath().normalize();
        Path output = train.output().toAbsolutePath().normalize();
        if (output.startsWith(own) && !output.equals(own)) {
            AtomicFiles.deleteTree(output);
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

    private static Map<String, String> tags(CiInfo ci, RunCacheKey key, String kind) {
        Map<String, String> tags = RunReports.ciTags(ci);
        if (key != null) {
            tags.put("mlops.cache.key", key.key());
        }
        tags.put(RunRecord.TAG_KIND, kind);
        return tags;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The training and eval files by role (relative), for the run's dataset tags. */
    private static Map<String, String> datasets(MlopsConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        if (config.data() != null) {
            out.put(DatasetTags.TRAIN, config.relative(config.data().train()));
            out.put(DatasetTags.EVAL, config.relative(config.data().eval()));
        }
        return out;
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
