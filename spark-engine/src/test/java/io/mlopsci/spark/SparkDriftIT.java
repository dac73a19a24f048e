package io.mlopsci.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.core.data.drift.DriftFixtureCases;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.SparkConnectServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connect.Dataset;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every drift measure on a real Spark equals scipy's and numpy's on the stored fixtures (the ones
 * {@code DriftReferenceValuesTest} checks DuckDB against: exact KS p-values and Evidently's
 * small-sample choices at 800/600 rows, {@code kstwo} p-values and the large-sample choices at
 * 12,000/11,000), and every drift criterion equals DuckDB's on the same files; and a text column
 * with too many values to count exactly, binned by its most frequent ones on both engines.
 */
class SparkDriftIT {

    private static final Path FIXTURES = DriftFixtureCases.DIR;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("io.mlopsci.core.data.drift.DriftFixtureCases#cases")
    void equalsScipyAndDuckDb(String set, String method) throws IOException {
        JsonNode expected = Json.mapper()
                .readTree(FIXTURES.resolve(set).resolve("expected.json").toFile());
        String data = "  train: '" + FIXTURES.resolve(set).resolve("reference.csv") + "'\n  eval: '"
                + FIXTURES.resolve(set).resolve("current.csv") + "'\n  drift: {method: " + method
                + ", exclude: [id], share: 1}\n";
        SparkStepRun spark = SparkStepRun.of(
                tmp.resolve("spark"),
                "model: fixture\ndata:\n  engine: spark\n  spark: {remote: '"
                        + SparkConnectServer.shared().remote() + "'}\n" + data,
                Map.of());
        SparkStepRun duck = SparkStepRun.of(tmp.resolve("duckdb"), "model: fixture\ndata:\n" + data, Map.of());
        assertThat(spark.result().error()).as(spark.stderr()).isNull();
        assertThat(duck.result().error()).as(duck.stderr()).isNull();

        Map<String, Criterion> onSpark = CriteriaParity.byId(spark.result().criteria());
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("columns").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> col = it.next();
            Criterion c = onSpark.get("drift." + col.getKey());
            assertThat(c).as("drift." + col.getKey()).isNotNull();
            // A global ks or wasserstein compares text as categories, as auto does: auto's value.
            JsonNode e = col.getValue().has(method)
                    ? col.getValue().path(method)
                    : col.getValue().path("auto");
            String what = set + " " + col.getKey() + " " + method + " on Spark";
            assertClose(what, c.actual(), e.path("value").asDouble());
            if (e.has("statistic")) {
                assertClose(
                        what + " statistic",
                        (Double) c.details().get("statistic"),
                        e.path("statistic").asDouble());
            }
            checked.add(col.getKey());
        }
        assertThat(checked).isNotEmpty();

