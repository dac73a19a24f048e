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
import io.mlopsci.core.data.scan.SqlRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sample of the reference first — evenly spaced blocks of a text file ({@link BlockSample}), evenly
 * spaced row groups of a Parquet file ({@link RowGroupSample}) on DuckDB; on an add-on engine (Spark)
 * the rows whose hash of the compared columns is 0 modulo ⌈rows / {@value #HASH_SAMPLE_ROWS}⌉
 * ({@link DriftDialect#hashSample}) — so that binned measures need only one scan of the reference: the
 * sample's quantiles bracket each bin edge (or, when the sample shows a numeric column's values to be
 * few, every value is counted instead), and its values decide whether a text column's categories are
 * counted exactly or as its most frequent values. What the sample decided is added to the reference's
 * first scan.
 *
 * <p>On an add-on engine the sample decides only what cannot change a number: brackets (a bracket
 * that misses its order statistic falls back to sorting, {@link ExactQuantiles}), counting a numeric
 * column by value (exact either way), and counting a text column's values exactly when the sample
 * finds them few — kept only if the first scan's distinct estimate then says what the two-scan plan
 * would ({@link OnePass#checkDistinct}). A text column the sample finds not few keeps the two-scan
 * plan (its most frequent values from the engine's sketch of the whole reference), so its bins are
 * the same as without the sample.
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
     * An add-on engine's hash sample holds about this many rows (between half of it and all of it):
     * one row in ⌈rows / {@value}⌉, so that its cost does not grow with the reference, and a reference
     * of at most this many rows is its own sample, with exact decisions, as a small file is on DuckDB.
     * At this size the brackets hold about 8% of the rows over nine deciles (four standard errors of
     * a sample quantile each); a sample eight times as large would narrow them only to 3%.
     */
    static final long HASH_SAMPLE_ROWS = 1 << 17;

    /**
     * What the reference's single scan holds for a column the sample planned: the exact counts of
     * its values ({@code valuesKey}), or counts over {@code categories} ({@code histogramKey},
     * {@code nonNullKey}); numeric columns' brackets live in their {@link ExactQuantiles}.
     *
     * @param checkDistinct a text column's exact counts stand only if the first scan's distinct
     *     estimate is at most {@link #EXACT_CATEGORIES}, as the two-scan plan decides; otherwise the
     *     column goes on to the second scan
     */
    record OnePass(
            String valuesKey, Categories categories, String histogramKey, String nonNullKey, boolean checkDistinct) {}

    /** The rows a sample reads: their relation, whether they are the whole file, their share of it. */
    private record Sampled(String relation, boolean wholeFile, double share) {}

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
        List<DriftColumn> wanted = wanted(columns);
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
            // Blocks and row groups hold neighbouring rows: count the sample as half its rows.
            return fromSample(
                    wanted,
                    quantiles,
                    maxCategories,
                    ref,
                    db,
                    DuckDbDialect.INSTANCE,
                    new Sampled(sample.relation(), sample.wholeFile(), sample.share()),
                    sample.wholeFile() ? rows : rows / 2,
                    false,
                    refPass);
        } catch (SQLException e) {
            // The sample could not be read (e.g. a quoted line break cut by a block): scan twice instead.
            return new LinkedHashMap<>();
        }
    }

    /**
     * On an add-on engine: the same planning from the engine's hash sample ({@link
     * DriftDialect#hashSample}) of about {@value #HASH_SAMPLE_ROWS} rows, or from the whole reference
     * when it has no more rows than that; nothing when the dialect has no hash sample. The engine's errors are
     * the step's (no fallback: a sample the engine cannot read, it cannot scan either).
     */
    static Map<String, OnePass> planHashed(
            List<DriftColumn> columns,
            Map<String, ExactQuantiles> quantiles,
            int maxCategories,
            DataFile ref,
            SqlRunner db,
            DriftDialect dialect,
            Progress progress,
            AggregateSink refPass)
            throws SQLException {
        List<DriftColumn> wanted = wanted(columns);
        // Every compared column goes into the hash, so that rows tied in one column are not in or out together.
        List<DataFile.Column> hashed = columns.stream()
                .filter(c -> c.problem() == null)
                .map(DriftColumn::ref)
                .toList();
        // No hash sample in the dialect (DuckDB samples blocks and row groups): every column scans twice.
        if (wanted.isEmpty() || dialect.hashSample(ref.relation(), hashed, 2) == null) {
            return new LinkedHashMap<>();
        }
        String what = "sampling " + ref.display();
        long total = db.one(dialect.rowCount(ref.relation()), what, ref.bytes()).count("n");
        Sampled sample;
        long expected;
        if (total <= HASH_SAMPLE_ROWS) {
            sample = new Sampled(ref.relation(), true, 1);
            expected = total;
            progress.phase(
                    "drift: quantile brackets from all of " + ref.display() + " (small enough to be its own sample)");
        } else {
            long every = (total + HASH_SAMPLE_ROWS - 1) / HASH_SAMPLE_ROWS;
            sample = new Sampled(dialect.hashSample(ref.relation(), hashed, (int) every), false, 1.0 / every);
            expected = total / every;
            progress.phase("drift: quantile brackets from a sample of " + ref.display() + ": one row in " + every
                    + " of " + Texts.count(total) + " by a hash of the compared columns");
        }
        if (total == 0) {
            return new LinkedHashMap<>();
        }
        // Each row is in or out by its own hash, not by its neighbours: the sample counts as all its rows.
        return fromSample(wanted, quantiles, maxCategories, ref, db, dialect, sample, expected, true, refPass);
    }

    /** The binned columns whose method is configured (auto decides after the first scan). */
    private static List<DriftColumn> wanted(List<DriftColumn> columns) {
        return columns.stream()
                .filter(c ->
                        c.problem() == null && c.configured() != Method.AUTO && DriftMethods.binned(c.configured()))
                .toList();
    }

    /**
     * Reads the sample's quantiles, distinct numbers and text values, and plans the reference's
     * single scan from them.
     *
     * @param effective  the sample's size for the brackets' width
     * @param hashed     a hash sample (add-on engines): its rows count in full for a column's brackets,
     *     and it may only choose exact counts for a text column (never its top values), checked
     *     against the first scan's distinct estimate
     */
    private static Map<String, OnePass> fromSample(
            List<DriftColumn> wanted,
            Map<String, ExactQuantiles> quantiles,
            int maxCategories,
            DataFile ref,
            SqlRunner db,
            DriftDialect dialect,
            Sampled sample,
            long effective,
            boolean hashed,
            AggregateSink refPass)
            throws SQLException {
        Map<String, OnePass> out = new LinkedHashMap<>();
        int size = (int) Math.max(1, Math.min(Integer.MAX_VALUE, effective));
        AggregateQuery q = new AggregateQuery();
        AggregateSink sink = AggregateSink.of(dialect, q, sample.relation());
        Map<String, String[]> keys = new LinkedHashMap<>();
        for (DriftColumn c : wanted) {
            // A hash sample's text values are counted here: its size is bounded, and on Spark the
            // grouped count per value would read the whole reference once more.
            Aggregate values = c.numeric()
                    ? new Aggregate.Quantiles(c.ref(), quantiles.get(c.name()).fractionsOfSample(size), true)
                    : hashed ? new Aggregate.TextValues(c.ref()) : new Aggregate.ValueCounts(c.ref());
            keys.put(c.name(), new String[] {
                sink.add(values),
                sink.add(new Aggregate.Count(c.ref())),
                c.numeric() ? sink.add(new Aggregate.DistinctEstimate(c.ref())) : null
            });
        }
        // A hash sample hashes every compared column of every row of the reference: one SELECT.
        Row r = hashed
                ? q.runInOne(db, ref, sample.relation(), "sampling " + ref.display())
                : q.run(db, ref, sample.relation(), "sampling " + ref.display());
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
                    long columnEffective = sample.wholeFile() || hashed ? n : n / 2;
                    eq.bracketsOfSample(
                            r.getList(k[0]), (int) Math.max(1, Math.min(Integer.MAX_VALUE, columnEffective)));
                    eq.planBrackets(refPass, (long) (n * scale));
                }
                out.put(c.name(), new OnePass(null, null, null, null, false));
            } else {
                Object histogram = hashed ? counted(r.getList(k[0])) : r.get(k[0]);
                OnePass p = categories(c, histogram, sample.wholeFile(), maxCategories, hashed, refPass);
                if (p != null) {
                    out.put(c.name(), p);
                }
            }
        }
        return out;
    }

    /** Each value of the list with its count. */
    private static Map<String, Long> counted(List<Object> values) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (values != null) {
            values.forEach(v -> counts.merge(String.valueOf(v), 1L, Long::sum));
        }
        return counts;
    }

    /**
     * Few values, or so few unseen ones that counting them all stays small: exact counts; else the
     * most frequent — or, when {@code exactOnly}, null (the column keeps the two-scan plan).
     */
    private static OnePass categories(
            DriftColumn c,
            Object histogram,
            boolean wholeFile,
            int maxCategories,
            boolean exactOnly,
            AggregateSink refPass) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (histogram instanceof Map<?, ?> m) {
            m.forEach((key, v) -> counts.put(String.valueOf(key), ((Number) v).longValue()));
        }
        long singletons = counts.values().stream().filter(v -> v == 1).count();
        boolean few = wholeFile ? counts.size() <= EXACT_CATEGORIES : counts.size() <= 1000 && singletons <= 10;
        if (few) {
            return new OnePass(refPass.add(new Aggregate.ValueCounts(c.ref())), null, null, null, exactOnly);
        }
        if (exactOnly) {
            return null;
        }
        List<Object> ordered = Categories.byFrequency(counts);
        // Values the sample did not see are pooled with the rarer ones.
        Categories cats =
                Categories.of(c, ordered.subList(0, Math.min(ordered.size(), maxCategories - 1)), true, maxCategories);
        return new OnePass(
                null,
                cats,
                refPass.add(new Aggregate.CategoryCounts(c.ref(), cats)),
                refPass.add(new Aggregate.Count(c.ref())),
                false);
    }
}
