package io.mlopsci.core.registry.mlflow;

import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.registry.AliasChange;
import io.mlopsci.core.registry.ModelVersion;
import io.mlopsci.core.registry.MonitorRecord;
import io.mlopsci.core.registry.MonitorTags;
import io.mlopsci.core.registry.Registry;
import io.mlopsci.core.registry.RegistryException;
import io.mlopsci.core.registry.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.mlflow.api.proto.ModelRegistry.CreateModelVersion;
import org.mlflow.api.proto.ModelRegistry.CreateRegisteredModel;
import org.mlflow.api.proto.ModelRegistry.DeleteModelVersion;
import org.mlflow.api.proto.ModelRegistry.DeleteRegisteredModelAlias;
import org.mlflow.api.proto.ModelRegistry.DeleteRegisteredModelTag;
import org.mlflow.api.proto.ModelRegistry.GetModelVersion;
import org.mlflow.api.proto.ModelRegistry.GetModelVersionByAlias;
import org.mlflow.api.proto.ModelRegistry.GetRegisteredModel;
import org.mlflow.api.proto.ModelRegistry.ModelVersionStatus;
import org.mlflow.api.proto.ModelRegistry.ModelVersionTag;
import org.mlflow.api.proto.ModelRegistry.RegisteredModel;
import org.mlflow.api.proto.ModelRegistry.RegisteredModelTag;
import org.mlflow.api.proto.ModelRegistry.SearchModelVersions;
import org.mlflow.api.proto.ModelRegistry.SetModelVersionTag;
import org.mlflow.api.proto.ModelRegistry.SetRegisteredModelAlias;
import org.mlflow.api.proto.ModelRegistry.SetRegisteredModelTag;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.GetRun;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.SearchRuns;
import org.mlflow.api.proto.Service.SetTag;
import org.mlflow.api.proto.Service.UpdateRun;
import org.mlflow.api.proto.Service.ViewType;

/**
 * The MLflow backend: runs in an MLflow experiment, models in MLflow's model registry, artifacts
 * through the server's artifact proxy. Everything goes over MLflow's REST API (see
 * {@link MlflowHttp}); nothing needs Python.
 *
 * <p>How the engine's records map onto MLflow:
 * <ul>
 *   <li>A run is an MLflow run with the params, metrics (every step of per-step metrics) and tags
 *       (git, CI, cache key, gate verdict) logged natively, its files as artifacts, and the exact
 *       record — metric names and non-finite values as reported, data hashes, the artifact list —
 *       as the artifact {@value #RUN_RECORD}. It counts only once it is complete: status
 *       FINISHED and the tag {@value #TAG_COMPLETE}; a run that failed half-way is marked FAILED
 *       and ignored by the run cache and the gate.</li>
 *   <li>The run cache is a search by the tag {@code mlops.cache.key}, so a run recorded by any
 *       machine or CI system is a hit.</li>
 *   <li>A model version is created with its run id and tags in one call and waited on until
 *       READY; versions are looked up by run id first, so a retried registration never makes a
 *       second version.</li>
 *   <li>Aliases use {@code /registered-models/alias}. MLflow keeps no history of aliases, so each
 *       move is also a registered-model tag {@code mlops.alias_history.<alias>.<time>.<nonce>}
 *       (one tag per move: concurrent writers cannot overwrite each other).</li>
 * </ul>
 */
public final class MlflowRegistry implements Registry {

    static final String RUN_RECORD = "mlops/run.json";
    static final String TAG_MODEL = "mlops.model";
    static final String TAG_COMPLETE = "mlops.run.complete";
    /** Written by engines before 1.0 on every run: their own id of it. Read and ignored. */
    static final String TAG_ENGINE_RUN_ID = "mlops.run.engine_id";

    static final String TAG_FAILURE = "mlops.run.failure";
    static final String TAG_REUSED = RunRecord.TAG_REUSED_RUN;
    static final String TAG_PARENT = "mlflow.parentRunId";
    private static final String PREFLIGHT_PATH = ".mlops-preflight";
    static final String HISTORY_PREFIX = "mlops.alias_history.";
    static final int HISTORY_KEEP = 100;
    /** The monitoring experiment is the tracking experiment's name with this suffix (monitor.experiment overrides). */
    public static final String MONITORING_SUFFIX = "-monitoring";

