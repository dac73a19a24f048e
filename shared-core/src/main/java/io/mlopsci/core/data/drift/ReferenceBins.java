package io.mlopsci.core.data.drift;

import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.SqlRunner;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one column's reference counts per bin come from — the exact quantiles, an exact count of
 * every value, the most frequent values counted afterwards, or counts over known categories — and
 * how they are read once the reference is scanned.
 *
 * @param kind       where the counts come from
 * @param key        the aggregate that holds them (values, top values or category counts)
 * @param nonNullKey the reference's non-null count, for category counts
 * @param categories the categories, when they are known before the scan
 */
record ReferenceBins(Kind kind, String key, String nonNullKey, Categories categories) {

    enum Kind {
        QUANTILES,
        EXACT_VALUES,
        TOP_VALUES,
        CATEGORY_COUNTS
    }

    /**
     * A reference's bins with their counts: numeric bins, or categories.
     *
     * @param bySorting whether the exact quantiles came from sorting the column (a bracket missed its
     *     order statistic, or the brackets were too large to collect)
     */
    record Resolved(Bins bins, Categories categories, boolean bySorting) {}

    /** What the block sample already planned in the reference's only scan. */
    static ReferenceBins fromSample(ReferenceSample.OnePass p, boolean numeric) {
        if (numeric) {
            return new ReferenceBins(Kind.QUANTILES, null, null, null);
        }
        return p.valuesKey() != null
                ? new ReferenceBins(Kind.EXACT_VALUES, p.valuesKey(), null, null)
                : new ReferenceBins(Kind.CATEGORY_COUNTS, p.histogramKey(), p.nonNullKey(), p.categories());
    }

    /**
     * Plans the reference's second scan for a column, from what its first scan said; null when the
     * column's method needs no bins (ks, wasserstein).
     *
     * @param top      the first scan's most frequent values (numbers compared by value)
     * @param distinct the first scan's estimate of distinct values (text)
     */
    static ReferenceBins plan(
            DriftColumn c,
            DriftMethods.Choice choice,
            long referenceValues,
            List<Object> top,
            long distinct,
            ExactQuantiles quantiles,
            int maxCategories,
            AggregateSink second) {
        if (c.numeric() && !choice.byValue() && DriftMethods.binned(choice.method())) {
            quantiles.planBrackets(second, referenceValues);
            return new ReferenceBins(Kind.QUANTILES, null, null, null);
        }
        if (choice.byValue() && c.numeric()) {
            Categories cats = Categories.of(c, top, false, DriftMethods.AUTO_FEW_VALUES + 1);
            return new ReferenceBins(
                    Kind.CATEGORY_COUNTS,
                    second.add(new Aggregate.CategoryCounts(c.ref(), cats)),
                    second.add(new Aggregate.Count(c.ref())),
                    cats);
        }
        if (choice.byValue()) {
            // Few values (the usual case): count every reference value exactly in the second scan.
            // Many: a bounded top-k sketch picks the values, counted afterwards (DuckDB's copy, or the engine).
            return distinct <= ReferenceSample.EXACT_CATEGORIES
                    ? new ReferenceBins(Kind.EXACT_VALUES, second.add(new Aggregate.ValueCounts(c.ref())), null, null)
                    : new ReferenceBins(
                            Kind.TOP_VALUES,
                            second.add(new Aggregate.TopValues(c.ref(), maxCategories, true)),
                            null,
                            null);
        }
        return null;
    }

    /** The bins and the reference's counts in them, from the scan that held them. */
    Resolved resolve(
            DriftColumn c,
            long referenceValues,
            Row row,
            ExactQuantiles quantiles,
            int maxCategories,
            DataFile ref,
            SqlRunner db,
            DriftDialect dialect)
            throws SQLException {
        switch (kind) {
            case QUANTILES: {
                ExactQuantiles.Result q = quantiles.resolve(row, referenceValues, db, ref, dialect);
                return new Resolved(Bins.fromQuantiles(q, referenceValues), null, q.bySorting());
            }
            case EXACT_VALUES: {
                Map<String, Long> counts = new LinkedHashMap<>();
                if (row.get(key) instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> counts.put(String.valueOf(k), ((Number) v).longValue()));
                }
                Categories cats = Categories.of(c, Categories.byFrequency(counts), false, max(c, maxCategories));
                return withCounts(cats, cats.counts(counts, referenceValues));
            }
            case TOP_VALUES: {
                Categories cats = Categories.of(c, row.getList(key), false, max(c, maxCategories));
                Row r = db.one(
                        dialect.categoryCounts(c.ref(), cats, ref.table()),
                        "counting the reference's values of " + c.name(),
                        ref.bytes());
                return withCounts(cats, cats.counts(dialect.categoryPositions(r.get("h"), cats), r.count("n")));
            }
            default:
                return withCounts(
                        categories,
                        categories.counts(dialect.categoryPositions(row.get(key), categories), row.count(nonNullKey)));
        }
    }

    private static int max(DriftColumn c, int maxCategories) {
        return c.numeric() ? DriftMethods.AUTO_FEW_VALUES + 1 : maxCategories;
    }

    private static Resolved withCounts(Categories cats, long[] counts) {
        return new Resolved(new Bins(new double[0], counts, cats.labels()), cats, false);
    }
}
