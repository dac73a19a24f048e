package io.mlopsci.core.data.scan;

/**
 * The few pieces of the column, table and leakage checks' SQL that differ between engines.
 * Identifiers are double-quoted ({@link Sql#ident}) and literals single-quoted on every engine
 * (Spark runs with {@code spark.sql.ansi.doubleQuotedIdentifiers}).
 */
public interface CheckDialect {

    /** A string literal (engines differ in how quotes and backslashes are escaped). */
    String string(String text);

    /** {@code expr} as text. */
    String text(String expr);

    /** The engine's name of a type DuckDB calls {@code duckType} (for {@code TRY_CAST}). */
    String type(String duckType);

    /** True when the whole of {@code value} matches {@code regex}. */
    String fullMatch(String value, String regex);

    /** An aggregate: the {@code k} smallest non-null values of {@code expr}, as a list. */
    String smallest(String expr, int k);

    /**
     * Whether a long allowed-values list is better counted by each value's position in the list
     * (DuckDB: {@code histogram(list_position(...))}) than by {@code NOT IN}.
     */
    boolean countsListPositions();

    /**
     * Why {@code regex} cannot be used by {@link #fullMatch}, or null when it can.
     *
     * @param runner runs a probe query when the engine itself must say
     */
    String regexError(SqlRunner runner, String regex);

    /**
     * How many aggregates one SELECT over a columnar source may hold before the engine computes them
     * worse than in several SELECTs that each read their own columns ({@link AggregateQuery#run}); a
     * text source is always read by one SELECT. Unlimited by default (DuckDB).
     */
    default int aggregatesPerSelect() {
        return Integer.MAX_VALUE;
    }
}
