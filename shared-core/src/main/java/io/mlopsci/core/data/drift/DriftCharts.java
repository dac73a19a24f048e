package io.mlopsci.core.data.drift;

import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.SqlRunner;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Histograms for the report of columns compared without bins (ks, wasserstein): the reference's
 * {@code bins}-quantiles and both files' counts, computed only for the columns that will be drawn.
 */
final class DriftCharts {

    private DriftCharts() {}

    /** The results with charts for the named columns that have none yet. */
    static List<ColumnResult> histograms(
            List<ColumnResult> results,
            List<String> names,
            int bins,
            DataFile ref,
            DataFile cur,
            SqlRunner db,
            DriftDialect dialect)
            throws SQLException {
        AggregateQuery q = new AggregateQuery();
        Map<String, String> keys = new LinkedHashMap<>();
        for (ColumnResult c : results) {
            if (names.contains(c.column().name())
                    && c.labels() == null
                    && c.column().numeric()
                    && c.referenceValues() > 0
                    && c.problem() == null) {
                keys.put(
                        c.column().name(),
                        AggregateSink.of(dialect, q, ref.table())
                                .add(new Aggregate.Quantiles(c.column().ref(), Bins.fractions(bins))));
            }
        }
        if (keys.isEmpty()) {
            return results;
        }
        Row r = q.run(db, ref, ref.table(), "reference quantiles for the drift charts");
        AggregateQuery a = new AggregateQuery();
        AggregateQuery b = new AggregateQuery();
        Map<String, double[]> edges = new LinkedHashMap<>();
        Map<String, List<String>> ka = new LinkedHashMap<>();
        Map<String, List<String>> kb = new LinkedHashMap<>();
        for (ColumnResult c : results) {
            String name = c.column().name();
            if (keys.containsKey(name)) {
                double[] e = Bins.uniqueSorted(r.getList(keys.get(name)));
                edges.put(name, e);
                ka.put(
                        name,
                        add(a, dialect, ref.table(), Bins.counting(c.column().ref(), e)));
                kb.put(
                        name,
                        add(b, dialect, cur.table(), Bins.counting(c.column().cur(), e)));
            }
        }
        Row ra = a.run(db, ref, ref.table(), "reference histograms for the drift charts");
        Row rb = b.run(db, cur, cur.table(), "current histograms for the drift charts");
        List<ColumnResult> out = new ArrayList<>();
        for (ColumnResult c : results) {
            String name = c.column().name();
            out.add(
                    edges.containsKey(name)
                            ? c.withChart(
                                    Bins.labels(edges.get(name)),
                                    Bins.fromCumulative(counts(ra, ka.get(name))),
                                    Bins.fromCumulative(counts(rb, kb.get(name))))
                            : c);
        }
        return out;
    }

    /** The report's views again, with the charts the results now have. */
    static DriftOutcome withCharts(DriftOutcome outcome, List<ColumnResult> results) {
        Map<String, ColumnResult> byName = new LinkedHashMap<>();
        results.forEach(c -> byName.put(c.column().name(), c));
        List<DriftOutcome.ColumnView> views = new ArrayList<>();
        for (DriftOutcome.ColumnView v : outcome.views()) {
            ColumnResult c = byName.get(v.column());
            if (c != null && v.labels() == null && c.labels() != null) {
                views.add(new DriftOutcome.ColumnView(
                        v.column(),
                        v.method(),
                        v.measure(),
                        v.value(),
                        v.threshold(),
                        v.status(),
                        v.severityRank(),
                        c.labels(),
                        Bins.shares(c.referenceCounts()),
                        Bins.shares(c.currentCounts())));
            } else {
                views.add(v);
            }
        }
        return new DriftOutcome(outcome.criteria(), views, outcome.share(), outcome.drifted(), outcome.compared());
    }

    static List<String> add(AggregateQuery q, DriftDialect dialect, String relation, List<Aggregate> aggregates) {
        AggregateSink sink = AggregateSink.of(dialect, q, relation);
        return aggregates.stream().map(sink::add).toList();
    }

    static long[] counts(Row r, List<String> keys) {
        long[] out = new long[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            out[i] = r.count(keys.get(i));
        }
        return out;
    }
}
