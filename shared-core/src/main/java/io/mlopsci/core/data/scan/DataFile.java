package io.mlopsci.core.data.scan;

import io.mlopsci.core.config.DataConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A data file opened for checking: where it is, how it reads, its columns with DuckDB's types, its
 * row count, and the SQL relation every check queries. CSV and JSON lines are ingested once into
 * DuckDB's own columnar storage (so that every later query reads only the columns it needs);
 * Parquet is queried in place. NaN counts as null everywhere.
 *
 * @param role        the part the file plays
 * @param path        the file
 * @param display     how messages name it (relative to the workdir)
 * @param format      how it was read
 * @param bytes       its size on disk
 * @param rows        number of rows (excluding the header)
 * @param columns     columns in file order
 * @param relation    SQL relation of the data
 * @param numbered    SQL relation with an extra 1-based {@code __row} column in file order
 * @param typeChanges columns whose values stopped parsing as the type of the first rows
 */
public record DataFile(DataConfig.Role role, Path path, String display, DataConfig.FileFormat.Kind format, long bytes,
                       long rows, List<Column> columns, String relation, String numbered, List<TypeChange> typeChanges) {

    /** The row-number column of {@link #numbered()}. */
    public static final String ROW = "__row";

    public DataFile {
        columns = List.copyOf(columns);
        typeChanges = List.copyOf(typeChanges);
    }

    public Column column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    public Map<String, Column> byName() {
        Map<String, Column> m = new LinkedHashMap<>();
        columns.forEach(c -> m.put(c.name(), c));
        return m;
    }

    public TypeChange typeChange(String column) {
        return typeChanges.stream().filter(t -> t.column().equals(column)).findFirst().orElse(null);
    }

    /** "train file data/train.csv". */
    public String describe() {
        return role.key() + " file " + display;
    }

    /** A column and how the checks treat its DuckDB type. */
    public record Column(String name, String duckType, Kind kind) {

        /** The SQL of the column's value. */
        public String sql() {
            return Sql.ident(name);
        }

        public boolean numeric() {
            return kind == Kind.INTEGER || kind == Kind.FLOAT;
        }

        /** Types whose values order on a line (numbers, dates, times) and so have a range and quantiles. */
        public boolean ordered() {
            return numeric() || kind == Kind.DATE || kind == Kind.TIMESTAMP || kind == Kind.TIME;
        }

        /** The column's values as DOUBLE (temporal types as epoch seconds), for distribution measures. */
        public String asDouble() {
            return switch (kind) {
                case DATE, TIMESTAMP -> "CAST(epoch(" + sql() + ") AS DOUBLE)";
                case TIME -> "CAST(epoch(" + sql() + ") AS DOUBLE)";
                default -> "CAST(" + sql() + " AS DOUBLE)";
            };
        }

        /** The logical type a schema rule would name, or null when none fits. */
        public DataConfig.LogicalType logical() {
            return switch (kind) {
                case INTEGER -> DataConfig.LogicalType.INTEGER;
                case FLOAT -> DataConfig.LogicalType.NUMBER;
                case STRING -> DataConfig.LogicalType.STRING;
                case BOOLEAN -> DataConfig.LogicalType.BOOLEAN;
                case DATE -> DataConfig.LogicalType.DATE;
                case TIMESTAMP -> DataConfig.LogicalType.TIMESTAMP;
                case TIME -> DataConfig.LogicalType.TIME;
                case OTHER -> null;
            };
        }
    }

    /** What the checks make of a DuckDB type. */
    public enum Kind {
        INTEGER, FLOAT, STRING, BOOLEAN, DATE, TIMESTAMP, TIME, OTHER;

        private static final Set<String> INTEGERS = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
                "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "INT1", "INT2", "INT4", "INT8");

        public static Kind of(String duckType) {
            String t = duckType.toUpperCase(Locale.ROOT).trim();
            if (INTEGERS.contains(t)) {
                return INTEGER;
            }
            if (t.equals("FLOAT") || t.equals("DOUBLE") || t.equals("REAL") || t.startsWith("DECIMAL")) {
                return FLOAT;
            }
            if (t.equals("VARCHAR") || t.startsWith("VARCHAR(")) {
                return STRING;
            }
            if (t.equals("BOOLEAN")) {
                return BOOLEAN;
            }
            if (t.equals("DATE")) {
                return DATE;
            }
            if (t.startsWith("TIMESTAMP")) {
                return TIMESTAMP;
            }
            if (t.startsWith("TIME")) {
                return TIME;
            }
            return OTHER;
        }
    }

    /**
     * A column of a text file whose first rows parse as {@code detectedType} but a later value does
     * not; the column is then read as text and its type check fails.
     *
     * @param column       the column
     * @param detectedType the type DuckDB detected from the first rows
     * @param line         the file line of the first value that does not parse
     * @param value        that value
     */
    public record TypeChange(String column, String detectedType, Long line, String value) {
    }
}
