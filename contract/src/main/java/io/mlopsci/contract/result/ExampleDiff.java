package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * A change rule's comparison example by example: candidate and baseline scored the same examples
 * (paired by id), and each example's value of the metric's per-example measure either improved,
 * regressed or stayed the same. Reviewers ask "which cases broke?" first: {@code regressedMost}
 * lists the examples that regressed most, worst first, at most as many as configured.
 *
 * @param measure       what is compared per example, e.g. {@code correct}, {@code scores.judge},
 *                      {@code probability of the true class}, {@code ndcg@10 of the query}
 * @param unit          {@code example}, or {@code query} for a ranking metric
 * @param direction     which way is better for the measure
 * @param binary        whether the measure is 1 or 0 (right or wrong, the condition holds or not):
 *                      then a regression is a flip from 1 to 0
 * @param improved      examples better for the candidate
 * @param regressed     examples worse for the candidate (for a right/wrong measure: flipped from
 *                      right to wrong)
 * @param unchanged     examples equal for both
 * @param regressedMost the examples that regressed most, worst first (bounded)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExampleDiff(
        String measure,
        String unit,
        Direction direction,
        boolean binary,
        int improved,
        int regressed,
        int unchanged,
        List<Example> regressedMost) {

    public ExampleDiff {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(unit, "unit");
        regressedMost = regressedMost == null ? List.of() : List.copyOf(regressedMost);
    }

    /** Examples compared. */
    public int total() {
        return improved + regressed + unchanged;
    }

    /**
     * One regressed example.
     *
     * @param id              its id (a query id for a ranking metric)
     * @param input           an excerpt of its input or question, when the predictions name one
     * @param expected        its true label or reference answer (excerpt), where there is one
     * @param baseline        the baseline's value of the measure
     * @param candidate       the candidate's value
     * @param change          the change in the better direction (negative: worse)
     * @param baselineOutput  what the baseline predicted or answered (excerpt), where there is one
     * @param candidateOutput what the candidate predicted or answered (excerpt)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Example(
            String id,
            String input,
            String expected,
            double baseline,
            double candidate,
            double change,
            String baselineOutput,
            String candidateOutput) {
        public Example {
            Objects.requireNonNull(id, "id");
        }
    }
}
