package io.mlopsci.core.data.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.console.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine session: progress lines on stderr while a scan runs, settings applied, work files removed. */
class DuckDbTest {

    @TempDir
    Path tmp;

    @Test
    void aRunningScanReportsProgressOnStderrAndTheWorkDirectoryGoesAway() throws SQLException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), "validate-data", false);
        Path work = tmp.resolve("work");
        try (DuckDb db = DuckDb.open(work, "256MB", 1, progress, 10, 50)) {
            assertThat(Files.exists(work.resolve("tmp"))).isTrue();
            Row settings = db.one(
                    "SELECT current_setting('threads') AS t, current_setting('memory_limit') AS m",
                    "reading settings",
                    0);
            assertThat(settings.count("t")).isEqualTo(1);
            assertThat(settings.getString("m")).isEqualTo("244.1 MiB");
            // Long enough for several progress polls on any machine; the assertion does not depend on its speed.
            db.one("SELECT sum(hash(i) % 7) AS s FROM range(40000000) t(i)", "scanning a big range", 1L << 30);
        }
        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .containsPattern("\\[mlops validate-data +[0-9.]+s\\] scanning a big range: (.* of 1\\.0 GB read"
                        + " \\(\\d+%\\)|about \\d+% done \\(DuckDB's estimate\\)|running), [0-9.]+ s");
        assertThat(work).doesNotExist();
    }

    @Test
    void aListOfDoublesComesBackAsPrimitivesAndOneWithANullStaysBoxed() throws SQLException {
        Progress progress = new Progress(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "validate-data", false);
        try (DuckDb db = DuckDb.open(tmp.resolve("work"), "256MB", 1, progress)) {
            Row r = db.one(
                    "SELECT CAST([2.5, -1.0, 0.0] AS DOUBLE[]) AS d, CAST([1.0, NULL] AS DOUBLE[]) AS withNull,"
                            + " ['a', 'b'] AS t",
                    "reading lists",
                    0);
            assertThat(r.get("d")).isInstanceOf(double[].class);
            assertThat(r.getDoubles("d")).containsExactly(2.5, -1.0, 0.0);
            assertThat(r.getList("d")).containsExactly(2.5, -1.0, 0.0);
            assertThat(r.getList("withNull")).containsExactly(1.0, null);
            assertThat(r.getList("t")).containsExactly("a", "b");
        }
    }

    @Test
    void theScansDefaultLimitGrowsWithTheThreadsUpToHalfOfTheMachine() {
        long half = Long.parseLong(DuckDb.defaultMemoryLimit().replace("MiB", ""));
        assertThat(DuckDb.scanMemoryLimit(2)).isEqualTo(Math.min(384, half) + "MiB");
        assertThat(DuckDb.scanMemoryLimit(16)).isEqualTo(Math.min(2176, half) + "MiB");
        assertThat(DuckDb.scanMemoryLimit(100_000)).isEqualTo(half + "MiB");
    }

    @Test
    void defaultMemoryLimitIsHalfOfTheMachine() {
        assertThat(DuckDb.defaultMemoryLimit()).matches("\\d+MiB");
    }
}
