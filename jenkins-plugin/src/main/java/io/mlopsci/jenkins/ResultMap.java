package io.mlopsci.jenkins;

import io.mlopsci.contract.Layout;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.GateOutputs;
import io.mlopsci.contract.result.MonitorOutputs;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.StepSummary;
import io.mlopsci.contract.result.TrainOutputs;
import io.mlopsci.jenkins.engine.EngineInvocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step returns to the Pipeline script: a map of plain values (String, Long, Double, Boolean,
 * LinkedHashMap, ArrayList) that the Groovy sandbox reads without approvals and CPS serializes,
 * e.g. {@code def r = mlopsEvaluateGate(); echo "v${r.modelVersion}: ${r.metrics.roc_auc}"}.
 */
final class ResultMap {

    private ResultMap() {}

    /**
     * @param stepResults for {@code mlopsRun}: the results of the steps it ran, in order, to take
     *                    metrics from; empty for single steps
     */
    static Map<String, Object> of(
            EngineInvocation inv, StepResult r, BuildOutcome outcome, List<StepResult> stepResults) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", r.step());
        m.put("verdict", r.verdict().name());
        m.put("exitCode", (long) r.exitCode());
        m.put("buildResult", outcome.result().toString());
        m.put("summary", r.summary());
        m.put("modelName", r.model() == null ? null : r.model().name());
        m.put("modelVersion", r.model() == null ? null : r.model().version());
        m.put("runId", r.model() == null ? null : r.model().runId());
        m.put("metrics", metrics(r, stepResults));
        m.put("failed", ids(r.failing()));
        m.put("warnings", ids(r.warnings()));
        Map<String, Object> reports = new LinkedHashMap<>();
        reports.put("result", inv.resultFile());
        reports.put("markdown", Layout.join(inv.reportDir(), Layout.MARKDOWN));
        reports.put("junit", Layout.join(inv.reportDir(), Layout.JUNIT));
        reports.put("html", Layout.join(inv.reportDir(), Layout.HTML));
        m.put("reports", reports);
        m.put("resultFile", inv.resultFile());
        m.put("outputs", new LinkedHashMap<>(r.outputs()));
        if (StepId.MONITOR.id().equals(r.step())) {
            monitor(m, r.outputs(MonitorOutputs.class));
        }
        if (r.steps() != null && !r.steps().isEmpty()) {
            List<Object> steps = new ArrayList<>();
            for (StepSummary s : r.steps()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("step", s.step());
                line.put("verdict", s.verdict().name());
                line.put("exitCode", (long) s.exitCode());
                line.put("summary", s.summary());
                steps.add(line);
            }
            m.put("steps", steps);
        }
        return m;
    }

    /**
     * What a Jenkinsfile acts on after {@code mlopsMonitor}: {@code retrain} (false unless a
     * {@code monitor.retrain_on} rule fired), its reasons, the drifting columns, and the window.
     */
    private static void monitor(Map<String, Object> m, MonitorOutputs o) {
        m.put("retrain", Boolean.TRUE.equals(o.retrain()));
        m.put("retrainReasons", new ArrayList<Object>(o.retrainReasons() == null ? List.of() : o.retrainReasons()));
        m.put("drifting", new ArrayList<Object>(o.drifting() == null ? List.of() : o.drifting()));
        m.put("windowStart", o.windowStart());
        m.put("windowEnd", o.windowEnd());
        if (m.get("modelVersion") == null) {
            m.put("modelVersion", o.modelVersion());
        }
    }

    /** The candidate's metrics: train's, else the gate's candidate metrics. */
    static Map<String, Object> metrics(StepResult r, List<StepResult> stepResults) {
        List<StepResult> sources = new ArrayList<>();
        sources.add(r);
        sources.addAll(stepResults);
        for (StepResult s : sources) {
            Map<String, Double> found = s.outputs(TrainOutputs.class).metrics();
            if (found != null && !found.isEmpty()) {
                return new LinkedHashMap<>(found);
            }
        }
        for (StepResult s : sources) {
            Map<String, Double> found = s.outputs(GateOutputs.class).candidateMetrics();
            if (found != null && !found.isEmpty()) {
                return new LinkedHashMap<>(found);
            }
        }
        return new LinkedHashMap<>();
    }

    private static List<Object> ids(List<Criterion> criteria) {
        List<Object> out = new ArrayList<>();
        criteria.forEach(c -> out.add(c.id()));
        return out;
    }
}
