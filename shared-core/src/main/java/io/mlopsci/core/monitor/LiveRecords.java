package io.mlopsci.core.monitor;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.MonitorConfig;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DataFiles;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.Sql;
import io.mlopsci.core.error.MlopsException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The production records as DuckDB reads them: every file of {@code monitor.data} as one relation
 * (columns united by name), the record columns ({@code monitor.columns}) found and typed, the
 * features — the fields of a {@code features} object, as the router writes them, or every other
 * column — and, for a window, a {@link DataFile} the checks scan like any data file: the features
 * under their own names, the timestamp, version, id, prediction and score as {@code __mlops_*}
 * columns, and the watched version's prediction and score as {@link #PREDICTION} and {@link #SCORE}
 * (null for other versions), so that one fused scan serves feature drift, prediction drift, rules
 * and the window's statistics.
 */
public final class LiveRecords {

    public static final String TS = "__mlops_ts";
    public static final String VERSION = "__mlops_version";
    public static final String ID = "__mlops_id";
    public static final String PREDICTION_ALL = "__mlops_prediction";
    public static final String SCORE_ALL = "__mlops_score";
    /** The watched version's prediction (as text, or a number for regression); null for other versions. */
    public static final String PREDICTION = "prediction";
    /** The watched version's score; null for other versions. */
    public static final String SCORE = "score";

    private final DuckDb db;
    private final RecordFiles files;
    private final MonitorConfig.Columns names;
    private final DataConfig.FileFormat format;
    private final Map<String, String> types;
    private final String reader;
    private final Map<String, String> features;
    private final boolean featuresInObject;
    private final String ts;
    private final boolean predictionAsText;

    private LiveRecords(
            DuckDb db,
            RecordFiles files,
            MonitorConfig.Columns names,
            DataConfig.FileFormat format,
            Map<String, String> types,
            String reader,
            Map<String, String> features,
            boolean featuresInObject,
            String ts,
            boolean predictionAsText) {
        this.db = db;
        this.files = files;
        this.names = names;
        this.format = format;
        this.types = types;
        this.reader = reader;
        this.features = features;
        this.featuresInObject = featuresInObject;
        this.ts = ts;
        this.predictionAsText = predictionAsText;
    }

    /**
     * Reads the files' columns and checks the record columns.
     *
     * @param predictionAsText compare predictions as classes (classification) rather than numbers
     * @throws MlopsException (exit 2) naming the file and column when the records cannot be read or
     *     lack the timestamp
     */
    static LiveRecords open(
            DuckDb db,
            RecordFiles files,
            MonitorConfig.Columns names,
            DataConfig.FileFormat format,
            boolean predictionAsText) {
        String reader = reader(files.files(), files.format(), format, false);
        Map<String, String> types = new LinkedHashMap<>();
        try {
            for (Row r :
                    db.all("DESCRIBE SELECT * FROM " + reader, "reading " + files.describe(), files.bytes(), 10_000)) {
                types.put(r.getString("column_name"), r.getString("column_type"));
            }
        } catch (SQLException e) {
            throw DataFiles.readError(db, DataConfig.Role.LIVE, files.describe(), e);
        }
        String tsType = types.get(names.timestamp());
        if (tsType == null) {
            throw MlopsException.input(files.describe() + ": no column '" + names.timestamp()
                    + "' (monitor.columns.timestamp), so no record can be placed in a window; the records have "
                    + String.join(", ", types.keySet()));
        }
        String ts = timestamp(names.timestamp(), tsType, files);
        Map<String, String> features = new LinkedHashMap<>();
        String objectType = types.get(names.features());
        boolean inObject =
                objectType != null && objectType.toUpperCase(Locale.ROOT).startsWith("STRUCT");
        Set<String> meta = Set.of(
                names.timestamp(),
                names.id(),
                names.modelVersion(),
                names.prediction(),
                names.score(),
                names.features());
        if (inObject) {
            try {
                for (Row r : db.all(
                        "DESCRIBE SELECT " + Sql.ident(names.features()) + ".* FROM " + reader + " LIMIT 0",
                        "reading the features of " + files.describe(),
                        0,
                        10_000)) {
                    features.put(r.getString("column_name"), r.getString("column_type"));
                }
            } catch (SQLException e) {
                throw DataFiles.readError(db, DataConfig.Role.LIVE, files.describe(), e);
            }
        } else {
            types.forEach((k, v) -> {
                if (!meta.contains(k)) {
                    features.put(k, v);
                }
            });
        }
        for (String reserved : List.of(PREDICTION, SCORE)) {
            if (features.containsKey(reserved)) {
                throw MlopsException.input(files.describe() + ": a feature is named '" + reserved
                        + "', the name monitor gives the watched version's " + reserved
                        + "; name the records' own column in monitor.columns." + reserved
                        + (inObject ? "" : ", or put the features in an object (monitor.columns.features)"));
            }
        }
        return new LiveRecords(db, files, names, format, types, reader, features, inObject, ts, predictionAsText);
    }

