package io.mlopsci.jenkins;

import io.mlopsci.jenkins.engine.EngineInvocation;
import io.mlopsci.jenkins.engine.EngineResult;
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
            EngineInvocation inv, EngineResult r, BuildOutcome outcome, List<EngineResult> stepResults) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", r.step());
        m.put("verdict", r.verdict());
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
        reports.put("markdown", inv.reportDir() + "/report.md");
        reports.put("junit", inv.reportDir() + "/report.xml");
        reports.put("html", inv.reportDir() + "/report.html");
        m.put("reports", reports);
        m.put("resultFile", inv.resultFile());
        m.put("outputs", new LinkedHashMap<>(r.outputs()));
        if (!r.steps().isEmpty()) {
            List<Object> steps = new ArrayList<>();
            for (EngineResult.StepLine s : r.steps()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("step", s.step());
                line.put("verdict", s.verdict());
                line.put("exitCode", (long) s.exitCode());
                line.put("summary", s.summary());
                steps.add(line);
            }
            m.put("steps", steps);
        }
        return m;
    }

    /** The candidate's metrics: train's {@code metrics}, else the gate's {@code candidateMetrics}. */
    static Map<String, Object> metrics(EngineResult r, List<EngineResult> stepResults) {
        List<EngineResult> sources = new ArrayList<>();
        sources.add(r);
        sources.addAll(stepResults);
        for (String key : new String[] {"metrics", "candidateMetrics"}) {
            for (EngineResult s : sources) {
                if (s.outputs().get(key) instanceof Map<?, ?> found && !found.isEmpty()) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    found.forEach((k, v) -> copy.put(String.valueOf(k), v));
                    return copy;
                }
            }
        }
        return new LinkedHashMap<>();
    }

    private static List<Object> ids(List<EngineResult.Criterion> criteria) {
        List<Object> out = new ArrayList<>();
        criteria.forEach(c -> out.add(c.id()));
        return out;
    }
}
