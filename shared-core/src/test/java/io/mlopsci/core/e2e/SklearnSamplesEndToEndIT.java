package io.mlopsci.core.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scikit-learn samples, trained for real: a passing classifier, its regression, a regression task. */
class SklearnSamplesEndToEndIT {

    @TempDir
    Path tmp;

    static Map<String, JsonNode> criteria(JsonNode result) {
        Map<String, JsonNode> out = new HashMap<>();
        result.path("criteria").forEach(c -> out.put(c.path("id").asText(), c));
        return out;
    }

    @Test
    void theRegressedClassifierFailsAgainstTheChampionNamingMetricActualThresholdAndBaseline() throws IOException {
        // Both projects live side by side, as in test-repos/: the regressed one uses the other's code and data.
        Sandbox main = Sandbox.of("sklearn-classifier", tmp, "main").withPython();
        Sandbox good =
                Sandbox.of("sklearn-classifier-regressed", tmp, "shrink-model").withPython();

        Processes.Result champion = main.mlops("run");
        assertThat(champion.exitCode()).as(champion.toString()).isZero();
        JsonNode passed =
                Json.mapper().readTree(main.out("evaluate-gate", "result.json").toFile());
        assertThat(passed.path("verdict").asText()).isIn("PASS", "WARN");
        assertThat(passed.path("outputs").path("promoted").asBoolean()).isTrue();
        assertThat(criteria(passed).get("roc_auc.min").path("actual").asDouble())
                .isGreaterThan(0.95);

        // The pull request: same project, regressed change, gated against the champion main promoted.
        AtomicFiles.copyRecursively(
                main.dir().resolve(".mlops/registry"), good.dir().resolve(".mlops/registry"));
        good.env("GITHUB_ACTIONS", "true")
                .env("GITHUB_EVENT_NAME", "pull_request")
                .env("GITHUB_REF_NAME", "17/merge");
        Path event = Files.writeString(
                tmp.resolve("event.json"),
                "{\"pull_request\": {\"number\": 17, \"head\": {\"sha\": \"0123456789abcdef0123456789abcdef01234567\", \"ref\": \"shrink-model\"}}}");
        good.env("GITHUB_EVENT_PATH", event.toString());
        Processes.Result r = good.mlops("run");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        JsonNode gate =
                Json.mapper().readTree(good.out("evaluate-gate", "result.json").toFile());
        assertThat(gate.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(gate.path("ci").path("pullRequest").asInt()).isEqualTo(17);
        JsonNode accuracy = criteria(gate).get("accuracy.max_drop");
        assertThat(accuracy.path("status").asText()).isEqualTo("FAIL");
        assertThat(accuracy.path("actual").asDouble())
                .isLessThan(accuracy.path("baseline").asDouble());
        assertThat(accuracy.path("delta").asDouble()).isNegative();
        assertThat(accuracy.path("threshold").asDouble())
                .isGreaterThan(accuracy.path("actual").asDouble());
        assertThat(accuracy.path("interval").path("high").asDouble()).isLessThan(-0.02);
        assertThat(criteria(gate).get("accuracy.min").path("status").asText()).isEqualTo("FAIL");
        assertThat(r.stderr()).contains("criteria failed: accuracy.min");
        String md = Files.readString(good.out("evaluate-gate", "report.md"));
        assertThat(md).contains("❌ FAIL | accuracy | max drop").contains("The gate failed");
        // A pull request never touches the champion.
        JsonNode model = Json.mapper()
                .readTree(good.dir()
                        .resolve(".mlops/registry/models/cancer-classifier.json")
                        .toFile());
        assertThat(model.path("aliases").path("champion").asText()).isEqualTo("1");
    }

    @Test
    void theRegressionSamplePassesWithComputedRegressionMetrics() throws IOException {
        Sandbox s = Sandbox.of("sklearn-regression", tmp, "main").withPython();
        Processes.Result r = s.mlops("run");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Map<String, JsonNode> c = criteria(
                Json.mapper().readTree(s.out("evaluate-gate", "result.json").toFile()));
        JsonNode trained = Json.mapper()
                .readTree(s.out("train", "result.json").toFile())
                .path("outputs")
                .path("metrics");
        // The gate computes RMSE from the predictions; the training script computed it with scikit-learn.
        assertThat(c.get("rmse.max").path("actual").asDouble())
                .isCloseTo(trained.path("rmse").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.get("r2.min").path("status").asText()).isEqualTo("PASS");
        assertThat(c).containsKeys("rmse[bmi_band=high].max", "rmse[bmi_band=low].max");
        // Second run on main, another alpha: compared with the champion the first run promoted, on the same rows.
        Processes.Result second = s.mlops("run", "--set", "train.params.alpha=1.2");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        JsonNode gate =
                Json.mapper().readTree(s.out("evaluate-gate", "result.json").toFile());
        JsonNode r2Drop = criteria(gate).get("r2.max_drop");
        assertThat(r2Drop.path("baseline").isNumber()).isTrue();
        assertThat(r2Drop.path("interval").path("low").asDouble())
                .isLessThanOrEqualTo(r2Drop.path("interval").path("high").asDouble());
        assertThat(gate.path("outputs").path("baselineVersion").asText()).isEqualTo("1");
        // The same again: a cache hit on the run that is now the champion, which is not compared with itself.
        Processes.Result again = s.mlops("run", "--set", "train.params.alpha=1.2");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(Json.mapper()
                        .readTree(s.out("train", "result.json").toFile())
                        .path("cache")
                        .path("hit")
                        .asBoolean())
                .isTrue();
        JsonNode self =
                Json.mapper().readTree(s.out("evaluate-gate", "result.json").toFile());
        assertThat(self.path("outputs").path("candidateIsChampion").asBoolean()).isTrue();
        assertThat(criteria(self)).containsKeys("r2.min", "rmse.max").doesNotContainKeys("r2.max_drop");
        assertThat(self.path("outputs").path("notApplicable").findValuesAsText("id"))
                .containsExactly("rmse.max_relative_drop", "r2.max_drop");
    }
}
