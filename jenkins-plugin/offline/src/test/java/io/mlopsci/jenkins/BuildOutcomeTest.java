package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.mlopsci.contract.ErrorKind;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.ErrorInfo;
import io.mlopsci.contract.result.ResultJson;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict → build result table, without Jenkins. */
class BuildOutcomeTest {

    private static StepResult result(String verdict, int exit, List<Criterion> criteria, ErrorInfo error) {
        return StepResult.builder("evaluate-gate")
                .verdict(Verdict.valueOf(verdict))
                .exitCode(exit)
                .summary(verdict + " summary")
                .criteria(criteria)
                .error(error)
                .build();
    }

    private static Criterion criterion(String id, String status, String effect, String message) {
        return Criterion.builder(id)
                .metric("roc_auc")
                .rule("min")
                .status(Status.valueOf(status))
                .effect(Effect.valueOf(effect))
                .direction(Direction.HIGHER)
                .actual(0.7)
                .threshold(0.8)
                .baseline(0.85)
                .delta(-0.15)
                .expected("≥ 0.8000")
                .message(message)
                .build();
    }

    private static BuildOutcome map(StepResult r, int exit, String failOn, String unstableOn) {
        return BuildOutcome.of(
                "evaluate-gate", exit, r, Threshold.parse("failOn", failOn), Threshold.parse("unstableOn", unstableOn));
    }

    @Test
    void defaultsMapPassWarnFailErrorToSuccessUnstableFailureFailure() {
        assertThat(map(result("PASS", 0, List.of(), null), 0, "FAIL", "WARN").result())
                .isEqualTo(Result.SUCCESS);
        assertThat(map(
                                result(
                                        "WARN",
                                        0,
                                        List.of(criterion("f1.max_relative_drop", "WARN", "WARN", "dropped 11%")),
                                        null),
                                0,
                                "FAIL",
                                "WARN")
                        .result())
                .isEqualTo(Result.UNSTABLE);
        assertThat(map(
                                result(
                                        "FAIL",
                                        1,
                                        List.of(criterion("roc_auc.min", "FAIL", "FAIL", "0.7 is below 0.8")),
                                        null),
                                1,
                                "FAIL",
                                "WARN")
                        .result())
                .isEqualTo(Result.FAILURE);
        assertThat(map(
                                result(
                                        "ERROR",
                                        3,
                                        List.of(),
                                        new ErrorInfo(ErrorKind.INFRASTRUCTURE, "registry down", null)),
                                3,
                                "FAIL",
                                "WARN")
                        .result())
                .isEqualTo(Result.FAILURE);
        assertThat(map(result("SKIPPED", 0, List.of(), null), 0, "FAIL", "WARN").result())
                .isEqualTo(Result.SUCCESS);
    }

    @Test
    void aFailedGateNamesEveryFailedCriterionWithItsReason() {
        BuildOutcome o = map(
                result(
                        "FAIL",
                        1,
                        List.of(
                                criterion("roc_auc.min", "FAIL", "FAIL", "0.7688 is below the minimum 0.8000"),
                                criterion("accuracy.min", "FAIL", "FAIL", null),
                                criterion("f1.min", "PASS", "PASS", null)),
                        null),
                1,
                "FAIL",
                "WARN");
        assertThat(o.message())
                .isEqualTo("mlops evaluate-gate: quality gate failed — 2 criteria: "
                        + "roc_auc.min (0.7688 is below the minimum 0.8000); "
                        + "accuracy.min (actual 0.7000, expected ≥ 0.8000, baseline 0.8500)");
        assertThat(o.verdict()).isEqualTo("FAIL");
    }

    @Test
    void thresholdsMoveFailuresToUnstableOrNothingAndWarningsToFailure() {
        StepResult fail = result("FAIL", 1, List.of(criterion("roc_auc.min", "FAIL", "FAIL", "low")), null);
        StepResult warn = result("WARN", 0, List.of(criterion("f1.min", "WARN", "WARN", "lowish")), null);
        assertThat(map(fail, 1, "NEVER", "FAIL").result()).isEqualTo(Result.UNSTABLE);
        assertThat(map(fail, 1, "NEVER", "WARN").result()).isEqualTo(Result.UNSTABLE);
        assertThat(map(fail, 1, "NEVER", "NEVER").result()).isEqualTo(Result.SUCCESS);
        assertThat(map(fail, 1, "NEVER", "NEVER").message())
                .contains("not failing the build: failOn NEVER, unstableOn NEVER");
        assertThat(map(fail, 1, "warn", "fail").result())
                .as("failOn wins over unstableOn")
                .isEqualTo(Result.FAILURE);
        assertThat(map(warn, 0, "WARN", "WARN").result()).isEqualTo(Result.FAILURE);
        assertThat(map(warn, 0, "FAIL", "NEVER").result()).isEqualTo(Result.SUCCESS);
        assertThat(map(warn, 0, "FAIL", "FAIL").result()).isEqualTo(Result.SUCCESS);
        assertThat(map(warn, 0, "FAIL", "WARN").message())
                .isEqualTo("mlops evaluate-gate: passed with warnings — " + "1 criterion: f1.min (lowish)");
    }

    @Test
    void engineErrorsAlwaysFailAndSayWhichClassOfErrorInWords() {
        StepResult config = result(
                "ERROR",
                2,
                List.of(),
                new ErrorInfo(
                        ErrorKind.CONFIG,
                        "mlops.yaml:12:5: gate.metrics.roc_auc.min: expected a number\n  did you mean ...?",
                        null));
        BuildOutcome o = map(config, 2, "NEVER", "NEVER");
        assertThat(o.result()).isEqualTo(Result.FAILURE);
        assertThat(o.message())
                .startsWith("mlops evaluate-gate: usage or configuration error (exit 2): mlops.yaml:12:5:");
        BuildOutcome infra = map(null, 3, "NEVER", "NEVER");
        assertThat(infra.message())
                .isEqualTo("mlops evaluate-gate: infrastructure or internal error (exit 3): see the log above");
        assertThat(map(null, 137, "FAIL", "WARN").message()).contains("unknown exit code 137 (exit 137)");
    }

    @Test
    void missingOrInconsistentResultsFailClosed() {
        assertThat(map(null, 0, "NEVER", "NEVER").result())
                .as("exit 0 without result.json")
                .isEqualTo(Result.FAILURE);
        assertThat(map(null, 0, "NEVER", "NEVER").message()).contains("without writing its result.json");
        BuildOutcome passButExit1 = map(result("PASS", 0, List.of(), null), 1, "FAIL", "WARN");
        assertThat(passButExit1.result())
                .as("the worse of exit code and verdict")
                .isEqualTo(Result.FAILURE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultJson.parse(
                        "{\"schemaVersion\":1,\"step\":\"train\",\"verdict\":\"MAYBE\",\"exitCode\":0}", "r"))
                .as("a verdict outside the contract is no result: the step then fails as without one")
                .hasMessageContaining("r is not a step result");
        assertThat(map(
                                result("ERROR", 0, List.of(), new ErrorInfo(ErrorKind.INTERNAL, "boom", null)),
                                0,
                                "NEVER",
                                "NEVER")
                        .result())
                .isEqualTo(Result.FAILURE);
    }

    @Test
    void thresholdWordsAreTheGitHubActionsOnesAndBadOnesAreNamed() {
        assertThat(Threshold.parse("failOn", " never ")).isEqualTo(Threshold.NEVER);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Threshold.parse("failOn", "error"))
                .hasMessage("failOn must be one of WARN, FAIL, NEVER, got 'error'");
    }
}
