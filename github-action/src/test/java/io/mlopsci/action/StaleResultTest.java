package io.mlopsci.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.ModelRef;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.publish.GitHubReport;
import io.mlopsci.core.report.ReportWriter;
import io.mlopsci.core.testing.FakeGitHub;
import io.mlopsci.core.testing.GitHubEvents;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A PASS result.json committed to the repository, or left by an earlier run in a persistent
 * workspace, must never become a green check or a ✅ comment: the action removes the step's
 * previous results, hands the engine an invocation id, and accepts only a result of that
 * invocation that agrees with the exit code. Anything else is ERROR, exit 3, published as such.
 */
class StaleResultTest extends StaleResultFixture {

    /** A passing run summary as an earlier run (or a commit) left it in .mlops/out. */
    Path stalePass() throws IOException {
        StepResult pass = StepResult.builder("run")
                .invocation("github-1.1-an-earlier-run")
                .verdict(Verdict.PASS)
                .exitCode(0)
                .summary("all configured steps passed")
                .model(new ModelRef("ingest-demo", "3", "r"))
                .build();
        Path out = project.resolve(".mlops/out");
        ReportWriter.write(pass, out);
        return out.resolve(ReportWriter.RESULT);
    }

    @Test
    void anEngineThatWritesNothingAfterADiskFullRunIsAnErrorNotTheStalePass() throws IOException {
        Path stale = stalePass();
        FakeGitHub.Comment sticky = github.github()
                .addComment(GitHubEvents.PR_NUMBER, GitHubReport.marker("mlops-ci") + "\n✅ PASS", FakeGitHub.BOT);

        // The engine could not write its results (disk full): exit 3, nothing new on disk.
        SimulatedRunner.Run run = runner.run((args, env, cwd) -> 3);

        assertThat(run.exitCode()).as(run.stdout()).isEqualTo(3);
        assertThat(stale).as("removed before the engine ran").doesNotExist();
        assertThat(run.outputs())
                .containsEntry("verdict", "ERROR")
                .containsEntry("exit_code", "3")
                .containsEntry("model_version", "");
        assertThat(run.commands())
                .anyMatch(c -> c.startsWith("::error::") && c.contains("wrote no") && c.contains("failing closed"));
        assertThat(github.github().checkRuns())
                .singleElement()
                .satisfies(c -> assertThat(c.conclusion()).isEqualTo("failure"));
        assertThat(github.github().comments(GitHubEvents.PR_NUMBER))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.id()).isEqualTo(sticky.id());
                    assertThat(c.body()).contains("ERROR").doesNotContain("✅ PASS");
                });
        assertThat(run.summary()).contains("ERROR");
        ActionTest.assertNoForeignCommands(run);
        github.assertAllRequestsValid();
    }

    @Test
    void aPassResultOfAnotherInvocationIsRejectedEvenWithExitCodeZero() throws IOException {
        SimulatedRunner.Run run = runner.run((args, env, cwd) -> {
            // An engine that ignores the invocation id (or a result put in place by the training
            // command): the file exists and says PASS, but this call did not write it.
            stalePass();
            return 0;
        });

        assertThat(run.exitCode()).as(run.stdout()).isEqualTo(3);
        assertThat(run.outputs()).containsEntry("verdict", "ERROR");
        assertThat(run.commands()).anyMatch(c -> c.startsWith("::error::") && c.contains("not written by this run"));
        assertThat(github.github().checkRuns())
                .singleElement()
                .satisfies(c -> assertThat(c.conclusion()).isEqualTo("failure"));
        github.assertAllRequestsValid();
    }
}
