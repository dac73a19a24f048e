package io.mlopsci.core.gate;

import io.mlopsci.core.command.CommandOutcome;
import io.mlopsci.core.command.CommandRunner;
import io.mlopsci.core.command.CommandSpec;
import io.mlopsci.core.command.DockerCommandRunner;
import io.mlopsci.core.command.LocalCommandRunner;
import io.mlopsci.core.config.GateConfig;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.io.Hashing;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.metrics.MetricsFile;
import io.mlopsci.core.registry.ModelVersion;
import io.mlopsci.core.registry.Registry;
import io.mlopsci.core.registry.RegistryException;
import io.mlopsci.core.registry.RunRecord;
import io.mlopsci.core.scoring.Predictions;
import io.mlopsci.core.scoring.read.PredictionsReader;
import io.mlopsci.core.step.StepContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Re-scores the baseline (champion) model on this run's exact eval data with {@code gate.evaluate},
 * so the gate compares candidate and baseline on identical rows even when the eval data changed
 * since the baseline was trained. The baseline's model artifacts are fetched from the registry and
 * the command writes predictions (and optionally metrics) like training does.
 *
 * <p>Results are cached among the baseline run's own artifacts under
 * {@code mlops-rescore/<key>/}, keyed by the baseline run and version, the SHA-256 of the eval data
 * and the command: any machine or CI system that gates against the same champion on the same data
 * reuses them. Works with every registry.
 */
public final class BaselineRescorer {

    /** Where cached results live among the baseline run's artifacts. */
    public static final String CACHE_DIR = "mlops-rescore";

    static final String METRICS = "metrics.json";
    /** Bumped when the key's recipe changes. */
    static final int RECIPE = 1;

    /**
     * The re-scored baseline.
     *
     * @param predictions the baseline's predictions on this run's eval data
     * @param metrics     metrics the command reported (empty when it wrote none)
     * @param cached      whether they came from the cache
     * @param key         the cache key
     * @param dataHash    SHA-256 of the eval data
     * @param durationMs  time spent (fetching and scoring, or fetching from the cache)
     */
    public record Rescored(
            Predictions predictions,
            Map<String, Double> metrics,
            boolean cached,
            String key,
            String dataHash,
            long durationMs) {}

    private BaselineRescorer() {}

