package io.mlopsci.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Metrics from a per-example column, ranking metrics and the JSON lines predictions in mlops.yaml:
 * what loads, and each mistake reported with its line, column and path.
 */
class ScoreMetricConfigTest {

    @TempDir
    Path tmp;

    MlopsConfig load(String yaml) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f, new ConfigLoader.Options(null, null, Map.of(), List.of()));
    }

    ConfigProblem problem(String yaml) throws IOException {
        try {
            load(yaml);
        } catch (ConfigException e) {
            assertThat(e.problems()).as(e.getMessage()).hasSize(1);
            return e.problems().get(0);
        }
        throw new AssertionError("expected a problem in:\n" + yaml);
    }

    static final String PREDICTIONS = "model: m\ntrain:\n  predictions: {path: p.jsonl, input: q, query: qid}\n";

    @Test
    void loadsScoreMetricsRankingAndTheFieldsTheReaderMustCheck() throws IOException {
        MlopsConfig c = load(PREDICTIONS + """
                gate:
                  metrics:
                    judge: {column: scores.judge, direction: higher, min: 3.5, change: {max_drop: 0.1}}
                    pass_rate: {column: scores.judge, aggregate: rate, where: ">= 4", direction: higher, min: 0.6}
                    exact: {column: exact, aggregate: rate, direction: higher, min: 0.5}
                    said_yes: {column: verdict, aggregate: rate, where: "== 'yes'", direction: higher, min: 0.5}
                    latency_p95_ms: {column: latency_ms, aggregate: p95, max: 2000}
                    cost: {column: usage.cost, aggregate: sum, direction: lower, max: 5}
                    ndcg@10: {min: 0.4}
                  ranking: {no_relevant: skip}
                  examples: {show: 3}
                """);
        GateConfig g = c.gate();
        GateConfig.ScoreColumn judge = g.metrics().get(0).score();
        assertThat(judge.aggregate()).isEqualTo(GateConfig.Aggregate.MEAN);
        assertThat(judge.column()).isEqualTo("scores.judge");
        assertThat(judge.location().line()).isEqualTo(6);
        GateConfig.ScoreColumn pass = g.metrics().get(1).score();
        assertThat(pass.where().op()).isEqualTo(">=");
        assertThat(pass.where().number()).isEqualTo(4.0);
        assertThat(pass.describe()).isEqualTo("share of rows where scores.judge >= 4");
        assertThat(g.metrics().get(3).score().where().value()).isEqualTo("yes");
        assertThat(g.metrics().get(3).score().where().test("yes")).isTrue();
        GateConfig.MetricRule latency = g.metrics().get(4);
        assertThat(latency.score().quantile()).isEqualTo(0.95);
        assertThat(latency.direction()).isEqualTo(Direction.LOWER);
        assertThat(g.metrics().get(6).fromPredictions()).isTrue();
        assertThat(g.ranking().noRelevant()).isEqualTo(GateConfig.NoRelevant.SKIP);
        assertThat(g.examples().show()).isEqualTo(3);
        assertThat(c.train().predictions().fields())
                .extracting(TrainConfig.Field::path, TrainConfig.Field::kind)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("q", GateConfig.FieldKind.TEXT),
                        org.assertj.core.groups.Tuple.tuple("scores.judge", GateConfig.FieldKind.NUMBER),
                        org.assertj.core.groups.Tuple.tuple("exact", GateConfig.FieldKind.BOOLEAN),
                        org.assertj.core.groups.Tuple.tuple("verdict", GateConfig.FieldKind.TEXT),
                        org.assertj.core.groups.Tuple.tuple("usage.cost", GateConfig.FieldKind.NUMBER),
                        org.assertj.core.groups.Tuple.tuple("qid", GateConfig.FieldKind.TEXT),
                        org.assertj.core.groups.Tuple.tuple("label", GateConfig.FieldKind.RELEVANCE));
        assertThat(c.train().predictions().formatOf(c.train().predictions().path()))
                .isEqualTo(TrainConfig.Format.JSONL);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            judge: {column: scores.judge, min: 3}                                | 6 | 12 | say which way is better
            judge: {column: s, aggregate: average, direction: higher, min: 3}     | 6 | 35 | expected mean, rate, sum, median or a percentile p0..p100 such as p95, got 'average'
            judge: {column: s, aggregate: p101, direction: higher, min: 3}        | 6 | 35 | got 'p101'
            judge: {column: s, aggregate: mean, where: '>= 4', direction: higher, min: 3} | 6 | 48 | it goes with 'aggregate: rate', not 'mean'
            judge: {column: s, aggregate: rate, where: '>= four', direction: higher, min: 0} | 6 | 48 | compares numbers, and 'four' is not one
            judge: {column: s, aggregate: rate, where: 'about 4', direction: higher, min: 0} | 6 | 48 | expected a comparison such as
            judge: {aggregate: rate, direction: higher, min: 0}                   | 6 | 24 | 'aggregate' applies to a metric aggregated from a column: add 'column'
            accuracy: {column: exact, aggregate: rate, min: 0.5}                 | 6 | 24 | 'accuracy' is a metric the gate computes itself
            judge: {column: s, source: reported, direction: higher, min: 3}       | 6 | 32 | 'source: reported' would ignore that
            """)
    void mistakesAreReportedAtTheirKey(String metric, int line, int column, String message) throws IOException {
        ConfigProblem p = problem(PREDICTIONS + "gate:\n  metrics:\n    " + metric + "\n");
        assertThat(p.message()).contains(message);
        assertThat(p.location().line()).isEqualTo(line);
        assertThat(p.location().column()).isEqualTo(column);
    }

    @Test
    void aScoreMetricNeedsPredictions() throws IOException {
        ConfigProblem p = problem("model: m\ngate:\n  metrics:\n    judge: {column: s, direction: higher, min: 3}\n");
        assertThat(p.path()).isEqualTo("gate.metrics.judge.column");
        assertThat(p.message()).contains("needs per-example predictions");
        assertThat(p.location().line()).isEqualTo(4);
    }

    @Test
    void aComputedRankingMetricNeedsTheQueryField() throws IOException {
        ConfigProblem p = problem(
                "model: m\ntrain:\n  predictions: p.csv\ngate:\n  metrics:\n    mrr: {min: 0.3, source: computed}\n");
        assertThat(p.message()).contains("set train.predictions.query");
        // Without source: computed, a ranking name without a query field is the training's number.
        assertThat(load("model: m\ntrain:\n  predictions: p.csv\ngate:\n  metrics:\n    map@5: {min: 0.3}\n")
                        .gate()
                        .metrics()
                        .get(0)
                        .fromPredictions())
                .isFalse();
    }

    @Test
    void aSliceMetricMustBeComputableOrDefinedFromAColumn() throws IOException {
        ConfigProblem p = problem(PREDICTIONS
                + "gate:\n  metrics:\n    judge: {column: s, direction: higher, min: 1}\n"
                + "  slices: {column: topic, metrics: {judge: {min: 2}, helpfulness: {direction: higher, min: 2}}}\n");
        assertThat(p.path()).isEqualTo("gate.slices.metrics.helpfulness");
        assertThat(p.message()).contains("define it from a column");
    }

    @Test
    void rankingAndExamplesSettingsAreChecked() throws IOException {
        assertThat(problem(PREDICTIONS + "gate:\n  metrics:\n    mrr: {min: 0}\n  ranking: {no_relevant: maybe}\n")
                        .message())
                .contains("expected one of");
        assertThat(problem(PREDICTIONS + "gate:\n  metrics:\n    mrr: {min: 0}\n  examples: {show: 500}\n")
                        .message())
                .contains("between 0 and 100");
    }

    @Test
    void predictionsFormatAndFilter() throws IOException {
        assertThat(problem("model: m\ntrain:\n  predictions: {path: p.csv, format: csv, filter: {type: match}}\n")
                        .message())
                .contains("'filter' selects lines of a JSON lines file");
        MlopsConfig c = load("model: m\ntrain:\n  predictions: {path: p.txt, format: jsonl, filter: {type: match}}\n");
        assertThat(c.train().predictions().filter()).containsEntry("type", "match");
        assertThat(c.train().predictions().copyName()).isEqualTo("predictions.jsonl");
    }
}
