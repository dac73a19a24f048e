package io.mlopsci.core.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LLM-evaluation sample (test-repos/llm-eval), run for real through the CLI: the concise prompt
 * becomes the champion on main; a pull request with the step-by-step prompt fails the gate, its
 * per-example scores compared with the champion's question by question, naming the questions that
 * regressed most in result.json, report.md, report.html and report.xml.
 */
class LlmEvalEndToEndIT {

    @TempDir
    Path tmp;

    @Test
    void aRegressingPromptFailsTheGateNamingTheWorstQuestions() throws IOException {
        Sandbox main = Sandbox.of("llm-eval", tmp, "main").withPython();
        Processes.Result champion = main.mlops("run");
        assertThat(champion.exitCode()).as(champion.toString()).isZero();
        JsonNode first =
                Json.mapper().readTree(main.out("evaluate-gate", "result.json").toFile());
        assertThat(first.path("outputs").path("promoted").asBoolean()).isTrue();
        Map<String, JsonNode> passed = SklearnSamplesEndToEndIT.criteria(first);
        assertThat(passed.get("exact_match.min").path("actual").asDouble()).isEqualTo(0.95);
        assertThat(passed.get("token_f1.min").path("status").asText()).isEqualTo("PASS");

        // The pull request: the same project with the prompt changed, gated against that champion.
        main.git("checkout", "-q", "-b", "step-by-step-prompt");
        main.env("GITHUB_ACTIONS", "true")
                .env("GITHUB_EVENT_NAME", "pull_request")
                .env("GITHUB_REF_NAME", "21/merge");
        Path event = Files.writeString(
                tmp.resolve("event.json"),
                "{\"pull_request\": {\"number\": 21, \"head\": {\"sha\": \"89abcdef0123456789abcdef0123456789abcdef\","
                        + " \"ref\": \"step-by-step-prompt\"}}}");
        main.env("GITHUB_EVENT_PATH", event.toString());
        Processes.Result pr = main.mlops("run", "--set", "train.params.prompt=step-by-step");
        assertThat(pr.exitCode()).as(pr.toString()).isEqualTo(1);

        JsonNode gate =
                Json.mapper().readTree(main.out("evaluate-gate", "result.json").toFile());
        assertThat(gate.path("verdict").asText()).isEqualTo("FAIL");
        Map<String, JsonNode> c = SklearnSamplesEndToEndIT.criteria(gate);
        JsonNode f1 = c.get("token_f1.max_drop");
        assertThat(f1.path("status").asText()).isEqualTo("FAIL");
        assertThat(f1.path("baseline").asDouble())
                .isGreaterThan(f1.path("actual").asDouble());
        assertThat(f1.path("interval").path("high").asDouble()).isLessThan(-0.02);
        JsonNode examples = f1.path("examples");
        assertThat(examples.path("measure").asText()).isEqualTo("scores.f1");
        assertThat(examples.path("regressed").asInt()).isEqualTo(12);
        assertThat(examples.path("improved").asInt()).isZero();
        assertThat(examples.path("unchanged").asInt()).isEqualTo(48);
        List<String> worst = new ArrayList<>();
        examples.path("regressedMost").forEach(e -> worst.add(e.path("id").asText()));
        // The arithmetic slips (F1 1 → 0) come first, then the padded answers.
        assertThat(worst).hasSize(5).startsWith("math-05", "math-07", "math-12", "math-15");
        JsonNode math05 = examples.path("regressedMost").get(0);
        assertThat(math05.path("input").asText()).isEqualTo("What is 23 * 19?");
        assertThat(math05.path("expected").asText()).isEqualTo("437");
        assertThat(math05.path("baselineOutput").asText()).isEqualTo("437");
        assertThat(math05.path("candidateOutput").asText()).isEqualTo("427");
        assertThat(math05.path("change").asDouble()).isEqualTo(-1.0);
        JsonNode exact = c.get("exact_match.max_drop").path("examples");
        assertThat(exact.path("binary").asBoolean()).isTrue();
        assertThat(exact.path("regressed").asInt()).isEqualTo(11);
        assertThat(c.get("token_f1[topic=arithmetic].max_drop").path("status").asText())
                .isEqualTo("FAIL");
        assertThat(c.get("latency_p95_ms.max").path("status").asText()).isEqualTo("PASS");

        String md = Files.readString(main.out("evaluate-gate", "report.md"));
        assertThat(md)
                .contains("#### Examples that regressed")
                .contains("<details><summary>❌ token\\_f1 (max drop): 12 of 60 examples regressed (scores.f1)")
                .contains("| math-05 | What is 23 \\* 19? | 437 | 1.0000 · 437 | 0 · 427 | −1.0000 |")
                .contains("flipped from true to false (scores.exact)");
        assertThat(Files.readString(main.out("evaluate-gate", "report.html")))
                .contains("Examples that regressed")
                .contains("<td>math-05</td>");
        assertThat(Files.readString(main.out("evaluate-gate", "report.xml")))
                .contains("12 of 60 examples regressed, 0 improved; worst: math-05 (1.0000 → 0)");
        // A pull request never touches the champion.
        JsonNode model = Json.mapper()
                .readTree(main.dir()
                        .resolve(".mlops/registry/models/qa-assistant.json")
                        .toFile());
        assertThat(model.path("aliases").path("champion").asText()).isEqualTo("1");
    }
}
