package io.mlopsci.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.ExampleDiff;
import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.scoring.Predictions;
import io.mlopsci.core.scoring.read.PredictionsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples that regressed most are those a stable sort of every regression by its change would
 * list first (worst first, equal changes in the file's order), whether the baseline lists the rows
 * in the candidate's order or in another.
 */
class ExampleDiffsTest {

    @TempDir
    Path tmp;

    private static final int ROWS = 300;

    @Test
    void theWorstRegressionsAreListedAsAStableSortWouldListThem() throws IOException {
        for (int show : new int[] {0, 1, 5, 40, 100}) {
            MlopsConfig c = config(show);
            SplittableRandom rng = new SplittableRandom(show + 1L);
            String[] champion = new String[ROWS];
            String[] candidate = new String[ROWS];
            // Probabilities on a coarse grid so that many changes are equal (ties keep the file's order).
            for (int i = 0; i < ROWS; i++) {
                int y = rng.nextInt(2);
                double b = rng.nextInt(11) / 10.0;
                double s = rng.nextInt(11) / 10.0;
                champion[i] = "r" + i + "," + y + "," + (b >= 0.5 ? 1 : 0) + "," + b;
                candidate[i] = "r" + i + "," + y + "," + (s >= 0.5 ? 1 : 0) + "," + s;
            }
            Predictions cand = read(c, "candidate.csv", List.of(candidate));
            List<String> reversed = new ArrayList<>(List.of(champion));
            Collections.reverse(reversed);
            for (List<String> championRows : List.of(List.of(champion), reversed)) {
                Predictions champ = read(c, "champion.csv", championRows);
                GateEvaluator.Outcome o = GateEvaluator.evaluate(
                        c.gate(),
                        c.train().predictions(),
                        new GateEvaluator.Candidate(Map.of(), cand),
                        new GateEvaluator.Baseline("champion", "1", Map.of(), champ));
                for (String id : List.of("accuracy.max_drop", "roc_auc.max_drop")) {
                    ExampleDiff diff = PerExampleGateTest.only(o, id).examples();
                    List<String> expected = expectedWorst(diff, cand, champ, id.startsWith("accuracy"), show);
                    assertThat(diff.regressedMost().stream()
                                    .map(ExampleDiff.Example::id)
                                    .toList())
                            .as(
                                    "%s, show %d, champion rows %s",
                                    id, show, championRows == reversed ? "reversed" : "in order")
                            .isEqualTo(expected);
                }
            }
        }
    }

    /** Every regression in the candidate's row order, stably sorted by change, cut at {@code show}. */
    private static List<String> expectedWorst(
            ExampleDiff diff, Predictions cand, Predictions champ, boolean correct, int show) {
        Map<String, Integer> champRow = new java.util.HashMap<>();
        for (int j = 0; j < champ.size(); j++) {
            champRow.put(champ.ids()[j], j);
        }
        List<String> ids = new ArrayList<>();
        List<Double> changes = new ArrayList<>();
        for (int i = 0; i < cand.size(); i++) {
            int j = champRow.get(cand.ids()[i]);
            double cv = value(cand, i, correct);
            double bv = value(champ, j, correct);
            if (Math.abs(cv - bv) > 1e-12 && cv - bv < 0) {
                ids.add(cand.ids()[i]);
                changes.add(cv - bv);
            }
        }
        assertThat(diff.regressed()).isEqualTo(ids.size());
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < ids.size(); k++) {
            order.add(k);
        }
        order.sort(Comparator.comparingDouble(changes::get));
        return order.stream().limit(show).map(ids::get).toList();
    }

    /** Right (1) or wrong (0), or the probability of the true class. */
    private static double value(Predictions p, int row, boolean correct) {
        if (correct) {
            return p.labels()[row].equals(p.predicted()[row]) ? 1 : 0;
        }
        return p.labels()[row].equals("1") ? p.score()[row] : 1 - p.score()[row];
    }

    private MlopsConfig config(int show) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(
                f,
                "model: m\ntrain:\n  predictions: p.csv\ngate:\n  metrics:\n"
                        + "    accuracy: {change: {max_drop: 0.5}}\n    roc_auc: {change: {max_drop: 0.5}}\n"
                        + "  examples: {show: " + show + "}\n");
        return ConfigLoader.load(f, new ConfigLoader.Options(null, null, Map.of(), List.of()));
    }

    private Predictions read(MlopsConfig c, String name, List<String> rows) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, "id,label,prediction,score\n" + String.join("\n", rows) + "\n");
        return PredictionsReader.read(f, name, c.train().predictions());
    }
}
