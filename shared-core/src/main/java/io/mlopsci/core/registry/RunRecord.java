package io.mlopsci.core.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tracked training run: what went in (params, data hashes, git commit, cache key) and what came
 * out (metrics, artifacts). Metric values may be NaN or infinite: they are recorded as reported and
 * the gate decides what they mean.
 *
 * @param runId          registry-wide unique id
 * @param model          model name
 * @param startedAt      ISO-8601
 * @param durationMs     training wall time (0 for an ingested run)
 * @param params         hyperparameters
 * @param metrics        metric name → value
 * @param tags           git sha, branch, CI system, build URL, cache key, gate verdict, ...
 * @param dataHashes     data file (relative to the workdir) → SHA-256
 * @param cacheKey       the run cache key, or null when caching was off
 * @param artifacts      files under the run's artifact root, relative paths
 * @param predictions    the predictions file among the artifacts, or null
 * @param metricsFile    the metrics file among the artifacts, or null
 * @param metricSteps    metric name → its value at every step, for metrics reported per step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(
        String runId,
        String model,
        String startedAt,
        long durationMs,
        Map<String, String> params,
        Map<String, Double> metrics,
        Map<String, String> tags,
        Map<String, String> dataHashes,
        String cacheKey,
        List<String> artifacts,
        String predictions,
        String metricsFile,
        Map<String, List<Double>> metricSteps) {

    /** Tag: what made the run: {@value #KIND_TRAINED}, {@value #KIND_INGESTED} or {@value #KIND_REUSED}. */
    public static final String TAG_KIND = "mlops.run.kind";

    public static final String KIND_TRAINED = "trained";
    public static final String KIND_INGESTED = "ingested";
    /** A later invocation that reused another run (run cache hit, or a gate run again): it records only its reports. */
    public static final String KIND_REUSED = "reused";
    /** Tag of a {@value #KIND_REUSED} run: the run whose model, metrics and predictions it reused. */
    public static final String TAG_REUSED_RUN = "mlops.reused_run_id";

    public RunRecord {
        params = params == null ? Map.of() : new LinkedHashMap<>(params);
        metrics = metrics == null ? Map.of() : new LinkedHashMap<>(metrics);
        metricSteps = metricSteps == null ? Map.of() : new LinkedHashMap<>(metricSteps);
        tags = tags == null ? Map.of() : new LinkedHashMap<>(tags);
        dataHashes = dataHashes == null ? Map.of() : new LinkedHashMap<>(dataHashes);
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    }

    /** A run without per-step metrics. */
    public RunRecord(
            String runId,
            String model,
            String startedAt,
            long durationMs,
            Map<String, String> params,
            Map<String, Double> metrics,
            Map<String, String> tags,
            Map<String, String> dataHashes,
            String cacheKey,
            List<String> artifacts,
            String predictions,
            String metricsFile) {
        this(
                runId,
                model,
                startedAt,
                durationMs,
                params,
                metrics,
                tags,
                dataHashes,
                cacheKey,
                artifacts,
                predictions,
                metricsFile,
                null);
    }

    public RunRecord withTags(Map<String, String> more) {
        Map<String, String> t = new LinkedHashMap<>(tags);
        t.putAll(more);
        return new RunRecord(
                runId,
                model,
                startedAt,
                durationMs,
                params,
                metrics,
                t,
                dataHashes,
                cacheKey,
                artifacts,
                predictions,
                metricsFile,
                metricSteps);
    }

    /** The same run under another id (a backend that assigns its own) with the artifacts it stored. */
    public RunRecord stored(String id, List<String> storedArtifacts) {
        return new RunRecord(
                id,
                model,
                startedAt,
                durationMs,
                params,
                metrics,
                tags,
                dataHashes,
                cacheKey,
                storedArtifacts,
                predictions,
                metricsFile,
                metricSteps);
    }
}
