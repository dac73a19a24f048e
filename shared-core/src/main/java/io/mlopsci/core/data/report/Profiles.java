package io.mlopsci.core.data.report;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.DataProfile;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.DataConfig.Role;
import io.mlopsci.core.data.drift.DriftOutcome;
import io.mlopsci.core.data.scan.DataFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report by column: one {@link DataProfile.Column} per column of the profiled file, with its
 * summary, its drift and the ids of the criteria about it (a column rule on any file, or its drift).
 * Criteria about no single column (schema, table rules, leakage, dataset drift) stay unattached.
 */
final class Profiles {

    private Profiles() {}

    static DataProfile profile(
            ColumnStats stats, List<DriftOutcome.ColumnView> views, List<Criterion> criteria, List<String> roles) {
        DataFile file = stats.file();
        Map<String, DriftOutcome.ColumnView> drift = new LinkedHashMap<>();
        if (views != null) {
            views.forEach(v -> drift.put(v.column(), v));
        }
        Map<String, List<Criterion>> byColumn = new LinkedHashMap<>();
        file.columns().forEach(c -> byColumn.put(c.name(), new ArrayList<>()));
        for (Criterion c : criteria) {
            String column = column(c, byColumn, roles);
            if (column != null) {
                byColumn.get(column).add(c);
            }
        }
        List<DataProfile.Column> columns = new ArrayList<>();
        for (DataFile.Column c : file.columns()) {
            ColumnStats.Stats s = stats.of(c.name());
            DriftOutcome.ColumnView v = drift.get(c.name());
            List<Criterion> mine = byColumn.get(c.name());
            Long distinct = s == null ? null : s.distinct();
            List<String> top = s == null ? null : s.top();
            if (c.kind() == DataFile.Kind.STRING && top == null && v != null && v.labels() != null) {
                top = topFromCounts(v.labels(), v.current());
                distinct = distinctFromCounts(v.labels(), v.current());
            }
            columns.add(new DataProfile.Column(
                    c.name(),
                    c.duckType(),
                    s == null ? 0 : s.nonNull(),
                    s == null ? null : s.min(),
                    s == null ? null : s.max(),
                    distinct,
                    top,
                    v == null
                            ? null
                            : new DataProfile.Drift(
                                    v.method(),
                                    v.measure(),
                                    v.value(),
                                    v.threshold(),
                                    v.status(),
                                    v.labels(),
                                    v.reference(),
                                    v.current()),
                    mine.stream().map(Criterion::id).toList(),
                    status(mine)));
        }
        return new DataProfile(file.display(), file.role().key(), file.rowsKnown() ? file.rows() : 0, columns);
    }

    /** The last bin of categories pools every other value: its label is not a value of the column. */
    private static boolean pooled(List<String> labels, int i) {
        return i == labels.size() - 1;
    }

    /** The most frequent listed values of the current file, from drift's shares per category. */
    static List<String> topFromCounts(List<String> labels, List<Double> shares) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (!pooled(labels, i) && shares.get(i) != null && shares.get(i) > 0) {
                order.add(i);
            }
        }
        order.sort((a, b) -> Double.compare(shares.get(b), shares.get(a)));
        return order.stream().limit(ColumnStats.TOP).map(labels::get).toList();
    }

    /** The current file's distinct values when every one of them is listed; null when some were pooled. */
    static Long distinctFromCounts(List<String> labels, List<Double> shares) {
        long n = 0;
        for (int i = 0; i < labels.size(); i++) {
            boolean seen = shares.get(i) != null && shares.get(i) > 0;
            if (pooled(labels, i) && seen) {
                return null;
            }
            n += seen && !pooled(labels, i) ? 1 : 0;
        }
        return n;
    }

    /** The column a criterion is about: {@code <role>.<column>} rules and {@code drift.<column>}; else null. */
    static String column(Criterion c, Map<String, ?> columns, List<String> roles) {
        String metric = c.metric();
        if (metric == null) {
            return null;
        }
        if (c.id().equals("drift." + metric) && columns.containsKey(metric)) {
            return metric;
        }
        for (String role : roles) {
            if (metric.startsWith(role + ".")) {
                String name = metric.substring(role.length() + 1);
                if (columns.containsKey(name)) {
                    return name;
                }
            }
        }
        return null;
    }

    /** A column's status: the worst effect of its criteria (an error that fails shows as ERROR). */
    static Status status(List<Criterion> criteria) {
        Status worst = Status.PASS;
        for (Criterion c : criteria) {
            if (c.effect() == Effect.FAIL) {
                if (c.status() == Status.ERROR) {
                    return Status.ERROR;
                }
                worst = Status.FAIL;
            } else if (worst == Status.PASS && (c.effect() == Effect.WARN || c.status() != Status.PASS)) {
                worst = Status.WARN;
            }
        }
        return worst;
    }

    /** The role keys, for matching criterion metrics. */
    static List<String> roles() {
        List<String> out = new ArrayList<>();
        for (Role r : Role.values()) {
            out.add(r.key());
        }
        return out;
    }
}
