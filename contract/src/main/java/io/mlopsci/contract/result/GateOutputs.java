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
        return new Builder().build();
    }

    public GateOutputs withBaseline(Rescored rescored, String version, String runId) {
        Builder b = toBuilder();
        b.baselineRescored = rescored;
        b.baselineVersion = version;
        b.baselineRunId = runId;
        return b.build();
    }

    public GateOutputs withMetrics(Map<String, Double> candidate, Map<String, Double> baseline) {
        Builder b = toBuilder();
        b.candidateMetrics = candidate;
        b.baselineMetrics = baseline;
        return b.build();
    }

    public GateOutputs withRunId(String id) {
        Builder b = toBuilder();
        b.runId = id;
        return b.build();
    }

    public GateOutputs withModelVersion(String version) {
        Builder b = toBuilder();
        b.modelVersion = version;
        return b.build();
    }

    public GateOutputs withPromoted(boolean p) {
        Builder b = toBuilder();
        b.promoted = p;
        return b.build();
    }

    public GateOutputs withVerdict(Verdict v) {
        Builder b = toBuilder();
        b.verdict = v;
        return b.build();
    }

    public GateOutputs withInvocationRunId(String id) {
        Builder b = toBuilder();
        b.invocationRunId = id;
        return b.build();
    }

    /** The candidate's run is the champion's own: {@code version} is the champion's. */
    public GateOutputs withChampionAsCandidate(String version) {
        Builder b = toBuilder();
        b.candidateIsChampion = true;
        b.championVersion = version;
        return b.build();
    }

    public GateOutputs withNotApplicable(List<NotApplicable> rules) {
        Builder b = toBuilder();
        b.notApplicable = rules;
        return b.build();
    }

    public GateOutputs withVersionCreated(boolean created) {
        Builder b = toBuilder();
        b.versionCreated = created;
        return b.build();
    }

    private Builder toBuilder() {
        Builder b = new Builder();
        b.baselineRescored = baselineRescored;
        b.baselineVersion = baselineVersion;
        b.baselineRunId = baselineRunId;
        b.candidateMetrics = candidateMetrics;
        b.baselineMetrics = baselineMetrics;
        b.runId = runId;
        b.modelVersion = modelVersion;
        b.promoted = promoted;
        b.verdict = verdict;
        b.invocationRunId = invocationRunId;
        b.candidateIsChampion = candidateIsChampion;
        b.championVersion = championVersion;
        b.notApplicable = notApplicable;
        b.versionCreated = versionCreated;
        return b;
    }

    /** The one place that lists every component: each {@code with...} changes a copy of this. */
    private static final class Builder {
        private Rescored baselineRescored;
        private String baselineVersion;
        private String baselineRunId;
        private Map<String, Double> candidateMetrics;
        private Map<String, Double> baselineMetrics;
        private String runId;
        private String modelVersion;
        private Boolean promoted;
        private Verdict verdict;
        private String invocationRunId;
        private Boolean candidateIsChampion;
        private String championVersion;
        private List<NotApplicable> notApplicable;
        private Boolean versionCreated;

        private GateOutputs build() {
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
                    versionCreated);
        }
    }
}
