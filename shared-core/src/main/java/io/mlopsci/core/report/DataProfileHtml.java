package io.mlopsci.core.report;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.DataProfile;
import io.mlopsci.contract.result.StepResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * validate-data's HTML organised by column, as data profilers show a table: one row per column
 * (result, name, type, null share, range or most frequent values, distinct count, drift measure and
 * a small reference-vs-current histogram), failures and warnings first, each column's criteria
 * folded in the row below it (open when something failed); then the schema and table rules, and
 * leakage, in their own sections. Everything from the file (column names, values, labels) is
 * escaped: data values are untrusted.
 */
final class DataProfileHtml {

    static final String CSS = """
            table.cols td.spark{padding:2px 6px}table.cols tr.crit>td{border-top:none;padding:0 8px 4px 24px}
            table.cols tr.crit details>summary{cursor:pointer;color:#57606a}table.cols tr.col>td{border-bottom:none}
            svg.spark .r{fill:#8c959f}svg.spark .c{fill:#0969da}.legend i{display:inline-block;width:10px;height:10px;margin:0 3px 0 8px}
            """;

    private static final int SPARK_W = 160;
    private static final int SPARK_H = 34;

    private DataProfileHtml() {}

    static void render(StringBuilder h, StepResult r, DataProfile p) {
        Map<String, Criterion> byId = ProfileCells.byId(r.criteria());
        h.append("<h2>Columns</h2>\n<p><small>")
                .append(Html.escape(p.file()))
                .append(" (")
                .append(Html.escape(p.role()))
                .append("), ")
                .append(String.format(Locale.ROOT, "%,d", p.rows()))
                .append(" rows; failures and warnings first. Distinct counts are estimates.")
                .append(" <span class=\"legend\"><i style=\"background:#8c959f\"></i>reference")
                .append("<i style=\"background:#0969da\"></i>current</span></small></p>\n");
        h.append("<table class=\"cols\"><tr><th>Result</th><th>Column</th><th>Type</th><th>Nulls</th>"
                + "<th>Range / top values</th><th>Distinct</th><th>Drift</th><th>Reference vs current</th></tr>\n");
        for (DataProfile.Column c : ProfileCells.ordered(p)) {
            h.append("<tr class=\"col\" id=\"col-")
                    .append(Html.escape(anchor(c.name())))
                    .append("\"><td class=\"")
                    .append(c.status())
                    .append("\">")
                    .append(c.status())
                    .append("</td><td><b>")
                    .append(Html.escape(c.name()))
                    .append("</b></td><td>")
                    .append(Html.escape(c.type()))
                    .append("</td><td class=\"num\">")
                    .append(Html.escape(ProfileCells.nulls(p, c)))
                    .append("</td><td>")
                    .append(Html.escape(ProfileCells.rangeOrTop(c)))
                    .append("</td><td class=\"num\">")
                    .append(Html.escape(ProfileCells.distinct(c)))
                    .append("</td><td")
                    .append(c.drift() == null ? "" : " class=\"" + c.drift().status() + "\"")
                    .append(">")
                    .append(Html.escape(ProfileCells.drift(c)))
                    .append("</td><td class=\"spark\">")
                    .append(c.drift() == null ? "" : spark(c.name(), c.drift()))
                    .append("</td></tr>\n");
            List<Criterion> mine = ProfileCells.criteria(c, byId);
            if (!mine.isEmpty()) {
                boolean open = mine.stream().anyMatch(x -> ReportText.rank(x) < 4);
                h.append("<tr class=\"crit\"><td colspan=\"8\"><details")
                        .append(open ? " open" : "")
                        .append("><summary>")
                        .append(Html.escape(ProfileCells.criteriaSummary(mine)))
                        .append("</summary>");
                HtmlReport.criteria(h, mine);
                h.append("</details></td></tr>\n");
            }
        }
        h.append("</table>\n");
        List<List<Criterion>> rest = ProfileCells.unattached(p, r.criteria());
        if (!rest.get(0).isEmpty()) {
            h.append("<h2>Schema and table rules</h2>\n");
            HtmlReport.criteria(h, rest.get(0));
        }
        if (!rest.get(1).isEmpty()) {
            h.append("<h2>Leakage</h2>\n");
            HtmlReport.criteria(h, rest.get(1));
        }
    }

    /** A column name as an id fragment: letters, digits, '-' and '_' kept, the rest as '_'. */
    static String anchor(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /**
     * A small inline SVG: per bin, the reference's share (grey) and the current file's (blue) side
     * by side, scaled to the largest share; each bin's title gives its label and both shares.
     */
    static String spark(String column, DataProfile.Drift d) {
        if (d.labels() == null
                || d.reference() == null
                || d.current() == null
                || d.labels().isEmpty()
                || d.reference().size() != d.labels().size()
                || d.current().size() != d.labels().size()) {
            return "";
        }
        int n = d.labels().size();
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, finite(d.reference().get(i)));
            max = Math.max(max, finite(d.current().get(i)));
        }
        double slot = (double) SPARK_W / n;
        double bar = Math.max(1, slot / 2 - 0.5);
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(SPARK_W)
                .append("\" height=\"")
                .append(SPARK_H)
                .append("\" viewBox=\"0 0 ")
                .append(SPARK_W)
                .append(' ')
                .append(SPARK_H)
                .append("\" role=\"img\" aria-label=\"")
                .append(Html.escape(column + ": reference vs current, " + n + " bins"))
                .append("\">");
        for (int i = 0; i < n; i++) {
            double ref = finite(d.reference().get(i));
            double cur = finite(d.current().get(i));
            double x = i * slot;
            s.append("<g><title>")
                    .append(Html.escape(String.format(
                            Locale.ROOT,
                            "%s: reference %.2f%%, current %.2f%%",
                            d.labels().get(i),
                            ref,
                            cur)))
                    .append("</title>");
            rect(s, "r", x, bar, ref, max);
            rect(s, "c", x + bar, bar, cur, max);
            s.append("</g>");
        }
        s.append("</svg>");
        return s.toString();
    }

    private static void rect(StringBuilder s, String cls, double x, double w, double v, double max) {
        double height = max <= 0 ? 0 : Math.max(v > 0 ? 1 : 0, (SPARK_H - 2) * v / max);
        s.append(String.format(
                Locale.ROOT,
                "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                cls,
                x,
                SPARK_H - height,
                w,
                height));
    }

    private static double finite(Double v) {
        return v == null || !Double.isFinite(v) ? 0 : Math.max(0, v);
    }
}
