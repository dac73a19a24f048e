package io.mlopsci.core.report;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.DataProfile;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * validate-data's Markdown (the PR comment) by column: the failing and warning criteria stay in
 * full above (see {@link MarkdownReport}); here the columns that need attention get one profile row
 * each, and every passing column is summarised in one collapsed table, with the passing criteria
 * about no single column (schema, table rules, leakage) collapsed after it.
 */
final class DataProfileMarkdown {

    private DataProfileMarkdown() {}

    static final List<String> HEADERS =
            List.of("Column", "Type", "Nulls", "Range / top values", "Distinct", "Drift", "Criteria");

    /** Replaces the list of passed criteria: passing columns in one collapsed table. */
    static void render(StringBuilder md, StepResult r, DataProfile p) {
        List<DataProfile.Column> ordered = ProfileCells.ordered(p);
        List<DataProfile.Column> attention =
                ordered.stream().filter(c -> c.status() != Status.PASS).toList();
        List<DataProfile.Column> passing =
                ordered.stream().filter(c -> c.status() == Status.PASS).toList();
        String where =
                p.file() + " (" + p.role() + ", " + String.format(java.util.Locale.ROOT, "%,d", p.rows()) + " rows)";
        if (!attention.isEmpty()) {
            md.append("#### Columns needing attention: ")
                    .append(Markdown.text(where))
                    .append("\n\n");
            MarkdownReport.table(md, table(p, attention, r));
            md.append('\n');
        }
        if (!passing.isEmpty()) {
            md.append("<details><summary>")
                    .append(passing.size())
                    .append(passing.size() == 1 ? " passing column" : " passing columns")
                    .append(" of ")
                    .append(Markdown.text(where))
                    .append("</summary>\n\n");
            MarkdownReport.table(md, table(p, passing, r));
            md.append("\n</details>\n\n");
        }
        Set<String> attached = new LinkedHashSet<>();
        p.columns().forEach(c -> attached.addAll(c.criteria()));
        List<Criterion> otherPassed = ReportText.ordered(r.criteria()).stream()
                .filter(c -> ReportText.rank(c) == 4 && !attached.contains(c.id()))
                .toList();
        if (!otherPassed.isEmpty()) {
            md.append("<details><summary>")
                    .append(otherPassed.size())
                    .append(" passed schema, table and leakage criteria</summary>\n\n");
            MarkdownReport.criteriaTable(md, otherPassed);
            md.append("\n</details>\n\n");
        }
    }

    static ReportSection.Table table(DataProfile p, List<DataProfile.Column> columns, StepResult r) {
        java.util.Map<String, Criterion> byId = ProfileCells.byId(r.criteria());
        List<List<String>> rows = new ArrayList<>();
        for (DataProfile.Column c : columns) {
            List<Criterion> mine = ProfileCells.criteria(c, byId);
            rows.add(List.of(
                    (c.status() == Status.PASS ? "" : c.status() + " ") + c.name(),
                    c.type(),
                    ProfileCells.nulls(p, c),
                    ProfileCells.rangeOrTop(c),
                    ProfileCells.distinct(c),
                    ProfileCells.drift(c),
                    mine.isEmpty() ? "—" : ProfileCells.criteriaSummary(mine)));
        }
        return new ReportSection.Table(HEADERS, rows);
    }
}