    private static final String MODEL_DIR = "model";
    private static final int MAX_TAG_VALUE = 8000;
    private static final int MAX_PARAM_VALUE = 6000;
    private static final int MAX_KEY = 250;
    private static final long READY_TIMEOUT_MS = 120_000;

    private final MlflowSettings settings;
    private final MlflowHttp http;
    /** Same server, no retries: for best-effort clean-up after a failure. */
    private final MlflowHttp once;

    private final MlflowArtifacts artifacts;
    private final MlflowExperiments experiments;
    private final MlflowMonitoring monitoring;
    private final Map<String, String> artifactRoots = new HashMap<>();
    private final Map<String, RunRecord> runs = new HashMap<>();

    public MlflowRegistry(MlflowSettings settings) {
        this(settings, settings.experiment() + MONITORING_SUFFIX);
    }

    /** @param monitorExperiment the experiment of monitoring runs */
    public MlflowRegistry(MlflowSettings settings, String monitorExperiment) {
        this.settings = settings;
        this.http = new MlflowHttp(settings);
        this.once = new MlflowHttp(settings.withRetries(0, settings.backoff()));
        this.artifacts = new MlflowArtifacts(http);
        this.experiments = new MlflowExperiments(http, settings.display());
        this.monitoring = new MlflowMonitoring(http, artifacts, experiments, monitorExperiment, settings.display());
    }

    /** The MLflow backend for {@code tracking.uri: http(s)://...}. */
    public static MlflowRegistry open(MlopsConfig config, Map<String, String> env) {
        MlflowSettings settings = MlflowSettings.resolve(config, env);
        String monitorExperiment = config.monitor() != null && config.monitor().experiment() != null
                ? config.monitor().experiment()
                : settings.experiment() + MONITORING_SUFFIX;
        return new MlflowRegistry(settings, monitorExperiment);
    }

    @Override
    public String describe() {
        return "MLflow at " + settings.display() + " (experiment '" + settings.experiment() + "')"
                + (settings.insecure() ? " (TLS verification OFF: tracking.insecure_tls)" : "");
    }

    // ---- runs -----------------------------------------------------------------------------------

    @Override
    public synchronized String check(Part part, String model) {
        return switch (part) {
            case TRACKING -> {
                Optional<Experiment> e = experiments.byName(settings.experiment());
                if (e.isPresent()) {
                    // Checked and remembered: the step's first call would look it up again.
                    experiments.remember(experiments.usable(e.get()));
                }
                yield "MLflow at " + settings.display() + " (experiment '" + settings.experiment() + "' "
                        + (e.isPresent() ? "exists" : "will be created") + ")";
            }
            case MODEL_REGISTRY ->
                "MLflow model registry at " + settings.display() + " (registered model '" + model + "' "
                        + (registeredModel(model).isPresent() ? "exists" : "will be created") + ")";
            case ARTIFACT_STORE -> {
                // Listing a path that does not exist answers {} through a working proxy, without listing anything big.
                http.listArtifacts(PREFLIGHT_PATH);
                yield "MLflow artifact proxy at " + settings.display() + "/api/2.0/mlflow-artifacts";
            }
        };
    }

    @Override
    public synchronized String startRun(RunRecord draft) {
        try {
            return createRun(draft).getInfo().getRunId();
        } catch (MlopsException e) {
            throw new RegistryException(
                    "starting the run in " + describe() + " failed: " + e.getMessage() + "; nothing was started", e);
        }
    }

    @Override
    public synchronized void failRun(String runId, String reason) {
        try {
            once.post(
                    "runs/set-tag",
                    SetTag.newBuilder()
                            .setRunId(runId)
                            .setKey(TAG_FAILURE)
                            .setValue(truncate(reason, MAX_TAG_VALUE))
                            .build(),
                    SetTag.Response.getDefaultInstance());
        } catch (MlopsException e) {
            // Best effort: marking it FAILED below matters more.
        }
        markFailed(runId);
    }

