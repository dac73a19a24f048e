package io.mlopsci.core.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.report.ReportWriter;
import io.mlopsci.core.result.StepResult;
import io.mlopsci.core.result.Verdict;
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
