package io.mlopsci.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.contract.result.CiInfo;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.report.ReportWriter;
import io.mlopsci.core.testing.GitHubApiMock;
import io.mlopsci.core.testing.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops publish github} as the Jenkins helper calls it: a fresh JVM, env only, --json, exit codes. */
class PublishGitHubCommandIT {

    static final String TOKEN = "ghp_doNotPrintMe0123456789abcdef";

    @TempDir
    Path tmp;

    Processes.Result mlops(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "io.mlopsci.core.cli.Main"));
        cmd.addAll(List.of(args));
        Map<String, String> e = new HashMap<>(env);
        e.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return Processes.run(cmd, tmp, e, Duration.ofMinutes(2));
    }

    Path result() throws Exception {
        StepResult r = StepResult.builder("evaluate-gate")
                .verdict(Verdict.FAIL)
                .exitCode(1)
                .summary("1 of 1 criteria failed")
                .ci(new CiInfo("jenkins", "feature", "abcdefabcdefabcdefabcdefabcdefabcdefabcd", 17, null, null, false))
                .criterion(Criterion.builder("roc_auc.min")
                        .metric("roc_auc")
                        .rule("min")
                        .status(Status.FAIL)
                        .actual(0.7)
                        .threshold(0.8)
                        .expected("≥ 0.8000")
                        .location(new SourceLocation("mlops.yaml", 12, 5))
                        .build())
                .build();
        Path dir = tmp.resolve("out/evaluate-gate");
        ReportWriter.write(r, dir);
        return dir.resolve(ReportWriter.RESULT);
    }

    @Test
    void jenkinsPullRequestBuildPublishesAndPrintsTheOutcomeAsJson() throws Exception {
        try (GitHubApiMock github = GitHubApiMock.start("acme/fraud-model")) {
            github.github().pull(17, "abcdefabcdefabcdefabcdefabcdefabcdefabcd");
            Map<String, String> env = Map.of(
                    "GITHUB_TOKEN",
                    TOKEN,
                    "GITHUB_API_URL",
                    github.apiUrl(),
                    "JENKINS_URL",
                    "https://ci.example.com/",
                    "BUILD_URL",
                    "https://ci.example.com/job/fraud/PR-17/3/",
                    "CHANGE_ID",
                    "17",
                    "CHANGE_URL",
                    "https://github.com/acme/fraud-model/pull/17",
                    "GIT_COMMIT",
                    "abcdefabcdefabcdefabcdefabcdefabcdefabcd");
            Processes.Result r = mlops(env, "publish", "github", "--result", result().toString(), "--json");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            JsonNode out = Json.mapper().readTree(r.stdout());
            assertThat(out.path("commentUrl").asText()).contains("/pull/17#issuecomment-");
            assertThat(out.path("checkRunId").asLong()).isPositive();
            assertThat(out.path("checkRunUrl").asText()).contains("/runs/");
            assertThat(out.path("degraded").asBoolean()).isFalse();
            assertThat(out.has("notice")).isTrue();
            assertThat(r.stdout() + r.stderr()).doesNotContain(TOKEN);
            assertThat(github.github().checkRuns()).singleElement().satisfies(run -> {
                assertThat(run.conclusion()).isEqualTo("failure");
                assertThat(run.detailsUrl()).isEqualTo("https://ci.example.com/job/fraud/PR-17/3/");
            });
            github.assertAllRequestsValid();

            Processes.Result again = mlops(
                    env,
                    "publish",
                    "github",
                    "--result",
                    result().toString(),
                    "--json",
                    "--no-check-run",
                    "--comment",
                    "on-failure",
                    "--check-name",
                    "fraud gate");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(github.github().comments(17))
                    .as("another check name keys another comment")
                    .hasSize(2);
            assertThat(github.github().checkRuns()).hasSize(1);
        }
    }

    @Test
    void exitCodesFollowTheContract() throws Exception {
        Path result = result();
        Processes.Result noToken = mlops(
                Map.of(),
                "publish",
                "github",
                "--result",
                result.toString(),
                "--repository",
                "a/b",
                "--sha",
                "abcdefabcdefabcdefabcdefabcdefabcdefabcd",
                "--json");
        assertThat(noToken.exitCode()).as(noToken.toString()).isEqualTo(2);
        assertThat(noToken.stderr()).contains("GITHUB_TOKEN");
        assertThat(Json.mapper().readTree(noToken.stdout()).path("exitCode").asInt())
                .isEqualTo(2);

        Processes.Result badMode = mlops(
                Map.of("GITHUB_TOKEN", TOKEN),
                "publish",
                "github",
                "--result",
                result.toString(),
                "--comment",
                "sometimes");
        assertThat(badMode.exitCode()).isEqualTo(2);
        assertThat(badMode.stderr()).contains("always, on-failure or off");

        Processes.Result missing = mlops(Map.of("GITHUB_TOKEN", TOKEN), "publish", "github", "--result", "nope.json");
        assertThat(missing.exitCode()).isEqualTo(2);

        Processes.Result unreachable = mlops(
                Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_API_URL", "http://127.0.0.1:9", "MLOPS_PUBLISH_BACKOFF_MS", "10"),
                "publish",
                "github",
                "--result",
                result.toString(),
                "--repository",
                "a/b",
                "--sha",
                "abcdefabcdefabcdefabcdefabcdefabcdefabcd",
                "--json");
        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(3);
        assertThat(unreachable.stderr()).contains("cannot reach GitHub").doesNotContain(TOKEN);
    }
}