    @Override
    public synchronized RunRecord logRun(RunRecord run, Map<String, Path> artifactSources) {
        Run created;
        boolean continued = false;
        try {
            Optional<Run> started = startedRun(run);
            if (started.isPresent()
                    && "true".equals(tagsOf(started.get()).get(TAG_COMPLETE))
                    && started.get().getInfo().getStatus() == RunStatus.FINISHED) {
                String done = started.get().getInfo().getRunId();
                return findRun(done)
                        .orElseThrow(() ->
                                new RegistryException("MLflow run " + done + " is marked complete but cannot be read"));
            }
            continued = started.isPresent();
            created = continued ? started.get() : createRun(run);
        } catch (MlopsException e) {
            throw new RegistryException(
                    "recording the run in " + describe() + " failed: " + e.getMessage()
                            + (run.runId() == null
                                    ? "; no run was recorded"
                                    : "; run " + run.runId() + " was started, but nothing of it is recorded (it stays"
                                            + " incomplete, so the run cache and the gate ignore it)"),
                    e);
        }
        String id = created.getInfo().getRunId();
        String stage = "logging params and metrics";
        try {
            Map<String, String> extra = new LinkedHashMap<>();
            if (continued) {
                extra.putAll(runTags(run));
            }
            extra.put("mlops.duration_ms", Long.toString(run.durationMs()));
            if (!run.dataHashes().isEmpty()) {
                extra.put("mlops.data.sha256", truncate(Json.string(run.dataHashes()), MAX_TAG_VALUE));
            }
            MlflowBatches.log(http, id, metrics(run), params(run), extra);
            stage = "logging its datasets";
            MlflowDatasets.log(http, id, run);
            stage = "uploading artifacts";
            String root =
                    MlflowArtifacts.proxyPath(created.getInfo().getArtifactUri(), "run " + id, settings.display());
            artifactRoots.put(id, root);
            TreeSet<String> stored = new TreeSet<>();
            for (Map.Entry<String, Path> e : artifactSources.entrySet()) {
                stored.addAll(artifacts.upload(root, e.getKey(), e.getValue()));
            }
            RunRecord record = run.stored(id, List.copyOf(stored)).withTags(Map.of(TAG_MODEL, run.model()));
            stage = "uploading " + RUN_RECORD;
            uploadRecord(root, record);
            stage = "marking the run complete";
            MlflowBatches.log(http, id, List.of(), List.of(), Map.of(TAG_COMPLETE, "true"));
            http.post(
                    "runs/update",
                    UpdateRun.newBuilder()
                            .setRunId(id)
                            .setStatus(RunStatus.FINISHED)
                            .setEndTime(System.currentTimeMillis())
                            .build(),
                    UpdateRun.Response.getDefaultInstance());
            runs.put(id, record);
            return record;
        } catch (MlopsException | IOException e) {
            String status = markFailed(id);
            throw new RegistryException(
                    "recording the run in " + describe() + " failed while " + stage + ": "
                            + e.getMessage() + "; MLflow run " + id + " exists but is incomplete (" + status
                            + "), so the run cache"
                            + " and the gate ignore it",
                    e);
        }
    }

