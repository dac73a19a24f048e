package io.mlopsci.core.data.drift;

import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.SqlRunner;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reference's exact quantiles at k/bins and the exact count of values below each, in the two
 * scans of the reference the drift check makes anyway, with memory that does not grow with the
 * file as DuckDB's {@code quantile_cont} (which keeps every value) does:
 * <ol>
 *   <li>the first scan draws a uniform sample ({@code reservoir_quantile}, 2^16 values) whose
 *       quantiles at q ± δ bracket each wanted quantile q (δ is four standard errors of a sample
 *       quantile, so a bracket misses about once in 30,000); an engine whose sketch bounds its rank
 *       error deterministically draws narrower brackets ({@link DriftDialect#bracketHalfWidth});</li>
 *   <li>the second scan counts the values below each bracket and collects the values inside it
 *       (a bracket around a single tied value needs only two counts);</li>
 *   <li>the order statistics then come from the bracket, and the quantile is interpolated exactly
 *       as numpy's default (linear) method does, so the edges equal {@code numpy.quantile}'s.</li>
 * </ol>
 * A bracket that misses its order statistic, or brackets too large to hold, fall back to an exact
 * sorting query (spilled to disk by DuckDB). A column whose sample shows few distinct values (an
 * integer count, a rating) is counted by value instead ({@link #planValueCounts}): brackets around
 * tied values would hold a large share of the rows, where the exact counts of its few values give
 * every order statistic directly.
 */
final class ExactQuantiles {

    /** The sample's size: large enough for narrow brackets, small enough to cost nothing per row. */
    static final int SAMPLE = 1 << 16;
    /** Bracket values collected per column at most; beyond, the column's quantiles come from sorting. */
    static final long MAX_BRACKET_VALUES = 16_000_000;

    private final DataFile.Column col;
    private final int bins;
    private final int sample;
    private final long maxBracket;
    private final DriftDialect dialect;
    private final double[] q;
    private String sampleKey;
    private long n;
    private double share;
    private double[] lower;
    private double[] upper;
    private String[] belowKeys;
    private String[] atOrBelowKeys;
    private String valuesKey;
    private String valueCountsKey;
    private boolean sort;

    /** Exact edges (the quantiles, in order, possibly repeated) and the reference's values below each. */
    record Result(double[] quantiles, long[] below, boolean bySorting) {}

    ExactQuantiles(DataFile.Column col, int bins) {
        this(col, bins, DuckDbDialect.INSTANCE);
    }

    /** With the brackets as wide as {@code dialect}'s sample or sketch needs. */
    ExactQuantiles(DataFile.Column col, int bins, DriftDialect dialect) {
        this(col, bins, SAMPLE, MAX_BRACKET_VALUES, dialect);
    }

    /** With another sample size and bracket limit (tests use them to force the other paths). */
    ExactQuantiles(DataFile.Column col, int bins, int sample, long maxBracket) {
        this(col, bins, sample, maxBracket, DuckDbDialect.INSTANCE);
    }

    private ExactQuantiles(DataFile.Column col, int bins, int sample, long maxBracket, DriftDialect dialect) {
        this.dialect = dialect;
        this.col = col;
        this.bins = bins;
        this.sample = sample;
        this.maxBracket = maxBracket;
        this.q = new double[bins - 1];
        for (int k = 1; k < bins; k++) {
            q[k - 1] = (double) k / bins;
        }
    }

    /** First scan: the sample's quantiles at q ± δ. */
    void planSample(AggregateSink pass) {
        sampleKey = pass.add(new Aggregate.SampleQuantiles(col, sampleFractions(sample), sample));
    }

    static double delta(double x, int sample) {
        return 4 * Math.sqrt(x * (1 - x) / sample) + 2.0 / sample;
    }

    /**
     * The quantiles at q ± δ of the first scan's sample or sketch ({@link Aggregate.SampleQuantiles}),
     * in the order {@link #sampleFractions} lists them, as brackets.
     */
    void brackets(List<Object> sampleQuantiles, int sampleSize) {
        brackets(sampleQuantiles, sampleSize, false);
    }

    /**
     * The exact quantiles at q ± δ of a sample of the rows read before the scan ({@link
     * ReferenceSample}), in the order {@link #fractionsOfSample} lists them, as brackets.
     */
    void bracketsOfSample(List<Object> sampleQuantiles, int sampleSize) {
        brackets(sampleQuantiles, sampleSize, true);
    }

    private void brackets(List<Object> sampleQuantiles, int sampleSize, boolean rowSample) {
        lower = new double[q.length];
        upper = new double[q.length];
        share = 0;
        for (int k = 0; k < q.length; k++) {
            lower[k] = ((Number) sampleQuantiles.get(2 * k)).doubleValue();
            upper[k] = ((Number) sampleQuantiles.get(2 * k + 1)).doubleValue();
            share += 2 * halfWidth(q[k], sampleSize, rowSample);
        }
    }

    /** The fractions q ± δ for the first scan's sample or sketch of {@code sampleSize} values. */
    List<Double> sampleFractions(int sampleSize) {
        return fractions(sampleSize, false);
    }

    /**
     * The fractions q ± δ for a sample of {@code sampleSize} rows read before the scan: δ is a random
     * sample's (four standard errors) on every engine, whatever the bound of the engine's sketch.
     */
    List<Double> fractionsOfSample(int sampleSize) {
        return fractions(sampleSize, true);
    }

    private List<Double> fractions(int sampleSize, boolean rowSample) {
        List<Double> qs = new ArrayList<>();
        for (double x : q) {
            double d = halfWidth(x, sampleSize, rowSample);
            qs.add(Math.max(0, x - d));
            qs.add(Math.min(1, x + d));
        }
        return qs;
    }

    private double halfWidth(double x, int sampleSize, boolean rowSample) {
        return rowSample ? delta(x, sampleSize) : dialect.bracketHalfWidth(x, sampleSize);
    }

    /** Brackets from the first scan's reservoir sample. */
    void bracketsFromReservoir(Row first) {
        brackets(first.getList(sampleKey), sample);
    }

    /**
     * The scan that counts the values below each bracket and collects those inside; {@code rows} is
     * (an estimate of) the column's non-null count, to keep the brackets' size bounded.
     */
    void planBrackets(AggregateSink pass, long rows) {
        if (rows * share > maxBracket) {
            sort = true;
            return;
        }
        belowKeys = new String[q.length];
        atOrBelowKeys = new String[q.length];
        List<double[]> ranges = new ArrayList<>();
        for (int k = 0; k < q.length; k++) {
            belowKeys[k] = pass.add(new Aggregate.CountBelow(col, lower[k], false));
            if (lower[k] == upper[k]) {
                atOrBelowKeys[k] = pass.add(new Aggregate.CountBelow(col, lower[k], true));
            } else {
                ranges.add(new double[] {lower[k], upper[k]});
            }
        }
        if (!ranges.isEmpty()) {
            ranges.sort((a, b) -> Double.compare(a[0], b[0]));
            // Brackets may overlap (a small sample makes wide ones): test membership in their union.
            List<double[]> merged = new ArrayList<>();
            for (double[] r : ranges) {
                double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && r[0] <= last[1]) {
                    last[1] = Math.max(last[1], r[1]);
                } else {
                    merged.add(new double[] {r[0], r[1]});
                }
            }
            valuesKey = pass.add(new Aggregate.ValuesWithin(col, merged));
        }
    }

    /** The scan counts every value of the column (its values are few): no brackets are needed. */
    void planValueCounts(AggregateSink pass) {
        valueCountsKey = pass.add(new Aggregate.NumberCounts(col));
    }

    /** Whether the column is counted by value rather than bracketed. */
    boolean byValueCounts() {
        return valueCountsKey != null;
    }

    /** The exact quantiles and counts; runs the sorting fallback when a bracket missed. */
    Result resolve(Row second, long nonNull, SqlRunner db, DataFile file, DriftDialect dialect) throws SQLException {
        n = nonNull;
        if (valueCountsKey != null) {
            Result r = fromValueCounts(second.get(valueCountsKey), n);
            if (r != null) {
                return r;
            }
        } else if (!sort) {
            double[] values = new double[0];
            if (valuesKey != null) {
                double[] inBrackets = second.getDoubles(valuesKey);
                values = inBrackets == null ? new double[0] : inBrackets;
                Arrays.sort(values);
            }
            double[] quantiles = new double[q.length];
            long[] below = new long[q.length];
            boolean ok = true;
            for (int k = 0; k < q.length && ok; k++) {
                long cl = second.count(belowKeys[k]);
                long lo = lowIndex(n, q[k]);
                long hi = Math.min(lo + 1, n - 1);
                double g = gamma(n, q[k]);
                if (lower[k] == upper[k]) {
                    long inside = second.count(atOrBelowKeys[k]) - cl;
                    ok = cl <= lo && hi < cl + inside;
                    quantiles[k] = lower[k];
                    below[k] = cl;
                    continue;
                }
                int from = lowerBound(values, lower[k]);
                int to = upperBound(values, upper[k]);
                ok = cl <= lo && hi < cl + (to - from);
                if (ok) {
                    double a = values[from + (int) (lo - cl)];
                    double b = values[from + (int) (hi - cl)];
                    quantiles[k] = lerp(a, b, g);
                    below[k] = cl + (lowerBound(values, quantiles[k]) - from);
                }
            }
            if (ok) {
                return new Result(quantiles, below, false);
            }
        }
        return bySorting(db, file, dialect);
    }

    /**
     * The quantiles and the values below each from every value's count, or null when the counts do
     * not add up to the column's non-null values.
     */
    Result fromValueCounts(Object histogram, long nonNull) {
        if (!(histogram instanceof java.util.Map<?, ?> m) || nonNull == 0) {
            return null;
        }
        double[] values = new double[m.size()];
        long[] counts = new long[m.size()];
        int i = 0;
        java.util.TreeMap<Double, Long> sorted = new java.util.TreeMap<>();
        for (java.util.Map.Entry<?, ?> e : m.entrySet()) {
            sorted.merge(((Number) e.getKey()).doubleValue(), ((Number) e.getValue()).longValue(), Long::sum);
        }
        long total = 0;
        for (java.util.Map.Entry<Double, Long> e : sorted.entrySet()) {
            values[i] = e.getKey();
            counts[i] = e.getValue();
            total += counts[i];
            i++;
        }
        if (total != nonNull) {
            return null;
        }
        int distinct = i;
        double[] quantiles = new double[q.length];
        long[] below = new long[q.length];
        for (int k = 0; k < q.length; k++) {
            long lo = lowIndex(nonNull, q[k]);
            long hi = Math.min(lo + 1, nonNull - 1);
            quantiles[k] = lerp(
                    atRank(values, counts, distinct, lo), atRank(values, counts, distinct, hi), gamma(nonNull, q[k]));
            long b = 0;
            for (int j = 0; j < distinct && values[j] < quantiles[k]; j++) {
                b += counts[j];
            }
            below[k] = b;
        }
        return new Result(quantiles, below, false);
    }

    /** The value at 0-based rank {@code r} of the sorted column, from its distinct values and their counts. */
    private static double atRank(double[] values, long[] counts, int distinct, long r) {
        long seen = 0;
        for (int j = 0; j < distinct; j++) {
            seen += counts[j];
            if (r < seen) {
                return values[j];
            }
        }
        return values[distinct - 1];
    }

    /** Exact order statistics by sorting the column (DuckDB spills the sort), then one count per edge. */
    private Result bySorting(SqlRunner db, DataFile file, DriftDialect dialect) throws SQLException {
        List<Long> ranks = new ArrayList<>();
        for (double x : q) {
            long lo = lowIndex(n, x);
            ranks.add(lo);
            ranks.add(Math.min(lo + 1, n - 1));
        }
        List<Row> rows = db.all(
                dialect.valuesAtRanks(col, file.table(), ranks),
                "sorting " + col.name() + " for its exact quantiles",
                file.bytes(),
                ranks.size());
        java.util.Map<Long, Double> at = new java.util.HashMap<>();
        rows.forEach(r -> at.put(r.getLong("r"), r.getDouble("v")));
        double[] quantiles = new double[q.length];
        AggregateQuery counts = new AggregateQuery();
        String[] keys = new String[q.length];
        for (int k = 0; k < q.length; k++) {
            long lo = lowIndex(n, q[k]);
            quantiles[k] = lerp(at.get(lo), at.get(Math.min(lo + 1, n - 1)), gamma(n, q[k]));
            keys[k] = dialect.add(counts, new Aggregate.CountBelow(col, quantiles[k], false), file.table());
        }
        Row r = counts.run(db, file, file.table(), "counting " + col.name() + " below its quantiles");
        long[] below = new long[q.length];
        for (int k = 0; k < q.length; k++) {
            below[k] = r.count(keys[k]);
        }
        return new Result(quantiles, below, true);
    }

    // numpy's default (linear) method: virtual index (n - 1) * q, lower index its floor, gamma the rest;
    // then a + (b - a) * gamma, or b - (b - a) * (1 - gamma) when gamma >= 0.5.

    static double virtualIndex(long n, double q) {
        return (n - 1) * q;
    }

    static long lowIndex(long n, double q) {
        double v = virtualIndex(n, q);
        long lo = (long) Math.floor(v);
        return Math.max(0, Math.min(lo, n - 1));
    }

    static double gamma(long n, double q) {
        double v = virtualIndex(n, q);
        return v - Math.floor(v);
    }

    static double lerp(double a, double b, double g) {
        double diff = b - a;
        return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
    }

    private static int lowerBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
