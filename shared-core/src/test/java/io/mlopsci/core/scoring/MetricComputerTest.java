package io.mlopsci.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.metrics.MetricCatalog;
import io.mlopsci.core.scoring.read.PredictionsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every computable metric equals scikit-learn's value on the same predictions (fixtures and the
 * script that made them: src/test/resources/fixtures/metrics), unweighted and with the integer row
 * weights a bootstrap resample draws (scikit-learn's sample_weight).
 */
class MetricComputerTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures/metrics");
    static final TrainConfig.PredictionsConfig COLUMNS = TrainConfig.PredictionsConfig.of(null, null);

    @ParameterizedTest
    @ValueSource(strings = {"binary", "multiclass", "regression"})
    void matchesScikitLearn(String name) throws Exception {
        JsonNode expected = Json.mapper()
                .readTree(FIXTURES.resolve("expected.json").toFile())
                .path(name);
        Predictions p = PredictionsReader.read(FIXTURES.resolve(name + ".csv"), name + ".csv", COLUMNS);
        MetricComputer computer = new MetricComputer(p, null, null);
        double[] weights = weights(name, p.size());
        int checked = 0;
        for (String variant : List.of("unweighted", "weighted")) {
            Iterator<Map.Entry<String, JsonNode>> it = expected.path(variant).fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                double actual = computer.compute(e.getKey(), variant.equals("weighted") ? weights : null);
                assertThat(actual)
                        .as(name + " " + variant + " " + e.getKey())
                        .isCloseTo(e.getValue().asDouble(), within(1e-12));
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
    }

    @Test
    void infersTheTaskAndThePositiveClass() throws IOException {
        Predictions binary = PredictionsReader.read(FIXTURES.resolve("binary.csv"), "binary.csv", COLUMNS);
        Predictions regression = PredictionsReader.read(FIXTURES.resolve("regression.csv"), "regression.csv", COLUMNS);
        assertThat(new MetricComputer(binary, null, null).task()).isEqualTo(MetricCatalog.Task.CLASSIFICATION);
        assertThat(new MetricComputer(regression, null, null).task()).isEqualTo(MetricCatalog.Task.REGRESSION);
    }

    @Test
    void rocAucIsUndefinedWithOneClassAndNamesWhy() throws Exception {
        Predictions p = PredictionsReader.read(FIXTURES.resolve("binary.csv"), "binary.csv", COLUMNS);
        double[] onlyNegatives = new double[p.size()];
        for (int i = 0; i < p.size(); i++) {
            onlyNegatives[i] = p.labels()[i].equals("0") ? 1 : 0;
        }
        MetricComputer c = new MetricComputer(p, null, null);
        assertThatThrownBy(() -> c.compute("roc_auc", onlyNegatives))
                .isInstanceOf(MetricUnavailableException.class)
                .hasMessageContaining("only one class");
    }

    @Test
    void aRegressionMetricOnClassificationPredictionsIsUnavailable() throws Exception {
        Predictions p = PredictionsReader.read(FIXTURES.resolve("binary.csv"), "binary.csv", COLUMNS);
        assertThatThrownBy(() -> new MetricComputer(p, null, null).compute("rmse", null))
                .isInstanceOf(MetricUnavailableException.class)
                .hasMessageContaining("regression metric");
    }

    @Test
    void binaryMetricsNeedAPositiveClassTheyCanFind(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("p.csv");
        Files.writeString(f, "id,label,prediction\n1,cat,cat\n2,dog,cat\n3,dog,dog\n");
        Predictions p = PredictionsReader.read(f, "p.csv", COLUMNS);
        assertThatThrownBy(() -> new MetricComputer(p, null, null).compute("precision", null))
                .isInstanceOf(MetricUnavailableException.class)
                .hasMessageContaining("gate.positive_label");
        assertThat(new MetricComputer(p, null, "dog").compute("precision", null))
                .isEqualTo(1.0);
        assertThat(new MetricComputer(p, null, "dog").compute("recall", null)).isEqualTo(0.5);
    }

    @Test
    void percentileIntervalMatchesNumpy() throws IOException {
        JsonNode pct = Json.mapper()
                .readTree(FIXTURES.resolve("expected.json").toFile())
                .path("percentile");
        double[] values = new double[pct.path("values").size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = pct.path("values").get(i).asDouble();
        }
        java.util.Arrays.sort(values);
        for (int i = 0; i < pct.path("q").size(); i++) {
            assertThat(PairedBootstrap.quantile(values, pct.path("q").get(i).asDouble() / 100))
                    .isCloseTo(pct.path("result").get(i).asDouble(), within(1e-12));
        }
    }

    static double[] weights(String column, int n) throws IOException {
        List<String> lines = Files.readAllLines(FIXTURES.resolve("weights.csv"));
        int col = List.of(lines.get(0).split(",")).indexOf(column);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = Double.parseDouble(lines.get(i + 1).split(",", -1)[col]);
        }
        return w;
    }
}
