package io.mlopsci.core.data.scan;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Quoting for the SQL the checks compile to: every name and value from a user is quoted here. */
public final class Sql {

    private Sql() {}

    /** A quoted identifier: {@code "name"}, with embedded quotes doubled. */
    public static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A string literal: {@code 'text'}, with embedded quotes doubled. */
    public static String string(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    public static String path(Path p) {
        return string(p.toAbsolutePath().toString());
    }

    /** A DOUBLE literal that round-trips exactly (a plain decimal literal would be DECIMAL in DuckDB). */
    public static String dbl(double d) {
        if (Double.isNaN(d)) {
            return "CAST('NaN' AS DOUBLE)";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "CAST('inf' AS DOUBLE)" : "CAST('-inf' AS DOUBLE)";
        }
        return "CAST('" + Double.toString(d) + "' AS DOUBLE)";
    }

    /**
     * Whether {@code value} (a DOUBLE expression) lies in the union of the sorted, disjoint closed
     * {@code ranges}, as a binary search: a nested CASE on the ranges' lower bounds finds the one
     * range a value could be in (about log2 of their number comparisons), then one comparison with
     * its upper bound. An OR of every range costs twice as much, because most values lie between the
     * outermost bounds. Plain CASE and comparisons: DuckDB and Spark SQL read it alike.
     */
    public static String withinRanges(String value, List<double[]> ranges) {
        return value + " >= " + dbl(ranges.get(0)[0]) + " AND " + searchRanges(value, ranges, 0, ranges.size());
    }

    /** For a value at or above {@code ranges[from]}'s lower bound: whether it is in one of {@code ranges[from, to)}. */
    private static String searchRanges(String v, List<double[]> ranges, int from, int to) {
        if (to - from == 1) {
            return v + " <= " + dbl(ranges.get(from)[1]);
        }
        int mid = (from + to) >>> 1;
        return "(CASE WHEN " + v + " < " + dbl(ranges.get(mid)[0]) + " THEN " + searchRanges(v, ranges, from, mid)
                + " ELSE " + searchRanges(v, ranges, mid, to) + " END)";
    }

    /** A list literal of strings: {@code ['a', 'b']}. */
    public static String stringList(List<String> values) {
        return values.stream().map(Sql::string).collect(Collectors.joining(", ", "[", "]"));
    }
}