    public static Rescored rescore(
            StepContext ctx, Registry registry, ModelVersion version, RunRecord baseRun, Path workDir)
            throws IOException {
        long t0 = System.nanoTime();
        MlopsConfig config = ctx.config();
        GateConfig.Evaluate evaluate = config.gate().evaluate();
        TrainConfig train = config.train();
        Path eval = config.data() == null ? null : config.data().eval();
        if (eval == null || !Files.isRegularFile(eval)) {
            throw MlopsException.config(
                    "gate.evaluate re-scores the baseline on data.eval, "
                            + (eval == null ? "which is not set" : "which does not exist: " + config.relative(eval)),
                    evaluate.location());
        }
        String dataHash = Hashing.sha256(eval);
        String key = key(config, evaluate, version, baseRun, dataHash);
        String cacheDir = CACHE_DIR + "/" + key;
        Path dir = workDir.resolve("baseline");
        AtomicFiles.deleteTree(dir);
        Files.createDirectories(dir);
        // predictions.csv or predictions.jsonl, as train.predictions is written.
        String predictionsName = train.predictions().copyName();
        Path predictionsFile = dir.resolve(predictionsName);
        Path metricsFile = dir.resolve(METRICS);

        if (baseRun.artifacts().contains(cacheDir + "/" + predictionsName)) {
            ctx.progress()
                    .phase("re-scored baseline v" + version.version() + " found in the cache (" + key.substring(0, 12)
                            + ")");
            Path cached = registry.fetchArtifacts(baseRun.runId(), cacheDir, dir.resolve("cache"));
            Predictions p = PredictionsReader.read(
                    cached.resolve(predictionsName),
                    "the cached re-scored baseline predictions (run " + baseRun.runId() + ", " + cacheDir + ")",
                    train.predictions().byFileName());
            Map<String, Double> metrics = Files.isRegularFile(cached.resolve(METRICS))
                    ? MetricsFile.read(cached.resolve(METRICS), cacheDir + "/" + METRICS)
                            .values()
                    : Map.of();
            return new Rescored(p, metrics, true, key, dataHash, millis(t0));
        }

        if (baseRun.artifacts().stream().noneMatch(a -> a.startsWith("model/"))) {
            throw MlopsException.input("gate.evaluate needs the baseline's model to re-score it, but run "
                    + baseRun.runId() + " (version " + version.version()
                    + ") has no model artifacts; its training wrote nothing to train.output");
        }
        ctx.progress()
                .phase("fetching baseline v" + version.version() + " (run " + baseRun.runId() + ") to re-score it on "
                        + config.relative(eval));
        Path fetched = registry.fetchArtifacts(baseRun.runId(), "model", dir.resolve("fetched"));
        Path modelDir = dir.resolve("model");
        // A private copy: the command must not be able to change what the registry holds.
        AtomicFiles.copyTree(fetched, modelDir);

        Map<String, String> late = new LinkedHashMap<>();
        late.put("baseline.model_dir", modelDir.toString());
        late.put("baseline.predictions", predictionsFile.toString());
        late.put("baseline.metrics", metricsFile.toString());
        late.put("baseline.version", version.version());
        late.put("baseline.run_id", baseRun.runId());
        List<String> argv = new ArrayList<>();
        for (int i = 0; i < evaluate.command().size(); i++) {
            argv.add(config.resolveLate(
                    evaluate.command().get(i), late, evaluate.location(), "gate.evaluate.command[" + i + "]"));
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MLOPS_MODEL_NAME", config.model());
        env.put("MLOPS_BASELINE_MODEL_DIR", modelDir.toString());
        env.put("MLOPS_BASELINE_PREDICTIONS_FILE", predictionsFile.toString());
        env.put("MLOPS_BASELINE_METRICS_FILE", metricsFile.toString());
        env.put("MLOPS_BASELINE_VERSION", version.version());
        env.put("MLOPS_DATA_EVAL", eval.toString());
        evaluate.env()
                .forEach((k, v) ->
                        env.put(k, config.resolveLate(v, late, evaluate.location(), "gate.evaluate.env." + k)));
        Path workingDir = train.workingDir() != null ? train.workingDir() : config.workdir();
        List<Path> mounts = List.of(config.workdir(), config.outDir(), workingDir, dir, eval.getParent());
        CommandRunner runner = train.runner() == TrainConfig.Runner.DOCKER
                ? new DockerCommandRunner(train.docker(), ctx.env())
                : new LocalCommandRunner();
        ctx.progress()
                .phase("re-scoring baseline v" + version.version() + ": " + String.join(" ", argv) + " ("
                        + runner.describe() + ")");
        CommandOutcome outcome = runner.run(
                new CommandSpec(argv, workingDir, env, evaluate.timeout(), "evaluate", mounts), ctx.progress());
        String tail = outcome.tail().isEmpty() ? "" : "; last output:\n  " + String.join("\n  ", outcome.tail());
        if (outcome.timedOut()) {
            throw MlopsException.command(
                    "gate.evaluate did not finish within " + evaluate.timeout().toSeconds() + " s and was stopped"
                            + tail,
                    null);
        }
        if (outcome.exitCode() != 0) {
            throw MlopsException.command(
                    "gate.evaluate (re-scoring baseline version " + version.version() + ") exited with code "
                            + outcome.exitCode() + (outcome.reason() == null ? "" : " (" + outcome.reason() + ")")
                            + tail,
                    null);
        }
        if (!Files.isRegularFile(predictionsFile)) {
            throw MlopsException.input("gate.evaluate exited 0 but wrote no predictions to ${baseline.predictions} ("
                    + predictionsFile + ")");
        }
        Predictions p = PredictionsReader.read(
                predictionsFile,
                "the re-scored baseline predictions (gate.evaluate)",
                train.predictions().byFileName());
        Map<String, Double> metrics = Files.isRegularFile(metricsFile)
                ? MetricsFile.read(metricsFile, "the re-scored baseline metrics (gate.evaluate)")
                        .values()
                : Map.of();

        Path upload = dir.resolve("upload");
        Files.createDirectories(upload);
        Files.copy(predictionsFile, upload.resolve(predictionsName));
        if (Files.isRegularFile(metricsFile)) {
            Files.copy(metricsFile, upload.resolve(METRICS));
        }
        try {
            registry.logArtifacts(baseRun.runId(), cacheDir, upload);
        } catch (RegistryException e) {
            // The cache only saves time; the comparison itself is complete.
            ctx.progress()
                    .warn("the re-scored baseline could not be cached in the " + registry.describe() + ": "
                            + e.getMessage());
        }
        return new Rescored(p, metrics, false, key, dataHash, millis(t0));
    }

    /** SHA-256 over what decides the re-scored predictions, with machine-specific paths replaced. */
    static String key(
            MlopsConfig config,
            GateConfig.Evaluate evaluate,
            ModelVersion version,
            RunRecord baseRun,
            String dataHash) {
        Map<String, Object> doc = new TreeMap<>();
        doc.put("recipe", RECIPE);
        doc.put("model", config.model());
        doc.put("version", version.version());
        doc.put("run", baseRun.runId());
        doc.put("data", dataHash);
        doc.put(
                "command",
                evaluate.command().stream().map(a -> portable(a, config)).toList());
        Map<String, String> env = new TreeMap<>();
        evaluate.env().forEach((k, v) -> env.put(k, portable(v, config)));
        doc.put("env", env);
        // Files the command names (the scoring script, say): a changed scorer must not reuse old predictions.
        Map<String, String> files = new TreeMap<>();
        Path eval = config.data().eval();
        for (String arg : evaluate.command()) {
            if (arg.contains("${")) {
                continue;
            }
            Path p = config.workdir().resolve(arg).normalize();
            if (p.startsWith(config.workdir()) && Files.isRegularFile(p) && !p.equals(eval)) {
                try {
                    files.put(config.relative(p), Hashing.sha256(p));
                } catch (IOException e) {
                    files.put(config.relative(p), "unreadable");
                }
            }
        }
        doc.put("files", files);
        return Hashing.sha256(Json.string(doc));
    }

    private static String portable(String value, MlopsConfig config) {
        return value.replace(config.outDir().toString(), "${out}")
                .replace(config.workdir().toString(), "${workdir}");
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
