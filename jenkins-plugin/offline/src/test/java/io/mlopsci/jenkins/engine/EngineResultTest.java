package io.mlopsci.jenkins.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineResultTest {

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
                 "outputs":{"candidateMetrics":{"roc_auc":0.7,"n":1000},"promoted":false,"tags":["a","b"],"none":null},
                 "newTopLevelField":true}
                """;
        EngineResult r = EngineResult.parse(json, "result.json");
        assertThat(r.step()).isEqualTo("evaluate-gate");
        assertThat(r.model()).isEqualTo(new EngineResult.Model("fraud", "3", "r1"));
        assertThat(r.failing()).extracting(EngineResult.Criterion::id).containsExactly("roc_auc.min");
        assertThat(r.criteria().get(0).slice()).isEqualTo("segment=web");
        assertThat(r.criteria().get(1).actual()).isNull();
        assertThat(r.notes()).containsExactly("no baseline");
        assertThat(r.outputs().get("candidateMetrics")).isEqualTo(Map.of("roc_auc", 0.7, "n", 1000L));
        assertThat(r.outputs().get("candidateMetrics")).isInstanceOf(java.util.LinkedHashMap.class);
        assertThat(r.outputs().get("tags")).isEqualTo(List.of("a", "b")).isInstanceOf(java.util.ArrayList.class);
        assertThat(r.outputs().get("promoted")).isEqualTo(false);
        assertThat(r.outputs()).containsEntry("none", null);
    }

    @Test
    void anythingElseIsRefusedWithTheReason() {
        assertThatThrownBy(() -> EngineResult.parse("{not json", "x/result.json"))
                .hasMessageStartingWith("x/result.json is not valid JSON");
        assertThatThrownBy(() -> EngineResult.parse("[1]", "r")).hasMessage("r is not a JSON object");
        assertThatThrownBy(() -> EngineResult.parse(
                        "{\"schemaVersion\":2,\"step\":\"train\",\"verdict\":\"PASS\",\"exitCode\":0}", "r"))
                .hasMessageContaining("has schemaVersion 2; this plugin reads version 1");
        assertThatThrownBy(() -> EngineResult.parse("{\"schemaVersion\":1,\"step\":\"train\",\"exitCode\":0}", "r"))
                .hasMessage("r lacks step, verdict or exitCode");
    }
}