    /** The timestamp as TIMESTAMPTZ (the session is UTC): timestamps, dates, ISO-8601 text or epoch seconds. */
    private static String timestamp(String column, String type, RecordFiles files) {
        String c = Sql.ident(column);
        DataFile.Kind kind = DataFile.Kind.of(type);
        return switch (kind) {
            case TIMESTAMP, DATE -> "CAST(" + c + " AS TIMESTAMPTZ)";
            case STRING -> "try_cast(" + c + " AS TIMESTAMPTZ)";
            case INTEGER, FLOAT -> "to_timestamp(CAST(" + c + " AS DOUBLE))";
            default ->
                throw MlopsException.input(files.describe() + ": the timestamp column '" + column + "' is " + type
                        + "; expected ISO-8601 timestamps (2026-01-05T10:00:00Z) or seconds since the epoch");
        };
    }

    public RecordFiles files() {
        return files;
    }

    /** The feature columns and their DuckDB types. */
    public Map<String, String> features() {
        return java.util.Collections.unmodifiableMap(features);
    }

    public boolean featuresInObject() {
        return featuresInObject;
    }

    public boolean has(String recordColumn) {
        return recordColumn != null && types.containsKey(recordColumn);
    }

    public boolean hasVersion() {
        return has(names.modelVersion());
    }

    public boolean hasId() {
        return has(names.id());
    }

    public boolean hasPrediction() {
        return has(names.prediction());
    }

    public boolean hasScore() {
        return has(names.score()) && DataFile.Kind.of(types.get(names.score())) != DataFile.Kind.STRING;
    }

    public MonitorConfig.Columns names() {
        return names;
    }

    /** A value as canonical text, so that 3, 3.0 and "3" are the same version, id or class. */
    static String canonical(String sql, String type) {
        return switch (DataFile.Kind.of(type)) {
            case INTEGER -> "CAST(" + sql + " AS VARCHAR)";
            case FLOAT ->
                "CASE WHEN " + sql + " = floor(" + sql + ") AND abs(" + sql + ") < 1e15 THEN CAST(CAST(" + sql
                        + " AS BIGINT) AS VARCHAR) ELSE CAST(" + sql + " AS VARCHAR) END";
            case BOOLEAN -> "lower(CAST(" + sql + " AS VARCHAR))";
            default -> "trim(CAST(" + sql + " AS VARCHAR))";
        };
    }

    /**
     * The records with {@code start ≤ timestamp < end} as a relation with the window's columns (see
     * the class comment); {@code version} is the watched version (null: every record is taken as
     * its).
     */
    public String relation(Instant start, Instant end, String version) {
        List<String> select = new ArrayList<>();
        features.forEach((name, type) -> {
            String value = featuresInObject
                    ? "struct_extract(" + Sql.ident(names.features()) + ", " + Sql.string(name) + ")"
                    : Sql.ident(name);
            select.add(nanAsNull(value, type) + " AS " + Sql.ident(name));
        });
        select.add(ts + " AS " + Sql.ident(TS));
        String v = hasVersion() ? canonical(Sql.ident(names.modelVersion()), types.get(names.modelVersion())) : null;
        select.add((v == null ? "CAST(NULL AS VARCHAR)" : v) + " AS " + Sql.ident(VERSION));
        select.add((hasId() ? canonical(Sql.ident(names.id()), types.get(names.id())) : "CAST(NULL AS VARCHAR)")
                + " AS " + Sql.ident(ID));
        String watched = v == null || version == null ? "TRUE" : v + " = " + Sql.string(version);
        if (hasPrediction()) {
            String p = predictionAsText
                    ? canonical(Sql.ident(names.prediction()), types.get(names.prediction()))
                    : "CAST(" + Sql.ident(names.prediction()) + " AS DOUBLE)";
            select.add(p + " AS " + Sql.ident(PREDICTION_ALL));
            select.add("CASE WHEN " + watched + " THEN " + p + " END AS " + Sql.ident(PREDICTION));
        }
        if (hasScore()) {
            String s = nanAsNull("CAST(" + Sql.ident(names.score()) + " AS DOUBLE)", "DOUBLE");
            select.add(s + " AS " + Sql.ident(SCORE_ALL));
            select.add("CASE WHEN " + watched + " THEN " + s + " END AS " + Sql.ident(SCORE));
        }
        return "(SELECT " + String.join(", ", select) + " FROM " + reader + " WHERE " + ts + " >= " + instant(start)
                + " AND " + ts + " < " + instant(end) + ")";
    }

