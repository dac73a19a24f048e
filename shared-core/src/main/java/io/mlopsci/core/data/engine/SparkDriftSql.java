package io.mlopsci.core.data.engine;

import static io.mlopsci.core.data.engine.SparkGroupedCounts.Field.NUMBER;
import static io.mlopsci.core.data.engine.SparkGroupedCounts.Field.POSITION;
import static io.mlopsci.core.data.engine.SparkGroupedCounts.Field.TEXT;

import io.mlopsci.core.data.drift.Aggregate;
import io.mlopsci.core.data.drift.Categories;
import io.mlopsci.core.data.drift.DriftDialect;
import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The drift plan in Spark SQL (4.1, ANSI mode with double-quoted identifiers, as {@link SparkSql}).
 * Where DuckDB's functions have no Spark twin:
 * <ul>
 *   <li>exact quantiles are {@code percentile} (linear interpolation between the two order
 *       statistics, numpy's default, as DuckDB's {@code quantile_cont});</li>
 *   <li>the brackets of the exact bins come from {@code approx_percentile} instead of a reservoir
 *       sample — only the brackets: the bins themselves are the exact order statistics inside them —
 *       and are as narrow as its rank error bound allows ({@link #bracketHalfWidth});</li>
 *   <li>exact counts of every value (DuckDB's {@code histogram}) have no one-pass aggregate in
 *       Spark, and counts over known categories are by each value's position in the list: a scalar
 *       subquery groups the relation by column and value, one for all such columns of the scan
 *       ({@link SparkGroupedCounts}: one more job per scan, not one per column; one {@code count_if}
 *       per category made the scan's aggregate hundreds of fields wide, several times slower on a
 *       bench of 280 categories);</li>
 *   <li>the KS statistic's products are {@code DECIMAL(38,0)} (DuckDB: {@code HUGEINT}).</li>
 * </ul>
 */
public final class SparkDriftSql implements DriftDialect {

    public static final SparkDriftSql INSTANCE = new SparkDriftSql();

    /** Counts over an empty category list. */
    private static final String EMPTY_POSITIONS = SparkGroupedCounts.empty(POSITION);

    private SparkDriftSql() {}

    @Override
    public String aggregate(Aggregate a) {
        DataFile.Column c = a.column();
        if (a instanceof Aggregate.Count) {
            return "count(" + c.sql() + ")";
        } else if (a instanceof Aggregate.StdDevPop) {
            return "stddev_pop(" + number(c) + ")";
        } else if (a instanceof Aggregate.TopValues x) {
            return "transform(approx_top_k(" + (x.asText() ? text(c) : number(c)) + ", " + x.k() + "), e -> e.item)";
        } else if (a instanceof Aggregate.DistinctEstimate) {
            return "approx_count_distinct(" + c.sql() + ")";
        } else if (a instanceof Aggregate.SampleQuantiles x) {
            // Accuracy as fine as the sample's size: rank error at most n / sampleSize, well inside
            // the brackets drawn around each quantile for a sample of that size.
            return "approx_percentile(" + number(c) + ", " + array(x.fractions()) + ", " + x.sampleSize() + ")";
        } else if (a instanceof Aggregate.Quantiles x) {
            return "percentile(" + number(c) + ", " + array(x.fractions()) + ")";
        } else if (a instanceof Aggregate.TextValues) {
            return "collect_list(" + text(c) + ")";
        } else if (a instanceof Aggregate.CountBelow x) {
            return "count_if(" + number(c) + (x.inclusive() ? " <= " : " < ") + Sql.dbl(x.edge()) + ")";
        } else if (a instanceof Aggregate.ValuesWithin x) {
            return "collect_list(" + number(c) + ") FILTER (WHERE " + Sql.withinRanges(number(c), x.ranges()) + ")";
        } else if (a instanceof Aggregate.CategoryCounts x
                && x.categories().values().isEmpty()) {
            return EMPTY_POSITIONS;
        }
        throw new IllegalArgumentException("no one-pass Spark SQL for " + a + ": it needs the relation");
    }

    /**
     * Exact counts of every value and counts over categories (no one-pass aggregate in Spark) are
     * all of the scan's {@link SparkGroupedCounts}: one more job for the scan, not one per column.
     * The sketches, lists and exact percentiles are imperative aggregates, which Spark cannot compile
     * into a scan's generated code: apart from the counts ({@link AggregateQuery#addApart}), so that on
     * a columnar source the counts' SELECTs are compiled ({@link SparkSql#aggregatesPerSelect}).
     */
    @Override
    public String add(AggregateQuery query, Aggregate a, String relation) {
        DataFile.Column c = a.column();
        if (a instanceof Aggregate.ValueCounts) {
            return query.add(new SparkGroupedCounts(relation), new SparkGroupedCounts.Part(TEXT, c, text(c)));
        } else if (a instanceof Aggregate.NumberCounts) {
            return query.add(new SparkGroupedCounts(relation), new SparkGroupedCounts.Part(NUMBER, c, number(c)));
        } else if (a instanceof Aggregate.CategoryCounts x
                && !x.categories().values().isEmpty()) {
            return query.add(new SparkGroupedCounts(relation), positions(x.categories(), c));
        } else if (imperative(a)) {
            return query.addApart(aggregate(a));
        }
        return query.add(aggregate(a));
    }

    /** Whether Spark computes {@code a} with an imperative aggregate (no generated code). */
    private static boolean imperative(Aggregate a) {
        return a instanceof Aggregate.TopValues
                || a instanceof Aggregate.DistinctEstimate
                || a instanceof Aggregate.SampleQuantiles
                || a instanceof Aggregate.Quantiles
                || a instanceof Aggregate.TextValues
                || a instanceof Aggregate.ValuesWithin;
    }

    /**
     * {@code approx_percentile} at accuracy {@code sampleSize} is off by at most n / sampleSize ranks,
     * deterministically (Spark's documented relative error 1 / accuracy), where a random sample of
     * that size needs four standard errors: brackets of 8 × that bound hold the order statistic with
     * room to spare and collect about 50× fewer values (a miss would fall back to sorting).
     */
    @Override
    public double bracketHalfWidth(double q, int sampleSize) {
        return 8.0 / sampleSize;
    }

    /**
     * The rows whose {@code xxhash64} of the columns (Spark's 64-bit xxHash, seed 42) is 0 modulo
     * {@code every}: the same rows for the same data whatever its partitioning, where {@code
     * TABLESAMPLE} draws per partition. Spark filters before aggregating, so sketches over the sample
     * cost about the reading of the columns.
     */
    @Override
    public String hashSample(String relation, List<DataFile.Column> columns, int every) {
        String cols =
                String.join(", ", columns.stream().map(DataFile.Column::sql).toList());
        return "(SELECT * FROM " + relation + " WHERE pmod(xxhash64(" + cols + "), " + every + ") = 0) AS sample";
    }

    @Override
    public String rowCount(String relation) {
        return "SELECT count(*) AS n FROM " + relation;
    }

    @Override
    public String nonNullCount(DataFile.Column column, String table) {
        return "SELECT count(" + column.sql() + ") AS n FROM " + table;
    }

    @Override
    public String distinctOutside(DataFile.Column column, String table, List<Double> known, int limit) {
        List<String> values = known.stream().map(Sql::dbl).toList();
        return "SELECT count(*) AS n FROM (SELECT DISTINCT " + number(column) + " AS v FROM " + table + " WHERE "
                + column.sql() + " IS NOT NULL AND " + number(column) + " NOT IN (" + String.join(", ", values)
                + ") LIMIT " + limit + ") AS d";
    }

    @Override
    public String categoryCounts(DataFile.Column column, Categories categories, String table) {
        String h = EMPTY_POSITIONS;
        if (!categories.values().isEmpty()) {
            SparkGroupedCounts stack = new SparkGroupedCounts(table);
            SparkGroupedCounts.Part part = positions(categories, column);
            h = stack.expression(part, 0, stack.shared(List.of(part)));
        }
        return "SELECT " + h + " AS h, count(" + column.sql() + ") AS n FROM " + table;
    }

    @Override
    public String distributions(
            DataFile.Column ref, String refTable, DataFile.Column cur, String curTable, long n, long m) {
        String diff = "abs(CAST(cr AS DECIMAL(38,0)) * " + m + " - CAST(ck AS DECIMAL(38,0)) * " + n + ")";
        return "WITH u AS (SELECT " + number(ref) + " AS v, 1 AS r, 0 AS k FROM " + refTable
                + " WHERE " + ref.sql() + " IS NOT NULL UNION ALL SELECT " + number(cur) + ", 0, 1 FROM "
                + curTable + " WHERE " + cur.sql() + " IS NOT NULL), "
                + "g AS (SELECT v, sum(r) AS r, sum(k) AS k FROM u GROUP BY v), "
                + "w AS (SELECT v, sum(r) OVER o AS cr, sum(k) OVER o AS ck, lead(v) OVER (ORDER BY v) AS nv FROM g "
                + "WINDOW o AS (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) "
                + "SELECT max(" + diff + ") AS ks, sum(CAST(" + diff + " AS DOUBLE) * (nv - v)) AS w, count(*) AS d, "
                + "count_if(abs(v) = " + Sql.dbl(Double.POSITIVE_INFINITY) + ") AS inf FROM w";
    }

    @Override
    public String valuesAtRanks(DataFile.Column column, String table, List<Long> ranks) {
        String in =
                String.join(", ", ranks.stream().distinct().map(String::valueOf).toList());
        return "SELECT r, v FROM (SELECT v, row_number() OVER (ORDER BY v) - 1 AS r FROM (SELECT " + number(column)
                + " AS v FROM " + table + " WHERE " + column.sql() + " IS NOT NULL) AS s) AS o WHERE r IN (" + in + ")";
    }

    /**
     * A column's values as DOUBLE: dates and timestamps as seconds since the epoch, as DuckDB's
     * {@code epoch}; a timestamp as the session's time zone reads it (the measures do not change
     * when every value moves by the same offset).
     */
    static String number(DataFile.Column col) {
        return switch (col.kind()) {
            case DATE -> "CAST(unix_date(" + col.sql() + ") AS DOUBLE) * 86400";
            case TIMESTAMP -> "unix_micros(CAST(" + col.sql() + " AS TIMESTAMP)) / 1e6";
            default ->
                col.duckType().toLowerCase(Locale.ROOT).equals("double")
                        ? col.sql()
                        : "CAST(" + col.sql() + " AS DOUBLE)";
        };
    }

    /** A column's values as text, for category sketches and labels. */
    private static String text(DataFile.Column col) {
        return col.kind() == DataFile.Kind.STRING ? col.sql() : "CAST(" + col.sql() + " AS STRING)";
    }

    /**
     * Each value's 1-based position in the category list ({@code array_position}: a value's first
     * position, as DuckDB's {@code list_position} finds it; 0 when not listed, and left out of the
     * counts).
     */
    private static SparkGroupedCounts.Part positions(Categories cats, DataFile.Column c) {
        List<String> literals = new ArrayList<>();
        for (Object v : cats.values()) {
            literals.add(literal(cats, v));
        }
        return new SparkGroupedCounts.Part(
                POSITION,
                c,
                "CAST(array_position(array(" + String.join(", ", literals) + "), " + value(cats, c) + ") AS INT)");
    }

    /** The column's value as the category list holds its values. */
    private static String value(Categories cats, DataFile.Column c) {
        return switch (cats.cast()) {
            case DOUBLE -> "CAST(" + c.sql() + " AS DOUBLE)";
            case EPOCH -> number(c);
            case TEXT -> c.sql();
            case VARCHAR -> "CAST(" + c.sql() + " AS STRING)";
        };
    }

    private static String literal(Categories cats, Object v) {
        return cats.numeric() ? Sql.dbl(((Number) v).doubleValue()) : SparkSql.INSTANCE.string(v.toString());
    }

    private static String array(List<Double> fractions) {
        return "array(" + String.join(", ", fractions.stream().map(Sql::dbl).toList()) + ")";
    }
}
