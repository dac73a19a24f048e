package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What evaluate-gate decided and registered; package and deploy-canary take {@code modelVersion}.
 * The gate records these as it goes, so a failure part-way leaves what was done in the result.
 *
 * @param baselineRescored the champion's re-scoring on this run's eval data (gate.evaluate)
 * @param baselineVersion  the champion's version, when there is one
 * @param baselineRunId    its run
 * @param candidateMetrics the candidate's metric values the gate used
 * @param baselineMetrics  the baseline's
 * @param runId            the candidate's run
 * @param modelVersion     the version registered for it (a passing gate)
 * @param promoted         whether the champion alias moved to it
 * @param verdict          the gate's verdict
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateOutputs(
        Rescored baselineRescored,
        String baselineVersion,
        String baselineRunId,
        Map<String, Double> candidateMetrics,
        Map<String, Double> baselineMetrics,
        String runId,
        String modelVersion,
        Boolean promoted,
        Verdict verdict)
        implements StepOutputs {

    /** The champion re-scored on this run's eval data, and whether that came from the cache. */
    public record Rescored(boolean cached, String key, String evalDataSha256, int rows) {}

    /** Nothing set yet; the {@code with...} methods fill it in as the gate goes. */
    public static GateOutputs none() {
        return new GateOutputs(null, null, null, null, null, null, null, null, null);
    }

    public GateOutputs withBaseline(Rescored rescored, String version, String runId) {
        return new GateOutputs(
                rescored,
                version,
                runId,
                candidateMetrics,
                baselineMetrics,
                this.runId,
                modelVersion,
                promoted,
                verdict);
    }

    public GateOutputs withMetrics(Map<String, Double> candidate, Map<String, Double> baseline) {
        return new GateOutputs(
                baselineRescored,
                baselineVersion,
                baselineRunId,
                candidate,
                baseline,
                runId,
                modelVersion,
                promoted,
                verdict);
    }

    public GateOutputs withRunId(String id) {
        return new GateOutputs(
                baselineRescored,
                baselineVersion,
                baselineRunId,
                candidateMetrics,
                baselineMetrics,
                id,
                modelVersion,
                promoted,
                verdict);
    }

    public GateOutputs withModelVersion(String version) {
        return new GateOutputs(
                baselineRescored,
                baselineVersion,
                baselineRunId,
                candidateMetrics,
                baselineMetrics,
                runId,
                version,
                promoted,
                verdict);
    }

    public GateOutputs withPromoted(boolean p) {
        return new GateOutputs(
                baselineRescored,
                baselineVersion,
                baselineRunId,
                candidateMetrics,
                baselineMetrics,
                runId,
                modelVersion,
                p,
                verdict);
    }

    public GateOutputs withVerdict(Verdict v) {
        return new GateOutputs(
                baselineRescored,
                baselineVersion,
                baselineRunId,
                candidateMetrics,
                baselineMetrics,
                runId,
                modelVersion,
                promoted,
                v);
    }
}
