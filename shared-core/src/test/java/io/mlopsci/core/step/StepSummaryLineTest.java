package io.mlopsci.core.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict line's summary counts what passed, warned, was not gated and was not evaluated apart. */
class StepSummaryLineTest {

    static Criterion c(String id, Status status, Effect effect) {
        return Criterion.builder(id).status(status).effect(effect).build();
    }

    @Test
    void notEvaluatedRulesAreCountedApartFromPassesAndWarnings() {
        List<Criterion> criteria = List.of(
                c("accuracy.min", Status.PASS, Effect.PASS),
                c("accuracy.max_drop", Status.NOT_EVALUATED, Effect.PASS),
                c("roc_auc.max_drop", Status.NOT_EVALUATED, Effect.PASS),
                c("f1.min", Status.WARN, Effect.WARN));
        assertThat(StepRunner.summarize(criteria, Verdict.WARN))
                .isEqualTo("1 of 4 criteria passed; 1 warning; 2 not evaluated");
    }

    @Test
    void aWarningThatDoesNotGateIsNotANotEvaluatedRule() {
        List<Criterion> criteria =
                List.of(c("accuracy.min", Status.PASS, Effect.PASS), c("slice[x]", Status.WARN, Effect.PASS));
        assertThat(StepRunner.summarize(criteria, Verdict.PASS)).isEqualTo("1 of 2 criteria passed; 1 not gated");
    }
}
