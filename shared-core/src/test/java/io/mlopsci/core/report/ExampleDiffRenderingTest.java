package io.mlopsci.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.ExampleDiff;
import io.mlopsci.contract.result.ResultJson;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples that regressed, in every rendering: Markdown collapsed and bounded, HTML, the JUnit
 * failure, and result.json — with hostile inputs from the data kept inert.
 */
class ExampleDiffRenderingTest {

    static final String HOSTILE = "<img src=x> | @octocat **ignore** `x`";

    static StepResult result() {
        List<ExampleDiff.Example> worst = new ArrayList<>();
        worst.add(new ExampleDiff.Example("q2", "2 + 2?", null, 5, 1, -4, "4", "5"));
        worst.add(new ExampleDiff.Example("q7", HOSTILE, null, 4, 2, -2, "fine", HOSTILE));
        ExampleDiff judge = new ExampleDiff("scores.judge", "example", Direction.HIGHER, false, 3, 9, 38, worst);
        ExampleDiff flips = new ExampleDiff(
                "correct",
                "example",
                Direction.HIGHER,
                true,
                1,
                2,
                47,
                List.of(new ExampleDiff.Example("a", "good film", "1", 1, 0, -1, "1", "0")));
        Criterion drop = Criterion.builder("judge.max_drop")
                .metric("judge")
                .rule("max_drop")
                .status(Status.FAIL)
                .direction(Direction.HIGHER)
                .actual(3.1)
                .baseline(3.4)
                .delta(-0.3)
                .message("3.1000 is 0.3000 worse than the champion")
                .examples(judge)
                .build();
        Criterion relative = Criterion.builder("judge.max_relative_drop")
                .metric("judge")
                .rule("max_relative_drop")
                .status(Status.FAIL)
                .direction(Direction.HIGHER)
                .examples(judge)
                .build();
        Criterion accuracy = Criterion.builder("accuracy.max_drop")
                .metric("accuracy")
                .rule("max_drop")
                .status(Status.PASS)
                .direction(Direction.HIGHER)
                .examples(flips)
                .build();
        return StepResult.builder("evaluate-gate")
                .verdict(Verdict.FAIL)
                .criteria(List.of(accuracy, drop, relative))
                .build();
    }

    @Test
    void markdownCollapsesOneBlockPerMetricWorstFirstAndSaysWhatItLeavesOut() {
        String md = MarkdownReport.render(result());
        int judge = md.indexOf(
                "<details><summary>❌ judge (max drop, max relative drop): 9 of 50 examples regressed (scores.judge); 3"
                        + " improved, 38 unchanged</summary>");
        int accuracy = md.indexOf(
                "<details><summary>✅ accuracy (max drop): 2 of 50 examples flipped from right to wrong; 1 improved,"
                        + " 47 unchanged</summary>");
        assertThat(md).contains("#### Examples that regressed");
        assertThat(judge).as(md).isPositive();
        assertThat(accuracy).isGreaterThan(judge);
        assertThat(md)
                .contains("| Example | Input | Baseline | Candidate | Change |")
                .contains("| q2 | 2 + 2? | 5.0000 · 4 | 1.0000 · 5 | −4.0000 |")
                .contains("… and 7 more that regressed less")
                .contains("| Example | Input | Expected | Baseline | Candidate |")
                .contains("| a | good film | 1 | ✓ 1 | ✗ 0 |");
        assertThat(md).doesNotContain("<img").doesNotContain("@octocat").contains("&lt;img src=x&gt; \\|");
    }

    @Test
    void htmlAndJUnitCarryTheSameExamples() {
        String html = HtmlReport.render(result());
        assertThat(html)
                .contains("<h2>Examples that regressed</h2>")
                .contains("9 of 50 examples regressed (scores.judge)")
                .contains("<td>q2</td><td>2 + 2?</td>")
                .doesNotContain("<img src=x>");
        String xml = JUnitReport.render(result());
        assertThat(xml).contains("9 of 50 examples regressed, 3 improved; worst: q2 (5.0000 → 1.0000), q7");
    }

    @Test
    void resultJsonCarriesTheComparisonPerChangeRule() throws Exception {
        StepResult r = result();
        String json = new String(ResultJson.bytes(r), java.nio.charset.StandardCharsets.UTF_8);
        StepResult back = ResultJson.parse(json, "result.json");
        ExampleDiff d = back.criteria().get(1).examples();
        assertThat(d).isEqualTo(r.criteria().get(1).examples());
        assertThat(json).contains("\"regressedMost\"").contains("\"binary\" : true");
    }
}
