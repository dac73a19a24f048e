package io.mlopsci.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.contract.result.Direction;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.scoring.read.PredictionsReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics aggregated from a per-example field — mean, rate (of a boolean, a number comparison, a
 * text comparison), sum, median and percentiles — equal numpy's on the same data (numpy.mean, sum
 * and percentile with its default linear method), unweighted and with the integer row weights of a
 * bootstrap resample (numpy on the rows repeated by their weights). The fields are nested paths in
 * JSON lines, read through the configuration a user would write.
 */
class ScoreMetricsTest {

    @TempDir
    Path tmp;

    @Test
    void everyAggregateEqualsNumpy() throws IOException {
        JsonNode expected = Json.mapper()
                .readTree(ScoreFixtures.DIR.resolve("expected.json").toFile());
        StringBuilder yaml = new StringBuilder("model: m\ntrain:\n  predictions: {path: ")
                .append(ScoreFixtures.DIR.resolve("scores.jsonl"))
                .append(", input: question}\ngate:\n  baseline: none\n  metrics:\n");
        Iterator<Map.Entry<String, JsonNode>> defs =
                expected.path("definitions").fields();
        while (defs.hasNext()) {
            Map.Entry<String, JsonNode> d = defs.next();
            JsonNode def = d.getValue();
            yaml.append("    \"")
                    .append(d.getKey())
                    .append("\": {column: ")
                    .append(def.path("column").asText())
                    .append(", aggregate: ")
                    .append(def.path("aggregate").asText())
                    .append(def.has("where") ? ", where: \"" + def.path("where").asText() + "\"" : "")
                    .append(", direction: higher, min: 0}\n");
        }
        MlopsConfig config = ScoreFixtures.config(tmp, yaml.toString());
        Predictions p = PredictionsReader.read(
                config.train().predictions().path(),
                "scores.jsonl",
                config.train().predictions());
        MetricComputer computer = new MetricComputer(
                p,
                null,
                null,
                MetricDefinitions.of(config.gate(), config.train().predictions()));
        double[] weights = ScoreFixtures.weights("score_weights.csv");
        int checked = 0;
        for (String variant : new String[] {"unweighted", "weighted"}) {
            Iterator<Map.Entry<String, JsonNode>> it =
                    expected.path("scores").path(variant).fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                double actual = computer.compute(e.getKey(), variant.equals("weighted") ? weights : null);
                double reference = e.getValue().asDouble();
                assertThat(ScoreFixtures.close(actual, reference))
                        .as(variant + " " + e.getKey() + ": " + actual + " vs numpy " + reference)
                        .isTrue();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(2 * expected.path("definitions").size());
    }

    @Test
    void perExampleValuesAreTheRowsValuesAndForARateWhetherTheRowCounts() throws IOException {
        MlopsConfig config = ScoreFixtures.config(
                tmp,
                "model: m\ntrain:\n  predictions: " + ScoreFixtures.DIR.resolve("scores.jsonl")
                        + "\ngate:\n  baseline: none\n  metrics:\n"
                        + "    judge: {column: scores.judge, direction: higher, min: 1}\n"
                        + "    pass: {column: scores.judge, aggregate: rate, where: \">= 4\", direction: higher, min: 0}\n");
        Predictions p = PredictionsReader.read(
                config.train().predictions().path(),
                "scores.jsonl",
                config.train().predictions());
        MetricComputer c = new MetricComputer(
                p,
                null,
                null,
                MetricDefinitions.of(config.gate(), config.train().predictions()));
        ExampleValues judge = c.perExample("judge", Direction.HIGHER);
        ExampleValues pass = c.perExample("pass", Direction.HIGHER);
        assertThat(judge.binary()).isFalse();
        assertThat(judge.measure()).isEqualTo("scores.judge");
        assertThat(pass.binary()).isTrue();
        assertThat(pass.measure()).isEqualTo("scores.judge >= 4");
        for (int i = 0; i < p.size(); i++) {
            assertThat(pass.values()[i]).isEqualTo(judge.values()[i] >= 4 ? 1.0 : 0.0);
        }
        assertThat(judge.keys()[0]).isEqualTo("s000");
    }
}
