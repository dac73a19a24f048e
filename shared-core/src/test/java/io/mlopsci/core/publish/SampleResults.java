package io.mlopsci.core.publish;

import io.mlopsci.contract.result.CiInfo;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.ModelRef;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.testing.GitHubEvents;

/** Gate results as the engine writes them, for publishing tests. */
final class SampleResults {

    private SampleResults() {}

    static CiInfo ci() {
        return new CiInfo(
                "github-actions",
                "changes",
                GitHubEvents.PR_HEAD_SHA,
                GitHubEvents.PR_NUMBER,
                "https://github.com/Codertocat/Hello-World/actions/runs/42",
                GitHubEvents.REPOSITORY,
                false);
    }

    /** A failed gate: roc_auc dropped against the champion (line 27 of the sample's mlops.yaml), f1 warns. */
    static StepResult failedGate() {
        return StepResult.builder("evaluate-gate")
                .tool("mlops 1.0.0")
                .exitCode(1)
                .verdict(Verdict.FAIL)
                .summary("1 of 3 criteria failed: roc_auc.max_drop; 1 warning")
                .model(new ModelRef("jvm-fraud", "3", "r1"))
                .configFile("mlops.yaml")
                .ci(ci())
                .criterion(Criterion.builder("roc_auc.max_drop")
                        .metric("roc_auc")
                        .rule("max_drop")
                        .status(Status.FAIL)
                        .direction(Direction.HIGHER)
                        .actual(0.81)
                        .baseline(0.86)
                        .delta(-0.05)
                        .threshold(0.01)
                        .expected("drop ≤ 0.0100")
                        .message("dropped 0.0500 against the champion (v2)")
                        .location(new SourceLocation("test-repos/jvm-classifier/mlops.yaml", 27, 15))
                        .build())
                .criterion(Criterion.builder("f1.max_relative_drop")
                        .metric("f1")
                        .rule("max_relative_drop")
                        .status(Status.FAIL)
                        .severity(io.mlopsci.contract.result.Severity.WARN)
                        .actual(0.70)
                        .baseline(0.74)
                        .expected("relative drop ≤ 3%")
                        .message("dropped 5.4%")
                        .location(new SourceLocation("test-repos/jvm-classifier/mlops.yaml", 29, 15))
                        .build())
                .criterion(Criterion.builder("accuracy.min")
                        .metric("accuracy")
                        .rule("min")
                        .status(Status.PASS)
                        .actual(0.8)
                        .threshold(0.72)
                        .expected("≥ 0.7200")
                        .location(new SourceLocation("test-repos/jvm-classifier/mlops.yaml", 28, 15))
                        .build())
                .build();
    }

    static StepResult passedGate() {
        return StepResult.builder("evaluate-gate")
                .tool("mlops 1.0.0")
                .exitCode(0)
                .verdict(Verdict.PASS)
                .summary("all 1 criteria passed")
                .model(new ModelRef("jvm-fraud", "4", "r2"))
                .ci(ci())
                .criterion(Criterion.builder("accuracy.min")
                        .metric("accuracy")
                        .rule("min")
                        .status(Status.PASS)
                        .actual(0.8)
                        .threshold(0.72)
                        .expected("≥ 0.7200")
                        .location(new SourceLocation("test-repos/jvm-classifier/mlops.yaml", 28, 15))
                        .build())
                .build();
    }

    /** A failed gate with {@code n} failing criteria and long messages: far over every GitHub limit. */
    static StepResult hugeFailedGate(int n) {
        StepResult.Builder b = StepResult.builder("evaluate-gate")
                .tool("mlops 1.0.0")
                .exitCode(1)
                .verdict(Verdict.FAIL)
                .summary(n + " criteria failed")
                .model(new ModelRef("jvm-fraud", "5", "r3"))
                .ci(ci());
        for (int i = 0; i < n; i++) {
            b.criterion(Criterion.builder("slice_" + i + ".roc_auc.min")
                    .metric("roc_auc")
                    .rule("min")
                    .status(Status.FAIL)
                    .actual(0.5)
                    .threshold(0.75)
                    .expected("≥ 0.7500")
                    .message("slice " + i + " 🚨 " + "is far below its bound; ".repeat(8))
                    .location(new SourceLocation("test-repos/jvm-classifier/mlops.yaml", 30 + i % 40, 7))
                    .build());
        }
        return b.build();
    }
}
