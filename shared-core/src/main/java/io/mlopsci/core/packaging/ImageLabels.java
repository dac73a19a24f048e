package io.mlopsci.core.packaging;

import io.mlopsci.core.io.Hashing;
import io.mlopsci.core.io.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels every model image carries, so that a running container can be traced back to its
 * model version, training run, commit and gate verdict without the registry: OCI's standard
 * {@code org.opencontainers.image.*} keys plus {@code io.mlopsci.*}.
 */
public final class ImageLabels {

    public static final String MODEL = "io.mlopsci.model.name";
    public static final String VERSION = "io.mlopsci.model.version";
    public static final String RUN = "io.mlopsci.run.id";
    public static final String GIT_SHA = "io.mlopsci.git.sha";
    public static final String GATE = "io.mlopsci.gate.verdict";
    public static final String METRICS_DIGEST = "io.mlopsci.metrics.digest";
    public static final String METRICS = "io.mlopsci.metrics";
    public static final String MODEL_PATH = "io.mlopsci.model.path";
    /** Metrics are inlined as a label only while they stay this small; the digest is always there. */
    private static final int MAX_INLINE_METRICS = 2048;

    private ImageLabels() {}

    /**
     * @param metrics   the run's metrics (NaN and infinities are written as JSON strings)
     * @param gitSha    may be null outside a git repository
     * @param verdict   the gate's verdict, or null when no gate ran
     * @param extra     the user's labels; they cannot replace the engine's
     */
    public static Map<String, String> of(
            String model,
            String version,
            String runId,
            String gitSha,
            String verdict,
            Map<String, Double> metrics,
            String modelPath,
            Map<String, String> extra) {
        Map<String, String> labels = new LinkedHashMap<>(extra);
        labels.put("org.opencontainers.image.title", model);
        labels.put("org.opencontainers.image.version", version);
        if (gitSha != null) {
            labels.put("org.opencontainers.image.revision", gitSha);
            labels.put(GIT_SHA, gitSha);
        }
        labels.put(MODEL, model);
        labels.put(VERSION, version);
        labels.put(RUN, runId);
        labels.put(GATE, verdict == null ? "NONE" : verdict);
        labels.put(MODEL_PATH, modelPath);
        String canonical = canonicalMetrics(metrics);
        labels.put(METRICS_DIGEST, "sha256:" + Hashing.sha256(canonical));
        if (canonical.length() <= MAX_INLINE_METRICS) {
            labels.put(METRICS, canonical);
        }
        return labels;
    }

    /** Metrics as compact JSON with sorted keys: the same metrics always give the same digest. */
    static String canonicalMetrics(Map<String, Double> metrics) {
        Map<String, Object> sorted = new TreeMap<>();
        metrics.forEach((k, v) -> sorted.put(k, v == null || !Double.isFinite(v) ? String.valueOf(v) : v));
        return Json.string(sorted);
    }
}