    /** The run {@code run.runId()} names, when it is one this engine started for the same model in this experiment. */
    private Optional<Run> startedRun(RunRecord run) {
        if (run.runId() == null || !run.runId().matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        return getRun(run.runId())
                .filter(r -> !"deleted".equals(r.getInfo().getLifecycleStage()))
                .filter(r -> r.getInfo().getExperimentId().equals(experimentId()))
                .filter(r -> run.model().equals(tagsOf(r).get(TAG_MODEL)));
    }

    /** A new MLflow run (status RUNNING) with the run's name, start time and tags. */
    private Run createRun(RunRecord run) {
        CreateRun.Builder create = CreateRun.newBuilder()
                .setExperimentId(experimentId())
                .setStartTime(startMillis(run))
                .setRunName(runName(run));
        runTags(run)
                .forEach((k, v) ->
                        create.addTags(RunTag.newBuilder().setKey(key(k)).setValue(truncate(v, MAX_TAG_VALUE))));
        return http.post("runs/create", create.build(), CreateRun.Response.getDefaultInstance())
                .getRun();
    }

    private static Map<String, String> runTags(RunRecord run) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TAG_MODEL, run.model());
        String sha = run.tags().get("mlops.git.sha");
        if (sha != null) {
            tags.put("mlflow.source.git.commit", sha);
        }
        String reused = run.tags().get(TAG_REUSED);
        if (reused != null) {
            // MLflow's UI shows the invocations that reused a run nested under it.
            tags.put(TAG_PARENT, reused);
        }
        tags.putAll(run.tags());
        return tags;
    }

    private static Map<String, String> tagsOf(Run run) {
        Map<String, String> tags = new LinkedHashMap<>();
        run.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
        return tags;
    }

    @Override
    public synchronized Optional<RunRecord> findRun(String runId) {
        if (runId == null || !runId.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        RunRecord cached = runs.get(runId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Run> found = getRun(runId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Run run = found.get();
        Map<String, String> tags = new LinkedHashMap<>();
        run.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
        if ("deleted".equals(run.getInfo().getLifecycleStage()) || !"true".equals(tags.get(TAG_COMPLETE))) {
            return Optional.empty();
        }
        String root = artifactRoot(run);
        RunRecord record = readRecord(root, runId);
        Map<String, String> live = new LinkedHashMap<>();
        tags.forEach((k, v) -> {
            if (k.startsWith("mlops.") && !k.equals(TAG_COMPLETE) && !k.equals(TAG_ENGINE_RUN_ID)) {
                live.put(k, v);
            }
        });
        RunRecord merged = record.stored(runId, record.artifacts()).withTags(live);
        runs.put(runId, merged);
        return Optional.of(merged);
    }

    @Override
    public synchronized Optional<RunRecord> findRunByCacheKey(String model, String cacheKey) {
        String filter = "tags.`mlops.cache.key` = '" + literal(cacheKey) + "' and tags.`" + TAG_MODEL + "` = '"
                + literal(model) + "' and tags.`" + TAG_COMPLETE + "` = 'true' and attributes.status = 'FINISHED'";
        SearchRuns.Response r = http.post(
                "runs/search",
                SearchRuns.newBuilder()
                        .addExperimentIds(experimentId())
                        .setFilter(filter)
                        .setRunViewType(ViewType.ACTIVE_ONLY)
                        .setMaxResults(5)
                        .addOrderBy("attributes.start_time DESC")
                        .build(),
                SearchRuns.Response.getDefaultInstance());
        for (Run run : r.getRunsList()) {
            Optional<RunRecord> rec = findRun(run.getInfo().getRunId());
            if (rec.isPresent()) {
                return rec;
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void tagRun(String runId, Map<String, String> tags) {
        requireRun(runId);
        Map<String, String> clean = new LinkedHashMap<>();
        tags.forEach((k, v) -> clean.put(k, truncate(v, MAX_TAG_VALUE)));
        MlflowBatches.log(http, runId, List.of(), List.of(), clean);
        RunRecord cached = runs.get(runId);
        if (cached != null) {
            runs.put(runId, cached.withTags(tags));
        }
    }

    @Override
    public synchronized void logArtifacts(String runId, String destination, Path source) {
        Run run = requireRun(runId);
        String root = artifactRoot(run);
        try {
            List<String> stored = artifacts.upload(root, destination, source);
            Optional<RunRecord> record = findRun(runId);
            if (record.isPresent()) {
                TreeSet<String> all = new TreeSet<>(record.get().artifacts());
                all.addAll(stored);
                RunRecord updated = record.get().stored(runId, List.copyOf(all));
                uploadRecord(root, updated);
                runs.put(runId, updated);
            }
        } catch (IOException e) {
            throw new RegistryException(
                    "cannot upload " + source + " to run " + runId + " in " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Path fetchArtifacts(String runId, String relativePath, Path target) {
        Run run = requireRun(runId);
        Path local;
        try {
            local = artifacts.download(
                    artifactRoot(run), relativePath, target.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new RegistryException(
                    "cannot store artifacts of run " + runId + " under " + target + ": " + e.getMessage(), e);
        }
        if (local == null) {
            throw new RegistryException(
                    "artifact '" + relativePath + "' of run " + runId + " is missing from the " + describe());
        }
        return local;
    }

    // ---- model registry -------------------------------------------------------------------------

    @Override
    public synchronized ModelVersion registerVersion(String model, String runId, Map<String, String> tags) {
        Optional<ModelVersion> existing = versionOfRun(model, runId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Run run = requireRun(runId);
        try {
            http.post(
                    "registered-models/create",
                    CreateRegisteredModel.newBuilder().setName(model).build(),
                    CreateRegisteredModel.Response.getDefaultInstance());
        } catch (MlflowApiException e) {
            if (!e.alreadyExists()) {
                throw e;
            }
        }
        RunRecord record = findRun(runId)
                .orElseThrow(() -> new RegistryException(
                        "run " + runId + " is not complete in the " + describe() + "; it cannot be registered"));
        boolean hasModelDir = record.artifacts().stream().anyMatch(a -> a.startsWith(MODEL_DIR + "/"));
        String source = run.getInfo().getArtifactUri() + (hasModelDir ? "/" + MODEL_DIR : "");
        CreateModelVersion.Builder create =
                CreateModelVersion.newBuilder().setName(model).setSource(source).setRunId(runId);
        tags.forEach(
                (k, v) -> create.addTags(ModelVersionTag.newBuilder().setKey(k).setValue(truncate(v, MAX_TAG_VALUE))));
        org.mlflow.api.proto.ModelRegistry.ModelVersion created = http.post(
                        "model-versions/create", create.build(), CreateModelVersion.Response.getDefaultInstance())
                .getModelVersion();
        awaitReady(model, created);
        // A create retried after a lost answer may have made two versions of this run: keep the first.
        List<org.mlflow.api.proto.ModelRegistry.ModelVersion> ofRun =
                search("name = '" + literal(model) + "' and run_id = '" + literal(runId) + "'");
        ofRun.sort(Comparator.comparingLong(v -> Long.parseLong(v.getVersion())));
        for (int i = 1; i < ofRun.size(); i++) {
            deleteVersionQuietly(model, ofRun.get(i).getVersion());
        }
        return ofRun.isEmpty() ? toVersion(created) : toVersion(ofRun.get(0));
    }

    @Override
    public synchronized Optional<ModelVersion> version(String model, String version) {
        try {
            return Optional.of(toVersion(http.get(
                            "model-versions/get",
                            Map.of("name", model, "version", version),
                            GetModelVersion.Response.getDefaultInstance())
                    .getModelVersion()));
        } catch (MlflowApiException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public synchronized List<ModelVersion> versions(String model) {
        List<org.mlflow.api.proto.ModelRegistry.ModelVersion> all = search("name = '" + literal(model) + "'");
        all.sort(Comparator.comparingLong(v -> Long.parseLong(v.getVersion())));
        return all.stream().map(MlflowRegistry::toVersion).toList();
    }

    @Override
    public synchronized Optional<ModelVersion> versionByAlias(String model, String alias) {
        try {
            return Optional.of(toVersion(http.get(
                            "registered-models/alias",
                            Map.of("name", model, "alias", alias),
                            GetModelVersionByAlias.Response.getDefaultInstance())
                    .getModelVersion()));
        } catch (MlflowApiException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            // MLflow answers a missing alias with INVALID_PARAMETER_VALUE; make sure that is what it meant.
            if ("INVALID_PARAMETER_VALUE".equals(e.errorCode())
                    && registeredModel(model)
                            .map(m -> m.getAliasesList().stream()
                                    .noneMatch(a -> a.getAlias().equals(alias)))
                            .orElse(true)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public synchronized Optional<String> setAlias(String model, String alias, String version) {
        Optional<String> previous = versionByAlias(model, alias).map(ModelVersion::version);
        try {
            http.post(
                    "registered-models/alias",
                    SetRegisteredModelAlias.newBuilder()
                            .setName(model)
                            .setAlias(alias)
                            .setVersion(version)
                            .build(),
                    SetRegisteredModelAlias.Response.getDefaultInstance());
        } catch (MlflowApiException e) {
            if (e.notFound()) {
                throw new RegistryException(
                        "cannot point alias '" + alias + "' at version " + version + " of " + model
                                + ": no such version in the " + describe(),
                        e);
            }
            throw e;
        }
        if (!previous.map(version::equals).orElse(false)) {
            recordAliasChange(
                    model,
                    new AliasChange(
                            alias, version, previous.orElse(null), Instant.now().toString()));
        }
        return previous;
    }

    @Override
    public synchronized void deleteAlias(String model, String alias) {
        Optional<String> previous = versionByAlias(model, alias).map(ModelVersion::version);
        if (previous.isEmpty()) {
            return;
        }
        try {
            http.delete(
                    "registered-models/alias",
                    DeleteRegisteredModelAlias.newBuilder()
                            .setName(model)
                            .setAlias(alias)
                            .build(),
                    DeleteRegisteredModelAlias.Response.getDefaultInstance());
        } catch (MlflowApiException e) {
            if (!e.notFound()) {
                throw e;
            }
        }
        recordAliasChange(
                model,
                new AliasChange(alias, null, previous.get(), Instant.now().toString()));
    }

    @Override
    public synchronized void tagVersion(String model, String version, Map<String, String> tags) {
        for (Map.Entry<String, String> t : tags.entrySet()) {
            try {
                http.post(
                        "model-versions/set-tag",
                        SetModelVersionTag.newBuilder()
                                .setName(model)
                                .setVersion(version)
                                .setKey(t.getKey())
                                .setValue(truncate(t.getValue(), MAX_TAG_VALUE))
                                .build(),
                        SetModelVersionTag.Response.getDefaultInstance());
            } catch (MlflowApiException e) {
                if (e.notFound()) {
                    throw new RegistryException(
                            "version " + version + " of " + model + " is not in the " + describe(), e);
                }
                throw e;
            }
        }
    }

    @Override
    public synchronized List<AliasChange> aliasHistory(String model, String alias) {
        String prefix = HISTORY_PREFIX + alias + ".";
        return registeredModel(model)
                .map(m -> m.getTagsList().stream()
                        .filter(t -> t.getKey().startsWith(prefix))
                        .sorted(Comparator.comparing(RegisteredModelTag::getKey))
                        .map(t -> parseChange(t.getValue()))
                        .filter(c -> c != null && alias.equals(c.alias()))
                        .toList())
                .orElse(List.of());
    }

    @Override
    public synchronized MonitorRecord logMonitorWindow(MonitorRecord record, Map<String, Path> files) {
        MonitorRecord stored = monitoring.log(record, files);
        if (record.modelVersion() != null
                && version(record.model(), record.modelVersion()).isPresent()) {
            tagVersion(record.model(), record.modelVersion(), MonitorTags.onVersion(stored));
        }
        return stored;
    }

    @Override
    public synchronized void logMonitorArtifacts(String model, String recordId, String destination, Path source) {
        Run run = requireRun(recordId);
        try {
            artifacts.upload(artifactRoot(run), destination, source);
        } catch (IOException e) {
            throw new RegistryException(
                    "cannot upload " + source + " to monitoring run " + recordId + " in " + describe() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public synchronized List<MonitorRecord> monitorHistory(String model, int limit) {
        return monitoring.history(model, limit);
    }

    /** The experiment monitoring runs go to. */
    public String monitoringExperiment() {
        return monitoring.experiment();
    }

    @Override
    public void close() {
        // HttpClient holds no resources that need closing on Java 17.
    }

    // ---- helpers --------------------------------------------------------------------------------

    private synchronized String experimentId() {
        return experiments.idOf(settings.experiment());
    }

    private Optional<Run> getRun(String runId) {
        try {
            return Optional.of(http.get("runs/get", Map.of("run_id", runId), GetRun.Response.getDefaultInstance())
                    .getRun());
        } catch (MlflowApiException e) {
            if (e.notFound() || "INVALID_PARAMETER_VALUE".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Run requireRun(String runId) {
        if (runId == null || !runId.matches("[A-Za-z0-9_-]+")) {
            throw new RegistryException("'" + runId + "' is not an MLflow run id");
        }
        return getRun(runId).orElseThrow(() -> new RegistryException("run " + runId + " is not in the " + describe()));
    }

    private String artifactRoot(Run run) {
        String id = run.getInfo().getRunId();
        return artifactRoots.computeIfAbsent(
                id, k -> MlflowArtifacts.proxyPath(run.getInfo().getArtifactUri(), "run " + k, settings.display()));
    }

    private RunRecord readRecord(String root, String runId) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("mlops-run-record");
            Path f = artifacts.download(root, RUN_RECORD, tmp);
            if (f == null) {
                throw new RegistryException("MLflow run " + runId + " is marked complete but has no " + RUN_RECORD
                        + "; it was not recorded by mlops, or its artifacts were deleted");
            }
            return Json.read(f, RunRecord.class);
        } catch (IOException e) {
            throw new RegistryException(
                    "cannot read " + RUN_RECORD + " of MLflow run " + runId + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private void uploadRecord(String root, RunRecord record) throws IOException {
        Path tmp = Files.createTempDirectory("mlops-run-record");
        try {
            Path f = tmp.resolve("run.json");
            AtomicFiles.write(f, Json.bytes(record));
            artifacts.upload(root, RUN_RECORD, f);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Best effort, one attempt: a run that failed half-way says so in MLflow. Returns its state for the message. */
    private String markFailed(String runId) {
        try {
            once.post(
                    "runs/update",
                    UpdateRun.newBuilder()
                            .setRunId(runId)
                            .setStatus(RunStatus.FAILED)
                            .setEndTime(System.currentTimeMillis())
                            .build(),
                    UpdateRun.Response.getDefaultInstance());
            return "marked FAILED";
        } catch (MlopsException e) {
            return "left RUNNING: MLflow could not be told it failed";
        }
    }

    @Override
    public synchronized Optional<ModelVersion> versionOfRun(String model, String runId) {
        if (registeredModel(model).isEmpty()) {
            return Optional.empty();
        }
        List<org.mlflow.api.proto.ModelRegistry.ModelVersion> ofRun =
                search("name = '" + literal(model) + "' and run_id = '" + literal(runId) + "'");
        return ofRun.stream()
                .filter(v -> v.getStatus() == ModelVersionStatus.READY)
                .min(Comparator.comparingLong(v -> Long.parseLong(v.getVersion())))
                .map(MlflowRegistry::toVersion);
    }

    private Optional<RegisteredModel> registeredModel(String model) {
        try {
            return Optional.of(http.get(
                            "registered-models/get",
                            Map.of("name", model),
                            GetRegisteredModel.Response.getDefaultInstance())
                    .getRegisteredModel());
        } catch (MlflowApiException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private List<org.mlflow.api.proto.ModelRegistry.ModelVersion> search(String filter) {
        List<org.mlflow.api.proto.ModelRegistry.ModelVersion> out = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("filter", filter);
            q.put("max_results", "1000");
            if (token != null) {
                q.put("page_token", token);
            }
            SearchModelVersions.Response r =
                    http.get("model-versions/search", q, SearchModelVersions.Response.getDefaultInstance());
            out.addAll(r.getModelVersionsList());
            token = r.hasNextPageToken() && !r.getNextPageToken().isEmpty() ? r.getNextPageToken() : null;
        } while (token != null);
        return out;
    }

    /** Waits until a new version is READY; one that fails or never gets there is deleted, never left half-registered. */
    private void awaitReady(String model, org.mlflow.api.proto.ModelRegistry.ModelVersion created) {
        org.mlflow.api.proto.ModelRegistry.ModelVersion v = created;
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        long wait = 200;
        while (v.getStatus() == ModelVersionStatus.PENDING_REGISTRATION && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            wait = Math.min(wait * 2, 5_000);
            v = http.get(
                            "model-versions/get",
                            Map.of("name", model, "version", v.getVersion()),
                            GetModelVersion.Response.getDefaultInstance())
                    .getModelVersion();
        }
        if (v.hasStatus() && v.getStatus() != ModelVersionStatus.READY) {
            String removed = deleteVersionQuietly(model, v.getVersion());
            throw new RegistryException(
                    "MLflow did not make version " + v.getVersion() + " of " + model + " READY (status "
                            + v.getStatus() + (v.getStatusMessage().isEmpty() ? "" : ": " + v.getStatusMessage())
                            + "); the version "
                            + removed);
        }
    }

    private String deleteVersionQuietly(String model, String version) {
        try {
            http.delete(
                    "model-versions/delete",
                    DeleteModelVersion.newBuilder()
                            .setName(model)
                            .setVersion(version)
                            .build(),
                    DeleteModelVersion.Response.getDefaultInstance());
            return "was deleted";
        } catch (MlopsException e) {
            return "could not be deleted and still exists (" + e.getMessage() + ")";
        }
    }

    private void recordAliasChange(String model, AliasChange change) {
        String key = HISTORY_PREFIX + change.alias() + "." + String.format("%015d", System.currentTimeMillis()) + "."
                + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        try {
            http.post(
                    "registered-models/set-tag",
                    SetRegisteredModelTag.newBuilder()
                            .setName(model)
                            .setKey(key)
                            .setValue(Json.string(change))
                            .build(),
                    SetRegisteredModelTag.Response.getDefaultInstance());
            pruneHistory(model, change.alias());
        } catch (MlopsException e) {
            throw new RegistryException(
                    "alias '" + change.alias() + "' of " + model + " now "
                            + (change.version() == null ? "points nowhere" : "points to version " + change.version())
                            + ", but recording the move in the alias history failed: " + e.getMessage(),
                    e);
        }
    }

    private void pruneHistory(String model, String alias) {
        String prefix = HISTORY_PREFIX + alias + ".";
        List<String> keys = registeredModel(model)
                .map(m -> m.getTagsList().stream()
                        .map(RegisteredModelTag::getKey)
                        .filter(k -> k.startsWith(prefix))
                        .sorted()
                        .toList())
                .orElse(List.of());
        for (int i = 0; i < keys.size() - HISTORY_KEEP; i++) {
            http.delete(
                    "registered-models/delete-tag",
                    DeleteRegisteredModelTag.newBuilder()
                            .setName(model)
                            .setKey(keys.get(i))
                            .build(),
                    DeleteRegisteredModelTag.Response.getDefaultInstance());
        }
    }

    private static AliasChange parseChange(String json) {
        try {
            return Json.mapper().readValue(json, AliasChange.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static ModelVersion toVersion(org.mlflow.api.proto.ModelRegistry.ModelVersion v) {
        Map<String, String> tags = new LinkedHashMap<>();
        v.getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
        return new ModelVersion(
                v.getName(),
                v.getVersion(),
                v.getRunId(),
                v.hasCreationTimestamp()
                        ? Instant.ofEpochMilli(v.getCreationTimestamp()).toString()
                        : null,
                tags);
    }

    /** Every step of per-step metrics, else the value at step 0; names made acceptable to MLflow. */
    private static List<MlflowBatches.MetricPoint> metrics(RunRecord run) {
        long now = System.currentTimeMillis();
        List<MlflowBatches.MetricPoint> out = new ArrayList<>();
        run.metrics().forEach((name, value) -> {
            List<Double> steps = run.metricSteps().get(name);
            if (steps != null && !steps.isEmpty()) {
                for (int i = 0; i < steps.size(); i++) {
                    out.add(new MlflowBatches.MetricPoint(key(name), steps.get(i), now, i));
                }
            } else {
                out.add(new MlflowBatches.MetricPoint(key(name), value, now, 0));
            }
        });
        return out;
    }

    private static List<Map.Entry<String, String>> params(RunRecord run) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        run.params().forEach((k, v) -> out.add(Map.entry(key(k), truncate(v, MAX_PARAM_VALUE))));
        return out;
    }

    /** MLflow names take letters, digits, '_', '-', '.', ' ', ':' and '/', at most 250 characters, no "..". */
    static String key(String name) {
        String k = name.replaceAll("[^A-Za-z0-9_\\-. :/]", "_").replace("..", "_");
        return k.length() > MAX_KEY ? k.substring(0, MAX_KEY) : k;
    }

    private static String truncate(String v, int max) {
        return v == null ? "" : v.length() <= max ? v : v.substring(0, max - 1) + "…";
    }

    private static String literal(String v) {
        if (v.indexOf('\'') >= 0 || v.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("not usable in an MLflow filter: " + v);
        }
        return v;
    }

    private static long startMillis(RunRecord run) {
        try {
            return run.startedAt() == null
                    ? System.currentTimeMillis()
                    : Instant.parse(run.startedAt()).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return System.currentTimeMillis();
        }
    }

    private static String runName(RunRecord run) {
        String sha = run.tags().get("mlops.git.sha");
        return run.model() + (sha == null ? "" : "@" + sha.substring(0, Math.min(12, sha.length())));
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            AtomicFiles.deleteTree(p);
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
