package io.mlopsci.core.report;

import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.DataProfile;
import io.mlopsci.contract.result.Numbers;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.StepSummary;
import io.mlopsci.contract.result.ValidateDataOutputs;
import java.util.List;

/** One self-contained HTML page: inline CSS and SVG, no scripts, no external assets. */
public final class HtmlReport {

    private static final String CSS = """
            body{font:14px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;margin:24px;max-width:1100px}
            h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
            table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .PASS{color:#1a7f37}.WARN,.INCONCLUSIVE{color:#9a6700}.FAIL,.ERROR{color:#cf222e}.NOT_EVALUATED{color:#57606a}
            .badge{display:inline-block;padding:2px 10px;border-radius:12px;color:#fff;font-weight:600}
            .b-PASS{background:#1a7f37}.b-WARN{background:#9a6700}.b-FAIL,.b-ERROR{background:#cf222e}.b-SKIPPED{background:#57606a}
            .note{background:#fff8c5;border:1px solid #d4a72c;padding:6px 10px;margin:6px 0;border-radius:6px}
            .error{background:#ffebe9;border:1px solid #ff8182;padding:6px 10px;border-radius:6px}
            small{color:#57606a}
            """;

    private HtmlReport() {}

    public static String render(StepResult r) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.append("<title>")
                .append(Html.escape("mlops " + r.step() + ": " + r.verdict()))
                .append("</title>");
        h.append("<style>").append(CSS).append(DataProfileHtml.CSS).append("</style></head><body>\n");
        h.append("<h1>mlops ")
                .append(Html.escape(r.step()))
                .append(" <span class=\"badge b-")
                .append(r.verdict())
                .append("\">")
                .append(r.verdict())
                .append("</span></h1>\n");
        if (r.model() != null) {
            h.append("<div><small>model ")
                    .append(Html.escape(r.model().name()))
                    .append(
                            r.model().version() == null
                                    ? ""
                                    : " · version " + Html.escape(r.model().version()))
                    .append(
                            r.model().runId() == null
                                    ? ""
                                    : " · run " + Html.escape(r.model().runId()))
                    .append("</small></div>\n");
        }
        if (r.summary() != null) {
            h.append("<p>").append(Html.escape(r.summary())).append("</p>\n");
        }
        if (r.error() != null) {
            h.append("<div class=\"error\"><b>")
                    .append(Html.escape(r.error().kind().word()))
                    .append(" error</b> (exit ")
                    .append(r.exitCode())
                    .append("): ")
                    .append(Html.escape(r.error().message()))
                    .append(
                            r.error().location() == null
                                    ? ""
                                    : " <small>"
                                            + Html.escape(r.error().location().toString()) + "</small>")
                    .append("</div>\n");
        }
        if (r.steps() != null) {
            steps(h, r.steps());
        }
        DataProfile profile = profile(r);
        if (profile != null) {
            DataProfileHtml.render(h, r, profile);
        } else if (!r.criteria().isEmpty()) {
            h.append("<h2>Criteria</h2>\n");
            criteria(h, ReportText.ordered(r.criteria()));
        }
        examples(h, ExampleDiffText.blocks(r.criteria()));
        for (String n : r.notes()) {
            h.append("<div class=\"note\">").append(Html.escape(n)).append("</div>\n");
        }
        for (ReportSection s : r.sections()) {
            h.append("<h2>").append(Html.escape(s.title())).append("</h2>\n");
            if (s.text() != null) {
                h.append("<p>").append(Html.escape(s.text())).append("</p>\n");
            }
            if (s.chart() != null) {
                h.append("<figure>").append(SvgChart.render(s.chart())).append("</figure>\n");
                table(h, MarkdownReport.chartTable(s.chart()));
            }
            if (s.table() != null) {
                table(h, s.table());
            }
        }
        details(h, r);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void examples(StringBuilder h, List<ExampleDiffText.Block> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        h.append("<h2>Examples that regressed</h2>\n");
        for (ExampleDiffText.Block b : blocks) {
            h.append("<details><summary class=\"")
                    .append(b.status())
                    .append("\">")
                    .append(Html.escape(ExampleDiffText.summary(b)))
                    .append("</summary>\n");
            if (!b.diff().regressedMost().isEmpty()) {
                table(h, ExampleDiffText.table(b.diff()));
            }
            String more = ExampleDiffText.more(b.diff());
            if (more != null) {
                h.append("<p><small>").append(Html.escape(more)).append("</small></p>\n");
            }
            h.append("</details>\n");
        }
    }

    private static void steps(StringBuilder h, List<StepSummary> steps) {
        h.append("<h2>Steps</h2><table><tr><th>Step</th><th>Result</th><th>Summary</th></tr>\n");
        for (StepSummary s : steps) {
            h.append("<tr><td>")
                    .append(Html.escape(s.step()))
                    .append("</td><td class=\"")
                    .append(s.verdict())
                    .append("\">")
                    .append(s.verdict())
                    .append("</td><td>")
                    .append(Html.escape(s.summary()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** validate-data's profile by column, when the result has one. */
    static DataProfile profile(StepResult r) {
        if (!StepId.VALIDATE_DATA.id().equals(r.step()) || !r.outputs().containsKey("profile")) {
            return null;
        }
        return r.outputs(ValidateDataOutputs.class).profile();
    }

    static void criteria(StringBuilder h, List<Criterion> criteria) {
        h.append("<table><tr><th>Result</th><th>Metric</th><th>Rule</th><th>Candidate</th><th>Baseline</th>"
                + "<th>Delta</th><th>Threshold</th><th>Why</th></tr>\n");
        for (Criterion c : criteria) {
            String delta = c.delta() == null
                    ? "—"
                    : c.shownDelta()
                            + (c.relativeDelta() == null ? "" : " (" + Numbers.percent(c.relativeDelta()) + ")");
            if (c.interval() != null) {
                delta += " " + ReportText.interval(c);
            }
            h.append("<tr><td class=\"")
                    .append(c.status())
                    .append("\">")
                    .append(Html.escape(ReportText.statusText(c)))
                    .append("</td><td>")
                    .append(Html.escape(ReportText.label(c)))
                    .append("</td><td>")
                    .append(Html.escape(MarkdownReport.rule(c)))
                    .append("</td><td class=\"num\">")
                    .append(Html.escape(c.shownActual()))
                    .append("</td><td class=\"num\">")
                    .append(Html.escape(c.shownBaseline()))
                    .append("</td><td class=\"num\">")
                    .append(Html.escape(delta))
                    .append("</td><td>")
                    .append(Html.escape(c.expected() != null ? c.expected() : c.shownThreshold()))
                    .append("</td><td>")
                    .append(Html.escape(c.message() == null ? "" : c.message()))
                    .append(
                            c.location() == null
                                    ? ""
                                    : " <small>" + Html.escape(c.location().toString()) + "</small>")
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void table(StringBuilder h, ReportSection.Table t) {
        h.append("<table><tr>");
        for (String head : t.headers()) {
            h.append("<th>").append(Html.escape(head)).append("</th>");
        }
        h.append("</tr>\n");
        for (List<String> row : t.rows()) {
            h.append("<tr>");
            for (String cell : row) {
                h.append("<td>").append(Html.escape(cell)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void details(StringBuilder h, StepResult r) {
        h.append("<h2>Run details</h2><table>\n");
        for (String[] row : ReportText.detailRows(r)) {
            h.append("<tr><th>")
                    .append(Html.escape(row[0]))
                    .append("</th><td>")
                    .append(Html.escape(row[1]))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }
}
