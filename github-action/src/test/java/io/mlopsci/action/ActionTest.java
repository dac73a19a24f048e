package io.mlopsci.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.contract.result.CiInfo;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.ErrorInfo;
import io.mlopsci.contract.result.ModelRef;
import io.mlopsci.contract.result.MonitorOutputs;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.report.ReportWriter;
import io.mlopsci.core.testing.GitHubApiMock;
import io.mlopsci.core.testing.GitHubEvents;
import io.mlopsci.core.testing.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter against a simulated runner and a simulated GitHub validated against GitHub's OpenAPI description. */
class ActionTest {

    static final String TOKEN = "ghs_actionsTokenMustNeverShow42";
    static final Set<String> OUR_COMMANDS =
            Set.of("add-mask", "group", "endgroup", "stop-commands", "debug", "notice", "warning", "error");

    @TempDir
    Path tmp;

    GitHubApiMock github;

    @BeforeEach
    void start() {
        github = GitHubApiMock.start(GitHubEvents.REPOSITORY);
        github.github().pull(GitHubEvents.PR_NUMBER, GitHubEvents.PR_HEAD_SHA);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    SimulatedRunner runner(String eventName, com.fasterxml.jackson.databind.node.ObjectNode event) {
        return new SimulatedRunner(tmp.resolve("workspace"), tmp.resolve("runner"), eventName, event)
                .env("GITHUB_API_URL", github.apiUrl())
                .input("github_token", TOKEN);
    }

    /** A failed gate result in the workspace, as an upload from a pull_request run would leave it. */
    Path failedResult(Path workspace, int criteria) throws IOException {
        StepResult.Builder b = StepResult.builder("evaluate-gate")
                .verdict(Verdict.FAIL)
                .exitCode(1)
                .summary(criteria + " criteria failed")
                .model(new ModelRef("jvm-fraud", "7", "r"))
                .ci(new CiInfo(
                        "github-actions",
                        "changes",
                        GitHubEvents.PR_HEAD_SHA,
                        GitHubEvents.PR_NUMBER,
                        null,
                        GitHubEvents.REPOSITORY,
                        false));
        for (int i = 0; i < criteria; i++) {
            b.criterion(Criterion.builder("roc_auc_" + i + ".min")
                    .metric("roc_auc_" + i)
                    .rule("min")
                    .status(Status.FAIL)
                    .actual(0.6)
                    .threshold(0.8)
                    .expected("≥ 0.8000")
                    .message("below the bound; ".repeat(12))
                    .location(new SourceLocation("mlops.yaml", 10 + i % 30, 5))
                    .build());
        }
        Path dir = workspace.resolve("results/evaluate-gate");
        ReportWriter.write(b.build(), dir);
        return dir.resolve(ReportWriter.RESULT);
    }

    static void assertNoForeignCommands(SimulatedRunner.Run run) {
        // Every workflow command on stdout is one of the adapter's own, and the engine's output sits
        // between a stop-commands marker and its resume token.
        String stop = null;
        for (String line : run.stdout().lines().toList()) {
            if (stop != null) {
                if (line.equals("::" + stop + "::")) {
                    stop = null;
                }
                continue;
            }
            if (line.startsWith("::")) {
                String name = line.substring(2).split("[ :]", 2)[0];
                assertThat(OUR_COMMANDS).as("command in: " + line).contains(name);
                if (name.equals("stop-commands")) {
                    stop = line.substring("::stop-commands::".length());
                    assertThat(stop).matches("mlops-[0-9a-f]{32}");
                }
            }
        }
        assertThat(stop).as("every stop-commands block is resumed").isNull();
    }

    @Test
    void publishModeReadsAnUploadedResultPublishesAndWritesOutputsAndSummary() throws IOException {
        SimulatedRunner r = runner("pull_request", GitHubEvents.load("pull_request.opened"));
        failedResult(r.workspace, 2);
        SimulatedRunner.Run run = r.input("step", "publish")
                .input("result", "results/evaluate-gate/result.json")
                .hyphenInput("check_name", "fraud gate")
                .hyphenInput("fail_on", "fail")
                .run();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outputs())
                .containsEntry("verdict", "FAIL")
                .containsEntry("exit_code", "1")
                .containsEntry("result_json", "results/evaluate-gate/result.json")
                .containsEntry("report_md", "results/evaluate-gate/report.md")
                .containsEntry("model_version", "7")
                .containsEntry("image_digest", "")
                .containsEntry("publish_degraded", "false");
        assertThat(run.outputs().get("comment_url")).contains("/pull/2#issuecomment-");
        assertThat(run.delimiters())
                .allMatch(d -> d.matches("ghadelimiter_[0-9a-f-]{36}"))
                .doesNotHaveDuplicates();
        assertThat(run.summary()).contains("mlops evaluate-gate: FAIL", "roc\\_auc\\_0");
        assertThat(github.github().comments(2))
                .singleElement()
                .satisfies(c -> assertThat(c.body()).startsWith("<!-- mlops-ci:report fraud gate -->"));
        assertThat(github.github().checkRuns()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("fraud gate");
            assertThat(c.headSha()).isEqualTo(GitHubEvents.PR_HEAD_SHA);
            assertThat(c.annotations()).hasSize(2);
        });
        assertThat(run.stdout()).startsWith("::add-mask::" + TOKEN + "\n");
        assertThat(run.stdout().replace("::add-mask::" + TOKEN, "")).doesNotContain(TOKEN);
        assertNoForeignCommands(run);
        github.assertAllRequestsValid();
    }

    /** A monitor result in the workspace, as a scheduled run's monitor step leaves it. */
    static void monitorResult(Path workspace, Verdict verdict, boolean retrain) throws IOException {
        StepResult r = StepResult.builder("monitor")
                .verdict(verdict)
                .exitCode(verdict == Verdict.FAIL ? 1 : 0)
                .summary(verdict == Verdict.FAIL ? "amount drifts" : "every criterion passed")
                .model(new ModelRef("jvm-fraud", "7", "r"))
                .outputs(MonitorOutputs.window("champion", "7", "2026-01-04T00:00:00Z", "2026-01-05T00:00:00Z"))
                .outputs(MonitorOutputs.retrain(retrain, retrain ? List.of("drift: amount") : List.of()))
                .build();
        ReportWriter.write(r, workspace.resolve("results/monitor"));
    }

    @Test
    void aScheduledMonitorKeepsTheModelsIssueAndSaysWhetherToRetrain() throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode schedule =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        schedule.put("schedule", "17 6 * * *");
        SimulatedRunner r = runner("schedule", schedule);
        monitorResult(r.workspace, Verdict.FAIL, true);
        SimulatedRunner.Run failing = r.input("step", "publish")
                .input("result", "results/monitor/result.json")
                .input("fail_on", "never")
                .run();
        assertThat(failing.exitCode()).as(failing.stdout()).isZero();
        assertThat(github.github().issues()).singleElement().satisfies(i -> {
            assertThat(i.state()).isEqualTo("open");
            assertThat(i.title()).startsWith("jvm-fraud v7 in production: FAIL, retrain");
        });
        int number = github.github().issues().get(0).number();
        assertThat(failing.outputs())
                .containsEntry("verdict", "FAIL")
                .containsEntry("retrain", "true")
                .containsEntry("issue_url", "https://github.com/" + GitHubEvents.REPOSITORY + "/issues/" + number)
                .containsEntry("comment_url", "")
                .containsEntry("check_run_url", "");
        assertThat(github.github().checkRuns())
                .as("monitoring is not about a commit")
                .isEmpty();
        assertThat(failing.summary()).contains("mlops monitor: FAIL");

        monitorResult(r.workspace, Verdict.PASS, false);
        SimulatedRunner.Run healthy = r.run();
        assertThat(healthy.outputs()).containsEntry("retrain", "false");
        assertThat(github.github().issues())
                .singleElement()
                .satisfies(i -> assertThat(i.state()).isEqualTo("closed"));
        assertThat(github.github().comments(number))
                .singleElement()
                .satisfies(c -> assertThat(c.body()).contains("healthy again"));
        assertNoForeignCommands(healthy);
        github.assertAllRequestsValid();
    }

    @Test
    void atIsForTheMonitorOnlyAndMustBeAnInstant() throws IOException {
        SimulatedRunner.Run run = runner("schedule", GitHubEvents.load("push"))
                .input("step", "train")
                .input("at", "yesterday")
                .run();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.commands())
                .anyMatch(c -> c.contains("at: only step 'monitor' takes it"))
                .anyMatch(c -> c.contains("at: expected an ISO-8601 instant"));
    }

    @Test
    void anErrorResultBecomesAnErrorAnnotationOnItsConfigLineOrInTheLog() throws IOException {
        SimulatedRunner r = runner("pull_request", GitHubEvents.load("pull_request.opened"));
        ReportWriter.write(
                errorResult(
                        ErrorKind.CONFIG,
                        "gate.metrics.roc_auc: expected a number, got 'high'",
                        new SourceLocation("mlops.yaml", 12, 7)),
                r.workspace.resolve("results/evaluate-gate"));
        SimulatedRunner.Run atLine = r.input("step", "publish")
                .input("result", "results/evaluate-gate/result.json")
                .run();
        assertThat(atLine.exitCode()).isEqualTo(2);
        assertThat(atLine.stdout())
                .contains("::error file=mlops.yaml,line=12,title=mlops evaluate-gate%3A config error::"
                        + "gate.metrics.roc_auc: expected a number, got 'high'\n");
        assertNoForeignCommands(atLine);

        SimulatedRunner r2 = runner("pull_request", GitHubEvents.load("pull_request.opened"));
        ReportWriter.write(
                errorResult(ErrorKind.INFRASTRUCTURE, "cannot reach the registry\nat localhost:5000", null),
                r2.workspace.resolve("results/evaluate-gate"));
        SimulatedRunner.Run noLine = r2.input("step", "publish")
                .input("result", "results/evaluate-gate/result.json")
                .run();
        assertThat(noLine.exitCode()).isEqualTo(3);
        assertThat(noLine.stdout())
                .contains("::error::mlops evaluate-gate: infrastructure error: cannot reach the registry%0Aat"
                        + " localhost:5000\n");
        assertNoForeignCommands(noLine);
    }

    static StepResult errorResult(ErrorKind kind, String message, SourceLocation at) {
        return StepResult.builder("evaluate-gate")
                .verdict(Verdict.ERROR)
                .exitCode(kind.exitCode())
                .summary(kind.word() + " error: " + message.lines().findFirst().orElse(""))
                .error(new ErrorInfo(kind, message, at))
                .ci(new CiInfo(
                        "github-actions",
                        "changes",
                        GitHubEvents.PR_HEAD_SHA,
                        GitHubEvents.PR_NUMBER,
                        null,
                        GitHubEvents.REPOSITORY,
                        false))
                .build();
    }

    @Test
    void aForkPullRequestsReadOnlyTokenDegradesToTheSummaryAndLogAnnotations() throws IOException {
        github.server()
                .stubFor(
                        post(urlPathMatching("/repos/.*/(issues/\\d+/comments|check-runs)"))
                                .atPriority(1)
                                .willReturn(
                                        aResponse()
                                                .withStatus(403)
                                                .withHeader("Content-Type", "application/json")
                                                .withHeader(GitHubApiMock.INJECTED, "1")
                                                .withBody(
                                                        "{\"message\":\"Resource not accessible by integration\",\"documentation_url\":\"https://docs.github.com\"}")));
        SimulatedRunner r = runner("pull_request", GitHubEvents.forkPullRequest());
        failedResult(r.workspace, 12);
        SimulatedRunner.Run run = r.input("step", "publish")
                .input("result", "results/evaluate-gate/result.json")
                .input("fail_on", "never")
                .run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.outputs()).containsEntry("publish_degraded", "true").containsEntry("comment_url", "");
        assertThat(run.commands())
                .anyMatch(c -> c.startsWith("::warning::") && c.contains("read-only") && c.contains("fork"));
        assertThat(run.commands())
                .filteredOn(c -> c.startsWith("::error file=mlops.yaml,line="))
                .hasSize(10);
        assertThat(run.summary()).contains("[!WARNING]", "fork", "mlops evaluate-gate: FAIL");
        github.assertAllRequestsValid();
    }

    @Test
    void workflowRunPublishesAForkResultOnlyAfterGitHubConfirmsThePullRequestsHead() throws IOException {
        SimulatedRunner r =
                runner("workflow_run", GitHubEvents.workflowRunForPullRequest(GitHubEvents.PR_HEAD_SHA, null));
        failedResult(r.workspace, 1);
        SimulatedRunner.Run run = r.input("step", "publish")
                .input("result", "results/evaluate-gate/result.json")
                .input("fail_on", "never")
                .run();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outputs().get("comment_url")).contains("/pull/2#issuecomment-");
        assertThat(github.calls()).contains("GET /repos/" + GitHubEvents.REPOSITORY + "/pulls/2");
        github.assertAllRequestsValid();
    }

    @Test
    void aSecondaryRateLimitFailsTheStepFastWithAClearError() throws IOException {
        github.server()
                .stubFor(post(urlPathMatching("/repos/.*/check-runs"))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withStatus(429)
                                .withHeader("Retry-After", "120")
                                .withHeader(GitHubApiMock.INJECTED, "1")));
        SimulatedRunner r = runner("pull_request", GitHubEvents.load("pull_request.opened"));
        failedResult(r.workspace, 1);
        SimulatedRunner.Run run = r.input("step", "publish")
                .input("result", "results/evaluate-gate/result.json")
                .input("comment", "off")
                .input("fail_on", "never")
                .run();
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.commands())
                .anyMatch(c -> c.startsWith("::error::") && c.contains("secondary rate limit") && c.contains("120 s"));
        assertThat(run.summary()).contains("[!CAUTION]");
        github.assertAllRequestsValid();
    }

    @Test
    void anOversizedReportKeepsTheSummaryUnder1MiBAndTheCommentUnderItsLimit() throws IOException {
        SimulatedRunner r = runner("pull_request", GitHubEvents.load("pull_request.opened"));
        failedResult(r.workspace, 5000);
        SimulatedRunner.Run run = r.input("step", "publish")
                .input("result", "results/evaluate-gate/result.json")
                .run();
        assertThat(run.summary().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(FileCommands.SUMMARY_LIMIT_BYTES)
                .isGreaterThan(900_000);
        assertThat(run.summary()).contains("Summary shortened", "results/evaluate-gate/report.md");
        assertThat(Files.size(r.workspace.resolve("results/evaluate-gate/report.md")))
                .isGreaterThan(1_048_576);
        assertThat(github.github().comments(2).get(0).body().length()).isLessThanOrEqualTo(65_536);
        github.assertAllRequestsValid();
    }

    @Test
    void invalidInputsAreUsageErrorsNamingTheInput() {
        SimulatedRunner.Run run = runner("push", GitHubEvents.load("push"))
                .input("fail_on", "sometimes")
                .hyphenInput("check_run", "yes")
                .input("step", "deploy")
                .run((a, e, c) -> {
                    throw new AssertionError("the engine must not run");
                });
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.commands())
                .anyMatch(c -> c.startsWith("::error::") && c.contains("fail_on"))
                .anyMatch(c -> c.contains("check_run") && c.contains("true or false"))
                .anyMatch(c -> c.contains("step"));
    }

    @Test
    void failOnMapsVerdictsToExitCodes() {
        List<String> seen = new ArrayList<>();
        for (ActionInputs.FailOn f : ActionInputs.FailOn.values()) {
            for (Verdict v : List.of(Verdict.PASS, Verdict.WARN, Verdict.FAIL)) {
                ActionInputs in =
                        ActionInputs.read(Map.of("INPUT_FAIL_ON", f.name().toLowerCase(java.util.Locale.ROOT)));
                StepResult result = StepResult.builder("evaluate-gate")
                        .verdict(v)
                        .exitCode(v == Verdict.FAIL ? 1 : 0)
                        .build();
                seen.add(f + "/" + v + "=" + Action.exitCode(in, result, true));
            }
        }
        assertThat(seen)
                .containsExactly(
                        "FAIL/PASS=0",
                        "FAIL/WARN=0",
                        "FAIL/FAIL=1",
                        "WARN/PASS=0",
                        "WARN/WARN=1",
                        "WARN/FAIL=1",
                        "NEVER/PASS=0",
                        "NEVER/WARN=0",
                        "NEVER/FAIL=0");
        StepResult error =
                StepResult.builder("train").verdict(Verdict.ERROR).exitCode(3).build();
        assertThat(Action.exitCode(ActionInputs.read(Map.of("INPUT_FAIL_ON", "never")), error, true))
                .as("engine errors fail even with fail_on: never")
                .isEqualTo(3);
        Requirements.repoRoot();
    }
}
