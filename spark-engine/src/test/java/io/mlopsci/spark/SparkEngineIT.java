package io.mlopsci.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.Role;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.data.engine.DataEngine;
import io.mlopsci.core.data.engine.EngineContext;
import io.mlopsci.core.data.engine.ResolvedSource;
import io.mlopsci.core.data.engine.SparkDriftSql;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.testing.SparkConnectServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine against a real Spark Connect server (local mode, one per test JVM): sources by
 * path in each format and by catalog table, with a filter and the newest partition; what the user
 * is told when a path, table, schema or column does not exist; progress lines; cancellation; the
 * exact quantiles' sorting fallback.
 */
class SparkEngineIT {

    private static SparkConnectServer server;
    private static SparkSession admin;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private DataConfig data;

    @BeforeAll
    static void startServer() {
        server = SparkConnectServer.shared();
        admin = SparkConnection.session(server.remote(), null);
        admin.sql("CREATE DATABASE IF NOT EXISTS lake");
        // A partitioned catalog table created through Spark: three days of events.
        admin.sql("DROP TABLE IF EXISTS lake.events");
        admin.sql("CREATE TABLE lake.events (id BIGINT, amount DOUBLE, region STRING, ds STRING)"
                + " USING parquet PARTITIONED BY (ds)");
        admin.sql("INSERT INTO lake.events SELECT id, id * 0.25, IF(id % 4 = 0, 'EU', 'US'),"
                + " concat('2026-12-0', CAST(1 + id % 3 AS STRING)) FROM range(0, 3000)");
    }

    @AfterAll
    static void closeAdmin() {
        if (admin != null) {
            admin.close();
        }
    }

