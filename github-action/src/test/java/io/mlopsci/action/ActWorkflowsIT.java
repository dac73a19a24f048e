package io.mlopsci.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.testing.DockerDaemon;
import io.mlopsci.core.testing.FakeGitHub;
import io.mlopsci.core.testing.GitHubApiMock;
import io.mlopsci.core.testing.GitHubEvents;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action run by an independent runner: real workflows — the ones the README tells users to
 * copy ({@code github-action/examples/}), a matrix of every verdict with every {@code fail_on}, and
 * this repository's own dogfood workflows — run by nektos/act. act reads {@code action.yml}, maps
 * {@code with:} and the declared defaults to {@code INPUT_*}, starts the image {@code action.yml}
 * names (built here from github-action/Dockerfile and tagged with that name; never pulled), and
 * handles the event payload, {@code GITHUB_OUTPUT}, the job summary, workflow commands and masking
 * its own way. GitHub's API is the OpenAPI-checked simulation, reached through act's
 * {@code --env GITHUB_API_URL}.
 *
 * <p>Offline stand-ins, under act's {@code --local-repository}: {@code mlops-ci/mlops-action@v1} is
 * this repository's {@code action.yml}; {@code actions/setup-java}, {@code upload-artifact} and
 * {@code download-artifact} are small composite actions in {@code src/test/resources/act/actions}
 * (the real ones live on github.com); {@code actions/checkout} is act's copy of the local repository.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActWorkflowsIT {

    static final String ACTION = "mlops-ci/mlops-action@v1";
    static final String TOKEN = "ghs_actWriteTokenNeverPrinted71";
    static final String READ_ONLY_TOKEN = "ghs_actForkReadOnlyTokenNeverPrinted72";
    static final String MLFLOW_PASSWORD = "mlflowPasswordNeverPrinted73";
    /** The run id of the pull_request run whose artifact the workflow_run run downloads. */
    static final String RUN_ID = "4242";

    @TempDir
    Path tmp;

    Path repo;
    Path examples;
    Path resources;
    ActionMetadata action;
    AutoCloseable exclusive;
    Act act;

    @BeforeAll
    void buildTheActionImageUnderItsActionYmlName(@TempDir Path scratch) throws Exception {
        repo = Requirements.repoRoot();
        examples = repo.resolve("github-action/examples");
        resources = repo.resolve("github-action/src/test/resources/act");
        action = ActionMetadata.load(repo.resolve("action.yml"));
        DockerDaemon.host();
        exclusive = Act.exclusive();
        act = Act.start(scratch);
        ActionImage.build();
        Processes.Result tag = DockerDaemon.docker("tag", ActionImage.IMAGE, action.image());
        assertThat(tag.exitCode()).as(tag.toString()).isZero();
        ActJobImage.image();
    }

    @AfterAll
    void release() throws Exception {
        if (exclusive != null) {
            exclusive.close();
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void everyVerdictWithEveryFailOnSetsTheStepsExitStatusOutputsSummaryAndAnnotations() throws IOException {
        Path user = userRepository("verdicts", "changes", "models/fraud", Map.of("verdicts.yml", resources));
        ActLog log = act.in(user)
                .event("pull_request", GitHubEvents.load("pull_request.opened"))
                .workflow(".github/workflows/verdicts.yml")
                .secret("GITHUB_TOKEN", TOKEN)
                .variable("MLFLOW_PASSWORD", MLFLOW_PASSWORD)
                .action(ACTION, repo)
                .run();

        // verdict (the model's reports/<verdict>.json) -> exit status for fail_on fail, warn, never
        Map<String, List<Integer>> expected = Map.of(
                "pass", List.of(0, 0, 0),
                "warn", List.of(0, 1, 0),
                "fail", List.of(1, 1, 0),
                "missing", List.of(2, 2, 2));
        Map<String, String> verdicts = Map.of("pass", "PASS", "warn", "WARN", "fail", "FAIL", "missing", "ERROR");
        List<String> failOns = List.of("fail", "warn", "never");
        assertThat(log.jobs()).as(log.text()).hasSize(12);
        for (var e : expected.entrySet()) {
            for (int i = 0; i < failOns.size(); i++) {
                String v = e.getKey();
                String failOn = failOns.get(i);
                int exit = e.getValue().get(i);
                ActLog.Job job = matrixJob(log, "Verdicts/gate " + v + " fail_on " + failOn);
                String what = job.name() + "\n" + log.text();
                assertThat(job.step("Gate").success()).as(what).isEqualTo(exit == 0);
                if (exit == 0) {
                    assertThat(job.exitCodes()).as(what).isEmpty();
                } else {
                    assertThat(job.exitCodes()).as(what).containsExactly(exit);
                }
                String verdict = verdicts.get(v);
                String engineExit = Map.of("PASS", "0", "WARN", "0", "FAIL", "1", "ERROR", "2")
                        .get(verdict);
                assertThat(job.printed())
                        .as(what)
                        .contains("outputs: outcome=" + (exit == 0 ? "success" : "failure") + " verdict=" + verdict
                                + " exit_code=" + engineExit + " result_json=models/fraud/.mlops/out/result.json");
                assertThat(job.step("Read the outputs").success()).as(what).isTrue();
                assertThat(job.masked())
                        .as("the token and the MLflow password reached the action, which masked both\n" + what)
                        .isEqualTo(2);
                assertEveryDeclaredOutputWritten(job);
                assertThat(job.summaries()).as(what).singleElement().asString().contains("mlops run: " + verdict);
                List<ActLog.Annotation> gateAnnotations = job.annotations().stream()
                        .filter(a -> a.properties().containsKey("file"))
                        .toList();
                switch (verdict) {
                    case "PASS" -> assertThat(gateAnnotations).as(what).isEmpty();
                    case "WARN" ->
                        assertThat(gateAnnotations)
                                .as(what)
                                .singleElement()
                                .satisfies(
                                        a -> assertAnnotation(a, "warning", "models/fraud/mlops.yaml", "13", "f1.min"));
                    case "FAIL" ->
                        assertThat(gateAnnotations)
                                .as(what)
                                .singleElement()
                                .satisfies(a ->
                                        assertAnnotation(a, "error", "models/fraud/mlops.yaml", "12", "accuracy.min"));
                    default ->
                        assertThat(job.summaries().get(0)).as(what).contains("no metrics file at reports/missing.json");
                }
                if (!verdict.equals("ERROR")) {
                    assertThat(job.summaries().get(0)).as(what).contains("| accuracy |", "| f1 |");
                }
            }
        }
        assertNoSecret(log, TOKEN, MLFLOW_PASSWORD);
        assertInputsDeclared(user.resolve(".github/workflows/verdicts.yml"));
    }

    @Test
    void theReadmesGateWorkflowOnAPullRequestFailsAChecksRunThenEditsItsStickyCommentWhenFixed() throws IOException {
        Path user = userRepository("gate-pr", "changes", "models/fraud", Map.of("model-gate.yml", examples));
        // The pull request regresses the model.
        Files.copy(
                user.resolve("models/fraud/reports/fail.json"),
                user.resolve("models/fraud/reports/metrics.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        commit(user, "a change that hurts the model");
        try (GitHubApiMock github = GitHubApiMock.start(GitHubEvents.REPOSITORY)) {
            github.github().pull(GitHubEvents.PR_NUMBER, GitHubEvents.PR_HEAD_SHA);

            ActLog failed = gate(user, github, "pull_request", GitHubEvents.load("pull_request.opened"));
            ActLog.Job job = failed.job();
            assertThat(job.step(ACTION).success()).as(failed.text()).isFalse();
            assertThat(job.exitCodes()).as(failed.text()).containsExactly(1);
            assertThat(job.ran("echo \"verdict $VERDICT, model v$VERSION\""))
                    .as("a step after a failed one does not run")
                    .isFalse();
            assertThat(job.outputs()).containsEntry("verdict", "FAIL").containsEntry("exit_code", "1");
            assertEveryDeclaredOutputWritten(job);
            assertThat(job.outputs().get("comment_url")).contains("/pull/2#issuecomment-");
            assertThat(job.summaries()).singleElement().asString().contains("mlops run: FAIL", "| accuracy |");
            assertThat(github.github().checkRuns()).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("mlops-ci");
                assertThat(c.headSha()).isEqualTo(GitHubEvents.PR_HEAD_SHA);
                assertThat(c.conclusion()).isEqualTo("failure");
                assertThat(c.annotations()).singleElement().satisfies(a -> {
                    assertThat(a.path("path").asText()).isEqualTo("models/fraud/mlops.yaml");
                    assertThat(a.path("start_line").asInt()).isEqualTo(12);
                    assertThat(a.path("annotation_level").asText()).isEqualTo("failure");
                });
            });
            assertThat(github.github().comments(GitHubEvents.PR_NUMBER))
                    .singleElement()
                    .satisfies(c -> assertThat(c.body()).contains("FAIL", "accuracy"));
            assertThat(job.annotations())
                    .as("with a check run, the criteria are annotated there, not in the log")
                    .noneMatch(a -> a.properties().containsKey("file"));

            // The next push to the pull request fixes it: the same comment is edited, a new check run passes.
            Files.copy(
                    user.resolve("models/fraud/reports/pass.json"),
                    user.resolve("models/fraud/reports/metrics.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            commit(user, "fix the model");
            ActLog fixed = gate(user, github, "pull_request", GitHubEvents.load("pull_request.opened"));
            ActLog.Job again = fixed.job();
            assertThat(again.step(ACTION).success()).as(fixed.text()).isTrue();
            assertThat(again.printed()).contains("verdict PASS, model v1");
            assertThat(again.summaries()).singleElement().asString().contains("mlops run: PASS", "never changes");
            assertThat(github.github().comments(GitHubEvents.PR_NUMBER))
                    .singleElement()
                    .satisfies(c -> assertThat(c.body()).contains("PASS").doesNotContain("FAIL"));
            assertThat(github.github().checkRuns())
                    .extracting(FakeGitHub.CheckRun::conclusion)
                    .containsExactly("failure", "success");
            assertNoSecret(failed, TOKEN);
            assertNoSecret(fixed, TOKEN);
            github.assertAllRequestsValid();
        }
        assertInputsDeclared(user.resolve(".github/workflows/model-gate.yml"));
    }

    @Test
    void theReadmesGateWorkflowOnAPushToMainPromotesTheModel() throws IOException {
        Path user = userRepository("gate-main", "main", "models/fraud", Map.of("model-gate.yml", examples));
        try (GitHubApiMock github = GitHubApiMock.start(GitHubEvents.REPOSITORY)) {
            ActLog log = gate(user, github, "push", pushToMain());
            ActLog.Job job = log.job();
            assertThat(job.step(ACTION).success()).as(log.text()).isTrue();
            assertThat(job.printed()).as(log.text()).contains("verdict PASS, model v1");
            assertEveryDeclaredOutputWritten(job);
            assertThat(job.summaries())
                    .singleElement()
                    .asString()
                    .contains("mlops run: PASS", "Promoted version 1 to 'champion'");
            assertThat(github.github().checkRuns()).singleElement().satisfies(c -> {
                assertThat(c.headSha()).isEqualTo(GitHubEvents.PUSH_SHA);
                assertThat(c.conclusion()).isEqualTo("success");
            });
            assertThat(github.github().comments(GitHubEvents.PR_NUMBER))
                    .as("a push has no pull request")
                    .isEmpty();
            assertNoSecret(log, TOKEN);
            github.assertAllRequestsValid();
        }
    }

    @Test
    void theReadmesForkRecipeDegradesWithAReadOnlyTokenThenWorkflowRunPublishesTheUploadedResult() throws IOException {
        Path user =
                userRepository("fork", "changes", ".", Map.of("model.yml", examples, "model-publish.yml", examples));
        Files.copy(
                user.resolve("reports/fail.json"),
                user.resolve("reports/metrics.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        commit(user, "a fork's change that hurts the model");
        Path artifacts = Files.createDirectories(tmp.resolve("artifacts"));
        try (GitHubApiMock github = GitHubApiMock.start(GitHubEvents.REPOSITORY)) {
            github.github()
                    .pull(new FakeGitHub.Pull(
                            GitHubEvents.PR_NUMBER,
                            GitHubEvents.PR_HEAD_SHA,
                            "changes",
                            "fork-owner/Hello-World",
                            "fork-owner"));
            // The token of a pull request from a fork may read but not write.
            for (var write : List.of(post(urlPathMatching("/repos/.*")), patch(urlPathMatching("/repos/.*")))) {
                github.server()
                        .stubFor(write.withHeader("Authorization", containing(READ_ONLY_TOKEN))
                                .atPriority(1)
                                .willReturn(aResponse()
                                        .withStatus(403)
                                        .withHeader("Content-Type", "application/json; charset=utf-8")
                                        .withHeader(GitHubApiMock.INJECTED, "1")
                                        .withBody("{\"message\":\"Resource not accessible by integration\","
                                                + "\"documentation_url\":\"https://docs.github.com/rest\"}")));
            }

            ActLog pr = act.in(user)
                    .event("pull_request", GitHubEvents.forkPullRequest())
                    .workflow(".github/workflows/model.yml")
                    .secret("GITHUB_TOKEN", READ_ONLY_TOKEN)
                    .env("GITHUB_API_URL", github.apiUrl())
                    .env("GITHUB_RUN_ID", RUN_ID)
                    .action(ACTION, repo)
                    .action("actions/upload-artifact@v4", resources.resolve("actions/upload-artifact"))
                    .mount(artifacts, "/artifacts")
                    .run();
            ActLog.Job gate = pr.job();
            assertThat(gate.step(ACTION).success()).as(pr.text()).isFalse();
            assertThat(gate.exitCodes()).as(pr.text()).containsExactly(1);
            assertThat(gate.outputs())
                    .containsEntry("verdict", "FAIL")
                    .containsEntry("publish_degraded", "true")
                    .containsEntry("comment_url", "")
                    .containsEntry("check_run_url", "");
            assertEveryDeclaredOutputWritten(gate);
            assertThat(gate.annotations())
                    .anySatisfy(a -> {
                        assertThat(a.level()).isEqualTo("warning");
                        assertThat(a.message()).contains("read-only", "fork");
                    })
                    .anySatisfy(a -> assertAnnotation(a, "error", "mlops.yaml", "12", "accuracy.min"));
            assertThat(gate.summaries()).singleElement().asString().contains("[!WARNING]", "mlops run: FAIL");
            assertThat(gate.step("actions/upload-artifact@v4").success())
                    .as("the upload runs after the failed gate (if: always())")
                    .isTrue();
            assertThat(artifacts.resolve(RUN_ID + "/mlops-results/result.json")).exists();
            assertThat(artifacts.resolve(RUN_ID + "/mlops-results/evaluate-gate/report.md"))
                    .exists();
            assertThat(github.github().comments(GitHubEvents.PR_NUMBER)).isEmpty();
            assertThat(github.github().checkRuns()).isEmpty();

            // The base repository's workflow_run, with a write token, publishes the uploaded result.
            ObjectNode completed =
                    GitHubEvents.workflowRunForPullRequest(GitHubEvents.PR_HEAD_SHA, null); // forks: no pull_requests
            ((ObjectNode) completed.path("workflow_run")).put("id", Long.parseLong(RUN_ID));
            ((ObjectNode) completed.path("workflow_run")).put("name", "Model");
            ActLog publish = act.in(user)
                    .event("workflow_run", completed)
                    .workflow(".github/workflows/model-publish.yml")
                    .secret("GITHUB_TOKEN", TOKEN)
                    .env("GITHUB_API_URL", github.apiUrl())
                    .action(ACTION, repo)
                    .action("actions/download-artifact@v4", resources.resolve("actions/download-artifact"))
                    .mount(artifacts, "/artifacts")
                    .run();
            ActLog.Job job = publish.job();
            assertThat(job.step("actions/download-artifact@v4").success())
                    .as(publish.text())
                    .isTrue();
            assertThat(job.step(ACTION).success()).as(publish.text()).isTrue();
            assertThat(job.outputs())
                    .containsEntry("verdict", "FAIL")
                    .containsEntry("result_json", "results/result.json")
                    .containsEntry("publish_degraded", "false");
            assertEveryDeclaredOutputWritten(job);
            assertThat(job.outputs().get("comment_url")).contains("/pull/2#issuecomment-");
            assertThat(job.summaries()).singleElement().asString().contains("mlops run: FAIL");
            assertThat(github.calls())
                    .as("the pull request's head is confirmed before commenting")
                    .contains("GET /repos/" + GitHubEvents.REPOSITORY + "/pulls/2");
            assertThat(github.github().comments(GitHubEvents.PR_NUMBER))
                    .singleElement()
                    .satisfies(c -> assertThat(c.body()).contains("FAIL", "accuracy"));
            assertThat(github.github().checkRuns()).singleElement().satisfies(c -> {
                assertThat(c.headSha()).isEqualTo(GitHubEvents.PR_HEAD_SHA);
                assertThat(c.conclusion()).isEqualTo("failure");
                assertThat(c.annotations())
                        .singleElement()
                        .satisfies(a -> assertThat(a.path("path").asText()).isEqualTo("mlops.yaml"));
            });
            assertNoSecret(pr, TOKEN, READ_ONLY_TOKEN);
            assertNoSecret(publish, TOKEN, READ_ONLY_TOKEN);
            github.assertAllRequestsValid();
        }
        assertInputsDeclared(user.resolve(".github/workflows/model.yml"));
        assertInputsDeclared(user.resolve(".github/workflows/model-publish.yml"));
    }

    @Test
    void thisRepositorysDogfoodWorkflowsGateTheJvmSampleAndPublishFromWorkflowRun() throws IOException {
        Path user = tmp.resolve("dogfood");
        AtomicFiles.copyRecursively(
                repo.resolve("test-repos/jvm-classifier"), user.resolve("test-repos/jvm-classifier"));
        AtomicFiles.deleteTree(user.resolve("test-repos/jvm-classifier/.mlops"));
        AtomicFiles.copyRecursively(repo.resolve("action.yml"), user.resolve("action.yml"));
        for (String w : List.of("dogfood.yml", "dogfood-publish.yml")) {
            AtomicFiles.copyRecursively(
                    repo.resolve(".github/workflows").resolve(w),
                    user.resolve(".github/workflows").resolve(w));
        }
        gitInit(user, "changes");
        Path artifacts = Files.createDirectories(tmp.resolve("dogfood-artifacts"));
        Path setupJava = resources.resolve("actions/setup-java");
        String check = "mlops-ci: jvm-classifier";
        try (GitHubApiMock github = GitHubApiMock.start(GitHubEvents.REPOSITORY)) {
            github.github().pull(GitHubEvents.PR_NUMBER, GitHubEvents.PR_HEAD_SHA);

            ActLog pr = act.in(user)
                    .event("pull_request", GitHubEvents.load("pull_request.opened"))
                    .workflow(".github/workflows/dogfood.yml")
                    .secret("GITHUB_TOKEN", TOKEN)
                    .env("GITHUB_API_URL", github.apiUrl())
                    .env("GITHUB_RUN_ID", RUN_ID)
                    .action("actions/setup-java@v4", setupJava)
                    .action("actions/upload-artifact@v4", resources.resolve("actions/upload-artifact"))
                    .mount(artifacts, "/artifacts")
                    .run();
            ActLog.Job gate = pr.job();
            for (String step : List.of(
                    "actions/checkout@v4",
                    "actions/setup-java@v4",
                    "Train the JVM sample",
                    "A configuration that ingests what training wrote (no train.command)",
                    "Gate the model",
                    "Use the outputs",
                    "actions/upload-artifact@v4")) {
                assertThat(gate.step(step).success())
                        .as(step + "\n" + pr.text())
                        .isTrue();
            }
            assertThat(gate.printed()).as(pr.text()).contains("verdict: PASS");
            assertThat(gate.printed()).anyMatch(l -> l.startsWith("eval: accuracy"));
            assertEveryDeclaredOutputWritten(gate);
            assertThat(gate.summaries()).singleElement().asString().contains("mlops run: PASS", "roc\\_auc");
            assertThat(artifacts.resolve(RUN_ID + "/mlops-results/result.json")).exists();
            assertThat(github.github().checkRuns()).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo(check);
                assertThat(c.headSha()).isEqualTo(GitHubEvents.PR_HEAD_SHA);
                assertThat(c.conclusion()).isEqualTo("success");
            });
            assertThat(github.github().comments(GitHubEvents.PR_NUMBER)).hasSize(1);

            ActLog main = act.in(user)
                    .event("push", pushToMain())
                    .workflow(".github/workflows/dogfood.yml")
                    .secret("GITHUB_TOKEN", TOKEN)
                    .env("GITHUB_API_URL", github.apiUrl())
                    .action("actions/setup-java@v4", setupJava)
                    .action("actions/upload-artifact@v4", resources.resolve("actions/upload-artifact"))
                    .mount(Files.createDirectories(tmp.resolve("main-artifacts")), "/artifacts")
                    .run();
            assertThat(main.job().step("Gate the model").success())
                    .as(main.text())
                    .isTrue();
            assertThat(main.job().summaries()).singleElement().asString().contains("Promoted version 1 to 'champion'");

            ObjectNode completed =
                    GitHubEvents.workflowRunForPullRequest(GitHubEvents.PR_HEAD_SHA, GitHubEvents.PR_NUMBER);
            ((ObjectNode) completed.path("workflow_run")).put("id", Long.parseLong(RUN_ID));
            ((ObjectNode) completed.path("workflow_run")).put("name", "Dogfood the action");
            ActLog publish = act.in(user)
                    .event("workflow_run", completed)
                    .workflow(".github/workflows/dogfood-publish.yml")
                    .secret("GITHUB_TOKEN", TOKEN)
                    .env("GITHUB_API_URL", github.apiUrl())
                    .action(ACTION, repo)
                    .action("actions/download-artifact@v4", resources.resolve("actions/download-artifact"))
                    .mount(artifacts, "/artifacts")
                    .run();
            assertThat(publish.job().step(ACTION).success()).as(publish.text()).isTrue();
            assertThat(publish.job().outputs()).containsEntry("verdict", "PASS");
            assertEveryDeclaredOutputWritten(publish.job());
            assertThat(github.github().comments(GitHubEvents.PR_NUMBER))
                    .as("the sticky comment is edited, not repeated")
                    .hasSize(1);
            assertThat(github.github().checkRuns())
                    .extracting(FakeGitHub.CheckRun::headSha)
                    .containsExactly(GitHubEvents.PR_HEAD_SHA, GitHubEvents.PUSH_SHA, GitHubEvents.PR_HEAD_SHA);
            for (ActLog log : List.of(pr, main, publish)) {
                assertNoSecret(log, TOKEN);
            }
            github.assertAllRequestsValid();
        }
        assertInputsDeclared(user.resolve(".github/workflows/dogfood.yml"));
        assertInputsDeclared(user.resolve(".github/workflows/dogfood-publish.yml"));
    }

    // ---------------------------------------------------------------------------------------------

    /** The README's gate workflow (model-gate.yml) on {@code event}, with a write token. */
    private ActLog gate(Path user, GitHubApiMock github, String event, ObjectNode payload) {
        return act.in(user)
                .event(event, payload)
                .workflow(".github/workflows/model-gate.yml")
                .secret("GITHUB_TOKEN", TOKEN)
                .env("GITHUB_API_URL", github.apiUrl())
                .action(ACTION, repo)
                .run();
    }

    /** A push of {@link GitHubEvents#PUSH_SHA} to main (the example payload pushes a tag). */
    private static ObjectNode pushToMain() {
        ObjectNode push = GitHubEvents.load("push");
        push.put("ref", "refs/heads/main");
        push.putNull("base_ref");
        push.put("after", GitHubEvents.PUSH_SHA);
        push.put("deleted", false);
        return push;
    }

    /**
     * A user's repository: the model project (src/test/resources/act/fraud-model) in
     * {@code projectDir}, the given workflow files in .github/workflows, committed on {@code branch}
     * with GitHub's example repository as its origin (act takes the repository name from there).
     */
    private Path userRepository(String name, String branch, String projectDir, Map<String, Path> workflows)
            throws IOException {
        Path user = tmp.resolve(name);
        AtomicFiles.copyRecursively(
                resources.resolve("fraud-model"), user.resolve(projectDir).normalize());
        for (var w : workflows.entrySet()) {
            AtomicFiles.copyRecursively(
                    w.getValue().resolve(w.getKey()),
                    user.resolve(".github/workflows").resolve(w.getKey()));
        }
        gitInit(user, branch);
        return user;
    }

    private static void gitInit(Path dir, String branch) {
        git(dir, "init", "-q", "-b", branch);
        git(dir, "remote", "add", "origin", "https://github.com/" + GitHubEvents.REPOSITORY + ".git");
        commit(dir, "the user's repository");
    }

    private static void commit(Path dir, String message) {
        git(dir, "add", "-A");
        git(dir, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
    }

    private static void git(Path dir, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Processes.Result r = Processes.run(cmd, dir, Map.of("GIT_CONFIG_NOSYSTEM", "1"), Duration.ofMinutes(1));
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    /** The job of a matrix: act appends {@code -<index>} to the name. */
    private static ActLog.Job matrixJob(ActLog log, String name) {
        Pattern p = Pattern.compile(Pattern.quote(name) + "-\\d+");
        return log.jobs().values().stream()
                .filter(j -> p.matcher(j.name()).matches())
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no job " + name + " in " + log.jobs().keySet()));
    }

    private static void assertAnnotation(ActLog.Annotation a, String level, String file, String line, String title) {
        assertThat(a.level()).isEqualTo(level);
        assertThat(a.properties())
                .containsEntry("file", file)
                .containsEntry("line", line)
                .containsEntry("title", title);
    }

    /** Every output action.yml declares was set (act logs each ::set-output:: it took from GITHUB_OUTPUT). */
    private void assertEveryDeclaredOutputWritten(ActLog.Job job) {
        assertThat(job.outputs().keySet())
                .as("outputs action.yml declares that the action did not write, in job " + job.name())
                .containsAll(action.outputs());
    }

    /**
     * The runner hands undeclared {@code with:} keys to the action as INPUT_* all the same (GitHub
     * only warns), so an input renamed in action.yml would go unnoticed: compare.
     */
    private void assertInputsDeclared(Path workflow) {
        List<ActionMetadata.ActionStep> steps = ActionMetadata.stepsUsing(workflow, Set.of(ACTION, "./"));
        assertThat(steps).as("steps using the action in " + workflow).isNotEmpty();
        for (ActionMetadata.ActionStep s : steps) {
            assertThat(action.inputs())
                    .as("inputs of step '" + s.step() + "' in " + workflow.getFileName()
                            + " that action.yml does not declare")
                    .containsAll(s.with());
        }
    }

    /**
     * act's whole log (every job, every step, act's own lines) never shows a secret. act runs with
     * masking off ({@code --insecure-secrets}), so this holds only if nothing ever wrote it.
     */
    private static void assertNoSecret(ActLog log, String... secrets) {
        for (String s : secrets) {
            assertThat(log.text()).as("act's log shows a secret").doesNotContain(s);
        }
    }
}
