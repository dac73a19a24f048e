package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.ResultJson;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.jenkins.engine.EngineInvocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value a step returns: what a sandboxed Pipeline script may read and CPS may serialize. */
class ResultMapTest {

    static void assertSandboxSafe(Object v, String path) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return;
        }
        if (v instanceof LinkedHashMap<?, ?> m) {
            m.forEach((k, x) -> {
                assertThat(k).as(path + " key").isInstanceOf(String.class);
                assertSandboxSafe(x, path + "." + k);
            });
            return;
        }
        if (v instanceof ArrayList<?> l) {
            for (int i = 0; i < l.size(); i++) {
                assertSandboxSafe(l.get(i), path + "[" + i + "]");
            }
            return;
        }
        throw new AssertionError(path + " is a " + v.getClass().getName()
                + ", not a plain String/Long/Double/Boolean/LinkedHashMap/ArrayList");
    }

    @Test
    void theMapHoldsVerdictMetricsModelAndReportPathsAsPlainValues() throws IOException {
        EngineInvocation inv =
                new EngineInvocation(StepId.EVALUATE_GATE, "mlops.yaml", null, null, List.of(), List.of());
        StepResult gate = ResultJson.parse("""
                {"schemaVersion":1,"step":"evaluate-gate","verdict":"WARN","exitCode":0,"summary":"ok, 1 warning",
                 "model":{"name":"fraud","version":"4","runId":"abc"},
                 "criteria":[{"id":"f1.max_relative_drop","status":"WARN","effect":"WARN"},{"id":"roc_auc.min","status":"PASS","effect":"PASS"}],
                 "outputs":{"candidateMetrics":{"roc_auc":0.91,"f1":0.8},"promoted":true}}
                """, "r");
        Map<String, Object> m = ResultMap.of(inv, gate, new BuildOutcome(Result.UNSTABLE, "WARN", "m"), List.of());
        assertSandboxSafe(m, "result");
        assertThat(m)
                .containsEntry("verdict", "WARN")
                .containsEntry("buildResult", "UNSTABLE")
                .containsEntry("modelVersion", "4")
                .containsEntry("modelName", "fraud")
                .containsEntry("runId", "abc")
                .containsEntry("exitCode", 0L)
                .containsEntry("resultFile", ".mlops/out/evaluate-gate/result.json");
        assertThat(m.get("metrics")).isEqualTo(Map.of("roc_auc", 0.91, "f1", 0.8));
        assertThat(m.get("warnings")).isEqualTo(List.of("f1.max_relative_drop"));
        assertThat(m.get("failed")).isEqualTo(List.of());
        assertThat(m.get("reports"))
                .isEqualTo(Map.of(
                        "result",
                        ".mlops/out/evaluate-gate/result.json",
                        "markdown",
                        ".mlops/out/evaluate-gate/report.md",
                        "junit",
                        ".mlops/out/evaluate-gate/report.xml",
                        "html",
                        ".mlops/out/evaluate-gate/report.html"));
        assertThat(((Map<?, ?>) m.get("outputs")).get("promoted")).isEqualTo(true);
        new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(m);
    }

    @Test
    void runTakesMetricsFromTheStepsItRan() throws IOException {
        EngineInvocation inv = new EngineInvocation(StepId.RUN, "mlops.yaml", null, null, List.of(), List.of());
        StepResult summary = ResultJson.parse("""
                {"schemaVersion":1,"step":"run","verdict":"PASS","exitCode":0,"summary":"all configured steps passed",
                 "steps":[{"step":"train","verdict":"PASS","exitCode":0,"summary":"trained","result":".mlops/out/train/result.json"},
                          {"step":"package","verdict":"SKIPPED","exitCode":0,"summary":"not run: not configured"}]}
                """, "r");
        StepResult train = ResultJson.parse("""
                {"schemaVersion":1,"step":"train","verdict":"PASS","exitCode":0,"outputs":{"metrics":{"accuracy":0.78}}}
                """, "r");
        Map<String, Object> m =
                ResultMap.of(inv, summary, new BuildOutcome(Result.SUCCESS, "PASS", "m"), List.of(train));
        assertSandboxSafe(m, "result");
        assertThat(m.get("metrics")).isEqualTo(Map.of("accuracy", 0.78));
        assertThat((List<?>) m.get("steps")).hasSize(2);
        assertThat(((Map<?, ?>) ((List<?>) m.get("steps")).get(1)).get("verdict"))
                .isEqualTo("SKIPPED");
        assertThat(m.get("reports"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("html", ".mlops/out/report.html");
    }
}
