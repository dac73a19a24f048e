package io.mlopsci.core.data.scan;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.FileFormat;
import io.mlopsci.core.error.MlopsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Opens a data file for checking: checks that it exists and is not empty, reads its columns,
 * ingests CSV and JSON lines into DuckDB (one parse; CSV with a fixed, strict dialect so that
 * ragged rows and bad quoting are errors, not guesses), and turns every reading failure into a
 * message that names the file, the line and what was expected (exit 2).
 */
public final class DataFiles {

    private static final Pattern CSV_LINE = Pattern.compile("CSV Error on Line: (\\d+)");
    private static final Pattern CONVERT_COLUMN = Pattern.compile("converting column \"((?:[^\"]|\"\")*)\"");
    private static final Pattern CONVERT_VALUE = Pattern.compile("Could not convert string \"(.*?)\" to '([^']+)'");
    private static final List<String> CSV_REASONS = List.of(
            "Expected Number of Columns",
            "Value with unterminated quote",
            "Invalid unicode",
            "Error when converting column",
            "Could not convert",
            "Maximum line size");

    private DataFiles() {}

    /**
     * @param textColumns columns to read as text whatever they look like (declared {@code type: string})
     * @param table       name of the table to ingest into
     */
    public static DataFile open(
            DuckDb db,
            DataConfig.Role role,
            Path path,
            String display,
            FileFormat format,
            Set<String> textColumns,
            String table,
            boolean ingestNow) {
        long bytes = preflight(role, path, display);
        FileFormat.Kind kind = format.kind() != null ? format.kind() : fromExtension(path);
        if (kind == null) {
            throw MlopsException.input(
                    role.key() + " file " + display + ": cannot tell its format from the extension"
                            + " (expected .csv, .tsv, .parquet, .jsonl, .ndjson or .json); set data.format to csv, parquet or jsonl");
        }
        return switch (kind) {
            case CSV -> openCsv(db, role, path, display, format, textColumns, table, bytes, ingestNow);
            case JSONL -> openJson(db, role, path, display, textColumns, table, bytes, ingestNow);
            case PARQUET -> openParquet(db, role, path, display, bytes);
        };
    }

