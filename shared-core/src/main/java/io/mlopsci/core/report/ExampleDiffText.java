package io.mlopsci.core.report;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.ExampleDiff;
import io.mlopsci.contract.result.Numbers;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.contract.result.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-example comparison of change rules in words and tables, shared by every renderer: one
 * block per metric (and slice) whose examples regressed — change rules on the same metric compare
 * the same examples — with the counts and the examples that regressed most, worst first.
 */
public final class ExampleDiffText {

    /** At most this many metrics get a block, so a report stays readable. */
    static final int MAX_BLOCKS = 20;

    private ExampleDiffText() {}

    /**
     * One metric's comparison.
     *
     * @param label  the metric (and slice) as the criteria table names it
     * @param rules  the change rules that share it, with their worst status first
     * @param icon   the icon of the worst of them
     * @param status the worst status among them
     * @param diff   the comparison
     */
    public record Block(String label, List<String> rules, String icon, Status status, ExampleDiff diff) {}

    /** Blocks for the criteria whose examples regressed, in the criteria's reading order. */
    public static List<Block> blocks(List<Criterion> criteria) {
        Map<String, Block> out = new LinkedHashMap<>();
        for (Criterion c : ReportText.ordered(criteria)) {
            ExampleDiff d = c.examples();
            if (d == null || d.regressed() == 0) {
                continue;
            }
            String label = ReportText.label(c);
            Block had = out.get(label);
            if (had == null) {
                if (out.size() == MAX_BLOCKS) {
                    continue;
                }
                List<String> rules = new ArrayList<>();
                rules.add(MarkdownReport.rule(c));
                out.put(label, new Block(label, rules, ReportText.icon(c), c.status(), d));
            } else {
                had.rules().add(MarkdownReport.rule(c));
            }
        }
        return List.copyOf(out.values());
    }

    /** The block's headline: what regressed, of how many, what improved. */
    public static String summary(Block b) {
        ExampleDiff d = b.diff();
        String unit = d.unit().equals("query") ? "queries" : "examples";
        String what = d.binary()
                ? (d.measure().equals("correct")
                        ? "flipped from right to wrong"
                        : "flipped from true to false (" + d.measure() + ")")
                : "regressed (" + d.measure() + ")";
        return b.label() + " (" + String.join(", ", b.rules()) + "): " + d.regressed() + " of " + d.total() + " " + unit
                + " " + what + "; " + d.improved() + " improved, " + d.unchanged() + " unchanged";
    }

    /** The listed examples as a table. */
    public static ReportSection.Table table(ExampleDiff d) {
        boolean input = d.regressedMost().stream().anyMatch(e -> e.input() != null);
        boolean expected = d.regressedMost().stream().anyMatch(e -> e.expected() != null);
        List<String> headers = new ArrayList<>();
        headers.add(d.unit().equals("query") ? "Query" : "Example");
        if (input) {
            headers.add("Input");
        }
        if (expected) {
            headers.add("Expected");
        }
        headers.add("Baseline");
        headers.add("Candidate");
        if (!d.binary()) {
            headers.add("Change");
        }
        List<List<String>> rows = new ArrayList<>();
        for (ExampleDiff.Example e : d.regressedMost()) {
            List<String> row = new ArrayList<>();
            row.add(e.id());
            if (input) {
                row.add(e.input() == null ? "" : e.input());
            }
            if (expected) {
                row.add(e.expected() == null ? "" : e.expected());
            }
            row.add(cell(d, e.baseline(), e.baselineOutput()));
            row.add(cell(d, e.candidate(), e.candidateOutput()));
            if (!d.binary()) {
                row.add(Numbers.delta(e.change()));
            }
            rows.add(row);
        }
        return new ReportSection.Table(headers, rows);
    }

    /** What the listing leaves out, or null. */
    public static String more(ExampleDiff d) {
        int rest = d.regressed() - d.regressedMost().size();
        return rest <= 0
                ? null
                : "… and " + rest + " more that regressed less (gate.examples.show sets how many are listed).";
    }

    private static String cell(ExampleDiff d, double value, String output) {
        String v = d.binary() ? (value >= 1 ? "✓" : "✗") : Numbers.value(value);
        return output == null || output.isEmpty() ? v : v + (d.binary() ? " " : " · ") + output;
    }

    /** One line for a JUnit failure: the counts and the ids that regressed most. */
    public static String oneLine(ExampleDiff d) {
        StringBuilder b = new StringBuilder()
                .append(d.regressed())
                .append(" of ")
                .append(d.total())
                .append(d.unit().equals("query") ? " queries" : " examples")
                .append(" regressed, ")
                .append(d.improved())
                .append(" improved");
        if (!d.regressedMost().isEmpty()) {
            b.append("; worst: ");
            for (int i = 0; i < d.regressedMost().size(); i++) {
                ExampleDiff.Example e = d.regressedMost().get(i);
                b.append(i == 0 ? "" : ", ")
                        .append(e.id())
                        .append(" (")
                        .append(Numbers.value(e.baseline()))
                        .append(" → ")
                        .append(Numbers.value(e.candidate()))
                        .append(')');
            }
        }
        return b.toString();
    }
}
