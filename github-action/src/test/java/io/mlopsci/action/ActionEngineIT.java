package io.mlopsci.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.testing.GitHubApiMock;
import io.mlopsci.core.testing.GitHubEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter running the real engine in a child JVM, against a simulated runner and a simulated
 * GitHub validated against GitHub's OpenAPI description.
 */
class ActionEngineIT {

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
                .input("github_token", ActionTest.TOKEN);
    }

    @Test
    void runsTheEngineWithoutTheTokenAndReportsItsResult() throws IOException {
        Path project = tmp.resolve("workspace/models/demo");
        AtomicFiles.copyRecursively(Path.of("src/test/resources/ingest-project").toAbsolutePath(), project);
        SimulatedRunner r = runner("push", GitHubEvents.load("push"))
                .env("GITHUB_SHA", GitHubEvents.PUSH_SHA)
                .env("GITHUB_REF_NAME", "main")
                .env("GITHUB_TOKEN", ActionTest.TOKEN)
                .input("step", "run")
                .input("working_directory", "models/demo")
                .input("mlflow_tracking_password", "mlflow-secret-pw")
                .input("set", "gate.metrics.accuracy.min=0.85\n");
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        AtomicReference<List<String>> args = new AtomicReference<>();
        EngineProcess.Launcher real = EngineProcess.childJvm(System.out);
        SimulatedRunner.Run run = r.run((a, e, cwd) -> {
            seen.set(e);
            args.set(a);
            return real.run(a, e, cwd);
        });

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(args.get())
                .containsExactly(
                        "run",
                        "--config",
                        "models/demo/mlops.yaml",
                        "--out",
                        "models/demo/.mlops/out",
                        "--invocation-id",
                        args.get().get(6),
                        "--set",
                        "gate.metrics.accuracy.min=0.85");
        assertThat(args.get().get(6)).startsWith("github-4242.1-");
        assertThat(seen.get())
                .doesNotContainKeys("GITHUB_TOKEN", "INPUT_GITHUB_TOKEN", "INPUT_STEP")
                .containsEntry("MLFLOW_TRACKING_PASSWORD", "mlflow-secret-pw");
        assertThat(run.stdout()).contains("::add-mask::mlflow-secret-pw");
        assertThat(run.outputs())
                .containsEntry("verdict", "PASS")
                .containsEntry("result_json", "models/demo/.mlops/out/result.json");
        assertThat(run.summary()).contains("mlops run: PASS", "accuracy");
        assertThat(github.github().checkRuns()).singleElement().satisfies(c -> {
            assertThat(c.conclusion()).isEqualTo("success");
            assertThat(c.headSha()).isEqualTo(GitHubEvents.PUSH_SHA);
        });
        assertThat(github.github().comments(2))
                .as("a push has no pull request to comment on")
                .isEmpty();
        github.assertAllRequestsValid();
    }

    @Test
    void hostilePullRequestTitlesAndBranchNamesNeverReachAShellOrAWorkflowCommand() throws IOException {
        Path pwned = tmp.resolve("pwned");
        String title = "x\"; touch " + pwned + "; echo \"\n::set-output name=verdict::PASS\n::add-mask::x";
        String branch = "$(touch${IFS}" + pwned + ")`touch " + pwned + "`%0A::error::owned|<img src=x>@admin";
        Path project = tmp.resolve("workspace");
        AtomicFiles.copyRecursively(Path.of("src/test/resources/ingest-project").toAbsolutePath(), project);
        Files.writeString(project.resolve("reports/metrics.json"), "{\"accuracy\": 0.5, \"f1\": 0.4}");
        SimulatedRunner r = runner("pull_request", GitHubEvents.hostilePullRequest(title, branch))
                .input("step", "run")
                .input("fail_on", "fail");
        SimulatedRunner.Run run = r.run();

        assertThat(run.exitCode()).as(run.stdout()).isEqualTo(1);
        assertThat(pwned).doesNotExist();
        assertThat(run.outputs().keySet())
                .containsOnly(
                        "verdict",
                        "exit_code",
                        "result_json",
                        "report_md",
                        "model_version",
                        "image_digest",
                        "comment_url",
                        "check_run_url",
                        "publish_degraded",
                        "retrain",
                        "issue_url");
        assertThat(run.outputs()).containsEntry("verdict", "FAIL");
        ActionTest.assertNoForeignCommands(run);
        assertThat(run.stdout().lines().filter(l -> l.contains("owned")))
                .allMatch(l -> !l.startsWith("::error::owned"));
        String comment = github.github().comments(2).get(0).body();
        assertThat(comment).doesNotContain("<img").doesNotContain("@admin").contains("&lt;img");
        assertThat(run.summary()).doesNotContain("<img");
        github.assertAllRequestsValid();
    }
}
