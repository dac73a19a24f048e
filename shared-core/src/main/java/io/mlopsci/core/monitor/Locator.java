package io.mlopsci.core.monitor;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.Sql;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * Names the place of a record in its file, for messages about bad input: the file from DuckDB's
 * {@code filename} column, then the record's position in that file alone — its line for JSON
 * lines (blank lines skipped, as the reader skips them) and CSV (after the header), its row for
 * Parquet. Runs only on the way to an error, so it may read a file again.
 */
final class Locator {

    private static final String TABLE = "__mlops_locate";

    private Locator() {}

    /** {@code logs/a.jsonl:17}, or the file set's description when no record matches. */
    static String locate(
            DuckDb db, RecordFiles files, String namedReader, DataConfig.FileFormat format, String predicate)
            throws SQLException {
        Row first = db.one(
                "SELECT filename FROM " + namedReader + " WHERE " + predicate + " LIMIT 1",
                "finding the record in " + files.describe(),
                files.bytes());
        String file = first.getString("filename");
        if (file == null) {
            return files.describe();
        }
        Path path = Path.of(file);
        String one = LiveRecords.reader(List.of(path), files.format(), format, false);
        String shown = files.display(path);
        if (files.format() == DataConfig.FileFormat.Kind.PARQUET) {
            String numbered = one.replace("union_by_name=true", "union_by_name=true, file_row_number=true");
            Row r = db.one(
                    "SELECT min(file_row_number) + 1 AS n FROM " + numbered + " WHERE " + predicate,
                    "finding the record in " + shown,
                    sizeOf(path));
            return shown + ", row " + r.getLong("n");
        }
        db.execute(
                "CREATE OR REPLACE TEMP TABLE " + TABLE + " AS SELECT * FROM " + one, "reading " + shown, sizeOf(path));
        try {
            Row r = db.one(
                    "SELECT min(rowid) + 1 AS n FROM " + TABLE + " WHERE " + predicate,
                    "finding the record in " + shown,
                    sizeOf(path));
            Long record = r.getLong("n");
            if (record == null) {
                return shown;
            }
            return shown + ":" + line(path, files.format(), record);
        } finally {
            db.execute("DROP TABLE IF EXISTS " + TABLE, "cleaning up", 0);
        }
    }

    /** The file line of the {@code record}-th record (1-based). */
    static long line(Path file, DataConfig.FileFormat.Kind kind, long record) {
        if (kind == DataConfig.FileFormat.Kind.CSV) {
            return record + 1;
        }
        if (file.getFileName().toString().endsWith(".gz")
                || file.getFileName().toString().endsWith(".zst")) {
            return record;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long seen = 0;
            long line = 0;
            String l;
            while ((l = in.readLine()) != null) {
                line++;
                if (!l.isBlank() && ++seen == record) {
                    return line;
                }
            }
        } catch (IOException e) {
            return record;
        }
        return record;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** A SQL literal of a value the predicate compares with. */
    static String literal(String value) {
        return Sql.string(value);
    }
}
