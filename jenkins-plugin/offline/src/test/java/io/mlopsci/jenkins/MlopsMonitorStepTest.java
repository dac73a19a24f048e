package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.Result;
import hudson.util.FormValidation;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.ResultJson;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.jenkins.engine.EngineInvocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mlopsMonitor} bound as Pipeline binds it, its {@code at} parameter, and the value a
 * Jenkinsfile acts on ({@code retrain}).
 */
class MlopsMonitorStepTest {

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void bindsItsParametersAndTheWindowsEnd() throws Exception {
        MlopsMonitorStep step = StepBinding.assertBinding(
                MlopsMonitorStep.class, "mlopsMonitor", "monitor", Map.of("at", "2026-01-05T00:00:00Z"));
        assertThat(step.getAt()).isEqualTo("2026-01-05T00:00:00Z");
        assertThat(step.invocation().arguments()).endsWith("--at", "2026-01-05T00:00:00Z");
        assertThat(step.getDescriptor())
                .isInstanceOfSatisfying(
                        MlopsStepDescriptor.class,
                        d -> assertThat(d.isAtOption()).isTrue());
        assertThat(new MlopsTrainStep().getDescriptor())
                .isInstanceOfSatisfying(
                        MlopsStepDescriptor.class,
                        d -> assertThat(d.isAtOption()).isFalse());
    }

    @Test
    void anEmptyAtIsNowAndAMalformedOneIsRefusedWithTheParameterNamed() {
        MlopsMonitorStep step = new MlopsMonitorStep();
        step.setAt("  ");
        assertThat(step.getAt()).isNull();
        assertThat(step.invocation().arguments()).doesNotContain("--at");
        assertThatThrownBy(() -> step.setAt("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at must be an ISO-8601 instant such as '2026-01-05T00:00:00Z', got 'yesterday'");
        assertThatThrownBy(() -> step.setAt("2026-01-05")).hasMessageContaining("got '2026-01-05'");
        MlopsMonitorStep.DescriptorImpl d = new MlopsMonitorStep.DescriptorImpl();
        assertThat(d.doCheckAt(null, "2026-01-05T00:00:00Z").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckAt(null, "").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckAt(null, "tomorrow").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void theReturnedMapSaysWhetherToRetrainAndWhy() throws IOException {
        EngineInvocation inv = new MlopsMonitorStep().invocation();
        StepResult failing = ResultJson.parse("""
                {"schemaVersion":1,"step":"monitor","verdict":"FAIL","exitCode":1,
                 "summary":"monitor: 2 criteria failed",
                 "model":{"name":"fraud","version":"3"},
                 "criteria":[{"id":"drift.amount","status":"FAIL","effect":"FAIL"},
                             {"id":"volume.rows","status":"PASS","effect":"PASS"}],
                 "outputs":{"alias":"champion","modelVersion":"3",
                            "windowStart":"2026-01-04T00:00:00Z","windowEnd":"2026-01-05T00:00:00Z",
                            "rows":24000,"versionRows":{"3":24000},"drifting":["amount","segment"],
                            "driftShare":0.5,"retrain":true,
                            "retrainReasons":["drift: amount, segment drift (FAIL)"]}}
                """, "r");
        Map<String, Object> m = ResultMap.of(inv, failing, new BuildOutcome(Result.UNSTABLE, "FAIL", "m"), List.of());
        ResultMapTest.assertSandboxSafe(m, "result");
        assertThat(m)
                .containsEntry("step", "monitor")
                .containsEntry("verdict", "FAIL")
                .containsEntry("retrain", true)
                .containsEntry("retrainReasons", List.of("drift: amount, segment drift (FAIL)"))
                .containsEntry("drifting", List.of("amount", "segment"))
                .containsEntry("windowStart", "2026-01-04T00:00:00Z")
                .containsEntry("windowEnd", "2026-01-05T00:00:00Z")
                .containsEntry("modelVersion", "3")
                .containsEntry("failed", List.of("drift.amount"))
                .containsEntry("resultFile", ".mlops/out/monitor/result.json");
        new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(m);

        StepResult healthy = ResultJson.parse("""
                {"schemaVersion":1,"step":"monitor","verdict":"PASS","exitCode":0,"summary":"monitor: ok",
                 "criteria":[],"outputs":{"alias":"champion","modelVersion":"3"}}
                """, "r");
        Map<String, Object> ok = ResultMap.of(inv, healthy, new BuildOutcome(Result.SUCCESS, "PASS", "m"), List.of());
        assertThat(ok)
                .as("no rule fired: retrain is false, never missing")
                .containsEntry("retrain", false)
                .containsEntry("retrainReasons", List.of())
                .containsEntry("drifting", List.of())
                .containsEntry("modelVersion", "3");

        StepResult gate = ResultJson.parse("""
                {"schemaVersion":1,"step":"evaluate-gate","verdict":"PASS","exitCode":0,"summary":"ok",
                 "criteria":[],"outputs":{}}
                """, "r");
        Map<String, Object> other = ResultMap.of(
                new EngineInvocation(StepId.EVALUATE_GATE, "mlops.yaml", null, null, List.of(), List.of()),
                gate,
                new BuildOutcome(Result.SUCCESS, "PASS", "m"),
                List.of());
        assertThat(other).as("only the monitor says anything about retraining").doesNotContainKey("retrain");
    }
}
