package io.mlopsci.core.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tracking and model registry: the local embedded registry or an MLflow server. Implementations
 * are safe for concurrent use by several processes (the local one through a file lock) and never
 * leave half-written records.
 */
public interface Registry extends AutoCloseable {

    /** For messages: e.g. "local registry .mlops/registry" or "MLflow at http://host:5000". */
    String describe();

    /**
     * Checks, before any work, that the {@code backend} part of this registry (tracking, model
     * registry or artifact store) answers and is usable for {@code model}; returns what answered,
     * for the preflight line.
     *
     * @throws io.mlopsci.core.error.MlopsException (exit 3) naming the server when it does not
     */
    String check(Part part, String model);

    /** The parts of a registry a step may use, each checked on its own before any work. */
    enum Part {
        TRACKING,
        MODEL_REGISTRY,
        ARTIFACT_STORE
    }

    /**
     * Opens a run before its work starts and returns the backend's id for it, the one id the work,
     * the messages and {@code result.json} use. The run stays invisible to {@link #findRun}, the run
     * cache and the gate until {@link #logRun} completes it.
     */
    String startRun(RunRecord draft);

    /** Best effort: a run started with {@link #startRun} whose work failed says so (or is forgotten). */
    void failRun(String runId, String reason);

    /**
     * Records a finished run with its artifacts: each entry maps a destination path (relative to
     * the run's artifact root) to a local file or directory. Returns the stored record. A run is
     * visible only once all of it is stored. When {@code run.runId()} names a run opened with
     * {@link #startRun} that is not complete yet, that run is completed; when it names a run that
     * is already complete, that run is returned unchanged; otherwise the backend creates a run (and
     * the returned record carries its id).
     */
    RunRecord logRun(RunRecord run, Map<String, Path> artifacts);

    Optional<RunRecord> findRun(String runId);

    /** The newest run of {@code model} recorded with {@code cacheKey}. */
    Optional<RunRecord> findRunByCacheKey(String model, String cacheKey);

    /** Adds or replaces tags on a run. */
    void tagRun(String runId, Map<String, String> tags);

    /** Adds files under {@code destination} (relative) among a run's artifacts. */
    void logArtifacts(String runId, String destination, Path source);

    /**
     * Makes a run's artifacts (or one artifact path) available as local files under
     * {@code target}; returns the local path of {@code relativePath}.
     */
    Path fetchArtifacts(String runId, String relativePath, Path target);

    /** Registers a run's model as a new version, or returns the version already registered for that run. */
    ModelVersion registerVersion(String model, String runId, Map<String, String> tags);

    /** The version registered for a run, if any (the oldest, should there be several). */
    Optional<ModelVersion> versionOfRun(String model, String runId);

    Optional<ModelVersion> version(String model, String version);

    List<ModelVersion> versions(String model);

    Optional<ModelVersion> versionByAlias(String model, String alias);

    /** Points {@code alias} at {@code version}; returns the version it pointed to before, if any. */
    Optional<String> setAlias(String model, String alias, String version);

    void deleteAlias(String model, String alias);

    void tagVersion(String model, String version, Map<String, String> tags);

    /** Moves of {@code alias}, oldest first. */
    List<AliasChange> aliasHistory(String model, String alias);

    /**
     * Records one monitoring window with its reports ({@code artifacts}: destination → file) — the
     * local registry as a file per window, MLflow as a run per window in the monitoring experiment —
     * and tags the watched model version with it. Returns the record under its id.
     */
    MonitorRecord logMonitorWindow(MonitorRecord record, Map<String, Path> artifacts);

    /** Adds files under {@code destination} (relative) to a monitoring window's record (its reports). */
    void logMonitorArtifacts(String model, String recordId, String destination, Path source);

    /**
     * The model's last {@code limit} monitoring windows, oldest first; a window checked more than
     * once counts once, as it was checked last.
     */
    List<MonitorRecord> monitorHistory(String model, int limit);

    @Override
    void close();
}
