package io.mlopsci.core.data.drift;

import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.CheckDialect;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DuckDbSql;
import io.mlopsci.core.data.scan.Sql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The drift plan in DuckDB's SQL. */
final class DuckDbDialect implements DriftDialect {

    static final DuckDbDialect INSTANCE = new DuckDbDialect();

    private DuckDbDialect() {}

    /**
     * Counts of every value apart: in a query of their own on Parquet, DuckDB counts dictionary
     * entries. Counts below an edge, values inside brackets and a sample's quantiles are fed to the
     * JVM: nine {@code count_if}s and a filter of nested {@code CASE}s per column cost DuckDB more
     * than the rest of the reference's scan, and {@code quantile_cont} over the sample's columns
     * most of the sample's query.
     */
    @Override
    public String add(AggregateQuery query, Aggregate a, String relation) {
        if (a instanceof Aggregate.ValueCounts || a instanceof Aggregate.NumberCounts) {
            return query.addApart(aggregate(a));
        } else if (a instanceof Aggregate.CountBelow x) {
            return query.addFed(
                    aggregate(a), new JvmDriftAggregates.Below(number(x.column()), x.edge(), x.inclusive()));
        } else if (a instanceof Aggregate.ValuesWithin x) {
            return query.addFed(aggregate(a), JvmDriftAggregates.Within.of(number(x.column()), x.ranges()));
        } else if (a instanceof Aggregate.Quantiles x && x.ofSample()) {
            return query.addFed(aggregate(a), new JvmDriftAggregates.QuantilesOf(number(x.column()), x.fractions()));
        }
        return query.add(aggregate(a));
    }

    @Override
    public String aggregate(Aggregate a) {
        DataFile.Column c = a.column();
        if (a instanceof Aggregate.Count) {
            return "count(" + c.sql() + ")";
        } else if (a instanceof Aggregate.StdDevPop) {
            return "stddev_pop(" + number(c) + ")";
        } else if (a instanceof Aggregate.TopValues x) {
            return "approx_top_k(" + (x.asText() ? text(c) : number(c)) + ", " + x.k() + ")";
        } else if (a instanceof Aggregate.DistinctEstimate) {
            return "approx_count_distinct(" + c.sql() + ")";
        } else if (a instanceof Aggregate.SampleQuantiles x) {
            return "reservoir_quantile(" + number(c) + ", " + list(x.fractions()) + ", " + x.sampleSize() + ")";
        } else if (a instanceof Aggregate.Quantiles x) {
            return "quantile_cont(" + number(c) + ", " + list(x.fractions()) + ")";
        } else if (a instanceof Aggregate.ValueCounts) {
            return DuckDbSql.INSTANCE.valueCounts(text(c));
        } else if (a instanceof Aggregate.NumberCounts) {
            return "histogram(" + number(c) + ")";
        } else if (a instanceof Aggregate.TextValues) {
            return "list(" + text(c) + ") FILTER (WHERE " + c.sql() + " IS NOT NULL)";
        } else if (a instanceof Aggregate.CategoryCounts x) {
            return categoryCounts(x.categories(), c);
        } else if (a instanceof Aggregate.CountBelow x) {
            return "count_if(" + number(c) + (x.inclusive() ? " <= " : " < ") + Sql.dbl(x.edge()) + ")";
        } else if (a instanceof Aggregate.ValuesWithin x) {
            return "list(" + number(c) + ") FILTER (WHERE " + Sql.withinRanges(number(c), x.ranges()) + ")";
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
        return "SELECT " + categoryCounts(categories, column) + " AS h, count(" + column.sql() + ") AS n FROM " + table;
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

    /** A column's values as DOUBLE; a DOUBLE column as it is. */
    private static String number(DataFile.Column col) {
        return col.numbers();
    }

    /**
     * Counts of the listed values by {@code histogram_exact}, which finds each value by binary
     * search over the sorted list (a linear {@code list_position} per row costs ten times more for
     * long lists); {@link #categoryPositions} maps them to their positions in the plan's list.
     */
    private static String categoryCounts(Categories cats, DataFile.Column c) {
        if (cats.cast() == Categories.Cast.TEXT) {
            return DuckDbSql.INSTANCE.countsOf(
                    c, cats.values().stream().map(Object::toString).toList());
        }
        List<Object> sorted = new ArrayList<>(new TreeSet<>(cats.values()));
        return DuckDbSql.countsOfList(value(cats, c), literalList(sorted, cats.numeric()));
    }

    /** Each listed value's count from {@link #categoryCounts}' map, under its first position in the plan's list. */
    @Override
    public Object categoryPositions(Object counts, Categories cats) {
        Map<Object, Integer> positions = new HashMap<>();
        for (int i = cats.values().size() - 1; i >= 0; i--) {
            positions.put(key(cats.values().get(i)), i + 1);
        }
        Map<Integer, Long> out = new LinkedHashMap<>();
        CheckDialect.listedCounts(counts, new HashSet<>(cats.values()).size()).forEach((value, n) -> {
            Integer pos = positions.get(key(value));
            if (pos != null) {
                out.merge(pos, n, Long::sum);
            }
        });
        return out;
    }

    /** A listed value as a map key: numbers as doubles with one zero (DuckDB compares -0.0 equal to 0.0). */
    private static Object key(Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == 0 ? 0.0 : d;
        }
        return value.toString();
    }

    /** A column's values as text, for category sketches and labels. */
    private static String text(DataFile.Column col) {
        return col.kind() == DataFile.Kind.STRING ? col.sql() : "CAST(" + col.sql() + " AS VARCHAR)";
    }

    private static String list(List<Double> fractions) {
        return "[" + String.join(", ", fractions.stream().map(Sql::dbl).toList()) + "]";
    }

    /** The column's value as the category list holds its values. */
    private static String value(Categories cats, DataFile.Column c) {
        return switch (cats.cast()) {
            case DOUBLE -> "CAST(" + c.sql() + " AS DOUBLE)";
            case EPOCH -> "CAST(epoch(" + c.sql() + ") AS DOUBLE)";
            case TEXT -> c.sql();
            case VARCHAR -> "CAST(" + c.sql() + " AS VARCHAR)";
        };
    }

    private static String literalList(List<Object> values, boolean numeric) {
        if (!numeric) {
            return values.isEmpty()
                    ? "CAST([] AS VARCHAR[])"
                    : Sql.stringList(values.stream().map(Object::toString).toList());
        }
        List<String> literals = new ArrayList<>();
        for (Object v : values) {
            literals.add(Sql.dbl(((Number) v).doubleValue()));
        }
        return literals.isEmpty() ? "CAST([] AS DOUBLE[])" : "[" + String.join(", ", literals) + "]";
    }
}
