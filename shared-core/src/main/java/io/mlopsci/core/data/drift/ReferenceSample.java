package io.mlopsci.core.data.drift;

import io.mlopsci.core.config.DataConfig.Method;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.data.checks.Texts;
import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.BlockSample;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.RowGroupSample;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sample of the reference first — evenly spaced blocks of a text file ({@link BlockSample}), evenly
 * spaced row groups of a Parquet file ({@link RowGroupSample}) — so that binned measures need only
 * one scan of the reference: the sample's quantiles bracket each bin edge (or, when the sample shows
 * a numeric column's values to be few, every value is counted instead), and its values decide
 * whether a text column's categories are counted exactly or as its most frequent values. What the
 * sample decided is added to the reference's first scan.
 */
final class ReferenceSample {

    /** Text columns with at most this many distinct reference values are counted exactly in one scan. */
    static final long EXACT_CATEGORIES = 10_000;
    /**
     * A numeric column is counted by value when its sample shows at most this many distinct values,
     * each seen {@value #FEW_NUMBERS_REPEAT} times on average.
     */
    static final long FEW_NUMBERS = 1_000;

    static final long FEW_NUMBERS_REPEAT = 20;

    /**
     * What the reference's single scan holds for a column the sample planned: the exact counts of
     * its values ({@code valuesKey}), or counts over {@code categories} ({@code histogramKey},
     * {@code nonNullKey}); numeric columns' brackets live in their {@link ExactQuantiles}.
     */
    record OnePass(String valuesKey, Categories categories, String histogramKey, String nonNullKey) {}

    private ReferenceSample() {}

    /**
     * Samples the reference and plans the single scan for the binned columns that can have one;
     * returns those columns. A sample that cannot be read leaves them to two scans.
     */
    static Map<String, OnePass> plan(
            List<DriftColumn> columns,
            Map<String, ExactQuantiles> quantiles,
            int maxCategories,
            DataFile ref,
            DuckDb db,
            Progress progress,
            AggregateSink refPass,
            Path workDir)
            throws SQLException {
        List<DriftColumn> wanted = columns.stream()
                .filter(c ->
                        c.problem() == null && c.configured() != Method.AUTO && DriftMethods.binned(c.configured()))
                .toList();
        Map<String, OnePass> out = new LinkedHashMap<>();
        if (wanted.isEmpty()) {
            return out;
        }
        BlockSample.Sample sample;
        try {
            sample = ref.parsesText() ? BlockSample.of(ref, workDir) : RowGroupSample.of(ref, db);
        } catch (IOException | SQLException e) {
            return out;
        }
        if (sample == null) {
            return out;
        }
        try {
            long rows = db.one(
                            DuckDbDialect.INSTANCE.rowCount(sample.relation()),
                            "sampling " + ref.display(),
                            sample.bytes())
                    .count("n");
            progress.phase("drift: quantile brackets from "
                    + (sample.wholeFile()
                            ? "all of " + ref.display() + " (small enough to be its own sample)"
                            : "a sample of " + ref.display() + ": " + Texts.count(rows) + " rows in evenly spaced "
                                    + (ref.parsesText() ? "blocks" : "row groups") + " ("
                                    + DuckDb.size(sample.bytes()) + ")"));
            if (rows == 0) {
                return out;
            }
            int effective = (int) Math.max(1, sample.wholeFile() ? rows : rows / 2);
            AggregateQuery q = new AggregateQuery();
            AggregateSink sink = DuckDbDialect.sink(q);
            Map<String, String[]> keys = new LinkedHashMap<>();
            for (DriftColumn c : wanted) {
                Aggregate values = c.numeric()
                        ? new Aggregate.Quantiles(
                                c.ref(), quantiles.get(c.name()).sampleFractions(effective))
                        : new Aggregate.ValueCounts(c.ref());
                keys.put(c.name(), new String[] {
                    sink.add(values),
                    sink.add(new Aggregate.Count(c.ref())),
                    c.numeric() ? sink.add(new Aggregate.DistinctEstimate(c.ref())) : null
                });
            }
            Row r = q.run(db, ref, sample.relation(), "sampling " + ref.display());
            double scale = 1 / Math.max(1e-9, sample.share());
            for (DriftColumn c : wanted) {
                String[] k = keys.get(c.name());
                long n = r.count(k[1]);
                if (n == 0) {
                    continue;
                }
                if (c.numeric()) {
                    ExactQuantiles eq = quantiles.get(c.name());
                    long distinct = r.count(k[2]);
                    if (distinct <= FEW_NUMBERS && n >= FEW_NUMBERS_REPEAT * distinct) {
                        eq.planValueCounts(refPass);
                    } else {
                        eq.brackets(r.getList(k[0]), (int) Math.max(1, sample.wholeFile() ? n : n / 2));
                        eq.planBrackets(refPass, (long) (n * scale));
                    }
                    out.put(c.name(), new OnePass(null, null, null, null));
                } else {
                    out.put(c.name(), categories(c, r.get(k[0]), sample.wholeFile(), maxCategories, refPass));
                }
            }
        } catch (SQLException e) {
            // The sample could not be read (e.g. a quoted line break cut by a block): scan twice instead.
            out.clear();
        }
        return out;
    }

    /** Few values, or so few unseen ones that counting them all stays small: exact counts; else the most frequent. */
    private static OnePass categories(
            DriftColumn c, Object histogram, boolean wholeFile, int maxCategories, AggregateSink refPass) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (histogram instanceof Map<?, ?> m) {
            m.forEach((key, v) -> counts.put(String.valueOf(key), ((Number) v).longValue()));
        }
        long singletons = counts.values().stream().filter(v -> v == 1).count();
        boolean few = wholeFile ? counts.size() <= EXACT_CATEGORIES : counts.size() <= 1000 && singletons <= 10;
        if (few) {
            return new OnePass(refPass.add(new Aggregate.ValueCounts(c.ref())), null, null, null);
        }
        List<Object> ordered = Categories.byFrequency(counts);
        // Values the sample did not see are pooled with the rarer ones.
        Categories cats =
                Categories.of(c, ordered.subList(0, Math.min(ordered.size(), maxCategories - 1)), true, maxCategories);
        return new OnePass(
                null,
                cats,
                refPass.add(new Aggregate.CategoryCounts(c.ref(), cats)),
                refPass.add(new Aggregate.Count(c.ref())));
    }
}
