package io.mlopsci.core.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One window of monitoring, as the registry keeps it: what was watched, when, what it found. The
 * report's trends are drawn from the last of these.
 *
 * @param id              the record's id (the MLflow run id, or a local id); null before it is stored
 * @param model           the registered model
 * @param alias           the alias watched
 * @param modelVersion    the version it named
 * @param windowStart     the window's first instant (ISO-8601)
 * @param windowEnd       its end (exclusive)
 * @param recordedAt      when the window was checked
 * @param verdict         the step's verdict
 * @param rows            records in the window
 * @param newestAgeSeconds the newest record's age at the window's end
 * @param labelledRows    labelled records the live metrics used
 * @param drift           per feature: method, value, status
 * @param driftShare      the share of features that drift
 * @param predictionDrift per prediction column
 * @param liveMetrics     live metric values
 * @param retrain         whether a retraining rule fired
 * @param tags            where it ran (CI build, commit)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorRecord(
        String id,
        String model,
        String alias,
        String modelVersion,
        String windowStart,
        String windowEnd,
        String recordedAt,
        String verdict,
        long rows,
        Long newestAgeSeconds,
        Long labelledRows,
        Map<String, Measure> drift,
        Double driftShare,
        Map<String, Measure> predictionDrift,
        Map<String, Double> liveMetrics,
        boolean retrain,
        Map<String, String> tags) {

    public MonitorRecord {
        drift = drift == null ? Map.of() : new LinkedHashMap<>(drift);
        predictionDrift = predictionDrift == null ? Map.of() : new LinkedHashMap<>(predictionDrift);
        liveMetrics = liveMetrics == null ? Map.of() : new LinkedHashMap<>(liveMetrics);
        tags = tags == null ? Map.of() : new LinkedHashMap<>(tags);
    }

    /** One column's measure in a window. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Measure(String method, Double value, String status) {}

    /** The same record under the id its store gave it. */
    public MonitorRecord withId(String newId) {
        return new MonitorRecord(
                newId,
                model,
                alias,
                modelVersion,
                windowStart,
                windowEnd,
                recordedAt,
                verdict,
                rows,
                newestAgeSeconds,
                labelledRows,
                drift,
                driftShare,
                predictionDrift,
                liveMetrics,
                retrain,
                tags);
    }
}
