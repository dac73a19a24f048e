package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What monitor found in one window of production records, for front ends (the GitHub Action's
 * {@code retrain} output, the Jenkins step's return value) and the next window's trends.
 *
 * @param alias            the alias watched (e.g. {@code champion})
 * @param modelVersion     the version it named
 * @param windowStart      the window's first instant (ISO-8601, inclusive)
 * @param windowEnd        its end (exclusive)
 * @param rows             records in the window, every version
 * @param versionRows      records in the window per model version
 * @param newestRecord     the newest record's timestamp in the files (ISO-8601), when there is one
 * @param newestAgeSeconds its age at the window's end
 * @param labelledRows     the watched version's records in the window that have a label
 * @param drift            per feature column: method, value, status
 * @param driftShare       the share of compared features that drift
 * @param predictionDrift  per prediction column ({@code score}, {@code prediction}): method, value, status
 * @param liveMetrics      metric values computed from the labelled records
 * @param drifting         features whose drift is WARN or FAIL, worst first
 * @param retrain          whether a {@code monitor.retrain_on} rule fired
 * @param retrainReasons   which ones, in words
 * @param recordId         the window's record in the registry (the MLflow run id, or the local record's id)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorOutputs(
        String alias,
        String modelVersion,
        String windowStart,
        String windowEnd,
        Long rows,
        Map<String, Long> versionRows,
        String newestRecord,
        Long newestAgeSeconds,
        Long labelledRows,
        Map<String, ValidateDataOutputs.ColumnDrift> drift,
        Double driftShare,
        Map<String, ValidateDataOutputs.ColumnDrift> predictionDrift,
        Map<String, Double> liveMetrics,
        List<String> drifting,
        Boolean retrain,
        List<String> retrainReasons,
        String recordId)
        implements StepOutputs {

    /** The window and the version, as soon as they are known (a failure later still names them). */
    public static MonitorOutputs window(String alias, String modelVersion, String start, String end) {
        return new MonitorOutputs(
                alias,
                modelVersion,
                start,
                end,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** The window's record id alone, once it is recorded (merged into what the step recorded before). */
    public static MonitorOutputs recorded(String recordId) {
        return new MonitorOutputs(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                recordId);
    }

    /** The retrain decision alone (outputs are merged into what the step recorded before). */
    public static MonitorOutputs retrain(boolean retrain, List<String> reasons) {
        return new MonitorOutputs(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, retrain, reasons,
                null);
    }
}
