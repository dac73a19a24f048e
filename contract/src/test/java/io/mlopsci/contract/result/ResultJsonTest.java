package io.mlopsci.contract.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.contract.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one parser every reader of result.json uses (engine, GitHub Action, Jenkins plugin). */
class ResultJsonTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheContractAndKeepsOutputsAsPlainValues() throws IOException {
        String json = """
                {"schemaVersion":1,"tool":"mlops 1.0","step":"evaluate-gate","verdict":"FAIL","exitCode":1,
                 "summary":"1 of 2 criteria failed","model":{"name":"fraud","version":"3","runId":"r1"},
                 "criteria":[
                   {"id":"roc_auc.min","metric":"roc_auc","rule":"min","status":"FAIL","effect":"FAIL","direction":"higher",
                    "actual":0.7,"threshold":0.8,"baseline":0.85,"delta":-0.15,"expected":"≥ 0.8000","message":"too low",
                    "slice":{"column":"segment","value":"web","rows":300},"futureField":{"x":1}},
                   {"id":"f1.min","status":"PASS","effect":"PASS"}],
                 "notes":["no baseline"],
                 "error":{"kind":"infrastructure","message":"registry down"},
                 "outputs":{"candidateMetrics":{"roc_auc":0.7,"n":1000},"promoted":false,"tags":["a","b"],"none":null},
                 "newTopLevelField":true}
                """;
        StepResult r = ResultJson.parse(json, "result.json");
        assertThat(r.step()).isEqualTo("evaluate-gate");
        assertThat(r.model()).isEqualTo(new ModelRef("fraud", "3", "r1"));
        assertThat(r.failing()).extracting(Criterion::id).containsExactly("roc_auc.min");
        assertThat(r.criteria().get(0).slice()).hasToString("segment=web");
        assertThat(r.criteria().get(0).direction()).isEqualTo(Direction.HIGHER);
        assertThat(r.criteria().get(1).actual()).isNull();
        assertThat(r.notes()).containsExactly("no baseline");
        assertThat(r.error().kind()).isEqualTo(ErrorKind.INFRASTRUCTURE);
        assertThat(r.outputs().get("candidateMetrics")).isEqualTo(Map.of("roc_auc", 0.7, "n", 1000L));
        assertThat(r.outputs().get("candidateMetrics")).isInstanceOf(LinkedHashMap.class);
        assertThat(r.outputs().get("tags")).isEqualTo(List.of("a", "b")).isInstanceOf(java.util.ArrayList.class);
        assertThat(r.outputs().get("promoted")).isEqualTo(false);
        assertThat(r.outputs()).containsEntry("none", null);
        assertThat(r.outputs(GateOutputs.class).candidateMetrics()).containsEntry("n", 1000.0);
        assertThat(r.outputs(GateOutputs.class).promoted()).isFalse();
    }

    @Test
    void anythingElseIsRefusedWithTheReason() throws IOException {
        assertThatThrownBy(() -> ResultJson.parse("{not json", "x/result.json"))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageStartingWith("x/result.json is not valid JSON");
        assertThatThrownBy(() -> ResultJson.parse("[1]", "r")).hasMessage("r is not a JSON object");
        assertThatThrownBy(() -> ResultJson.parse(
                        "{\"schemaVersion\":2,\"step\":\"train\",\"verdict\":\"PASS\",\"exitCode\":0}", "r"))
                .hasMessageContaining("has schemaVersion 2; this release of mlops-ci reads version 1");
        assertThatThrownBy(() -> ResultJson.parse("{\"schemaVersion\":1,\"step\":\"train\",\"exitCode\":0}", "r"))
                .hasMessage("r lacks step, verdict or exitCode");
        assertThatThrownBy(() -> ResultJson.parse(
                        "{\"schemaVersion\":1,\"step\":\"train\",\"verdict\":\"MAYBE\",\"exitCode\":0}", "r"))
                .hasMessageStartingWith("r is not a step result");
        assertThatThrownBy(() -> ResultJson.read(tmp.resolve("none.json")))
                .hasMessageStartingWith("no result file at " + tmp.resolve("none.json"));
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{}");
        assertThatThrownBy(() -> ResultJson.read(bad)).hasMessageStartingWith(bad + " has schemaVersion");
    }

    @Test
    void whatTheEngineWritesReadsBackUnchanged() throws IOException {
        StepResult written = SampleResults.everyField();
        byte[] bytes = ResultJson.bytes(written);
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).endsWith("}\n");
        StepResult read = ResultJson.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), "r");
        assertThat(ResultJson.line(read)).isEqualTo(ResultJson.line(written));
        assertThat(read.outputs(TrainOutputs.class).metrics()).containsEntry("roc_auc", 0.91);
        assertThat(read.outputs(TrainOutputs.class).metrics().get("loss")).isNaN();
    }

    @Test
    void typedOutputsAreMergedInTheOrderTheStepRecordsThem() {
        StepResult.Builder b = StepResult.builder("deploy-canary").verdict(Verdict.PASS);
        b.outputs(DeployCanaryOutputs.started("d1", "2", "1", "local"));
        b.outputs(DeployCanaryOutputs.progress(null, 100, "PROMOTED"));
        b.outputs(DeployCanaryOutputs.decided("promoted", true, false, null));
        assertThat(b.build().outputs().keySet())
                .containsExactly(
                        "deploymentId",
                        "candidateVersion",
                        "stableVersion",
                        "target",
                        "finalWeight",
                        "phase",
                        "decision",
                        "promoted",
                        "rolledBack");
        DeployCanaryOutputs o = b.build().outputs(DeployCanaryOutputs.class);
        assertThat(o.decision()).isEqualTo("promoted");
        assertThat(o.finalWeight()).isEqualTo(100);
        assertThat(o.routerUrl()).isNull();
    }

    @Test
    void monitorOutputsReadBackTypedWhatFrontEndsActOn() throws Exception {
        StepResult monitor = SampleResults.perStep().stream()
                .filter(r -> r.step().equals("monitor"))
                .findFirst()
                .orElseThrow();
        StepResult read =
                ResultJson.parse(new String(ResultJson.bytes(monitor), java.nio.charset.StandardCharsets.UTF_8), "r");
        MonitorOutputs o = read.outputs(MonitorOutputs.class);
        assertThat(o.retrain()).isTrue();
        assertThat(o.retrainReasons()).containsExactly("drift: amount");
        assertThat(o.windowEnd()).isEqualTo("2026-01-05T00:00:00Z");
        assertThat(o.versionRows()).containsEntry("4", 10L);
        assertThat(o.drift().get("amount").status()).isEqualTo(Status.FAIL);
        assertThat(o.drifting()).containsExactly("amount");
        assertThat(o.modelVersion()).isEqualTo("3");
    }
}
