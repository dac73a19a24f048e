package io.mlopsci.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.DataProfile;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.ValidateDataOutputs;
import io.mlopsci.contract.result.Verdict;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * validate-data's report by column: one row per column, failures then warnings then passes, each
 * column's criteria folded under it, table rules and leakage apart, the Markdown with passing
 * columns collapsed; column names and values from the data stay inert text.
 */
class DataProfileReportTest {

    /** A column name and a category value an attacker could put in a CSV. */
    static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";

    static final String HOSTILE_VALUE = "\"><script>alert('v')</script>|**x**";

    static StepResult result() {
        Criterion agePass = Criterion.builder("train.age.range")
                .metric("train.age")
                .rule("range")
                .status(Status.PASS)
                .actual(0.0)
                .build();
        Criterion cityFail = Criterion.builder("eval." + HOSTILE_NAME + ".allowed")
                .metric("eval." + HOSTILE_NAME)
                .rule("allowed")
                .status(Status.FAIL)
                .actual(12.0)
                .message("12 values not allowed, e.g. " + HOSTILE_VALUE)
                .build();
        Criterion incomeDrift = Criterion.builder("drift.income")
                .metric("income")
                .rule("psi")
                .status(Status.WARN)
                .effect(Effect.WARN)
                .actual(0.15)
                .build();
        Criterion rows = Criterion.builder("eval.rows")
                .metric("eval rows")
                .rule("min_rows")
                .status(Status.PASS)
                .actual(1000.0)
                .build();
        Criterion leak = Criterion.builder("leakage.rows")
                .metric("train/eval rows")
                .rule("max_overlap")
                .status(Status.PASS)
                .actual(0.0)
                .build();
        DataProfile profile = new DataProfile(
                "data/eval.csv",
                "eval",
                1000,
                List.of(
                        new DataProfile.Column(
                                "age",
                                "BIGINT",
                                1000,
                                "18",
                                "90",
                                70L,
                                null,
                                null,
                                List.of("train.age.range"),
                                Status.PASS),
                        new DataProfile.Column(
                                "income",
                                "DOUBLE",
                                950,
                                "0.5",
                                "99000.25",
                                900L,
                                null,
                                new DataProfile.Drift(
                                        "psi",
                                        "PSI",
                                        0.15,
                                        "warn ≥ 0.1, fail ≥ 0.2",
                                        Status.WARN,
                                        List.of("< 10", "10 – 20", "≥ 20"),
                                        List.of(30.0, 40.0, 30.0),
                                        List.of(20.0, 40.0, 40.0)),
                                List.of("drift.income"),
                                Status.WARN),
                        new DataProfile.Column(
                                HOSTILE_NAME,
                                "VARCHAR",
                                1000,
                                null,
                                null,
                                5L,
                                List.of(HOSTILE_VALUE, "Paris"),
                                new DataProfile.Drift(
                                        "psi",
                                        "PSI",
                                        0.01,
                                        "warn ≥ 0.1, fail ≥ 0.2",
                                        Status.PASS,
                                        List.of(HOSTILE_VALUE, "Paris"),
                                        List.of(50.0, 50.0),
                                        List.of(49.0, 51.0)),
                                List.of(cityFail.id()),
                                Status.FAIL)));
        return StepResult.builder("validate-data")
                .tool("mlops test")
                .verdict(Verdict.FAIL)
                .exitCode(1)
                .summary("1 of 5 criteria failed")
                .criterion(agePass)
                .criterion(cityFail)
                .criterion(incomeDrift)
                .criterion(rows)
                .criterion(leak)
                .outputs(new ValidateDataOutputs(null, null, null, profile))
                .build();
    }

    private static int at(String page, String needle) {
        int i = page.indexOf(needle);
        assertThat(i).as(needle).isNotNegative();
        return i;
    }

