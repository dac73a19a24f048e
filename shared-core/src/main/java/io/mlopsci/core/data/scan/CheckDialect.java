package io.mlopsci.core.data.scan;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

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
     * An aggregate counting each of {@code texts} among the values of {@code column} (text): a map
     * whose first entries are the listed values ({@link #listedCounts}); null when the engine
     * counts a long allowed-values list better with {@code NOT IN}.
     */
    default String countsOf(DataFile.Column column, Collection<String> texts) {
        return null;
    }

    /**
     * The counts of the {@code listed} values from the map of {@link #countsOf}, by value: an entry
     * after them may count the other values, under a key that may equal a listed one. Empty for null.
     */
    static Map<Object, Long> listedCounts(Object counts, int listed) {
        Map<Object, Long> out = new LinkedHashMap<>();
        if (counts instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (out.size() == listed) {
                    break;
                }
                out.put(e.getKey(), ((Number) e.getValue()).longValue());
            }
        }
        return out;
    }

    /**
     * An aggregate: every non-null value of {@code expr} with its count, as a map; null when the
     * engine has no such aggregate. The drift check counts a few-valued column's values with it,
     * and a column rule on the same scan reads those counts instead of counting again.
     */
    default String valueCounts(String expr) {
        return null;
    }

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
