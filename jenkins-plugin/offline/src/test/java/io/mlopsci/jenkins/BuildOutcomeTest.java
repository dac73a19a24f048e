package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.mlopsci.jenkins.engine.EngineResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict → build result table, without Jenkins. */
class BuildOutcomeTest {

    private static EngineResult result(
            String verdict, int exit, List<EngineResult.Criterion> criteria, EngineResult.Error error) {
        return new EngineResult(
                "evaluate-gate",
                verdict,
                exit,
                verdict + " summary",
                null,
                criteria,
                error,
                List.of(),
                Map.of(),
                List.of());
    }

    private static EngineResult.Criterion criterion(String id, String status, String effect, String message) {
        return new EngineResult.Criterion(
                id, "roc_auc", "min", status, effect, "higher", 0.7, 0.8, 0.85, -0.15, "≥ 0.8000", null, message, null);
    }

    private static BuildOutcome map(EngineResult r, int exit, String failOn, String unstableOn) {
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
                                        new EngineResult.Error("infrastructure", "registry down")),
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
        EngineResult fail = result("FAIL", 1, List.of(criterion("roc_auc.min", "FAIL", "FAIL", "low")), null);
        EngineResult warn = result("WARN", 0, List.of(criterion("f1.min", "WARN", "WARN", "lowish")), null);
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
        EngineResult config = result(
                "ERROR",
                2,
                List.of(),
                new EngineResult.Error(
                        "config", "mlops.yaml:12:5: gate.metrics.roc_auc.min: expected a number\n  did you mean ...?"));
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
        assertThat(map(result("MAYBE", 0, List.of(), null), 0, "FAIL", "WARN").result())
                .isEqualTo(Result.FAILURE);
        assertThat(map(result("ERROR", 0, List.of(), new EngineResult.Error("internal", "boom")), 0, "NEVER", "NEVER")
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
