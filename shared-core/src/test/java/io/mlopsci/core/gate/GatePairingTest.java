package io.mlopsci.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.GateConfig;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.scoring.Predictions;
import io.mlopsci.core.scoring.read.PredictionsReader;
import io.mlopsci.core.testing.PredictionFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change rules compare candidate and baseline on the same rows: whenever both have predictions,
 * rows are paired by id (without {@code confidence} too). No common row is an ERROR; a partial
 * overlap compares on the common rows and says how many rows each side had.
 */
class GatePairingTest {

    @TempDir
    Path tmp;

    GateConfig gate(String yaml) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, "model: m\ntrain:\n  predictions: p.csv\ngate:\n" + yaml.indent(2));
        return ConfigLoader.load(f, new ConfigLoader.Options(null, null, Map.of(), List.of()))
                .gate();
    }

    Predictions predictions(String name, String csv) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, csv);
        return PredictionFiles.readSlicingOnOtherColumns(f, name);
    }

    /** {@code n} rows with ids from {@code firstId}; the first {@code wrong} predictions are wrong. */
    static String rows(int firstId, int n, int wrong) {
        StringBuilder b = new StringBuilder("id,label,prediction,region\n");
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            b.append(firstId + i)
                    .append(',')
                    .append(label)
                    .append(',')
                    .append(i < wrong ? 1 - label : label)
                    .append(',')
                    .append(i % 4 == 0 ? "us" : "eu")
                    .append('\n');
        }
        return b.toString();
    }

    GateEvaluator.Outcome evaluate(String rules, Predictions candidate, Predictions champion) throws IOException {
        return GateEvaluator.evaluate(
                gate(rules),
                new GateEvaluator.Candidate(Map.of(), candidate),
                new GateEvaluator.Baseline("champion", "4", Map.of(), champion));
    }

    static Criterion only(GateEvaluator.Outcome o, String id) {
        return o.criteria().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no criterion " + id + " in " + o.criteria()));
    }

    @Test
    void disjointIdsAreAnErrorNotAComparisonOfDifferentRows() throws IOException {
        // The candidate is worse on its rows than the champion on its own: compared unpaired, the
        // rule would even pass or fail by chance. Without common rows there is nothing to compare.
        Predictions cand = predictions("c.csv", rows(1, 100, 10));
        Predictions champ = predictions("b.csv", rows(1001, 100, 40));
        GateEvaluator.Outcome o = evaluate("metrics:\n  accuracy: {min: 0.5, change: {max_drop: 0.01}}", cand, champ);
        Criterion change = only(o, "accuracy.max_drop");
        assertThat(change.status()).isEqualTo(Status.ERROR);
        assertThat(change.effect()).isEqualTo(Effect.FAIL);
        assertThat(change.message())
                .contains("no row in common")
                .contains("100 candidate rows")
                .contains("100 champion rows");
        // The absolute rule is about the candidate alone and is still evaluated.
        assertThat(only(o, "accuracy.min").status()).isEqualTo(Status.PASS);
        assertThat(o.notes()).anyMatch(n -> n.contains("no row in common"));
    }

    @Test
    void disjointIdsFailChangeRulesOnReportedMetricsToo() throws IOException {
        Predictions cand = predictions("c.csv", rows(1, 10, 0));
        Predictions champ = predictions("b.csv", rows(101, 10, 0));
        GateEvaluator.Outcome o = GateEvaluator.evaluate(
                gate("metrics:\n  custom_score: {direction: higher, change: {max_drop: 0.1}}"),
                new GateEvaluator.Candidate(Map.of("custom_score", 0.9), cand),
                new GateEvaluator.Baseline("champion", "4", Map.of("custom_score", 0.5), champ));
        Criterion c = only(o, "custom_score.max_drop");
        assertThat(c.status()).isEqualTo(Status.ERROR);
        assertThat(c.message()).contains("no row in common");
    }

    @Test
    void partialOverlapComparesTheCommonRowsAndReportsTheCounts() throws IOException {
        // Candidate ids 1..100, champion ids 51..150: 50 rows in common. On the common rows (the
        // candidate's last 50, where it is always right; the champion's first 50, with 20 wrong)
        // the candidate is better by 0.4; on its own 100 rows it has 30 wrong.
        Predictions cand = predictions("c.csv", rows(1, 100, 30));
        Predictions champ = predictions("b.csv", rows(51, 100, 20));
        GateEvaluator.Outcome o = evaluate("metrics:\n  accuracy: {min: 0.5, change: {max_drop: 0.01}}", cand, champ);
        Criterion change = only(o, "accuracy.max_drop");
        assertThat(change.status()).isEqualTo(Status.PASS);
        assertThat(change.actual()).isEqualTo(1.0);
        assertThat(change.baseline()).isEqualTo(0.6);
        assertThat(change.message())
                .contains("50 rows in common")
                .contains("100 candidate rows")
                .contains("100 champion rows");
        // The absolute bound judges every candidate row.
        assertThat(only(o, "accuracy.min").actual()).isEqualTo(0.7);
        assertThat(o.notes())
                .anyMatch(n -> n.contains("50 rows in common")
                        && n.contains("50 candidate rows")
                        && n.contains("50 champion rows"));
    }

    @Test
    void partialOverlapAlsoPairsSliceChangeRules() throws IOException {
        Predictions cand = predictions("c.csv", rows(1, 100, 0));
        Predictions champ = predictions("b.csv", rows(51, 100, 0));
        GateEvaluator.Outcome o = evaluate(
                "metrics:\n  accuracy: {min: 0.5}\nslices:\n  column: region\n  min_rows: 1\n  metrics:\n"
                        + "    accuracy: {change: {max_drop: 0.01}}",
                cand,
                champ);
        Criterion eu = only(o, "accuracy[region=eu].max_drop");
        assertThat(eu.status()).as(eu.toString()).isEqualTo(Status.PASS);
        assertThat(eu.message()).contains("rows in common");
    }

    @Test
    void sameIdsWithDifferentLabelsAreAnError() throws IOException {
        Predictions cand = predictions("c.csv", "id,label,prediction\n1,1,1\n2,0,0\n3,1,1\n");
        Predictions champ = predictions("b.csv", "id,label,prediction\n1,0,0\n2,1,1\n3,1,1\n");
        Criterion c =
                only(evaluate("metrics:\n  accuracy: {change: {max_drop: 0.01}}", cand, champ), "accuracy.max_drop");
        assertThat(c.status()).isEqualTo(Status.ERROR);
        assertThat(c.message())
                .contains("2 of 3 common rows have different labels")
                .contains("gate.evaluate");
    }

    @Test
    void identicalRowsInAnotherOrderArePairedAsBefore() throws IOException {
        Predictions cand = predictions("c.csv", "id,label,prediction\n1,1,1\n2,0,0\n3,1,0\n4,0,0\n");
        Predictions champ = predictions("b.csv", "id,label,prediction\n4,0,0\n3,1,1\n2,0,0\n1,1,1\n");
        GateEvaluator.Outcome o = evaluate("metrics:\n  accuracy: {change: {max_drop: 0.3}}", cand, champ);
        Criterion c = only(o, "accuracy.max_drop");
        assertThat(c.status()).isEqualTo(Status.PASS);
        assertThat(c.actual()).isEqualTo(0.75);
        assertThat(c.baseline()).isEqualTo(1.0);
        assertThat(o.notes()).anyMatch(n -> n.contains("same 4 rows (paired by id)"));
    }

    @Test
    void withoutAnIdColumnRowsArePairedByPositionOnlyWhenTheyAgree() throws IOException {
        Path fc = tmp.resolve("nc.csv");
        Path fb = tmp.resolve("nb.csv");
        Files.writeString(fc, "label,prediction\n1,1\n0,0\n1,0\n");
        Files.writeString(fb, "label,prediction\n1,1\n0,0\n");
        TrainConfig.PredictionsConfig cols = TrainConfig.PredictionsConfig.of(fc, null);
        Predictions cand = PredictionsReader.read(fc, "nc.csv", cols);
        Predictions champ = PredictionsReader.read(fb, "nb.csv", cols);
        Criterion c =
                only(evaluate("metrics:\n  accuracy: {change: {max_drop: 0.5}}", cand, champ), "accuracy.max_drop");
        assertThat(c.status()).isEqualTo(Status.ERROR);
        assertThat(c.message()).contains("no id column").contains("train.predictions.id");
    }
}