    /** The format a file's extension says (compressed CSV and JSON lines too), or null. */
    public static FileFormat.Kind fromExtension(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz") || name.endsWith(".zst")) {
            name = name.substring(0, name.lastIndexOf('.'));
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
            return FileFormat.Kind.CSV;
        }
        if (name.endsWith(".parquet") || name.endsWith(".pq")) {
            return FileFormat.Kind.PARQUET;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return FileFormat.Kind.JSONL;
        }
        return null;
    }

    private static long preflight(DataConfig.Role role, Path path, String display) {
        String who = role.setting() + " (" + display + ")";
        if (!Files.exists(path)) {
            throw MlopsException.input(who + " does not exist"
                    + (Files.isDirectory(path.getParent() == null ? Path.of(".") : path.getParent())
                            ? ""
                            : "; nor does its directory " + path.getParent()));
        }
        if (Files.isDirectory(path)) {
            throw MlopsException.input(who + " is a directory; expected one data file");
        }
        if (!Files.isReadable(path)) {
            throw MlopsException.input(who + " is not readable");
        }
        try {
            long size = Files.size(path);
            if (size == 0) {
                throw MlopsException.input(who + " is empty (0 bytes); expected a header and data rows");
            }
            return size;
        } catch (IOException e) {
            throw MlopsException.input(who + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static DataFile openCsv(
            DuckDb db,
            DataConfig.Role role,
            Path path,
            String display,
            FileFormat format,
            Set<String> textColumns,
            String table,
            long bytes,
            boolean ingestNow) {
        String delimiter = format.delimiter() != null
                ? format.delimiter()
                : path.getFileName().toString().toLowerCase(Locale.ROOT).contains(".tsv") ? "\t" : ",";
        String dialect = "delim=" + Sql.string(delimiter) + ", quote='\"', escape='\"', header=true, skip=0,"
                + " strict_mode=true, nullstr=" + Sql.stringList(format.nulls());
        String what = "reading " + display;
        Map<String, String> columns = new LinkedHashMap<>();
        String dateFormat;
        String timestampFormat;
        try {
            // One sniff (it reads the first rows) for the columns and the date formats.
            Row f = db.one(
                    "SELECT list_transform(Columns, lambda c: c.name) AS names, list_transform(Columns, lambda c:"
                            + " c.type) AS types, DateFormat AS d, TimestampFormat AS t FROM sniff_csv("
                            + Sql.path(path) + ", " + dialect + ")",
                    what,
                    bytes);
            List<Object> names = f.getList("names");
            List<Object> types = f.getList("types");
            for (int i = 0; i < names.size(); i++) {
                columns.put(String.valueOf(names.get(i)), String.valueOf(types.get(i)));
            }
            dateFormat = f.getString("d");
            timestampFormat = f.getString("t");
        } catch (SQLException e) {
            throw diagnoseCsv(db, role, path, display, dialect, delimiter, e);
        }
        for (String t : textColumns) {
            columns.computeIfPresent(t, (k, v) -> "VARCHAR");
        }
        String formats = (dateFormat == null || dateFormat.isEmpty() ? "" : ", dateformat=" + Sql.string(dateFormat))
                + (timestampFormat == null || timestampFormat.isEmpty()
                        ? ""
                        : ", timestampformat=" + Sql.string(timestampFormat));
        String fixed = formats;
        return text(
                db,
                role,
                path,
                display,
                FileFormat.Kind.CSV,
                bytes,
                table,
                columns,
                ingestNow,
                cols -> "read_csv(" + Sql.path(path) + ", auto_detect=false, " + dialect + fixed + ", columns="
                        + columnsStruct(cols) + ")");
    }

    /** How to read a text file with given column types. */
    private interface Reader {
        String read(Map<String, String> columns);
    }

    /**
     * A text file: ingested now (every value parsed up front, a column whose later values do not
     * parse as the detected type re-read as text), or read directly by each scan and ingested on
     * first repeated use.
     */
    private static DataFile text(
            DuckDb db,
            DataConfig.Role role,
            Path path,
            String display,
            FileFormat.Kind kind,
            long bytes,
            String table,
            Map<String, String> columns,
            boolean ingestNow,
            Reader reader) {
        if (!ingestNow) {
            String relation = "(" + selectNanAsNull(columns, reader.read(columns)) + ")";
            DataFile.Ingest ingest = () -> {
                try {
                    db.execute(
                            "CREATE OR REPLACE TABLE " + Sql.ident(table) + " AS SELECT * FROM " + relation,
                            "copying " + display + " into DuckDB for repeated queries",
                            bytes);
                } catch (SQLException e) {
                    throw readError(db, role, display, e);
                }
            };
            Map<String, String> fixed = new LinkedHashMap<>(columns);
            java.util.function.Function<Path, String> sample = other ->
                    "(" + selectNanAsNull(fixed, reader.read(fixed).replace(Sql.path(path), Sql.path(other))) + ")";
            return new DataFile(
                    role,
                    path,
                    display,
                    kind,
                    bytes,
                    toColumns(columns),
                    relation,
                    Sql.ident(table),
                    "(SELECT rowid + 1 AS " + DataFile.ROW + ", * FROM " + Sql.ident(table) + ")",
                    ingest,
                    null,
                    List.of(),
                    sample,
                    null);
        }
        List<DataFile.TypeChange> changes = new ArrayList<>();
        while (true) {
            try {
                db.execute(
                        "CREATE OR REPLACE TABLE " + Sql.ident(table) + " AS "
                                + selectNanAsNull(columns, reader.read(columns)),
                        "reading " + display,
                        bytes);
                break;
            } catch (SQLException e) {
                DataFile.TypeChange change = typeChange(e.getMessage(), columns);
                if (change == null || changes.stream().anyMatch(c -> c.column().equals(change.column()))) {
                    throw readError(db, role, display, e);
                }
                changes.add(change);
                columns.put(change.column(), "VARCHAR");
            }
        }
        return ingested(db, role, path, display, kind, bytes, table, columns, changes);
    }

    private static DataFile openJson(
            DuckDb db,
            DataConfig.Role role,
            Path path,
            String display,
            Set<String> textColumns,
            String table,
            long bytes,
            boolean ingestNow) {
        String what = "reading " + display;
        Map<String, String> columns = new LinkedHashMap<>();
        try {
            for (Row r : db.all(
                    "DESCRIBE SELECT * FROM read_json(" + Sql.path(path) + ", format='newline_delimited')",
                    what,
                    bytes,
                    Integer.MAX_VALUE)) {
                columns.put(r.getString("column_name"), r.getString("column_type"));
            }
        } catch (SQLException e) {
            throw readError(db, role, display, e);
        }
        for (String t : textColumns) {
            columns.computeIfPresent(t, (k, v) -> "VARCHAR");
        }
        return text(
                db,
                role,
                path,
                display,
                FileFormat.Kind.JSONL,
                bytes,
                table,
                columns,
                ingestNow,
                cols -> "read_json(" + Sql.path(path) + ", format='newline_delimited', columns=" + columnsStruct(cols)
                        + ")");
    }

    private static DataFile openParquet(DuckDb db, DataConfig.Role role, Path path, String display, long bytes) {
        String what = "reading " + display;
        Map<String, String> columns = new LinkedHashMap<>();
        long rows;
        try {
            for (Row r : db.all(
                    "DESCRIBE SELECT * FROM read_parquet(" + Sql.path(path) + ")", what, bytes, Integer.MAX_VALUE)) {
                columns.put(r.getString("column_name"), r.getString("column_type"));
            }
            rows = db.one("SELECT count(*) AS n FROM read_parquet(" + Sql.path(path) + ")", what, bytes)
                    .count("n");
        } catch (SQLException e) {
            throw readError(db, role, display, e);
        }
        Set<String> dictionary = dictionaryEncoded(db, path, what);
        String relation = "(" + selectNanAsNull(columns, "read_parquet(" + Sql.path(path) + ")") + ")";
        String numbered = "(SELECT file_row_number + 1 AS " + DataFile.ROW + ", * EXCLUDE (file_row_number) FROM "
                + "("
                + selectNanAsNull(withRowNumber(columns), "read_parquet(" + Sql.path(path) + ", file_row_number=true)")
                + "))";
        java.util.function.UnaryOperator<String> rowsReader = condition -> "(SELECT * EXCLUDE (file_row_number) FROM ("
                + selectNanAsNull(withRowNumber(columns), "read_parquet(" + Sql.path(path) + ", file_row_number=true)")
                + ") WHERE " + condition + ")";
        DataFile file = new DataFile(
                role,
                path,
                display,
                FileFormat.Kind.PARQUET,
                bytes,
                toColumns(columns, dictionary),
                relation,
                null,
                numbered,
                null,
                rows,
                List.of(),
                null,
                rowsReader);
        requireRows(file);
        return file;
    }

    private static Map<String, String> withRowNumber(Map<String, String> columns) {
        Map<String, String> m = new LinkedHashMap<>(columns);
        m.put("file_row_number", "BIGINT");
        return m;
    }

    private static DataFile ingested(
            DuckDb db,
            DataConfig.Role role,
            Path path,
            String display,
            FileFormat.Kind kind,
            long bytes,
            String table,
            Map<String, String> columns,
            List<DataFile.TypeChange> changes) {
        long rows;
        try {
            rows = db.one("SELECT count(*) AS n FROM " + Sql.ident(table), "counting " + display, bytes)
                    .count("n");
        } catch (SQLException e) {
            throw db.failure(e, "counting the rows of " + display);
        }
        String relation = Sql.ident(table);
        String numbered = "(SELECT rowid + 1 AS " + DataFile.ROW + ", * FROM " + relation + ")";
        DataFile file = new DataFile(
                role, path, display, kind, bytes, toColumns(columns), relation, null, numbered, null, rows, changes);
        requireRows(file);
        return file;
    }

    /** Fails (exit 2) when a file has no data rows or no columns. */
    public static void requireRows(DataFile f) {
        if (f.rows() == 0) {
            throw MlopsException.input(f.role().setting() + " (" + f.display() + ") has no data rows"
                    + (f.format() == FileFormat.Kind.CSV ? " (only a header)" : "") + "; expected at least one row");
        }
        if (f.columns().isEmpty()) {
            throw MlopsException.input(f.role().setting() + " (" + f.display() + ") has no columns");
        }
    }

    private static List<DataFile.Column> toColumns(Map<String, String> columns) {
        return toColumns(columns, Set.of());
    }

    private static List<DataFile.Column> toColumns(Map<String, String> columns, Set<String> dictionaryEncoded) {
        List<DataFile.Column> out = new ArrayList<>();
        columns.forEach((name, type) ->
                out.add(new DataFile.Column(name, type, DataFile.Kind.of(type), dictionaryEncoded.contains(name))));
        return out;
    }

    /**
     * The top-level columns whose every data page, in every row group of the Parquet file(s), is
     * dictionary-encoded (the pages' encodings in the footer); none when the writer did not record
     * them. A writer falls back to plain pages when a column's dictionary grows too large, so these
     * columns have few distinct values per row group.
     */
    private static Set<String> dictionaryEncoded(DuckDb db, Path path, String what) {
        String sql = "SELECT path_in_schema AS c FROM parquet_metadata(" + Sql.path(path) + ") GROUP BY path_in_schema"
                + " HAVING bool_and(coalesce(len(encoding_stats), 0) > 0 AND len(list_filter(encoding_stats, lambda p:"
                + " p.page_type <> 'DICTIONARY_PAGE' AND p.encoding NOT IN ('PLAIN_DICTIONARY', 'RLE_DICTIONARY'))) = 0)";
        Set<String> out = new HashSet<>();
        try {
            for (Row r : db.all(sql, what, 0, Integer.MAX_VALUE)) {
                out.add(r.getString("c"));
            }
        } catch (SQLException e) {
            // Only a faster plan depends on it: without the footer's page encodings, assume none.
            return Set.of();
        }
        return out;
    }

    /** SELECT * with NaN of floating columns replaced by NULL. */
    private static String selectNanAsNull(Map<String, String> columns, String from) {
        List<String> replace = new ArrayList<>();
        columns.forEach((name, type) -> {
            String t = type.toUpperCase(Locale.ROOT);
            if (t.equals("DOUBLE") || t.equals("FLOAT") || t.equals("REAL")) {
                replace.add("CASE WHEN isnan(" + Sql.ident(name) + ") THEN NULL ELSE " + Sql.ident(name) + " END AS "
                        + Sql.ident(name));
            }
        });
        return "SELECT *" + (replace.isEmpty() ? "" : " REPLACE (" + String.join(", ", replace) + ")") + " FROM "
                + from;
    }

    private static String columnsStruct(Map<String, String> columns) {
        return columns.entrySet().stream()
                .map(e -> Sql.string(e.getKey()) + ": " + Sql.string(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static DataFile.TypeChange typeChange(String message, Map<String, String> columns) {
        if (message == null) {
            return null;
        }
        Matcher col = CONVERT_COLUMN.matcher(message);
        if (!col.find()) {
            return null;
        }
        String column = col.group(1).replace("\"\"", "\"");
        String type = columns.get(column);
        if (type == null || type.equals("VARCHAR")) {
            return null;
        }
        Matcher line = CSV_LINE.matcher(message);
        Matcher value = CONVERT_VALUE.matcher(message);
        return new DataFile.TypeChange(
                column, type, line.find() ? Long.valueOf(line.group(1)) : null, value.find() ? value.group(1) : null);
    }

    /**
     * The sniffer only says that it failed; reading the file with every column as text (names from
     * the header line) makes DuckDB name the line and the problem.
     */
    private static MlopsException diagnoseCsv(
            DuckDb db,
            DataConfig.Role role,
            Path path,
            String display,
            String dialect,
            String delimiter,
            SQLException sniffError) {
        List<String> header;
        try {
            header = headerLine(path, delimiter.charAt(0));
        } catch (CharacterCodingException e) {
            return MlopsException.input(
                    role.setting() + " (" + display + "): line 1 (the header) is not valid" + " UTF-8 text", e);
        } catch (IOException e) {
            return MlopsException.input(role.setting() + " (" + display + ") cannot be read: " + e.getMessage(), e);
        }
        if (header == null) {
            return MlopsException.input(
                    role.setting() + " (" + display + "): line 1 (the header) has an" + " unterminated quote",
                    sniffError);
        }
        Map<String, String> all = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).isEmpty() ? "column" + i : header.get(i);
            while (all.containsKey(name)) {
                name = name + "_" + i;
            }
            all.put(name, "VARCHAR");
        }
        try {
            db.one(
                    "SELECT count(*) AS n FROM read_csv(" + Sql.path(path) + ", auto_detect=false, " + dialect
                            + ", columns=" + columnsStruct(all) + ")",
                    "reading " + display,
                    0);
        } catch (SQLException e) {
            return readError(db, role, display, e);
        }
        return readError(db, role, display, sniffError);
    }

    /** The header's fields (null when its quotes do not close on the first line). */
    static List<String> headerLine(Path path, char delimiter) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(1 << 20);
        }
        int end = 0;
        boolean quoted = false;
        while (end < head.length) {
            byte b = head[end];
            if (b == '"') {
                quoted = !quoted;
            } else if ((b == '\n' || b == '\r') && !quoted) {
                break;
            }
            end++;
        }
        String line = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(head, 0, end))
                .toString();
        if (line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (inQuotes) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    inQuotes = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                inQuotes = true;
            } else if (ch == delimiter) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (inQuotes) {
            return null;
        }
        out.add(cur.toString());
        return out;
    }

    /**
     * A failed scan of a file that is parsed as it is read: a value that does not parse as its
     * column's detected type means the file must be re-read with that column as text
     * ({@link Reread}); a malformed file is the user's error; anything else is the engine's.
     */
    public static RuntimeException scanError(DuckDb db, DataFile file, SQLException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (file.parsesText()) {
            if (CONVERT_COLUMN.matcher(msg).find()) {
                return new Reread(file.role(), firstLine(explain(msg)));
            }
            if (msg.contains("CSV Error on Line")
                    || msg.contains("Malformed JSON")
                    || msg.contains("Invalid unicode")
                    || msg.startsWith("Invalid Input Error")
                    || msg.startsWith("Conversion Error")) {
                return readError(db, file.role(), file.display(), e);
            }
        }
        return ParquetIntegrity.failure(db, List.of(file), e, "scanning " + file.display());
    }

    /**
     * A column of a file read directly changed type mid-file: validate-data reads the file again,
     * ingesting it first (should it escape, it is the data's fault).
     */
    public static final class Reread extends MlopsException {
        private static final long serialVersionUID = 1L;
        private final DataConfig.Role role;

        Reread(DataConfig.Role role, String reason) {
            super(ErrorKind.INPUT, reason);
            this.role = role;
        }

        public DataConfig.Role role() {
            return role;
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A reading failure as the user's error (exit 2) naming file, line and problem; resource failures stay exit 3. */
    public static MlopsException readError(DuckDb db, DataConfig.Role role, String display, SQLException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        if (msg.startsWith("Out of Memory Error") || msg.contains("No space left on device")) {
            return db.failure(e, "reading " + display);
        }
        return MlopsException.input(role.setting() + " (" + display + "): " + explain(msg), e);
    }

    /** DuckDB's message without its advice and SQL echo: the line, the problem and the offending text. */
    static String explain(String msg) {
        String body = msg.replaceFirst("^[A-Za-z ]+ Error: ", "");
        int sqlEcho = body.indexOf("\n\nLINE ");
        if (sqlEcho >= 0) {
            body = body.substring(0, sqlEcho);
        }
        Matcher line = CSV_LINE.matcher(body);
        if (!line.find()) {
            return firstLines(body);
        }
        String[] lines = body.split("\n");
        String reason = null;
        String original = null;
        for (String l : lines) {
            if (l.startsWith("Original Line: ")) {
                original = l.substring("Original Line: ".length());
            }
            for (String r : CSV_REASONS) {
                if (reason == null && l.contains(r)) {
                    reason = l.trim();
                }
            }
        }
        if (reason == null) {
            reason = lines.length > 1 ? lines[lines.length - 1].trim() : body;
        }
        if (reason.startsWith("Invalid unicode")) {
            reason = "invalid UTF-8 (the file must be UTF-8 text)";
            original = null;
        } else if (reason.startsWith("Expected Number of Columns")) {
            reason = "ragged row: "
                    + reason.replace("Expected Number of Columns: ", "expected ")
                            .replace(" Found: ", " columns, found ");
        } else if (reason.startsWith("Value with unterminated quote")) {
            reason = "a quoted value is never closed (unterminated quote)";
        }
        StringBuilder out =
                new StringBuilder("line ").append(line.group(1)).append(": ").append(reason);
        if (original != null && !original.isBlank()) {
            String shown = original.length() > 120 ? original.substring(0, 117) + "..." : original;
            out.append(" — the line reads: ").append(shown.replaceAll("\\p{Cntrl}", "?"));
        }
        return out.toString();
    }

    private static String firstLines(String s) {
        String[] lines = s.split("\n");
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            if (l.isBlank() || l.startsWith("Possible") || l.startsWith("*") || l.startsWith("LINE ")) {
                break;
            }
            b.append(b.length() == 0 ? "" : " ").append(l.trim());
        }
        return b.length() == 0 ? s.trim() : b.toString();
    }
}
