package io.mlopsci.core.data.drift;

import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import java.util.List;

/**
 * The drift comparison's SQL: how one engine writes the plan's {@link Aggregate}s and the few
 * queries that are not aggregates of one scan. {@link DuckDbDialect} is the embedded engine's; an
 * add-on engine's (Spark SQL: {@code data.engine.SparkDriftSql}) implements the same methods and runs
 * the same plan.
 */
public interface DriftDialect {

    /** The aggregate as an expression of a fused {@code SELECT ... FROM file}. */
    String aggregate(Aggregate a);

    /**
     * Adds the aggregate to {@code query}, a fused {@code SELECT ... FROM relation}; returns its key.
     * An engine that has no one-pass aggregate for it (Spark: exact counts of every value) may read
     * {@code relation} again in a subquery, shared by all such aggregates of the scan ({@link
     * AggregateQuery.Stack}); DuckDB adds {@link #aggregate(Aggregate)}, its counts of every value
     * apart from the fused scan on a columnar file ({@link AggregateQuery#addApart}).
     */
    default String add(AggregateQuery query, Aggregate a, String relation) {
        return query.add(aggregate(a));
    }

    /**
     * δ: how far on either side of the fraction {@code q} the brackets of the exact quantiles reach,
     * read from {@link Aggregate.SampleQuantiles} of size {@code sampleSize}. By default four
     * standard errors of a uniform sample's quantile (a bracket misses about once in 30,000; a miss
     * falls back to sorting, so a narrower δ costs time when wrong, never correctness).
     */
    default double bracketHalfWidth(double q, int sampleSize) {
        return ExactQuantiles.delta(q, sampleSize);
    }

    /**
     * A sample of {@code relation} that depends on the data alone: the rows whose hash of {@code
     * columns} is 0 modulo {@code every} (about one row in {@code every}; rows equal in every one of
     * {@code columns} are in or out together), as a relation; null when the engine samples its files
     * otherwise (DuckDB: evenly spaced blocks or row groups, {@link ReferenceSample}).
     */
    default String hashSample(String relation, List<DataFile.Column> columns, int every) {
        return null;
    }

    /**
     * The counts per 1-based position in {@code categories} (a map) from the value of {@link
     * Aggregate.CategoryCounts}, or of {@link #categoryCounts}'s {@code h}, in this dialect's SQL;
     * by default that value is already by position.
     */
    default Object categoryPositions(Object counts, Categories categories) {
        return counts;
    }

    /** {@code n}: the rows of {@code relation}. */
    String rowCount(String relation);

    /** {@code n}: non-null values of {@code column} in {@code table}. */
    String nonNullCount(DataFile.Column column, String table);

    /** {@code n}: distinct non-null values of {@code column} not among {@code known}, counting at most {@code limit}. */
    String distinctOutside(DataFile.Column column, String table, List<Double> known, int limit);

    /** {@code h}: counts per position in {@code categories}; {@code n}: non-null values. */
    String categoryCounts(DataFile.Column column, Categories categories, String table);

    /**
     * Both files' empirical distributions compared over their distinct values: {@code ks} the
     * largest |F_ref·n·m − F_cur·n·m| (as an integer), {@code w} Σ |F_ref·m − F_cur·n|·gap, {@code d}
     * distinct values, {@code inf} infinite ones.
     */
    String distributions(DataFile.Column ref, String refTable, DataFile.Column cur, String curTable, long n, long m);

    /** {@code r}, {@code v}: the values of {@code column} at the 0-based {@code ranks} of its sorted values. */
    String valuesAtRanks(DataFile.Column column, String table, List<Long> ranks);
}
