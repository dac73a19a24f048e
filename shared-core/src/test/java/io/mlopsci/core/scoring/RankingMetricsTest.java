package io.mlopsci.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.contract.result.Direction;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.scoring.read.PredictionsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ranking metrics equal their references on the same queries, to 1e-12: NDCG@k scikit-learn's
 * ndcg_score per query (with and without tied scores), MAP scikit-learn's average_precision_score
 * per query (no ties), MAP@k, MRR and recall@k trec_eval's definitions (fixtures and the script
 * that made them: src/test/resources/fixtures/scores) — unweighted, and with whole queries weighted
 * as a bootstrap resample draws them; queries without a relevant item count as 0, or are skipped.
 */
class RankingMetricsTest {

    @TempDir
    Path tmp;

    MetricComputer computer(String file, String noRelevant) throws IOException {
        StringBuilder yaml = new StringBuilder("model: m\ntrain:\n  predictions: {path: ")
                .append(ScoreFixtures.DIR.resolve(file))
                .append(", query: query, label: relevance, score: score}\n")
                .append("gate:\n  baseline: none\n  ranking: {no_relevant: ")
                .append(noRelevant)
                .append("}\n  metrics:\n    ndcg@5: {min: 0}\n");
        MlopsConfig config = ScoreFixtures.config(tmp, yaml.toString());
        Predictions p = PredictionsReader.read(
                config.train().predictions().path(), file, config.train().predictions());
        return new MetricComputer(
                p,
                null,
                null,
                MetricDefinitions.of(config.gate(), config.train().predictions()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ranking", "ranking_ties"})
    void everyMeasureEqualsItsReference(String name) throws IOException {
        JsonNode expected = Json.mapper()
                .readTree(ScoreFixtures.DIR.resolve("expected.json").toFile())
                .path(name);
        MetricComputer zero = computer(name + ".csv", "zero");
        MetricComputer skip = computer(name + ".csv", "skip");
        double[] weights = ScoreFixtures.weights("query_weights.csv");
        int checked = 0;
        for (String variant : new String[] {"unweighted", "weighted"}) {
            Iterator<Map.Entry<String, JsonNode>> it = expected.path(variant).fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String metric = e.getKey().replace(" (scikit-learn)", "");
                MetricComputer c = metric.startsWith("skip:") ? skip : zero;
                metric = metric.replace("skip:", "");
                double actual = c.compute(metric, variant.equals("weighted") ? weights : null);
                assertThat(ScoreFixtures.close(actual, e.getValue().asDouble()))
                        .as(name + " " + variant + " " + e.getKey() + ": " + actual + " vs " + e.getValue())
                        .isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(40);
    }

    @Test
    void aResampleDrawsWholeQueries() throws IOException {
        MetricComputer c = computer("ranking.csv", "zero");
        assertThat(c.perQuery("ndcg@5")).isTrue();
        assertThat(c.queries()).hasSize(60);
        assertThat(c.queriesIn(null)).hasSize(60);
        double[] qw = new double[60];
        qw[0] = 2;
        qw[5] = 1;
        double[] v = c.perExample("ndcg@5", Direction.HIGHER).values();
        assertThat(c.computeOverQueries("ndcg@5", qw))
                .isCloseTo((2 * v[0] + v[5]) / 3, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(c.queriesIn(new double[c.rows()])).isEmpty();
    }

    @Test
    void aSliceThatCutsThroughAQueryIsUndefinedNotSilentlyWrong() throws IOException {
        MetricComputer c = computer("ranking.csv", "zero");
        double[] w = new double[c.rows()];
        w[0] = 1; // one item of the first query only
        assertThatThrownBy(() -> c.compute("ndcg@5", w))
                .isInstanceOf(MetricUnavailableException.class)
                .hasMessageContaining("whole queries");
    }

    @Test
    void perQueryValuesForTheExampleDiff() throws IOException {
        MetricComputer c = computer("ranking.csv", "zero");
        ExampleValues v = c.perExample("ndcg@5", Direction.HIGHER);
        assertThat(v.unit()).isEqualTo("query");
        assertThat(v.keys()).hasSize(60).startsWith("q00");
        double mean = java.util.Arrays.stream(v.values()).average().orElseThrow();
        assertThat(mean).isCloseTo(c.compute("ndcg@5", null), org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void noRelevantErrorNamesTheFileLineAndQuery() throws IOException {
        Path f = tmp.resolve("r.csv");
        Files.writeString(f, "query,id,relevance,score\nq1,a,1,0.5\nq1,b,0,0.4\nq2,c,0,0.9\nq2,d,0,0.1\n");
        MlopsConfig config = ScoreFixtures.config(
                tmp,
                "model: m\ntrain:\n  predictions: {path: r.csv, query: query, label: relevance}\n"
                        + "gate:\n  baseline: none\n  ranking: {no_relevant: error}\n  metrics:\n    mrr: {min: 0}\n");
        Predictions p = PredictionsReader.read(f, "r.csv", config.train().predictions());
        MetricComputer c = new MetricComputer(
                p,
                null,
                null,
                MetricDefinitions.of(config.gate(), config.train().predictions()));
        assertThatThrownBy(() -> c.compute("mrr", null))
                .isInstanceOf(MlopsException.class)
                .hasMessageContaining("r.csv:4: query 'q2'")
                .hasMessageContaining("no relevant item");
    }
}
