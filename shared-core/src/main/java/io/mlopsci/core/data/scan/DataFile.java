package io.mlopsci.core.data.scan;

import io.mlopsci.core.config.DataConfig;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A data file opened for checking: where it is, how it reads, its columns with DuckDB's types, its
 * row count, and the SQL relations the checks query. The fused scans read the file itself
 * ({@link #relation()}): CSV and JSON lines are parsed once per scan, Parquet reads only the columns
 * a scan needs. Queries that need more than one look at the data (offending rows, duplicates,
 * leakage, exact distributions) use {@link #table()}: a text file is then ingested once into
 * DuckDB's columnar storage, on first use, and stays there for the rest of the run. NaN counts as
 * null everywhere.
 */
public final class DataFile {

    /** The row-number column of {@link #numbered()}. */
    public static final String ROW = "__row";

    /** Creates the columnar copy of a text file (a CREATE TABLE ... AS over the same read). */
    public interface Ingest {
        void run() throws SQLException;
    }

    private final DataConfig.Role role;
    private final Path path;
    private final String display;
    private final DataConfig.FileFormat.Kind format;
    private final long bytes;
    private final List<Column> columns;
    private final String relation;
    private final List<TypeChange> typeChanges;
    private final String tableName;
    private final String tableNumbered;
    private final boolean direct;
    private final java.util.function.Function<Path, String> sampleReader;
    private final java.util.function.UnaryOperator<String> rowsReader;
    private Ingest ingest;
    private Long rows;

    /**
     * @param relation      SQL relation the fused scans read
     * @param table         relation for repeated queries (null: the same as {@code relation})
     * @param numbered      {@code table} with an extra 1-based {@code __row} column in file order
     * @param ingest        creates {@code table} on first use, or null when it exists already
     * @param rows          the row count when known without a scan, else null
     */
    public DataFile(
            DataConfig.Role role,
            Path path,
            String display,
            DataConfig.FileFormat.Kind format,
            long bytes,
            List<Column> columns,
            String relation,
            String table,
            String numbered,
            Ingest ingest,
            Long rows,
            List<TypeChange> typeChanges) {
        this(
                role,
                path,
                display,
                format,
                bytes,
                columns,
                relation,
                table,
                numbered,
                ingest,
                rows,
                typeChanges,
                null,
                null);
    }

    /**
     * @param sampleReader the relation that reads another file of the same layout (a sample of this one)
     * @param rowsReader   the relation that reads only the rows whose 0-based {@code file_row_number}
     *                     meets a condition (Parquet: DuckDB then skips the row groups it excludes)
     */
    public DataFile(
            DataConfig.Role role,
            Path path,
            String display,
            DataConfig.FileFormat.Kind format,
            long bytes,
            List<Column> columns,
            String relation,
            String table,
            String numbered,
            Ingest ingest,
            Long rows,
            List<TypeChange> typeChanges,
            java.util.function.Function<Path, String> sampleReader,
            java.util.function.UnaryOperator<String> rowsReader) {
        this(
                role,
                path,
                display,
                format,
                bytes,
                columns,
                relation,
                table,
                numbered,
                ingest,
                rows,
                typeChanges,
                sampleReader,
                rowsReader,
                ingest != null);
    }

    /**
     * A source an add-on engine reads (Spark): its relations in the engine's SQL, its row count from
     * its first scan. Each scan of it parses text when it is CSV or JSON lines (a table or Parquet is
     * columnar: a scan reads only its own columns).
     *
     * @param format the file format it is read as, or null for a catalog table
     */
    public static DataFile onEngine(
            DataConfig.Role role,
            String display,
            DataConfig.FileFormat.Kind format,
            List<Column> columns,
            String relation,
            String numbered) {
        return new DataFile(
                role,
                null,
                display,
                format,
                -1,
                columns,
                relation,
                null,
                numbered,
                null,
                null,
                List.of(),
                null,
                null,
                format == DataConfig.FileFormat.Kind.CSV || format == DataConfig.FileFormat.Kind.JSONL);
    }

    private DataFile(
            DataConfig.Role role,
            Path path,
            String display,
            DataConfig.FileFormat.Kind format,
            long bytes,
            List<Column> columns,
            String relation,
            String table,
            String numbered,
            Ingest ingest,
            Long rows,
            List<TypeChange> typeChanges,
            java.util.function.Function<Path, String> sampleReader,
            java.util.function.UnaryOperator<String> rowsReader,
            boolean parsesText) {
        this.sampleReader = sampleReader;
        this.rowsReader = rowsReader;
        this.role = role;
        this.path = path;
        this.display = display;
        this.format = format;
        this.bytes = bytes;
        this.columns = List.copyOf(columns);
        this.relation = relation;
        this.tableName = table == null ? relation : table;
        this.tableNumbered = numbered;
        this.ingest = ingest;
        this.direct = parsesText;
        this.rows = rows;
        this.typeChanges = List.copyOf(typeChanges);
    }

    public DataConfig.Role role() {
        return role;
    }

    public Path path() {
        return path;
    }

    public String display() {
        return display;
    }

    public DataConfig.FileFormat.Kind format() {
        return format;
    }

    public long bytes() {
        return bytes;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<TypeChange> typeChanges() {
        return typeChanges;
    }

    /** The relation the fused scans read: the file itself. */
    public String relation() {
        return relation;
    }

    /** Whether each scan of {@link #relation()} parses text (CSV or JSON lines). */
    public boolean parsesText() {
        return direct;
    }

    /** The relation reading {@code sample} (lines cut from this file) the way this file is read, or null. */
    public String sampleRelation(Path sample) {
        return sampleReader == null ? null : sampleReader.apply(sample);
    }

    /**
     * The relation reading only the rows whose 0-based {@code file_row_number} meets {@code condition}
     * (a SQL condition on that name), or null when the file cannot be read by row number.
     */
    public String rowsRelation(String condition) {
        return rowsReader == null ? null : rowsReader.apply(condition);
    }

    /** The relation for repeated queries; ingests a text file on first use. */
    public String table() throws SQLException {
        if (ingest != null) {
            Ingest i = ingest;
            ingest = null;
            i.run();
        }
        return tableName;
    }

    /** {@link #table()} with a 1-based {@code __row} column in file order. */
    public String numbered() throws SQLException {
        table();
        return tableNumbered;
    }

    /** The number of data rows (header excluded); known once the file is opened or first scanned. */
    public long rows() {
        if (rows == null) {
            throw new IllegalStateException("the rows of " + display + " are counted by its first scan");
        }
        return rows;
    }

    public boolean rowsKnown() {
        return rows != null;
    }

    /** Records the row count the first scan found. */
    public void rows(long n) {
        this.rows = n;
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
        return typeChanges.stream()
                .filter(t -> t.column().equals(column))
                .findFirst()
                .orElse(null);
    }

    /** "train file data/train.csv". */
    public String describe() {
        return role.key() + " file " + display;
    }

    /**
     * A column and how the checks treat its DuckDB type.
     *
     * @param dictionaryEncoded whether the file stores every value of the column through a
     *                          dictionary (Parquet whose every data page is dictionary-encoded):
     *                          DuckDB then hands a scan each distinct value once per page, with
     *                          indexes into it, so a test of the value costs per distinct value
     */
    public record Column(String name, String duckType, Kind kind, boolean dictionaryEncoded) {

        /** A column not known to be dictionary-encoded. */
        public Column(String name, String duckType, Kind kind) {
            this(name, duckType, kind, false);
        }

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

        /**
         * The column's values as DOUBLE, written as the column itself when it is DOUBLE already: a
         * cast per row costs time, and one expression for all of a scan's measures of the column
         * lets an engine read it once for all of them.
         */
        public String numbers() {
            return duckType.equalsIgnoreCase("DOUBLE") ? sql() : asDouble();
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
        INTEGER,
        FLOAT,
        STRING,
        BOOLEAN,
        DATE,
        TIMESTAMP,
        TIME,
        OTHER;

        private static final Set<String> INTEGERS = Set.of(
                "TINYINT",
                "SMALLINT",
                "INTEGER",
                "BIGINT",
                "HUGEINT",
                "UTINYINT",
                "USMALLINT",
                "UINTEGER",
                "UBIGINT",
                "UHUGEINT",
                "INT1",
                "INT2",
                "INT4",
                "INT8");

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
    public record TypeChange(String column, String detectedType, Long line, String value) {}
}
