package io.mlopsci.core.data.engine;

import io.mlopsci.core.data.scan.CheckDialect;
import io.mlopsci.core.data.scan.SqlRunner;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The checks' SQL in Spark SQL (4.x, ANSI mode with double-quoted identifiers: the engine sets
 * both on its session). Regexes run as Java regexes ({@code regexp_like}); a full match is
 * anchored with {@code \A} and {@code \z}, so a trailing newline does not match as it would with
 * {@code $}. Text of a value is Spark's {@code CAST(... AS STRING)}, which writes some numbers
 * differently from DuckDB (only evidence and labels show it, never a measure).
 */
public final class SparkSql implements CheckDialect {

    public static final SparkSql INSTANCE = new SparkSql();

    private SparkSql() {}

    @Override
    public String text(String expr) {
        return "CAST(" + expr + " AS STRING)";
    }

    @Override
    public String type(String duckType) {
        String t = duckType.toUpperCase(Locale.ROOT);
        return t.equals("VARCHAR") || t.equals("TEXT") ? "STRING" : duckType;
    }

    @Override
    public String fullMatch(String value, String regex) {
        return "regexp_like(" + value + ", " + string("\\A(?:" + regex + ")\\z") + ")";
    }

    @Override
    public String smallest(String expr, int k) {
        return "slice(sort_array(collect_list(" + expr + ")), 1, " + k + ")";
    }

    /**
     * Spark compiles an aggregate over a columnar source into one Java method (whole-stage code
     * generation) only when no operator has more than {@code spark.sql.codegen.maxFields} (100)
     * fields and every aggregate is declarative; otherwise the whole SELECT runs interpreted, row by
     * row. A SELECT of at most 32 aggregates stays within 100 fields even when each keeps three
     * (a standard deviation's count, mean and squared deviations) or filters on an expression of its
     * own; the sketches and lists, which are not declarative, go into a SELECT of their own ({@link
     * io.mlopsci.core.data.scan.AggregateQuery#addApart}). On the benchmark's 10M-row Parquet file the
     * current file's 155 aggregates took 88–91 s of Spark's CPU in one SELECT, 32–34 s in six (37 s in
     * three of up to 99 counts, which only fit because a count keeps one field).
     */
    @Override
    public int aggregatesPerSelect() {
        return 32;
    }

    @Override
    public String regexError(SqlRunner runner, String regex) {
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return "is not a valid Java regex (Spark's regexp_like): " + e.getDescription() + " near index "
                    + e.getIndex();
        }
    }

    /** A Spark SQL string literal: Spark reads backslash escapes in literals, so both quote and backslash are escaped. */
    @Override
    public String string(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
