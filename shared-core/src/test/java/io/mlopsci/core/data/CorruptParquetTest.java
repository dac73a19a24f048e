package io.mlopsci.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.contract.result.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet file whose footer reads but whose pages are corrupt is the user's bad input (exit 2)
 * naming the file and the column, not an internal error of the engine (exit 3).
 */
class CorruptParquetTest {

    @TempDir
    Path dir;

    /** 20,000 rows of id, amount, label, written by DuckDB; returns the byte offset of amount's first data page. */
    static long writeParquet(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i AS id, (i * 7919 % 10007) / 10007.0 AS amount, i % 2 AS label"
                    + " FROM range(20000) t(i)) TO '" + file + "' (FORMAT parquet, COMPRESSION snappy)");
            try (ResultSet r = s.executeQuery("SELECT data_page_offset FROM parquet_metadata('" + file
                    + "') WHERE path_in_schema = 'amount' ORDER BY row_group_id LIMIT 1")) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static void corrupt(Path file, long from, int length) throws IOException {
        byte[] b = Files.readAllBytes(file);
        for (int i = 0; i < length; i++) {
            b[(int) from + i] = (byte) 0xFF;
        }
        Files.write(file, b);
    }

    @Test
    void corruptPagesAreTheUsersErrorNamingFileAndColumn() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Path bad = dir.resolve("data/train.parquet");
        long page = writeParquet(bad);
        writeParquet(dir.resolve("data/eval.parquet"));
        corrupt(bad, page, 8);
        DataRun r = DataRun.of(dir, """
                model: bad
                data:
                  train: data/train.parquet
                  eval: data/eval.parquet
                  label: label
                  columns:
                    amount: {min: 0, max: 1}
                  drift: {method: psi}
                """);
        assertThat(r.result().exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.result().verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.result().error().kind()).isEqualTo(ErrorKind.INPUT);
        assertThat(r.result().error().message())
                .startsWith("data.train (data/train.parquet): ")
                .contains("corrupt")
                .contains("column 'amount'");
    }
}