    @Test
    void htmlHasOneRowPerColumnFailuresFirstWithTheCriteriaFoldedUnderEach() {
        String html = HtmlReport.render(result());
        Matcher rows = Pattern.compile("<tr class=\"col\" id=\"col-([^\"]*)\"><td class=\"(\\w+)\">")
                .matcher(html);
        List<String> order =
                rows.results().map(m -> m.group(2) + " " + m.group(1)).toList();
        assertThat(order).containsExactly("FAIL " + DataProfileHtml.anchor(HOSTILE_NAME), "WARN income", "PASS age");
        // No flat list of every criterion: they are under their column, or in their own sections.
        assertThat(html).doesNotContain("<h2>Criteria</h2>");
        int failing = at(html, "<details open><summary>1 criterion: 1 failed</summary>");
        int warning = at(html, "<details open><summary>1 criterion: 1 warning</summary>");
        int passing = at(html, "<details><summary>1 criterion, all passed</summary>");
        assertThat(failing).isLessThan(warning);
        assertThat(warning).isLessThan(passing);
        int table = at(html, "<h2>Schema and table rules</h2>");
        int leakage = at(html, "<h2>Leakage</h2>");
        assertThat(table).isGreaterThan(passing);
        assertThat(html.indexOf("eval rows", table)).isBetween(table, leakage);
        assertThat(html.indexOf("train/eval rows", leakage)).isGreaterThan(leakage);
        // The profile cells.
        assertThat(html).contains("5.00% (50)", "0.5 … 99000.25", "≈900", "PSI 0.1500 (WARN)");
    }

    @Test
    void theInlineHistogramIsSelfContainedSvgWithOneBarPairPerBin() {
        String html = HtmlReport.render(result());
        int start = html.lastIndexOf("<svg", at(html, "aria-label=\"income: reference vs current, 3 bins\""));
        String svg = html.substring(start, html.indexOf("</svg>", start) + 6);
        assertThat(Pattern.compile("<rect class=\"r\"").matcher(svg).results().count())
                .isEqualTo(3);
        assertThat(Pattern.compile("<rect class=\"c\"").matcher(svg).results().count())
                .isEqualTo(3);
        assertThat(svg).contains("<title>≥ 20: reference 30.00%, current 40.00%</title>");
        // The page loads nothing: no scripts, no external stylesheets, images or fonts.
        assertThat(html)
                .doesNotContainPattern("(?i)<script|<link|<img|<iframe|src=\"|href=|url\\(|@import")
                .doesNotContainPattern("https?://(?!www\\.w3\\.org/2000/svg)");
    }

    @Test
    void dataValuesAndColumnNamesAreEscapedInHtml() {
        String html = HtmlReport.render(result());
        assertThat(html).doesNotContain(HOSTILE_NAME).doesNotContain(HOSTILE_VALUE);
        assertThat(html)
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("top: &quot;&gt;&lt;script&gt;alert(&#39;v&#39;)&lt;/script&gt;|**x**, Paris")
                .contains("<title>&quot;&gt;&lt;script&gt;");
        assertThat(DataProfileHtml.anchor(HOSTILE_NAME)).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void markdownShowsFailuresInFullAndPassingColumnsInOneCollapsedTable() {
        String md = MarkdownReport.render(result());
        int failures = at(md, "| Result | Metric | Rule |");
        int attention = at(md, "#### Columns needing attention: data/eval.csv (eval, 1,000 rows)");
        int passing = at(md, "<details><summary>1 passing column of data/eval.csv (eval, 1,000 rows)</summary>");
        assertThat(failures).isLessThan(attention);
        assertThat(attention).isLessThan(passing);
        String collapsed = md.substring(passing, md.indexOf("</details>", passing));
        assertThat(collapsed).contains("| age | BIGINT | 0% | 18 … 90 | ≈70 | — | 1 criterion, all passed |");
        assertThat(collapsed).doesNotContain("income");
        assertThat(md).contains("<details><summary>2 passed schema, table and leakage criteria</summary>");
        // The passing column rule is summarised, not listed as a criterion row.
        assertThat(md).doesNotContain("train.age | range");
    }

    @Test
    void dataValuesAndColumnNamesAreEscapedInMarkdown() {
        String md = MarkdownReport.render(result());
        assertThat(md).doesNotContain(HOSTILE_NAME).doesNotContain("<script>");
        assertThat(md).contains("FAIL &lt;img src=x onerror=alert(1)&gt;");
        assertThat(md).contains("top: \"&gt;&lt;script&gt;alert('v')&lt;/script&gt;\\|\\*\\*x\\*\\*, Paris");
    }

    @Test
    void otherStepsKeepTheFlatCriteriaTable() {
        String html = HtmlReport.render(ReportRenderingTest.gateResult());
        assertThat(html).contains("<h2>Criteria</h2>").doesNotContain("<h2>Columns</h2>");
    }
}
