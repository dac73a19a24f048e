package io.mlopsci.core.data.drift;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.Method;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.SqlRunner;
import java.sql.SQLException;
import java.util.List;

/**
 * Compares one column once every scan is done: its current counts over the reference's bins and
 * the binned measure, or — for KS and Wasserstein — one query comparing both files' exact
 * distributions.
 */
final class DriftComparisons {

    /** A column's bins with the reference's counts, and the keys of the current file's counts. */
    record Binned(ReferenceBins.Resolved reference, List<String> currentKeys) {}

    private final DataConfig.Drift cfg;
    private final DataFile ref;
    private final DataFile cur;
    private final SqlRunner db;
    private final DriftDialect dialect;
    private final Progress progress;

    DriftComparisons(
            DataConfig.Drift cfg, DataFile ref, DataFile cur, SqlRunner db, DriftDialect dialect, Progress progress) {
        this.cfg = cfg;
        this.ref = ref;
        this.cur = cur;
        this.db = db;
        this.dialect = dialect;
        this.progress = progress;
    }

    /**
     * @param binned null for a column compared without bins
     * @param index  the column's place among all compared, for progress
     */
    ColumnResult compare(
            DriftColumn c,
            long n,
            double std,
            DriftMethods.Choice choice,
            Binned binned,
            Row current,
            int index,
            int of)
            throws SQLException {
        Method m = choice.method();
        if (!choice.byValue() && (m == Method.KS || m == Method.WASSERSTEIN)) {
            progress.phase("drift " + index + "/" + of + ": " + c.name() + " (" + m.key() + ", exact distributions)");
            return distributions(c, n, std, choice);
        }
        ReferenceBins.Resolved r = binned.reference();
        long[] counts;
        long nCur;
        if (r.categories() != null) {
            nCur = current.count(binned.currentKeys().get(1));
            counts = r.categories()
                    .counts(
                            dialect.categoryPositions(
                                    current.get(binned.currentKeys().get(0)), r.categories()),
                            nCur);
        } else {
            counts = Bins.fromCumulative(DriftCharts.counts(current, binned.currentKeys()));
            nCur = Bins.sum(counts);
        }
        if (nCur == 0) {
            return ColumnResult.failed(
                    c, m, choice.because(), "every value of '" + c.name() + "' in " + cur.describe() + " is null");
        }
        String bins = r.categories() != null
                ? (r.bins().labels().size() - 1) + " reference values"
                        + (r.categories().pooled() ? " (its most frequent)" : "") + " and one bin for every other value"
                : r.bins().referenceCounts().length + " bins from the reference's " + cfg.bins() + "-quantiles"
                        + (r.bins().edges().length < cfg.bins() - 1 ? " (equal quantiles merged)" : "");
        DriftMeasures.Measure measure = DriftMeasures.binned(
                m,
                r.bins().referenceCounts(),
                counts,
                r.bins().labels(),
                r.categories() != null ? null : r.bins().edges(),
                bins);
        return new ColumnResult(
                c,
                m,
                choice.because(),
                n,
                nCur,
                measure,
                null,
                r.bins().labels(),
                r.bins().referenceCounts(),
                counts);
    }

    private ColumnResult distributions(DriftColumn c, long n, double std, DriftMethods.Choice choice)
            throws SQLException {
        Method method = choice.method();
        long m = db.one(dialect.nonNullCount(c.cur(), cur.table()), "counting " + c.name(), cur.bytes())
                .count("n");
        if (m == 0) {
            return ColumnResult.failed(
                    c, method, choice.because(), "every value of '" + c.name() + "' in " + cur.describe() + " is null");
        }
        Row r = db.one(
                dialect.distributions(c.ref(), ref.table(), c.cur(), cur.table(), n, m),
                "comparing the distributions of " + c.name(),
                ref.bytes() + cur.bytes());
        if (r.count("inf") > 0) {
            return ColumnResult.failed(
                    c,
                    method,
                    choice.because(),
                    "'" + c.name() + "' has infinite values; " + method.key() + " needs finite numbers");
        }
        DriftMeasures.Measured measured = method == Method.KS
                ? DriftMeasures.Measured.of(DriftMeasures.ks(n, m, r.getBig("ks"), r.count("d")))
                : DriftMeasures.wasserstein(n, m, r.getDouble("w"), std, r.count("d"), c.name());
        return measured.problem() != null
                ? new ColumnResult(c, method, choice.because(), n, m, null, measured.problem(), null, null, null)
                : new ColumnResult(c, method, choice.because(), n, m, measured.measure(), null, null, null, null);
    }
}