        List<String> differences =
                CriteriaParity.differences(CriteriaParity.byId(duck.result().criteria()), onSpark);
        assertThat(differences).as("DuckDB vs Spark, " + set + " " + method).isEmpty();
        assertThat(spark.result().verdict()).isEqualTo(duck.result().verdict());
    }

    /**
     * A text column with more distinct values than are counted exactly (10,000): the reference's
     * most frequent values come from each engine's top-k sketch and are counted afterwards. With the
     * frequent values well apart (as a sketch needs to rank them alike), both engines pick the same
     * ones and give the same criterion.
     */
    @Test
    void manyTextValuesAreBinnedByTheirMostFrequentAsOnDuckDb() throws IOException {
        Path ref = tmp.resolve("reference.csv");
        Path cur = tmp.resolve("current.csv");
        Files.writeString(ref, manyValues(1, 0));
        Files.writeString(cur, manyValues(2, 300));
        String data = "  train: '" + ref + "'\n  eval: '" + cur + "'\n"
                + "  drift: {method: psi, max_categories: 11, exclude: [id]}\n";
        SparkStepRun spark = SparkStepRun.of(
                tmp.resolve("spark"),
                "model: many\ndata:\n  engine: spark\n  spark: {remote: '"
                        + SparkConnectServer.shared().remote() + "'}\n" + data,
                Map.of());
        SparkStepRun duck = SparkStepRun.of(tmp.resolve("duckdb"), "model: many\ndata:\n" + data, Map.of());
        assertThat(spark.result().error()).as(spark.stderr()).isNull();
        assertThat(duck.result().error()).as(duck.stderr()).isNull();
        Criterion code = CriteriaParity.byId(spark.result().criteria()).get("drift.code");
        assertThat(code.details().get("bins")).asList().hasSize(11).endsWith("(other values)");
        assertThat(code.details().get("bins")).asList().first().isEqualTo("v0009");
        // More than 10,000 values: the whole (small) reference is its own sample, which finds them
        // not few, so the column keeps the two-scan plan (its top values from Spark's sketch).
        assertThat(spark.stderr()).contains("(small enough to be its own sample)");
        assertThat(referenceScans(spark)).isEqualTo(2);
        assertThat(CriteriaParity.differences(
                        CriteriaParity.byId(duck.result().criteria()),
                        CriteriaParity.byId(spark.result().criteria())))
                .isEmpty();
    }

    /**
     * The reference is read once, its plan made from a sample of the rows whose hash of the compared
     * columns is 0 modulo ⌈rows / 131,072⌉ (here 2); a numeric column whose sample is built to miss
     * (every sampled value of {@code x} below 60,000, where the reference's deciles from the third on
     * are above it) falls back to the exact sorting and still gives DuckDB's numbers, as do a
     * few-valued number and a text column.
     */
    @Test
    void theReferenceIsScannedOnceFromAHashSampleAndABracketThatMissesFallsBackToSorting() throws IOException {
        Path ref;
        Path cur;
        long total;
        long sampled;
        double sampledMax;
        double third;
        String hash = "pmod(xxhash64(x, city, n), 2) = 0";
        try (SparkSession admin =
                SparkConnection.session(SparkConnectServer.shared().remote(), null)) {
            // The rows of the sample only below 60,000, the others everywhere.
            ref = onePart(
                    admin.sql("SELECT * FROM (SELECT CAST(id AS DOUBLE) AS x, IF(id % 3 = 0, 'a', 'b') AS city,"
                            + " id % 7 AS n FROM range(0, 400000)) AS r WHERE NOT (" + hash + ") OR x < 60000"),
                    tmp.resolve("ref"));
            cur = onePart(
                    admin.sql("SELECT CAST(id AS DOUBLE) + 5000 AS x, IF(id % 4 = 0, 'a', 'b') AS city, id % 5 AS n"
                            + " FROM range(0, 300000)"),
                    tmp.resolve("cur"));
            String file = "parquet.`" + ref.toUri() + "`";
            org.apache.spark.sql.Row s = admin.sql("SELECT count(*), max(x) FROM " + file + " WHERE " + hash)
                    .collectAsList()
                    .get(0);
            sampled = s.getLong(0);
            sampledMax = s.getDouble(1);
            org.apache.spark.sql.Row all = admin.sql("SELECT count(*), percentile(x, 0.3) FROM " + file)
                    .collectAsList()
                    .get(0);
            total = all.getLong(0);
            third = all.getDouble(1);
        }
        // One row in 2 (the construction's premise), and the sample's deciles cannot bracket the
        // reference's from the third on.
        assertThat((total + 131_071) / 131_072).isEqualTo(2);
        assertThat(sampled).isGreaterThan(20_000);
        assertThat(sampledMax).isLessThan(60_000).isLessThan(third);

        String data = "  train: '" + ref + "'\n  eval: '" + cur + "'\n  drift: {method: psi}\n";
        SparkStepRun spark = SparkStepRun.of(
                tmp.resolve("spark"),
                "model: sampled\ndata:\n  engine: spark\n  spark: {remote: '"
                        + SparkConnectServer.shared().remote() + "'}\n" + data,
                Map.of());
        SparkStepRun duck = SparkStepRun.of(tmp.resolve("duckdb"), "model: sampled\ndata:\n" + data, Map.of());
        assertThat(spark.result().error()).as(spark.stderr()).isNull();
        assertThat(duck.result().error()).as(duck.stderr()).isNull();
        assertThat(spark.stderr())
                .contains("drift: quantile brackets from a sample of " + ref + ": one row in 2 of "
                        + String.format(java.util.Locale.ROOT, "%,d", total) + " by a hash of the compared columns");
        assertThat(referenceScans(spark)).as(spark.stderr()).isEqualTo(1);
        assertThat(spark.stderr()).contains("drift: the exact quantiles of x came from sorting it");
        assertThat(spark.stderr()).doesNotContain("exact quantiles of n ", "exact quantiles of city ");
        assertThat(CriteriaParity.byId(spark.result().criteria())).containsKeys("drift.x", "drift.city", "drift.n");
        assertThat(CriteriaParity.differences(
                        CriteriaParity.byId(duck.result().criteria()),
                        CriteriaParity.byId(spark.result().criteria())))
                .isEmpty();
        assertThat(spark.result().verdict()).isEqualTo(duck.result().verdict());
    }

    /** The scans of the reference (the {@code train} role) the step timed. */
    private static long referenceScans(SparkStepRun run) {
        return run.result().timings().stream()
                .filter(t -> t.phase().startsWith("scan train "))
                .count();
    }

    /** Writes the rows as one Parquet file and returns it. */
    private static Path onePart(Dataset<org.apache.spark.sql.Row> rows, Path dir) throws IOException {
        rows.coalesce(1).write().parquet(dir.toUri().toString());
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /**
     * 10 frequent values ({@code v0000} … {@code v0009}, 2,000 + 500·i rows each, the later ones
     * {@code shift} rows fewer) and 11,000 values seen once, interleaved.
     */
    private static String manyValues(int seed, int shift) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = 2_000 + 500 * i - (i >= 5 ? shift : 0);
            for (int j = 0; j < n; j++) {
                values.add(String.format(java.util.Locale.ROOT, "v%04d", i));
            }
        }
        for (int j = 0; j < 11_000; j++) {
            values.add("once" + seed + "_" + j);
        }
        java.util.Collections.shuffle(values, new java.util.Random(seed));
        StringBuilder csv = new StringBuilder("id,code\n");
        for (int i = 0; i < values.size(); i++) {
            csv.append(i).append(',').append(values.get(i)).append('\n');
        }
        return csv.toString();
    }

    private static void assertClose(String what, Double actual, double expected) {
        assertThat(actual).as(what).isNotNull();
        double tol = Math.max(Math.abs(expected) * 1e-9, 1e-300);
        assertThat(Math.abs(actual - expected))
                .as(what + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(tol);
    }
}