    /** The window as a data file the checks scan ({@link DataConfig.Role#LIVE}); its copy is made on first repeated use. */
    public DataFile window(Window w, String version, String table) {
        String relation = relation(w.start(), w.end(), version);
        Map<String, String> columns = new LinkedHashMap<>(features);
        columns.put(TS, "TIMESTAMP WITH TIME ZONE");
        columns.put(VERSION, "VARCHAR");
        columns.put(ID, "VARCHAR");
        if (hasPrediction()) {
            String t = predictionAsText ? "VARCHAR" : "DOUBLE";
            columns.put(PREDICTION_ALL, t);
            columns.put(PREDICTION, t);
        }
        if (hasScore()) {
            columns.put(SCORE_ALL, "DOUBLE");
            columns.put(SCORE, "DOUBLE");
        }
        List<DataFile.Column> cols = new ArrayList<>();
        columns.forEach((n, t) -> cols.add(new DataFile.Column(n, t, DataFile.Kind.of(t))));
        String display = files.setting() + " " + w;
        DataFile.Ingest ingest = () -> {
            try {
                db.execute(
                        "CREATE OR REPLACE TABLE " + Sql.ident(table) + " AS SELECT * FROM " + relation,
                        "copying the window's records into DuckDB",
                        files.bytes());
            } catch (SQLException e) {
                throw DataFiles.readError(db, DataConfig.Role.LIVE, files.describe(), e);
            }
        };
        return new DataFile(
                DataConfig.Role.LIVE,
                files.files().get(0).getParent(),
                display,
                files.format(),
                files.bytes(),
                cols,
                relation,
                Sql.ident(table),
                "(SELECT rowid + 1 AS " + DataFile.ROW + ", * FROM " + Sql.ident(table) + ")",
                ingest,
                null,
                List.of());
    }

    /** The newest record's timestamp before {@code end} in every file (not only the window), or null. */
    public Instant newestBefore(Instant end) throws SQLException {
        Row r = db.one(
                "SELECT epoch_ms(max(" + ts + ")) AS t FROM " + reader + " WHERE " + ts + " < " + instant(end),
                "finding the newest record in " + files.describe(),
                files.bytes());
        Long ms = r.getLong("t");
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    /** SQL over the records' own columns: {@code column} (a record column) reads as {@code value}. */
    public String equalsPredicate(String column, String value) {
        return canonical(Sql.ident(column), types.get(column)) + " = " + Sql.string(value);
    }

    /** SQL over the records' own columns: {@code column} is null. */
    public String nullPredicate(String column) {
        return Sql.ident(column) + " IS NULL";
    }

    /** Every record's id in every file, canonical, as a relation with one column {@code id}. */
    public String allIds() {
        return "(SELECT DISTINCT " + canonical(Sql.ident(names.id()), types.get(names.id())) + " AS id FROM " + reader
                + " WHERE " + Sql.ident(names.id()) + " IS NOT NULL)";
    }

    /**
     * Records with a timestamp that does not read as one: checked up front when the column is text
     * (the window filter would silently drop them).
     */
    void requireReadableTimestamps() throws SQLException {
        String type = types.get(names.timestamp());
        if (DataFile.Kind.of(type) != DataFile.Kind.STRING) {
            return;
        }
        String c = Sql.ident(names.timestamp());
        String bad = c + " IS NOT NULL AND try_cast(" + c + " AS TIMESTAMPTZ) IS NULL";
        Row r = db.one(
                "SELECT count(*) AS n, min(" + c + ") FILTER (WHERE " + bad + ") AS v FROM " + reader + " WHERE " + bad,
                "checking the timestamps of " + files.describe(),
                files.bytes());
        if (r.count("n") > 0) {
            throw MlopsException.input(locate(bad) + ": column '" + names.timestamp() + "' has '" + r.getString("v")
                    + "', which is not a timestamp (" + r.count("n") + " such records); expected ISO-8601 such as"
                    + " 2026-01-05T10:00:00Z");
        }
    }

    /**
     * Where the first record matching {@code predicate} (SQL over the records' own columns) is:
     * {@code file:line} for JSON lines and CSV, {@code file, row N} for Parquet.
     */
    public String locate(String predicate) throws SQLException {
        return Locator.locate(db, files, reader(files.files(), files.format(), format, true), format, predicate);
    }

    /** The records of every file, with the file each comes from (column {@code filename}). */
    static String reader(
            List<Path> paths, DataConfig.FileFormat.Kind kind, DataConfig.FileFormat format, boolean name) {
        String list = paths.stream().map(Sql::path).collect(Collectors.joining(", ", "[", "]"));
        String filename = name ? ", filename=true" : "";
        return switch (kind) {
            case JSONL -> "read_json(" + list + ", format='newline_delimited', union_by_name=true" + filename + ")";
            case PARQUET -> "read_parquet(" + list + ", union_by_name=true" + filename + ")";
            case CSV ->
                "read_csv(" + list + ", header=true, union_by_name=true"
                        + (format.delimiter() == null ? "" : ", delim=" + Sql.string(format.delimiter()))
                        + (format.nulls().isEmpty() ? "" : ", nullstr=" + Sql.stringList(format.nulls())) + filename
                        + ")";
        };
    }

    static String instant(Instant t) {
        return "TIMESTAMPTZ " + Sql.string(t.toString());
    }

    private static String nanAsNull(String value, String type) {
        String t = type.toUpperCase(Locale.ROOT);
        if (t.equals("DOUBLE") || t.equals("FLOAT") || t.equals("REAL")) {
            return "CASE WHEN isnan(" + value + ") THEN NULL ELSE " + value + " END";
        }
        return value;
    }
}
