package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What evaluate-gate decided and registered; package and deploy-canary take {@code modelVersion}.
 * The gate records these as it goes, so a failure part-way leaves what was done in the result.
 *
 * @param baselineRescored    the champion's re-scoring on this run's eval data (gate.evaluate)
 * @param baselineVersion     the champion's version, when there is one
 * @param baselineRunId       its run
 * @param candidateMetrics    the candidate's metric values the gate used
 * @param baselineMetrics     the baseline's
 * @param runId               the candidate's run
 * @param modelVersion        the version registered for it (a passing gate)
 * @param promoted            whether the champion alias moved to it
 * @param verdict             the gate's verdict
 * @param invocationRunId     the run that records this gate's verdict and reports: the train
 *                            invocation's run, or a run of its own when that one already holds a gate
 * @param candidateIsChampion the candidate's run is the champion's own run (a run cache hit)
 * @param championVersion     then, the champion's version
 * @param notApplicable       then, the change rules that would compare the version with itself
 * @param versionCreated      whether a new version was registered (false: the run already was one)
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
        Verdict verdict,
        String invocationRunId,
        Boolean candidateIsChampion,
        String championVersion,
        List<NotApplicable> notApplicable,
        Boolean versionCreated)
        implements StepOutputs {

    /** The champion re-scored on this run's eval data, and whether that came from the cache. */
    public record Rescored(boolean cached, String key, String evalDataSha256, int rows) {}

    /**
     * A change rule that was not evaluated because the candidate is the champion itself.
     *
     * @param id       the criterion it would have been, e.g. {@code roc_auc.max_drop}
     * @param metric   the metric (with its slice)
     * @param rule     the rule's key
     * @param expected what it asks for
     * @param reason   why it does not apply
     */
    public record NotApplicable(String id, String metric, String rule, String expected, String reason) {}

    /** Nothing set yet; the {@code with...} methods fill it in as the gate goes. */
    public static GateOutputs none() {
        return new GateOutputs(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
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
                verdict,
                invocationRunId,
                candidateIsChampion,
                championVersion,
                notApplicable,
                versionCreated);
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
                verdict,
                invocationRunId,
                candidateIsChampion,
                championVersion,
                notApplicable,
                versionCreated);
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
                verdict,
                invocationRunId,
                candidateIsChampion,
                championVersion,
                notApplicable,
                versionCreated);
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
                verdict,
                invocationRunId,
                candidateIsChampion,
                championVersion,
                notApplicable,
                versionCreated);
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
                verdict,
                invocationRunId,
                candidateIsChampion,
                championVersion,
                notApplicable,
                versionCreated);
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
                v,
                invocationRunId,
                candidateIsChampion,
                championVersion,
                notApplicable,
                versionCreated);
    }

    public GateOutputs withInvocationRunId(String id) {
        return new GateOutputs(
                baselineRescored,
                baselineVersion,
                baselineRunId,
                candidateMetrics,
                baselineMetrics,
                runId,
                modelVersion,
                promoted,
                verdict,
                id,
                candidateIsChampion,
                championVersion,
                notApplicable,
                versionCreated);
    }

    public GateOutputs withChampionAsCandidate(String version) {
        return new GateOutputs(
                baselineRescored,
                baselineVersion,
                baselineRunId,
                candidateMetrics,
                baselineMetrics,
                runId,
                modelVersion,
                promoted,
                verdict,
                invocationRunId,
                true,
                version,
                notApplicable,
                versionCreated);
    }

    public GateOutputs withNotApplicable(List<NotApplicable> rules) {
        return new GateOutputs(
                baselineRescored,
                baselineVersion,
                baselineRunId,
                candidateMetrics,
                baselineMetrics,
                runId,
                modelVersion,
                promoted,
                verdict,
                invocationRunId,
                candidateIsChampion,
                championVersion,
                List.copyOf(rules),
                versionCreated);
    }

    public GateOutputs withVersionCreated(boolean created) {
        return new GateOutputs(
                baselineRescored,
                baselineVersion,
                baselineRunId,
                candidateMetrics,
                baselineMetrics,
                runId,
                modelVersion,
                promoted,
                verdict,
                invocationRunId,
                candidateIsChampion,
                championVersion,
                notApplicable,
                created);
    }
}
