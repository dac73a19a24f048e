package io.mlopsci.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.ExampleDiff;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.scoring.Predictions;
import io.mlopsci.core.scoring.read.PredictionsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics from per-example scores and ranking metrics go through the same rules as computed
 * metrics — bounds, change rules against the champion on the rows paired by id, slices, the paired
 * bootstrap — and every change rule reports the examples that improved, regressed and stayed, with
 * those that regressed most listed first.
 */
class PerExampleGateTest {

    @TempDir
    Path tmp;

    MlopsConfig config(String predictions, String gate) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, "model: m\ntrain:\n  predictions: " + predictions + "\ngate:\n" + gate.indent(2));
        return ConfigLoader.load(f, new ConfigLoader.Options(null, null, Map.of(), List.of()));
    }

    Predictions read(MlopsConfig c, String name, String content, boolean recorded) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content);
        return recorded
                ? PredictionsReader.readRecorded(f, name, c.train().predictions())
                : PredictionsReader.read(f, name, c.train().predictions());
    }

    GateEvaluator.Outcome evaluate(MlopsConfig c, Predictions candidate, Predictions champion) {
        return GateEvaluator.evaluate(
                c.gate(),
                c.train().predictions(),
                new GateEvaluator.Candidate(Map.of(), candidate),
                champion == null ? null : new GateEvaluator.Baseline("champion", "3", Map.of(), champion));
    }

    static Criterion only(GateEvaluator.Outcome o, String id) {
        return o.criteria().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no criterion " + id + " in " + o.criteria()));
    }

    /** Six questions; the candidate's judge scores drop on q2 (5 → 1), q4 (4 → 2) and q5 (3 → 2), rise on q6. */
    static String answers(int... judge) {
        StringBuilder b = new StringBuilder();
        String[] questions = {
            "Capital of France?", "2 + 2?", "Largest planet?", "Author of Hamlet?", "H2O is?", "Speed of light?"
        };
        for (int i = 0; i < judge.length; i++) {
            b.append("{\"id\": \"q")
                    .append(i + 1)
                    .append("\", \"question\": \"")
                    .append(questions[i])
                    .append("\", \"answer\": \"answer ")
                    .append(judge[i])
                    .append("\", \"scores\": {\"judge\": ")
                    .append(judge[i])
                    .append("}, \"topic\": \"")
                    .append(i < 3 ? "science" : "culture")
                    .append("\"}\n");
        }
        return b.toString();
    }

    static final String LLM = "{path: p.jsonl, input: question, prediction: answer}";

    @Test
    void aScoreMetricIsGatedLikeAComputedMetricAndNamesTheWorstExamples() throws IOException {
        MlopsConfig c = config(
                LLM,
                "metrics:\n  judge: {column: scores.judge, aggregate: mean, direction: higher, min: 3,"
                        + " change: {max_drop: 0.2}}\n  pass_rate: {column: scores.judge, aggregate: rate,"
                        + " where: \">= 4\", direction: higher, change: {max_drop: 0.1}}");
        Predictions champion = read(c, "champion.jsonl", answers(4, 5, 3, 4, 3, 2), true);
        Predictions candidate = read(c, "p.jsonl", answers(4, 1, 3, 2, 2, 5), false);
        GateEvaluator.Outcome o = evaluate(c, candidate, champion);

        Criterion min = only(o, "judge.min");
        assertThat(min.actual()).isCloseTo(17.0 / 6, within(1e-12));
        assertThat(min.status()).isEqualTo(Status.FAIL);
        Criterion drop = only(o, "judge.max_drop");
        assertThat(drop.baseline()).isCloseTo(21.0 / 6, within(1e-12));
        assertThat(drop.status()).isEqualTo(Status.FAIL);

        ExampleDiff d = drop.examples();
        assertThat(d.measure()).isEqualTo("scores.judge");
        assertThat(d.unit()).isEqualTo("example");
        assertThat(d.binary()).isFalse();
        assertThat(List.of(d.improved(), d.regressed(), d.unchanged())).containsExactly(1, 3, 2);
        assertThat(d.regressedMost()).extracting(ExampleDiff.Example::id).containsExactly("q2", "q4", "q5");
        ExampleDiff.Example worst = d.regressedMost().get(0);
        assertThat(worst.input()).isEqualTo("2 + 2?");
        assertThat(worst.baseline()).isEqualTo(5.0);
        assertThat(worst.candidate()).isEqualTo(1.0);
        assertThat(worst.change()).isEqualTo(-4.0);
        assertThat(worst.baselineOutput()).isEqualTo("answer 5");
        assertThat(worst.candidateOutput()).isEqualTo("answer 1");

        ExampleDiff rate = only(o, "pass_rate.max_drop").examples();
        assertThat(rate.binary()).isTrue();
        assertThat(rate.measure()).isEqualTo("scores.judge >= 4");
        assertThat(List.of(rate.improved(), rate.regressed(), rate.unchanged())).containsExactly(1, 2, 3);
    }

    @Test
    void theBootstrapRecomputesTheAggregatePerResampleOnPairedRows() throws IOException {
        MlopsConfig c = config(
                LLM,
                "metrics:\n  judge: {column: scores.judge, direction: higher, change: {max_drop: 0.5}}\n"
                        + "  p95: {column: scores.judge, aggregate: p95, direction: higher, change: {max_drop: 5}}\n"
                        + "confidence: {resamples: 500, seed: 3}");
        // The candidate's rows in another order: pairing is by id, not by position.
        String champion = answers(4, 5, 3, 4, 3, 2);
        List<String> lines =
                new java.util.ArrayList<>(answers(4, 1, 3, 2, 2, 5).lines().toList());
        java.util.Collections.reverse(lines);
        GateEvaluator.Outcome o = evaluate(
                c,
                read(c, "p.jsonl", String.join("\n", lines) + "\n", false),
                read(c, "champion.jsonl", champion, true));
        Criterion judge = only(o, "judge.max_drop");
        assertThat(judge.interval()).isNotNull();
        assertThat(judge.interval().resamples()).isEqualTo(500);
        assertThat(judge.interval().method()).contains("paired bootstrap").doesNotContain("queries");
        // Mean improvement −4/6; the interval contains it, and the rows are paired (q6 improved).
        assertThat(judge.interval().low()).isLessThan(-4.0 / 6);
        assertThat(judge.interval().high()).isGreaterThan(-4.0 / 6);
        assertThat(judge.examples().regressedMost().get(0).id()).isEqualTo("q2");
        Criterion p95 = only(o, "p95.max_drop");
        assertThat(p95.status()).isEqualTo(Status.PASS);
        assertThat(p95.interval().high()).isLessThanOrEqualTo(3.0);
    }

    @Test
    void scoreOnlyPredictionsArePairedByIdOnTheRowsBothScored() throws IOException {
        MlopsConfig c = config(
                LLM,
                "metrics:\n  judge: {column: scores.judge, direction: higher, min: 1, change: {max_drop: 0.5}}\n"
                        + "confidence: {resamples: 200, seed: 5}");
        // No labels on either side. The champion lacks q6 and scored a q9 the candidate did not.
        String champion = answers(4, 5, 3, 4, 3)
                + "{\"id\": \"q9\", \"question\": \"Gone?\", \"answer\": \"x\", \"scores\": {\"judge\": 1},"
                + " \"topic\": \"culture\"}\n";
        GateEvaluator.Outcome o = evaluate(
                c, read(c, "p.jsonl", answers(4, 1, 3, 2, 2, 5), false), read(c, "champion.jsonl", champion, true));
        assertThat(only(o, "judge.min").actual())
                .as("absolute rules use every candidate row")
                .isCloseTo(17.0 / 6, within(1e-12));
        Criterion drop = only(o, "judge.max_drop");
        assertThat(drop.baseline()).isCloseTo(19.0 / 5, within(1e-12));
        assertThat(drop.actual()).as("the candidate on the same 5 rows").isCloseTo(12.0 / 5, within(1e-12));
        // Five rows decide little: the interval fails or is inconclusive (which fails by default).
        assertThat(drop.effect()).isEqualTo(Effect.FAIL);
        assertThat(drop.message())
                .contains("compared on the 5 rows in common (of 6 candidate rows and 6 champion rows");
        assertThat(drop.interval()).isNotNull();
        ExampleDiff d = drop.examples();
        assertThat(d.total()).isEqualTo(5);
        assertThat(d.regressedMost()).extracting(ExampleDiff.Example::id).containsExactly("q2", "q4", "q5");
        assertThat(o.notes()).anyMatch(n -> n.contains("1 candidate rows and 1 champion rows have no counterpart"));
    }

    @Test
    void aMetricUndefinedOnTheChampionsRowsFailsClosed() throws IOException {
        MlopsConfig c = config(
                LLM, "metrics:\n  judge: {column: scores.judge, direction: higher, min: 1, change: {max_drop: 0.2}}");
        Predictions champion = read(
                c,
                "champion.jsonl",
                "{\"id\": \"q1\", \"question\": \"x\", \"answer\": \"a\", \"score\": 0.5}\n"
                        + "{\"id\": \"q2\", \"question\": \"y\", \"answer\": \"b\", \"score\": 0.5}\n",
                true);
        Predictions candidate = read(c, "p.jsonl", answers(4, 5), false);
        GateEvaluator.Outcome o = evaluate(c, candidate, champion);
        assertThat(only(o, "judge.min").status()).isEqualTo(Status.PASS);
        Criterion drop = only(o, "judge.max_drop");
        assertThat(drop.status()).isEqualTo(Status.ERROR);
        assertThat(drop.effect()).isEqualTo(Effect.FAIL);
        assertThat(drop.message()).contains("champion.jsonl have no field 'scores.judge'");
    }

    @Test
    void slicesUseTheScoreMetricDefinedInGateMetrics() throws IOException {
        MlopsConfig c = config(
                LLM,
                "metrics:\n  judge: {column: scores.judge, direction: higher, min: 1}\n"
                        + "slices: {column: topic, min_rows: 3, metrics: {judge: {min: 3.5, change: {max_drop: 0}}}}");
        GateEvaluator.Outcome o = evaluate(
                c,
                read(c, "p.jsonl", answers(4, 1, 3, 2, 2, 5), false),
                read(c, "champion.jsonl", answers(4, 5, 3, 4, 3, 2), true));
        Criterion science = only(o, "judge[topic=science].min");
        assertThat(science.actual()).isCloseTo(8.0 / 3, within(1e-12));
        assertThat(science.status()).isEqualTo(Status.FAIL);
        ExampleDiff culture = only(o, "judge[topic=culture].max_drop").examples();
        assertThat(List.of(culture.improved(), culture.regressed(), culture.unchanged()))
                .containsExactly(1, 2, 0);
    }

    @Test
    void classificationChangeRulesListTheExamplesThatFlippedFromRightToWrong() throws IOException {
        MlopsConfig c = config(
                "{path: p.csv, input: text}",
                "metrics:\n  accuracy: {change: {max_drop: 0.1}}\n  roc_auc: {change: {max_drop: 0.1}}\nexamples: {show: 1}");
        String header = "id,text,label,prediction,score\n";
        Predictions champion = read(
                c,
                "champion.csv",
                header + "a,good film,1,1,0.9\nb,bad film,0,0,0.2\nc,fine,1,1,0.7\nd,meh,0,1,0.6\n",
                true);
        Predictions candidate = read(
                c, "p.csv", header + "a,good film,1,0,0.4\nb,bad film,0,1,0.8\nc,fine,1,1,0.7\nd,meh,0,0,0.3\n", false);
        GateEvaluator.Outcome o = evaluate(c, candidate, champion);
        ExampleDiff flips = only(o, "accuracy.max_drop").examples();
        assertThat(flips.binary()).isTrue();
        assertThat(flips.measure()).isEqualTo("correct");
        assertThat(List.of(flips.improved(), flips.regressed(), flips.unchanged()))
                .containsExactly(1, 2, 1);
        assertThat(flips.regressedMost()).hasSize(1);
        ExampleDiff.Example a = flips.regressedMost().get(0);
        assertThat(a.id()).isEqualTo("a");
        assertThat(a.input()).isEqualTo("good film");
        assertThat(a.expected()).isEqualTo("1");
        assertThat(a.baselineOutput()).isEqualTo("1");
        assertThat(a.candidateOutput()).isEqualTo("0");
        ExampleDiff probability = only(o, "roc_auc.max_drop").examples();
        assertThat(probability.measure()).isEqualTo("probability of the true class");
        // a: 0.9 → 0.4 (−0.5), b: 0.8 → 0.2 (−0.6 on the true class 0), d improves.
        assertThat(probability.regressedMost().get(0).id()).isEqualTo("b");
        assertThat(probability.regressedMost().get(0).change()).isCloseTo(-0.6, within(1e-12));
    }

    @Test
    void rankingChangeRulesResampleQueriesAndCompareQueryByQuery() throws IOException {
        MlopsConfig c = config(
                "{path: r.csv, query: q, label: rel}",
                "metrics:\n  ndcg@2: {change: {max_drop: 0.01}}\n  mrr: {min: 0.5}\nconfidence: {resamples: 200}");
        String header = "id,q,rel,score\n";
        String champion = header + "1,A,1,0.9\n2,A,0,0.1\n3,B,0,0.8\n4,B,2,0.7\n5,C,1,0.5\n6,C,0,0.4\n";
        String candidate = header + "1,A,1,0.1\n2,A,0,0.9\n3,B,0,0.8\n4,B,2,0.7\n5,C,1,0.5\n6,C,0,0.4\n";
        GateEvaluator.Outcome o =
                evaluate(c, read(c, "r.csv", candidate, false), read(c, "champion.csv", champion, true));
        Criterion ndcg = only(o, "ndcg@2.max_drop");
        assertThat(ndcg.interval().method()).contains("whole queries resampled");
        ExampleDiff d = ndcg.examples();
        assertThat(d.unit()).isEqualTo("query");
        assertThat(List.of(d.improved(), d.regressed(), d.unchanged())).containsExactly(0, 1, 2);
        assertThat(d.regressedMost().get(0).id()).isEqualTo("A");
        assertThat(d.regressedMost().get(0).expected()).isNull();
        assertThat(only(o, "mrr.min").actual()).isCloseTo((0.5 + 0.5 + 1) / 3, within(1e-12));
    }
}
