package io.mlopsci.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.Requirements;
import io.mlopsci.core.testing.SparkConnectServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every drift measure on a real Spark equals scipy's and numpy's on the stored fixtures (the ones
 * {@code DriftReferenceValuesTest} checks DuckDB against: exact KS p-values and Evidently's
 * small-sample choices at 800/600 rows, {@code kstwo} p-values and the large-sample choices at
 * 12,000/11,000), and every drift criterion equals DuckDB's on the same files.
 */
class SparkDriftIT {

    private static final Path FIXTURES =
            Requirements.repoRoot().resolve("shared-core/src/test/resources/io/mlopsci/core/data/drift");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "small,psi",
        "small,jensenshannon",
        "small,chisquare",
        "small,ks",
        "small,wasserstein",
        "small,auto",
        "large,psi",
        "large,jensenshannon",
        "large,chisquare",
        "large,ks",
        "large,wasserstein",
        "large,auto"
    })
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

    private static void assertClose(String what, Double actual, double expected) {
        assertThat(actual).as(what).isNotNull();
        double tol = Math.max(Math.abs(expected) * 1e-9, 1e-300);
        assertThat(Math.abs(actual - expected))
                .as(what + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(tol);
    }
}
