package io.mlopsci.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.core.testing.SparkConnectServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift of dates and timestamps on Spark equals DuckDB's, on a server whose sessions default to a
 * time zone with summer time (America/New_York): the engine reads timestamps as seconds since the
 * epoch in UTC, as DuckDB's {@code epoch()} does, whatever the cluster's zone. The timestamps span
 * both changes of 2024 (10 March, 3 November), where a cast in the cluster's zone would move the
 * values on one side by an hour more than on the other — Wasserstein's distances would then differ.
 * The files are Parquet written by DuckDB: a {@code DATE}, a {@code TIMESTAMP} without a time zone
 * (Spark reads it as {@code timestamp_ntz}) and a {@code TIMESTAMP WITH TIME ZONE}.
 */
class SparkTemporalDriftIT {

    @TempDir
    Path tmp;

    @Test
    void datesAndTimestampsDriftAsOnDuckDbUnderAZoneWithSummerTime() throws Exception {
        Path ref = tmp.resolve("reference.parquet");
        Path cur = tmp.resolve("current.parquet");
        write(ref, 0);
        write(cur, 29);
        String data = "  train: '" + ref + "'\n  eval: '" + cur + "'\n"
                + "  drift:\n    method: psi\n    exclude: [id]\n    per_column:\n"
                + "      ts: {method: wasserstein}\n      tstz: {method: wasserstein}\n"
                + "      d: {method: ks}\n      ts_ks: {method: ks}\n";
        try (SparkConnectServer server = SparkConnectServer.start(
                tmp.resolve("server"),
                SparkConnectServer.Options.plain().memory("1g").timeZone("America/New_York"))) {
            SparkStepRun spark = SparkStepRun.of(
                    tmp.resolve("spark"),
                    "model: m\ndata:\n  engine: spark\n  spark: {remote: '" + server.remote() + "'}\n" + data,
                    Map.of());
            SparkStepRun duck = SparkStepRun.of(tmp.resolve("duckdb"), "model: m\ndata:\n" + data, Map.of());
            assertThat(spark.result().error()).as(spark.stderr()).isNull();
            assertThat(duck.result().error()).as(duck.stderr()).isNull();
            Map<String, Criterion> onDuck = CriteriaParity.byId(duck.result().criteria());
            Map<String, Criterion> onSpark = CriteriaParity.byId(spark.result().criteria());
            // Every column is compared, by the configured measure, with a number to compare.
            for (String column : List.of("d", "ts", "tstz", "ts_ks", "ts_psi")) {
                Criterion c = onDuck.get("drift." + column);
                assertThat(c).as("drift." + column).isNotNull();
                assertThat(c.actual()).as("drift." + column + " on DuckDB").isNotNull();
            }
            assertThat(onDuck.get("drift.ts").rule()).isEqualTo("drift_wasserstein");
            assertThat(onDuck.get("drift.ts_ks").rule()).isEqualTo("drift_ks");
            assertThat(CriteriaParity.differences(onDuck, onSpark))
                    .as("DuckDB vs Spark in America/New_York")
                    .isEmpty();
        }
    }

    /**
     * 20,000 rows over 2024: a date, a timestamp every 26 minutes or so across the year (so on both
     * sides of each change of the clocks), the same instant with a time zone; the current file's
     * values later by {@code shiftDays} for a third of the rows.
     */
    private static void write(Path file, int shiftDays) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("COPY (SELECT i AS id,"
                    + " DATE '2024-01-01' + CAST((i * 7919) % 366 + CASE WHEN i % 3 = 0 THEN " + shiftDays
                    + " ELSE 0 END AS INTEGER) AS d,"
                    + " TIMESTAMP '2024-01-01' + to_minutes(CAST((i * 104729) % 527040 AS BIGINT))"
                    + " + to_days(CASE WHEN i % 3 = 0 THEN " + shiftDays + " ELSE 0 END) AS ts,"
                    + " CAST(TIMESTAMP '2024-01-01' + to_minutes(CAST((i * 7907) % 527040 AS BIGINT))"
                    + " + to_days(CASE WHEN i % 3 = 1 THEN " + shiftDays + " ELSE 0 END) AS TIMESTAMPTZ) AS tstz,"
                    + " TIMESTAMP '2024-03-01' + to_minutes(CAST((i * 6007) % 351360 AS BIGINT))"
                    + " + to_hours(CASE WHEN i % 2 = 0 THEN " + shiftDays + " ELSE 0 END) AS ts_ks,"
                    + " TIMESTAMP '2024-02-15' + to_minutes(CAST((i * 5003) % 400000 AS BIGINT)) AS ts_psi"
                    + " FROM range(20000) AS t(i)) TO '" + file + "' (FORMAT parquet)");
        }
    }
}
