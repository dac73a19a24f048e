package io.mlopsci.core.data.drift;

import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.Sql;
import java.util.ArrayList;
import java.util.List;

/** The drift plan in DuckDB's SQL. */
final class DuckDbDialect implements DriftDialect {

    static final DuckDbDialect INSTANCE = new DuckDbDialect();

    private DuckDbDialect() {}

    /** Aggregates added to a DuckDB fused query. */
    static AggregateSink sink(AggregateQuery query) {
        return a -> query.add(INSTANCE.aggregate(a));
    }

    @Override
    public String aggregate(Aggregate a) {
        DataFile.Column c = a.column();
        if (a instanceof Aggregate.Count) {
            return "count(" + c.sql() + ")";
        } else if (a instanceof Aggregate.StdDevPop) {
            return "stddev_pop(" + c.asDouble() + ")";
        } else if (a instanceof Aggregate.TopValues x) {
            return "approx_top_k(" + (x.asText() ? text(c) : c.asDouble()) + ", " + x.k() + ")";
        } else if (a instanceof Aggregate.DistinctEstimate) {
            return "approx_count_distinct(" + text(c) + ")";
        } else if (a instanceof Aggregate.SampleQuantiles x) {
            return "reservoir_quantile(" + c.asDouble() + ", " + list(x.fractions()) + ", " + x.sampleSize() + ")";
        } else if (a instanceof Aggregate.Quantiles x) {
            return "quantile_cont(" + c.asDouble() + ", " + list(x.fractions()) + ")";
        } else if (a instanceof Aggregate.ValueCounts) {
            return "histogram(" + text(c) + ")";
        } else if (a instanceof Aggregate.CategoryCounts x) {
            return "histogram(" + position(x.categories(), c) + ")";
        } else if (a instanceof Aggregate.CountBelow x) {
            return "count_if(" + c.asDouble() + (x.inclusive() ? " <= " : " < ") + Sql.dbl(x.edge()) + ")";
        } else if (a instanceof Aggregate.ValuesWithin x) {
            return "list(" + c.asDouble() + ") FILTER (WHERE " + within(c, x.ranges()) + ")";
        }
        throw new IllegalArgumentException("no SQL for " + a);
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
        return "SELECT count(*) AS n FROM (SELECT DISTINCT " + column.asDouble() + " AS v FROM " + table + " WHERE "
                + column.sql() + " IS NOT NULL AND " + column.asDouble() + " NOT IN (" + String.join(", ", values)
                + ") LIMIT " + limit + ")";
    }

    @Override
    public String categoryCounts(DataFile.Column column, Categories categories, String table) {
        return "SELECT histogram(" + position(categories, column) + ") AS h, count(" + column.sql() + ") AS n FROM "
                + table;
    }

    @Override
    public String distributions(
            DataFile.Column ref, String refTable, DataFile.Column cur, String curTable, long n, long m) {
        String diff = "abs(cr * " + m + "::HUGEINT - ck * " + n + "::HUGEINT)";
        return "WITH u AS (SELECT " + ref.asDouble() + " AS v, 1 AS r, 0 AS k FROM " + refTable
                + " WHERE " + ref.sql() + " IS NOT NULL UNION ALL SELECT " + cur.asDouble() + ", 0, 1 FROM "
                + curTable + " WHERE " + cur.sql() + " IS NOT NULL), "
                + "g AS (SELECT v, sum(r) AS r, sum(k) AS k FROM u GROUP BY v), "
                + "w AS (SELECT v, sum(r) OVER o AS cr, sum(k) OVER o AS ck, lead(v) OVER (ORDER BY v) AS nv FROM g "
                + "WINDOW o AS (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) "
                + "SELECT max(" + diff + ") AS ks, sum(CAST(" + diff + " AS DOUBLE) * (nv - v)) AS w, count(*) AS d, "
                + "count_if(isinf(v)) AS inf FROM w";
    }

    @Override
    public String valuesAtRanks(DataFile.Column column, String table, List<Long> ranks) {
        String in =
                String.join(", ", ranks.stream().distinct().map(String::valueOf).toList());
        return "SELECT r, v FROM (SELECT v, row_number() OVER (ORDER BY v) - 1 AS r FROM (SELECT " + column.asDouble()
                + " AS v FROM " + table + " WHERE " + column.sql() + " IS NOT NULL)) WHERE r IN (" + in + ")";
    }

    /** A column's values as text, for category sketches and labels. */
    private static String text(DataFile.Column col) {
        return col.kind() == DataFile.Kind.STRING ? col.sql() : "CAST(" + col.sql() + " AS VARCHAR)";
    }

    private static String list(List<Double> fractions) {
        return "[" + String.join(", ", fractions.stream().map(Sql::dbl).toList()) + "]";
    }

    /** The 1-based position of the column's value in the category list, 0 when it is not there. */
    private static String position(Categories cats, DataFile.Column c) {
        String value = switch (cats.cast()) {
            case DOUBLE -> "CAST(" + c.sql() + " AS DOUBLE)";
            case EPOCH -> "CAST(epoch(" + c.sql() + ") AS DOUBLE)";
            case TEXT -> c.sql();
            case VARCHAR -> "CAST(" + c.sql() + " AS VARCHAR)";
        };
        List<String> literals = new ArrayList<>();
        for (Object v : cats.values()) {
            literals.add(cats.numeric() ? Sql.dbl(((Number) v).doubleValue()) : Sql.string(v.toString()));
        }
        String list = literals.isEmpty()
                ? (cats.numeric() ? "CAST([] AS DOUBLE[])" : "CAST([] AS VARCHAR[])")
                : "[" + String.join(", ", literals) + "]";
        return "list_position(" + list + ", " + value + ")";
    }

    /** Membership in the union of the ranges; rows outside the outer bounds (most) fail the first two tests. */
    private static String within(DataFile.Column c, List<double[]> ranges) {
        String v = c.asDouble();
        List<String> terms = new ArrayList<>();
        for (double[] r : ranges) {
            terms.add("(" + v + " >= " + Sql.dbl(r[0]) + " AND " + v + " <= " + Sql.dbl(r[1]) + ")");
        }
        return v + " >= " + Sql.dbl(ranges.get(0)[0]) + " AND " + v + " <= "
                + Sql.dbl(ranges.get(ranges.size() - 1)[1])
                + (terms.size() > 1 ? " AND (" + String.join(" OR ", terms) + ")" : "");
    }
}