    private DataEngine open(String sources) throws IOException {
        String yaml = "model: m\ndata:\n  engine: spark\n  spark: {remote: '" + server.remote() + "'}\n" + sources
                + "  columns: {id: {nullable: false}}\n";
        Files.writeString(dir.resolve("mlops.yaml"), yaml);
        data = ConfigLoader.load(dir.resolve("mlops.yaml"), new ConfigLoader.Options(null, null, Map.of(), List.of()))
                .data();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), "validate-data", false);
        return new SparkEngineProvider().open(new EngineContext(data, Map.of(), progress, dir.resolve("work")));
    }

    /**
     * Drift's last resort for an exact quantile bin (a bracket that missed its order statistic):
     * the values at given ranks of the sorted non-null values, read through Spark SQL.
     */
    @Test
    void theSortingFallbackReadsTheValuesAtTheirRanks() throws IOException {
        Path parquet = dir.resolve("data/ties.parquet");
        // 2,000 rows: every tenth null, the rest 97 values with ties.
        admin.sql("SELECT IF(id % 10 = 0, NULL, CAST(id % 97 AS DOUBLE)) AS x FROM range(0, 2000)")
                .write()
                .parquet(parquet.toUri().toString());
        double[] sorted = IntStream.range(0, 2000)
                .filter(i -> i % 10 != 0)
                .mapToDouble(i -> i % 97)
                .sorted()
                .toArray();
        try (DataEngine e = open("  train: {path: '" + parquet.toUri() + "', format: parquet}\n")) {
            ResolvedSource r = e.resolve(data.source(Role.TRAIN));
            ResolvedSource.Column x = r.column("x");
            List<Long> ranks = List.of(0L, 1L, 899L, 900L, 900L, 1798L, 1799L);
            List<Row> rows = e.rows(
                    SparkDriftSql.INSTANCE.valuesAtRanks(
                            new DataFile.Column(x.name(), x.type(), x.kind()), r.relation(), ranks),
                    "sorting x",
                    ranks.size());
            Map<Long, Double> at = new TreeMap<>();
            rows.forEach(row -> at.put(row.getLong("r"), row.getDouble("v")));
            assertThat(at).hasSize(6);
            for (long k : ranks) {
                assertThat(at.get(k)).as("rank " + k).isEqualTo(sorted[(int) k]);
            }
        }
    }

    @Test
    void readsCsvJsonLinesAndParquetPathsWithTheirColumnsAndRows() throws IOException {
        Path csv = SparkTestData.csv(dir, "data/train.csv", 300);
        Path jsonl = SparkTestData.jsonl(dir, "data/eval.jsonl", 200);
        Path parquet = dir.resolve("data/reference.parquet");
        admin.sql("SELECT id, IF(id = 7, double('NaN'), id * 0.5) AS amount, 'web' AS segment FROM range(0, 150)")
                .write()
                .parquet(parquet.toUri().toString());
        try (DataEngine e = open("  train: data/train.csv\n  eval: data/eval.jsonl\n" + "  reference: {path: '"
                + parquet.toUri() + "', format: parquet}\n")) {
            assertThat(e.description())
                    .startsWith("Spark 4.1.0 at sc://127.0.0.1:")
                    .endsWith("(plaintext)");
            for (Role role : List.of(Role.TRAIN, Role.EVAL, Role.REFERENCE)) {
                ResolvedSource r = e.resolve(data.source(role));
                // JSON objects have no column order: Spark lists JSON lines' columns by name.
                assertThat(r.columns())
                        .extracting(ResolvedSource.Column::name)
                        .containsExactlyElementsOf(
                                role == Role.EVAL
                                        ? List.of("amount", "id", "segment")
                                        : List.of("id", "amount", "segment"));
                assertThat(r.column("id").kind()).as(role + " id").isEqualTo(DataFile.Kind.INTEGER);
                assertThat(r.column("amount").kind()).isEqualTo(DataFile.Kind.FLOAT);
                assertThat(r.column("segment").kind()).isEqualTo(DataFile.Kind.STRING);
                long rows = e.one("SELECT count(*) AS n FROM " + r.relation(), "count")
                        .count("n");
                assertThat(rows).as(role.key()).isEqualTo(role == Role.TRAIN ? 300 : role == Role.EVAL ? 200 : 150);
                if (role == Role.REFERENCE) {
                    // NaN counts as null, as on DuckDB.
                    assertThat(e.one("SELECT count(amount) AS n FROM " + r.relation(), "count")
                                    .count("n"))
                            .isEqualTo(149);
                }
            }
            assertThat(csv).exists();
            assertThat(jsonl).exists();
        }
    }

    @Test
    void readsACatalogTableWithAFilterAndOnlyItsNewestPartition() throws IOException {
        try (DataEngine e =
                open("  train: {table: spark_catalog.lake.events, where: \"region = 'EU'\", partition: ds}\n"
                        + "  eval: {table: lake.events}\n")) {
            ResolvedSource train = e.resolve(data.source(Role.TRAIN));
            assertThat(train.columns())
                    .extracting(ResolvedSource.Column::name)
                    .containsExactly("id", "amount", "region", "ds");
            var r = e.one(
                    "SELECT count(*) AS n, min(ds) AS lo, max(ds) AS hi, count_if(region <> 'EU') AS other FROM "
                            + train.relation(),
                    "count");
            // ids with id % 3 == 2 are on 2026-12-03; of those, id % 4 == 0 are EU: 250 of 3000.
            assertThat(r.count("n")).isEqualTo(250);
            assertThat(r.getString("lo")).isEqualTo("2026-12-03");
            assertThat(r.getString("hi")).isEqualTo("2026-12-03");
            assertThat(r.count("other")).isZero();
            ResolvedSource eval = e.resolve(data.source(Role.EVAL));
            assertThat(e.one("SELECT count(*) AS n FROM " + eval.relation(), "count")
                            .count("n"))
                    .isEqualTo(3000);
        }
    }

    @Test
    void aPathThatDoesNotExistNamesTheFilesBesideIt() throws IOException {
        SparkTestData.csv(dir, "data/train.csv", 10);
        SparkTestData.csv(dir, "data/other.csv", 10);
        try (DataEngine e = open("  train: data/trian.csv\n")) {
            assertThatThrownBy(() -> e.resolve(data.source(Role.TRAIN)))
                    .isInstanceOfSatisfying(MlopsException.class, x -> {
                        assertThat(x.exitCode()).isEqualTo(2);
                        assertThat(x.getMessage())
                                .contains("data.train (" + dir.resolve("data/trian.csv") + ") does not exist")
                                .contains("holds ")
                                .contains("train.csv")
                                .contains("other.csv");
                    });
        }
    }

    @Test
    void aTableThatDoesNotExistNamesTheTablesOfItsSchema() throws IOException {
        try (DataEngine e = open("  train: {table: lake.evnts}\n  eval: {table: nowhere.events}\n")) {
            assertThatThrownBy(() -> e.resolve(data.source(Role.TRAIN)))
                    .isInstanceOfSatisfying(MlopsException.class, x -> {
                        assertThat(x.exitCode()).isEqualTo(2);
                        assertThat(x.getMessage())
                                .contains("data.train (table lake.evnts): the table does not exist")
                                .contains("schema lake has the tables events");
                    });
            assertThatThrownBy(() -> e.resolve(data.source(Role.EVAL)))
                    .isInstanceOfSatisfying(MlopsException.class, x -> {
                        assertThat(x.exitCode()).isEqualTo(2);
                        assertThat(x.getMessage())
                                .contains("data.eval (table nowhere.events)")
                                .contains("schemas")
                                .contains("lake")
                                .contains("default");
                    });
        }
    }

    @Test
    void aFilterOrPartitionOnAMissingColumnNamesTheColumnsThereAre() throws IOException {
        try (DataEngine e = open("  train: {table: lake.events, where: \"regoin = 'EU'\"}\n"
                + "  eval: {table: lake.events, partition: day}\n")) {
            assertThatThrownBy(() -> e.resolve(data.source(Role.TRAIN)))
                    .isInstanceOfSatisfying(MlopsException.class, x -> {
                        assertThat(x.exitCode()).isEqualTo(2);
                        assertThat(x.getMessage())
                                .startsWith("data.train.where (regoin = 'EU'): ")
                                .contains("regoin")
                                .endsWith("the columns of lake.events are id, amount, region, ds");
                    });
            assertThatThrownBy(() -> e.resolve(data.source(Role.EVAL)))
                    .isInstanceOfSatisfying(MlopsException.class, x -> {
                        assertThat(x.exitCode()).isEqualTo(2);
                        assertThat(x.getMessage())
                                .isEqualTo("data.eval.partition: column 'day' is not in table lake.events (newest day);"
                                        + " its columns are id, amount, region, ds");
                    });
        }
    }

    @Test
    void aLongQueryPrintsStageProgressAndCancelStopsIt() throws Exception {
        try (DataEngine e = open("  train: {table: lake.events}\n")) {
            // Long enough to be seen running: about a minute of hashing on two local cores.
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> e.one(
                    "SELECT sum(hash(id, id * 7)) AS s FROM range(0, 40000000000, 1, 8)", "hashing a long range"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!progressLines().contains("tasks") && System.nanoTime() < deadline && !running.isDone()) {
                Thread.sleep(200);
            }
            assertThat(progressLines())
                    .as("progress while the query runs")
                    .containsPattern("hashing a long range: stage \\d+: \\d+ of 8 tasks, [0-9.]+ s");
            long t0 = System.nanoTime();
            e.cancel("the test cancels it");
            assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(MlopsException.class)
                    .cause()
                    .satisfies(x -> {
                        assertThat(((MlopsException) x).exitCode()).isEqualTo(3);
                        assertThat(x.getMessage())
                                .isEqualTo(
                                        "the Spark job was cancelled while hashing a long range: the test cancels it");
                    });
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0))
                    .as("cancelled, not finished")
                    .isLessThan(30);
        }
        // The server is free again: the interrupted job does not hold its cores.
        assertThat(admin.sql("SELECT count(*) FROM range(0, 1000)")
                        .collectAsList()
                        .get(0)
                        .getLong(0))
                .isEqualTo(1000);
    }

    private String progressLines() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
