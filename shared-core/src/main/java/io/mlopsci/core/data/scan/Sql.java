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

    /** A list literal of strings: {@code ['a', 'b']}. */
    public static String stringList(List<String> values) {
        return values.stream().map(Sql::string).collect(Collectors.joining(", ", "[", "]"));
    }
}
