package io.mlopsci.contract.result;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.Layout;
import io.mlopsci.contract.StepId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A result stands only for its own invocation and exit code; a step's previous results are removed before it runs. */
class ResultFreshnessTest {

    @TempDir
    Path tmp;

    @Test
    void aResultStandsOnlyForItsOwnInvocationAndExitCode() {
        StepResult pass = StepResult.builder(StepId.EVALUATE_GATE.id())
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
        assertThat(ResultFreshness.newInvocationId("github-1.2")).matches(ResultFreshness.INVOCATION_ID);
        assertThat(ResultFreshness.newInvocationId("-x".repeat(100))).matches(ResultFreshness.INVOCATION_ID);
        assertThat(ResultFreshness.invalidId("$(id)")).get().asString().contains("--invocation-id", "'$(id)'");
        assertThat(ResultFreshness.invalidId("github-1.2-abc")).isEmpty();
    }

    @Test
    void previousResultsOfAStepAndOfARunAreRemoved() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        for (Path p : ResultFreshness.previousResults(out, StepId.RUN)) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "stale");
        }
        assertThat(ResultFreshness.previousResults(out, StepId.RUN)).hasSize(4 * 7);
        assertThat(ResultFreshness.previousResults("out", StepId.RUN))
                .contains("out/result.json", "out/report.html", "out/train/result.json", "out/deploy-canary/report.md")
                .hasSize(4 * 7);
        assertThat(ResultFreshness.previousResults("", StepId.EVALUATE_GATE))
                .containsExactly(
                        "evaluate-gate/result.json",
                        "evaluate-gate/report.md",
                        "evaluate-gate/report.xml",
                        "evaluate-gate/report.html");
        Files.writeString(out.resolve("train/model.bin"), "kept");

        ResultFreshness.removePrevious(out, StepId.EVALUATE_GATE);
        assertThat(out.resolve("evaluate-gate")).isEmptyDirectory();
        assertThat(out.resolve(Layout.RESULT)).exists();
        assertThat(out.resolve("train").resolve(Layout.RESULT)).exists();
        ResultFreshness.removePrevious(out, StepId.RUN);
        for (Path p : ResultFreshness.previousResults(out, StepId.RUN)) {
            assertThat(p).doesNotExist();
        }
        assertThat(out.resolve("train/model.bin")).hasContent("kept");
    }
}
