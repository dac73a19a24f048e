package io.mlopsci.core.report;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.DataProfile;
import io.mlopsci.contract.result.Numbers;
import io.mlopsci.contract.result.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The cells of validate-data's report by column, as text both renderers show the same way, and the
 * order of its rows: failing columns first, then warning, then passing, each in the file's order.
 */
final class ProfileCells {

    private ProfileCells() {}

    static List<DataProfile.Column> ordered(DataProfile p) {
        return p.columns().stream()
                .sorted(Comparator.comparingInt(c -> rank(c.status())))
                .toList();
    }

    static int rank(Status s) {
        return switch (s) {
            case ERROR -> 0;
            case FAIL -> 1;
            case WARN, INCONCLUSIVE -> 2;
            case PASS, NOT_EVALUATED -> 3;
        };
    }

    static String nulls(DataProfile p, DataProfile.Column c) {
        long nulls = Math.max(0, p.rows() - c.nonNull());
        if (p.rows() == 0) {
            return "—";
        }
        double pct = 100.0 * nulls / p.rows();
        String share = nulls == 0
                ? "0%"
                : pct < 0.01 ? String.format(Locale.ROOT, "%.2g%%", pct) : String.format(Locale.ROOT, "%.2f%%", pct);
        return share + (nulls == 0 ? "" : String.format(Locale.ROOT, " (%,d)", nulls));
    }

    /** The range of an ordered column, or its most frequent values, or a dash. */
    static String rangeOrTop(DataProfile.Column c) {
        if (c.min() != null || c.max() != null) {
            return (c.min() == null ? "?" : c.min()) + " … " + (c.max() == null ? "?" : c.max());
        }
        if (c.topValues() != null && !c.topValues().isEmpty()) {
            return "top: " + String.join(", ", c.topValues());
        }
        return "—";
    }

    static String distinct(DataProfile.Column c) {
        return c.distinct() == null ? "—" : String.format(Locale.ROOT, "≈%,d", c.distinct());
    }

    static String drift(DataProfile.Column c) {
        DataProfile.Drift d = c.drift();
        if (d == null) {
            return "—";
        }
        return d.measure() + (d.value() == null ? "" : " " + Numbers.value(d.value())) + " (" + d.status() + ")";
    }

    /** The column's criteria, in the result's reading order. */
    static List<Criterion> criteria(DataProfile.Column c, Map<String, Criterion> byId) {
        List<Criterion> out = new ArrayList<>();
        for (String id : c.criteria()) {
            Criterion x = byId.get(id);
            if (x != null) {
                out.add(x);
            }
        }
        return ReportText.ordered(out);
    }

    static Map<String, Criterion> byId(List<Criterion> criteria) {
        Map<String, Criterion> out = new LinkedHashMap<>();
        criteria.forEach(c -> out.putIfAbsent(c.id(), c));
        return out;
    }

    /** Criteria about no single column: leakage apart from the rest (schema, table rules, dataset drift). */
    static List<List<Criterion>> unattached(DataProfile p, List<Criterion> criteria) {
        Set<String> attached = new LinkedHashSet<>();
        p.columns().forEach(c -> attached.addAll(c.criteria()));
        List<Criterion> table = new ArrayList<>();
        List<Criterion> leakage = new ArrayList<>();
        for (Criterion c : ReportText.ordered(criteria)) {
            if (!attached.contains(c.id())) {
                (c.id().startsWith("leakage.") ? leakage : table).add(c);
            }
        }
        return List.of(table, leakage);
    }

    /** "3 criteria: 1 failed, 1 warning" — what a folded list holds. */
    static String criteriaSummary(List<Criterion> criteria) {
        long failed = criteria.stream().filter(c -> ReportText.rank(c) < 2).count();
        long warned = criteria.stream()
                .filter(c -> ReportText.rank(c) == 2 || ReportText.rank(c) == 3)
                .count();
        String s = criteria.size() + (criteria.size() == 1 ? " criterion" : " criteria");
        List<String> parts = new ArrayList<>();
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        if (warned > 0) {
            parts.add(warned + (warned == 1 ? " warning" : " warnings"));
        }
        return parts.isEmpty() ? s + ", all passed" : s + ": " + String.join(", ", parts);
    }
}
