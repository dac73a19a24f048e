package io.mlopsci.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Interval;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console names each failed criterion with its numbers, not only its id. */
class ConsoleLinesTest {

    static StepResult result(List<Criterion> criteria) {
        return StepResult.builder("evaluate-gate")
                .verdict(Verdict.FAIL)
                .exitCode(1)
                .criteria(criteria)
                .build();
    }

    @Test
    void eachFailedCriterionWithMetricActualThresholdBaselineAndDelta() {
        Criterion drop = Criterion.builder("roc_auc.max_drop")
                .metric("roc_auc")
                .rule("max_drop")
                .status(Status.FAIL)
                .effect(Effect.FAIL)
                .actual(0.8812)
                .threshold(0.89)
                .baseline(0.9)
                .delta(-0.0188)
                .relativeDelta(-0.0188 / 0.9)
                .expected("drop ≤ 0.0100 (≥ 0.8900)")
                .message("0.8812 is 0.0188 worse than the champion (v3) 0.9000; required: drop ≤ 0.0100")
                .build();
        Criterion passed = Criterion.builder("accuracy.min")
                .metric("accuracy")
                .status(Status.PASS)
                .effect(Effect.PASS)
                .actual(0.95)
                .build();
        Criterion warned = Criterion.builder("f1.min")
                .metric("f1")
                .status(Status.WARN)
                .effect(Effect.WARN)
                .actual(0.5)
                .build();
        assertThat(ConsoleLines.failures(result(List.of(passed, drop, warned))))
                .containsExactly("✗ FAIL roc_auc.max_drop: metric roc_auc, actual 0.8812, threshold drop ≤ 0.0100 (≥"
                        + " 0.8900), baseline 0.9000, delta −0.0188 (−2.09%)");
    }

    @Test
    void anErrorOrAnUndecidedIntervalSaysWhy() {
        Criterion error = Criterion.builder("f1.min")
                .metric("f1")
                .status(Status.ERROR)
                .effect(Effect.FAIL)
                .expected("≥ 0.8000")
                .message("'f1' is not in the candidate's metrics")
                .build();
        Criterion undecided = Criterion.builder("accuracy.max_drop")
                .metric("accuracy")
                .status(Status.INCONCLUSIVE)
                .effect(Effect.FAIL)
                .actual(0.9)
                .baseline(0.91)
                .delta(-0.01)
                .expected("drop ≤ 0.0100 (≥ 0.9000)")
                .interval(new Interval(-0.02, 0.001, 0.95, 1000, "paired bootstrap"))
                .message("improvement interval [−0.0200, +0.0010] at 95% straddles −0.0100")
                .build();
        assertThat(ConsoleLines.failures(result(List.of(error, undecided))))
                .containsExactly(
                        "✗ ERROR f1.min: metric f1, threshold ≥ 0.8000 — 'f1' is not in the candidate's metrics",
                        "✗ INCONCLUSIVE accuracy.max_drop: metric accuracy, actual 0.9000, threshold drop ≤ 0.0100 (≥"
                                + " 0.9000), baseline 0.9100, delta −0.0100, interval [−0.0200, +0.0010] at 95% —"
                                + " improvement interval [−0.0200, +0.0010] at 95% straddles −0.0100");
    }

    @Test
    void atMostTenLinesThenACount() {
        List<Criterion> many = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            many.add(Criterion.builder("m" + i + ".min")
                    .metric("m" + i)
                    .status(Status.FAIL)
                    .effect(Effect.FAIL)
                    .actual(0.1)
                    .expected("≥ 0.5000")
                    .build());
        }
        List<String> lines = ConsoleLines.failures(result(many));
        assertThat(lines).hasSize(11);
        assertThat(lines.get(10)).isEqualTo("… and 3 more failed criteria (see the report)");
    }

    @Test
    void notEvaluatedRulesWithTheirReason() {
        Criterion skipped = Criterion.builder("accuracy.max_drop")
                .metric("accuracy")
                .status(Status.NOT_EVALUATED)
                .effect(Effect.PASS)
                .message("not evaluated: no baseline yet (no version has the alias 'champion')")
                .build();
        assertThat(ConsoleLines.notEvaluated(result(List.of(skipped))))
                .containsExactly("➖ NOT EVALUATED accuracy.max_drop: not evaluated: no baseline yet (no version has"
                        + " the alias 'champion')");
        assertThat(ConsoleLines.failures(result(List.of(skipped)))).isEmpty();
    }

    @Test
    void nothingWhenNothingFailed() {
        assertThat(ConsoleLines.failures(result(List.of()))).isEmpty();
    }
}
