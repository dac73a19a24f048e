package io.mlopsci.jenkins;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.ExampleDiff;
import io.mlopsci.contract.result.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One metric's examples that regressed against the champion, for the build page: the counts and
 * the examples the engine listed, worst first. Change rules on the same metric (and slice) compare
 * the same examples, so they share one block. Bean getters because Jelly reads {@code getX()}.
 */
public final class RegressedExamples {

    /** A build page lists at most this many metrics' blocks (the HTML report has them all). */
    static final int MAX_BLOCKS = 20;

    private final String metric;
    private final List<String> rules;
    private final ExampleDiff diff;

    private RegressedExamples(String metric, String rule, ExampleDiff diff) {
        this.metric = metric;
        this.rules = new ArrayList<>(List.of(rule));
        this.diff = diff;
    }

    /** The blocks of the criteria whose examples regressed, in the criteria's order. */
    static List<RegressedExamples> of(List<Criterion> criteria) {
        Map<String, RegressedExamples> out = new LinkedHashMap<>();
        for (Criterion c : criteria) {
            ExampleDiff d = c.examples();
            if (d == null || d.regressed() == 0) {
                continue;
            }
            String metric =
                    (c.metric() == null ? c.id() : c.metric()) + (c.slice() == null ? "" : " [" + c.slice() + "]");
            String rule = c.rule() == null ? c.id() : c.rule();
            RegressedExamples had = out.get(metric);
            if (had != null) {
                had.rules.add(rule);
            } else if (out.size() < MAX_BLOCKS) {
                out.put(metric, new RegressedExamples(metric, rule, d));
            }
        }
        return List.copyOf(out.values());
    }

    /** The metric (and slice) and its change rules, e.g. {@code exact_match (max_drop)}. */
    public String getTitle() {
        return metric + " (" + String.join(", ", rules) + ")";
    }

    /** The counts, e.g. {@code 7 of 60 examples flipped from true to false (exact); 2 improved, 51 unchanged}. */
    public String getCounts() {
        String unit = diff.unit().equals("query") ? "queries" : "examples";
        String what = diff.binary()
                ? (diff.measure().equals("correct")
                        ? "flipped from right to wrong"
                        : "flipped from true to false (" + diff.measure() + ")")
                : "regressed (" + diff.measure() + ")";
        return diff.regressed() + " of " + diff.total() + " " + unit + " " + what + "; " + diff.improved()
                + " improved, " + diff.unchanged() + " unchanged";
    }

    /** The first column's heading: Query for a ranking metric, else Example. */
    public String getUnit() {
        return diff.unit().equals("query") ? "Query" : "Example";
    }

    /** How many regressed examples the list leaves out. */
    public int getMore() {
        return diff.regressed() - diff.regressedMost().size();
    }

    /** Whether any listed example has an input excerpt (the Input column is shown only then). */
    public boolean isInputs() {
        return diff.regressedMost().stream().anyMatch(e -> e.input() != null);
    }

    /** Whether any listed example has an expected label or reference (the column is shown only then). */
    public boolean isExpected() {
        return diff.regressedMost().stream().anyMatch(e -> e.expected() != null);
    }

    /** Whether the Change column is shown: not for a right/wrong measure, whose change is always a flip. */
    public boolean isChange() {
        return !diff.binary();
    }

    public List<Row> getRows() {
        return diff.regressedMost().stream().map(e -> new Row(e, diff.binary())).toList();
    }

    /** One listed example, formatted. */
    public static final class Row {
        private final ExampleDiff.Example e;
        private final boolean binary;

        Row(ExampleDiff.Example e, boolean binary) {
            this.e = e;
            this.binary = binary;
        }

        public String getId() {
            return e.id();
        }

        public String getInput() {
            return e.input() == null ? "" : e.input();
        }

        public String getExpected() {
            return e.expected() == null ? "" : e.expected();
        }

        /** The baseline's value (✓ or ✗ for a right/wrong measure), and its output when there is one. */
        public String getBaseline() {
            return cell(e.baseline(), e.baselineOutput());
        }

        /** The candidate's value, and its output when there is one. */
        public String getCandidate() {
            return cell(e.candidate(), e.candidateOutput());
        }

        private String cell(double value, String output) {
            String v = binary ? (value >= 1 ? "✓" : "✗") : Numbers.value(value);
            return output == null || output.isEmpty() ? v : v + (binary ? " " : " · ") + output;
        }

        public String getChange() {
            return Numbers.delta(e.change());
        }
    }
}
