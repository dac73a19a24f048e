package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksOutput;
import io.jenkins.plugins.checks.api.ChecksStatus;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import org.junit.jupiter.api.Test;

class ChecksMappingTest {

    private static final StepResult FAILED = StepResult.builder(StepId.EVALUATE_GATE.id())
            .verdict(Verdict.FAIL)
            .exitCode(1)
            .summary("1 of 9 criteria failed")
            .build();

    @Test
    void theConclusionFollowsTheBuildOutcome() {
        assertThat(ChecksMapping.conclusion(new BuildOutcome(Result.SUCCESS, "PASS", "")))
                .isEqualTo(ChecksConclusion.SUCCESS);
        assertThat(ChecksMapping.conclusion(new BuildOutcome(Result.SUCCESS, "SKIPPED", "")))
                .isEqualTo(ChecksConclusion.SUCCESS);
        assertThat(ChecksMapping.conclusion(new BuildOutcome(Result.SUCCESS, "WARN", "")))
                .isEqualTo(ChecksConclusion.NEUTRAL);
        assertThat(ChecksMapping.conclusion(new BuildOutcome(Result.SUCCESS, "FAIL", "")))
                .as("failOn NEVER")
                .isEqualTo(ChecksConclusion.NEUTRAL);
        assertThat(ChecksMapping.conclusion(new BuildOutcome(Result.UNSTABLE, "WARN", "")))
                .isEqualTo(ChecksConclusion.NEUTRAL);
        assertThat(ChecksMapping.conclusion(new BuildOutcome(Result.FAILURE, "FAIL", "")))
                .isEqualTo(ChecksConclusion.FAILURE);
        assertThat(ChecksMapping.conclusion(new BuildOutcome(Result.FAILURE, "ERROR", "")))
                .isEqualTo(ChecksConclusion.FAILURE);
    }

    @Test
    void theCheckCarriesTheMarkdownReportAndLinksToTheBuildPage() {
        ChecksDetails d = ChecksMapping.details(
                ChecksMapping.name(null, null, StepId.EVALUATE_GATE),
                FAILED,
                new BuildOutcome(Result.FAILURE, "FAIL", "mlops evaluate-gate: quality gate failed"),
                "## Gate\n| metric | actual |\n",
                "http://ci/job/x/1/mlops-evaluate-gate/");
        assertThat(d.getName()).contains("mlops / evaluate-gate");
        assertThat(d.getStatus()).isEqualTo(ChecksStatus.COMPLETED);
        assertThat(d.getConclusion()).isEqualTo(ChecksConclusion.FAILURE);
        assertThat(d.getDetailsURL()).contains("http://ci/job/x/1/mlops-evaluate-gate/");
        assertThat(d.getCompletedAt()).isPresent();
        ChecksOutput out = d.getOutput().orElseThrow();
        assertThat(out.getTitle()).contains("FAIL: 1 of 9 criteria failed");
        assertThat(out.getSummary()).contains("## Gate\n| metric | actual |\n");
    }

    @Test
    void withChecksNamesTheCheckAndHugeReportsAreCut() {
        assertThat(ChecksMapping.name("model gate", "models / fraud", StepId.EVALUATE_GATE))
                .isEqualTo("model gate");
        assertThat(ChecksMapping.name(null, "models / fraud", StepId.EVALUATE_GATE))
                .as("the stage and parallel branch name the check, so two branches make two checks")
                .isEqualTo("mlops / models / fraud / evaluate-gate");
        ChecksDetails d = ChecksMapping.details(
                "n", FAILED, new BuildOutcome(Result.FAILURE, "FAIL", "why"), "x".repeat(100_000), null);
        String summary = d.getOutput().orElseThrow().getSummary().orElseThrow();
        assertThat(summary)
                .hasSizeLessThan(ChecksMapping.MAX_SUMMARY + 100)
                .endsWith("the full report is on the build page)");
        assertThat(d.getDetailsURL()).isEmpty();
        ChecksDetails noReport =
                ChecksMapping.details("n", FAILED, new BuildOutcome(Result.FAILURE, "FAIL", "why"), null, null);
        assertThat(noReport.getOutput().orElseThrow().getSummary()).contains("why");
    }
}
