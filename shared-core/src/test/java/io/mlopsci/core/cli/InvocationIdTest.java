package io.mlopsci.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.report.ReportWriter;
import io.mlopsci.core.result.StepResult;
import io.mlopsci.core.result.Verdict;
import io.mlopsci.core.step.ResultFreshness;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's half of the stale-result contract: {@code --invocation-id} is echoed as
 * {@code invocation} in every result.json the call writes (the run summary, each step's, a
 * configuration error's), and {@link ResultFreshness} accepts a result only from its own
 * invocation and agreeing with the exit code.
 */
class InvocationIdTest {

    static final String PROJECT = """
            version: 1
            model: m
            train:
              metrics: metrics.json
            gate:
              baseline: none
              metrics:
                accuracy: {min: 0.9}
            """;

    @TempDir
    Path tmp;

    @Test
    void everyResultOfTheCallCarriesItsInvocationId() throws IOException {
        Sandbox p =
                Sandbox.inline(tmp, "p", "main", Map.of("mlops.yaml", PROJECT, "metrics.json", "{\"accuracy\": 0.95}"));
        Processes.Result r = p.mlops("run", "--invocation-id", "github-42.1-abc", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        for (Path f :
                new Path[] {p.out("result.json"), p.out("train", "result.json"), p.out("evaluate-gate", "result.json")
                }) {
            JsonNode n = Json.mapper().readTree(f.toFile());
            assertThat(n.path("invocation").asText()).as(f.toString()).isEqualTo("github-42.1-abc");
        }
        assertThat(Json.mapper().readTree(r.stdout()).path("invocation").asText())
                .isEqualTo("github-42.1-abc");

        Processes.Result gate = p.mlops("evaluate-gate", "--invocation-id", "second");
        assertThat(gate.exitCode()).isZero();
        assertThat(Json.mapper()
                        .readTree(p.out("evaluate-gate", "result.json").toFile())
                        .path("invocation")
                        .asText())
                .isEqualTo("second");
    }

    @Test
    void aConfigurationErrorStillNamesTheInvocationAndABadIdIsAUsageError() throws IOException {
        Sandbox p = Sandbox.inline(tmp, "q", "main", Map.of("mlops.yaml", "version: 1\nmodel: m\ngate: 7\n"));
        Processes.Result bad = p.mlops("evaluate-gate", "--invocation-id", "x1");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(Json.mapper()
                        .readTree(p.out("evaluate-gate", "result.json").toFile())
                        .path("invocation")
                        .asText())
                .isEqualTo("x1");

        Processes.Result id = p.mlops("evaluate-gate", "--invocation-id", "../x;rm -rf");
        assertThat(id.exitCode()).isEqualTo(2);
        assertThat(id.stderr()).contains("--invocation-id", "letters, digits");
    }

    @Test
    void aResultStandsOnlyForItsOwnInvocationAndExitCode() throws IOException {
        StepResult pass = StepResult.builder("evaluate-gate")
                .invocation("a")
                .verdict(Verdict.PASS)
                .exitCode(0)
                .build();
        assertThat(ResultFreshness.problem(pass, "a", 0)).isEmpty();
        assertThat(ResultFreshness.problem(pass, "b", 0)).get().asString().contains("not written by this run");
        assertThat(ResultFreshness.problem(pass.toBuilder().invocation(null).build(), "b", 0))
                .get()
                .asString()
                .contains("names no invocation");
        assertThat(ResultFreshness.problem(pass, "a", 3)).get().asString().contains("exited with code 3");
        StepResult inconsistent = pass.toBuilder().exitCode(1).build();
        assertThat(ResultFreshness.problem(inconsistent, "a", 1))
                .get()
                .asString()
                .contains("PASS with exit code 1");

        Path out = Files.createDirectories(tmp.resolve("out"));
        ReportWriter.write(pass, out.resolve("evaluate-gate"));
        ReportWriter.write(StepResult.builder("run").verdict(Verdict.PASS).build(), out);
        ResultFreshness.removePrevious(out, "evaluate-gate");
        assertThat(out.resolve("evaluate-gate")).isEmptyDirectory();
        assertThat(out.resolve("result.json")).exists();
        ResultFreshness.removePrevious(out, "run");
        assertThat(out.resolve("result.json")).doesNotExist();
        assertThat(out.resolve("report.md")).doesNotExist();
        assertThat(ResultFreshness.newInvocationId("github-1.2")).matches(ResultFreshness.INVOCATION_ID);
    }
}
