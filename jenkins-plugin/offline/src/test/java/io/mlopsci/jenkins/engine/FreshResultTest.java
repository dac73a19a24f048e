package io.mlopsci.jenkins.engine;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.ResultJson;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's half of the stale-result contract, without Jenkins. */
class FreshResultTest {

    @TempDir
    Path tmp;

    static StepResult result(String verdict, int exitCode, String invocation) {
        return StepResult.builder(StepId.EVALUATE_GATE.id())
                .verdict(Verdict.valueOf(verdict))
                .exitCode(exitCode)
                .summary("summary")
                .invocation(invocation)
                .build();
    }

    @Test
    void theEngineIsCalledWithTheInvocationIdAndItsResultMustEchoIt() throws Exception {
        EngineInvocation inv = new EngineInvocation(
                        StepId.EVALUATE_GATE, "mlops.yaml", null, null, List.of(), List.of())
                .withInvocationId(FreshResult.newInvocationId());
        assertThat(inv.invocationId()).matches("jenkins-[0-9a-f-]{36}");
        assertThat(inv.arguments()).containsSequence("--out", ".mlops/out", "--invocation-id", inv.invocationId());

        assertThat(FreshResult.problem(result("PASS", 0, inv.invocationId()), inv, 0))
                .isNull();
        assertThat(FreshResult.problem(result("PASS", 0, "jenkins-from-an-earlier-build"), inv, 0))
                .contains("not written by this run", "stale");
        assertThat(FreshResult.problem(result("PASS", 0, null), inv, 0)).contains("names no invocation");
        assertThat(FreshResult.problem(result("PASS", 0, inv.invocationId()), inv, 3))
                .contains("exited with code 3", "says exit code 0");
        assertThat(FreshResult.problem(
                        result("PASS", 0, "jenkins-from-an-earlier-build"), inv.withInvocationId(null), 0))
                .as("an execution serialized before invocation ids: the exit code is still checked, nothing more")
                .isNull();
        assertThat(ResultJson.parse(
                                "{\"schemaVersion\":1,\"invocation\":\"x-1\",\"step\":\"train\",\"verdict\":\"PASS\",\"exitCode\":0}",
                                "result.json")
                        .invocation())
                .isEqualTo("x-1");
    }

    @Test
    void previousResultsOfAStepAndOfARunAreRemoved() throws Exception {
        EngineInvocation run = new EngineInvocation(StepId.RUN, "mlops.yaml", null, "out", List.of(), List.of());
        assertThat(FreshResult.previousResults(run))
                .contains("out/result.json", "out/report.html", "out/train/result.json", "out/deploy-canary/report.md")
                .hasSize(4 * 7);
        for (String f : FreshResult.previousResults(run)) {
            Path p = tmp.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "stale");
        }
        Files.writeString(tmp.resolve("out/train/model.bin"), "kept");
        FilePath ws = new FilePath(tmp.toFile());

        EngineInvocation gate =
                new EngineInvocation(StepId.EVALUATE_GATE, "mlops.yaml", null, "out", List.of(), List.of());
        FreshResult.clearPrevious(ws, gate);
        assertThat(tmp.resolve("out/evaluate-gate")).isEmptyDirectory();
        assertThat(tmp.resolve("out/train/result.json")).exists();

        FreshResult.clearPrevious(ws, run);
        for (String f : FreshResult.previousResults(run)) {
            assertThat(tmp.resolve(f)).doesNotExist();
        }
        assertThat(tmp.resolve("out/train/model.bin")).hasContent("kept");
    }
}
