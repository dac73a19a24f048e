package io.mlopsci.core.report;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.DataProfile;
import io.mlopsci.contract.result.Numbers;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.StepSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * GitHub-flavoured Markdown: the headline, failing and warning criteria first in one table
 * (metric, rule, candidate, baseline, delta, threshold, result), the reasons, passing criteria
 * collapsed, then the step's sections (charts as Mermaid {@code xychart-beta} with the same numbers
 * as a table beside them) and the run details collapsed.
 */
public final class MarkdownReport {

    private MarkdownReport() {}

    public static String render(StepResult r) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(Markdown.text(ReportText.headline(r))).append("\n\n");
        if (r.summary() != null) {
            md.append(Markdown.text(r.summary())).append("\n\n");
        }
        if (r.error() != null) {
            md.append("> **")
                    .append(Markdown.text(r.error().kind().word()))
                    .append(" error** (exit ")
                    .append(r.exitCode())
                    .append("): ")
                    .append(Markdown.text(r.error().message()))
                    .append(
                            r.error().location() == null
                                    ? ""
                                    : " — `" + r.error().location().toString().replaceAll("[`\\p{Cntrl}]", "'") + "`")
                    .append("\n\n");
        }
        if (r.steps() != null) {
            steps(md, r.steps());
        }
        List<Criterion> ordered = ReportText.ordered(r.criteria());
        List<Criterion> attention =
                ordered.stream().filter(c -> ReportText.rank(c) < 4).toList();
        List<Criterion> passed =
                ordered.stream().filter(c -> ReportText.rank(c) == 4).toList();
        if (!attention.isEmpty()) {
            criteriaTable(md, attention);
            md.append('\n');
            for (Criterion c : attention) {
                if (c.message() != null) {
                    md.append("- ")
                            .append(ReportText.icon(c))
                            .append(" **")
                            .append(Markdown.text(ReportText.label(c)))
                            .append("** ")
                            .append(Markdown.text(rule(c)))
                            .append(": ")
                            .append(Markdown.text(c.message()))
                            .append(
                                    c.location() == null
                                            ? ""
                                            : " (" + Markdown.text(c.location().toString()) + ")")
                            .append('\n');
                }
            }
            md.append('\n');
        }
        DataProfile profile = HtmlReport.profile(r);
        if (profile != null) {
            DataProfileMarkdown.render(md, r, profile);
        } else if (!passed.isEmpty()) {
            if (attention.isEmpty()) {
                criteriaTable(md, passed);
                md.append('\n');
            } else {
                md.append("<details><summary>").append(passed.size()).append(" passed</summary>\n\n");
                criteriaTable(md, passed);
                md.append("\n</details>\n\n");
            }
        }
        examples(md, ExampleDiffText.blocks(r.criteria()));
        if (!r.notes().isEmpty()) {
            for (String n : r.notes()) {
                md.append("> ").append(Markdown.text(n)).append("\n>\n");
            }
            md.setLength(md.length() - 2);
            md.append("\n");
        }
        for (ReportSection s : r.sections()) {
            section(md, s);
        }
        details(md, r);
        return md.toString();
    }

    /** Each metric whose examples regressed: counts in the summary line, the worst examples collapsed. */
    private static void examples(StringBuilder md, List<ExampleDiffText.Block> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        md.append("#### Examples that regressed\n\n");
        for (ExampleDiffText.Block b : blocks) {
            md.append("<details><summary>")
                    .append(b.icon())
                    .append(' ')
                    .append(Markdown.text(ExampleDiffText.summary(b)))
                    .append("</summary>\n\n");
            if (!b.diff().regressedMost().isEmpty()) {
                table(md, ExampleDiffText.table(b.diff()));
            }
            String more = ExampleDiffText.more(b.diff());
            if (more != null) {
                md.append('\n').append(Markdown.text(more)).append('\n');
            }
            md.append("\n</details>\n\n");
        }
    }

    static String rule(Criterion c) {
        return c.rule() == null ? "" : c.rule().replace('_', ' ');
    }

    private static void steps(StringBuilder md, List<StepSummary> steps) {
        md.append("| Step | Result | Summary |\n|---|---|---|\n");
        for (StepSummary s : steps) {
            md.append("| ")
                    .append(Markdown.text(s.step()))
                    .append(" | ")
                    .append(ReportText.icon(s.verdict()))
                    .append(' ')
                    .append(s.verdict())
                    .append(" | ")
                    .append(Markdown.text(s.summary()))
                    .append(" |\n");
        }
        md.append('\n');
    }

    static void criteriaTable(StringBuilder md, List<Criterion> criteria) {
        md.append("| Result | Metric | Rule | Candidate | Baseline | Delta | Threshold |\n");
        md.append("|---|---|---|---:|---:|---:|---|\n");
        for (Criterion c : criteria) {
            String actual = c.shownActual();
            String delta = c.delta() == null
                    ? "—"
                    : c.shownDelta()
                            + (c.relativeDelta() == null ? "" : " (" + Numbers.percent(c.relativeDelta()) + ")");
            if (c.interval() != null) {
                delta += " " + ReportText.interval(c);
            }
            String threshold = c.expected() != null ? c.expected() : c.shownThreshold();
            md.append("| ")
                    .append(ReportText.icon(c))
                    .append(' ')
                    .append(Markdown.text(ReportText.statusText(c)))
                    .append(" | ")
                    .append(Markdown.text(ReportText.label(c)))
                    .append(" | ")
                    .append(Markdown.text(rule(c)))
                    .append(" | ")
                    .append(Markdown.text(actual))
                    .append(" | ")
                    .append(Markdown.text(c.shownBaseline()))
                    .append(" | ")
                    .append(Markdown.text(delta))
                    .append(" | ")
                    .append(Markdown.text(threshold))
                    .append(" |\n");
        }
    }

    private static void section(StringBuilder md, ReportSection s) {
        if (s.collapsed()) {
            md.append("<details><summary>").append(Markdown.text(s.title())).append("</summary>\n\n");
        } else {
            md.append("#### ").append(Markdown.text(s.title())).append("\n\n");
        }
        if (s.text() != null) {
            md.append(Markdown.text(s.text())).append("\n\n");
        }
        if (s.chart() != null) {
            md.append(Markdown.code("mermaid", mermaid(s.chart()))).append('\n');
            table(md, chartTable(s.chart()));
            md.append('\n');
        }
        if (s.table() != null) {
            table(md, s.table());
            md.append('\n');
        }
        if (s.collapsed()) {
            md.append("</details>\n\n");
        }
    }

    static void table(StringBuilder md, ReportSection.Table t) {
        md.append('|');
        for (String h : t.headers()) {
            md.append(' ').append(Markdown.text(h)).append(" |");
        }
        md.append("\n|");
        md.append("---|".repeat(t.headers().size()));
        md.append('\n');
        for (List<String> row : t.rows()) {
            md.append('|');
            for (String cell : row) {
                md.append(' ').append(Markdown.text(cell)).append(" |");
            }
            md.append('\n');
        }
    }

    /** The chart's numbers as a table: one row per x label, one column per series. */
    public static ReportSection.Table chartTable(ReportSection.Chart chart) {
        List<String> headers = new ArrayList<>();
        headers.add(chart.xLabel() == null ? "" : chart.xLabel());
        chart.series().forEach(s -> headers.add(s.name()));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < chart.x().size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(chart.x().get(i));
            for (ReportSection.Series s : chart.series()) {
                row.add(Numbers.value(s.values().get(i)));
            }
            rows.add(row);
        }
        return new ReportSection.Table(headers, rows);
    }

    /** Mermaid {@code xychart-beta}; series with gaps are left out (the table shows them). */
    static String mermaid(ReportSection.Chart chart) {
        StringBuilder m = new StringBuilder("xychart-beta\n");
        if (chart.title() != null) {
            m.append("    title \"").append(label(chart.title())).append("\"\n");
        }
        m.append("    x-axis ")
                .append(chart.xLabel() == null ? "" : "\"" + label(chart.xLabel()) + "\" ")
                .append('[');
        for (int i = 0; i < chart.x().size(); i++) {
            m.append(i == 0 ? "" : ", ")
                    .append('"')
                    .append(label(chart.x().get(i)))
                    .append('"');
        }
        m.append("]\n");
        ChartScale scale = ChartScale.of(chart);
        m.append("    y-axis ")
                .append(chart.yLabel() == null ? "" : "\"" + label(chart.yLabel()) + "\" ")
                .append(String.format(Locale.ROOT, "%.6g --> %.6g", scale.min(), scale.max()))
                .append('\n');
        String kind = "bar".equals(chart.kind()) ? "bar" : "line";
        for (ReportSection.Series s : chart.series()) {
            if (s.values().stream().anyMatch(v -> v == null || !Double.isFinite(v))) {
                continue;
            }
            m.append("    ").append(kind).append(" [");
            for (int i = 0; i < s.values().size(); i++) {
                m.append(i == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%.6g", s.values().get(i)));
            }
            m.append("]\n");
        }
        return m.toString();
    }

    /** Text inside a Mermaid quoted label: no quotes, brackets, line breaks or control characters. */
    private static String label(String s) {
        return s.replaceAll("[\"\\[\\]{}<>`\\n\\r;#\\x00-\\x1f\\x7f-\\x9f]", " ")
                .trim();
    }

    private static void details(StringBuilder md, StepResult r) {
        md.append("<details><summary>Run details</summary>\n\n| | |\n|---|---|\n");
        for (String[] row : ReportText.detailRows(r)) {
            md.append("| ")
                    .append(Markdown.text(row[0]))
                    .append(" | ")
                    .append(Markdown.text(row[1]))
                    .append(" |\n");
        }
        md.append("\n</details>\n");
    }
}
