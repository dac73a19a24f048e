package io.mlopsci.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Interval;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.GateConfig;
import io.mlopsci.core.scoring.MetricComputer;
import io.mlopsci.core.scoring.PairedBootstrap;
import io.mlopsci.core.scoring.Predictions;
import io.mlopsci.core.testing.PredictionFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each gate rule and each verdict, one at a time, with the numbers a reviewer would check by hand. */
class GateEvaluatorTest {

    @TempDir
    Path tmp;

    GateConfig gate(String yaml) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, "model: m\ntrain:\n  predictions: p.csv\ngate:\n" + yaml.indent(2));
        return ConfigLoader.load(f, new ConfigLoader.Options(null, null, Map.of(), List.of()))
                .gate();
    }

    static GateEvaluator.Candidate candidate(Map<String, Double> reported) {
        return new GateEvaluator.Candidate(reported, null);
    }

    static GateEvaluator.Baseline champion(Map<String, Double> reported) {
        return new GateEvaluator.Baseline("champion", "3", reported, null);
    }

    static Criterion only(GateEvaluator.Outcome o, String id) {
        return o.criteria().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no criterion " + id + " in " + o.criteria()));
    }

    @Nested
    class AbsoluteBounds {
        @Test
        void minIsInclusive() throws IOException {
            GateConfig g = gate("metrics:\n  accuracy: {min: 0.9}");
            assertThat(only(GateEvaluator.evaluate(g, candidate(Map.of("accuracy", 0.9)), null), "accuracy.min")
                            .status())
                    .isEqualTo(Status.PASS);
            Criterion fail =
                    only(GateEvaluator.evaluate(g, candidate(Map.of("accuracy", 0.8999)), null), "accuracy.min");
            assertThat(fail.status()).isEqualTo(Status.FAIL);
            assertThat(fail.effect()).isEqualTo(Effect.FAIL);
            assertThat(fail.actual()).isEqualTo(0.8999);
            assertThat(fail.threshold()).isEqualTo(0.9);
            assertThat(fail.expected()).isEqualTo("≥ 0.9000");
            assertThat(fail.message()).contains("0.8999").contains("below the minimum 0.9000");
            assertThat(fail.location().line()).isEqualTo(6);
        }

        @Test
        void maxIsInclusiveForLowerIsBetterMetrics() throws IOException {
            GateConfig g = gate("metrics:\n  log_loss: {max: 0.3}");
            assertThat(only(GateEvaluator.evaluate(g, candidate(Map.of("log_loss", 0.3)), null), "log_loss.max")
                            .status())
                    .isEqualTo(Status.PASS);
            assertThat(only(GateEvaluator.evaluate(g, candidate(Map.of("log_loss", 0.31)), null), "log_loss.max")
                            .status())
                    .isEqualTo(Status.FAIL);
        }

        @Test
        void decimalRoundingDoesNotFailABoundWrittenWithFewDecimals() throws IOException {
            GateConfig g = gate("metrics:\n  accuracy: {min: 0.3}");
            // 0.1 + 0.2 = 0.30000000000000004 and 0.7 - 0.4 = 0.29999999999999993: both are 0.3.
            assertThat(only(GateEvaluator.evaluate(g, candidate(Map.of("accuracy", 0.7 - 0.4)), null), "accuracy.min")
                            .status())
                    .isEqualTo(Status.PASS);
        }

        @Test
        void severityWarnWarnsInsteadOfFailing() throws IOException {
            GateConfig g = gate("metrics:\n  accuracy: {min: 0.9, severity: warn}");
            Criterion c = only(GateEvaluator.evaluate(g, candidate(Map.of("accuracy", 0.5)), null), "accuracy.min");
            assertThat(c.status()).isEqualTo(Status.WARN);
            assertThat(c.effect()).isEqualTo(Effect.WARN);
        }
    }

    @Nested
    class ChangeAgainstTheBaseline {
        @Test
        void maxDropAllowsARegressionUpToTheTolerance() throws IOException {
            GateConfig g = gate("metrics:\n  roc_auc: {change: {max_drop: 0.01}}");
            Criterion ok = only(
                    GateEvaluator.evaluate(g, candidate(Map.of("roc_auc", 0.90)), champion(Map.of("roc_auc", 0.91))),
                    "roc_auc.max_drop");
            assertThat(ok.status()).isEqualTo(Status.PASS);
            assertThat(ok.delta()).isCloseTo(-0.01, within(1e-12));
            assertThat(ok.threshold()).isCloseTo(0.90, within(1e-12));
            assertThat(ok.baseline()).isEqualTo(0.91);
            Criterion bad = only(
                    GateEvaluator.evaluate(g, candidate(Map.of("roc_auc", 0.8999)), champion(Map.of("roc_auc", 0.91))),
                    "roc_auc.max_drop");
            assertThat(bad.status()).isEqualTo(Status.FAIL);
            assertThat(bad.message())
                    .contains("worse than the champion (v3) 0.9100")
                    .contains("drop ≤ 0.0100");
        }

        @Test
        void maxDropOnALowerIsBetterMetricLimitsIncreases() throws IOException {
            GateConfig g = gate("metrics:\n  rmse: {change: {max_drop: 2}}");
            assertThat(only(
                                    GateEvaluator.evaluate(
                                            g, candidate(Map.of("rmse", 12.0)), champion(Map.of("rmse", 10.0))),
                                    "rmse.max_drop")
                            .status())
                    .isEqualTo(Status.PASS);
            Criterion bad = only(
                    GateEvaluator.evaluate(g, candidate(Map.of("rmse", 12.5)), champion(Map.of("rmse", 10.0))),
                    "rmse.max_drop");
            assertThat(bad.status()).isEqualTo(Status.FAIL);
            assertThat(bad.threshold()).isEqualTo(12.0);
            assertThat(bad.delta()).isEqualTo(2.5);
        }

        @Test
        void relativeChangeIsImprovementOverTheAbsoluteBaseline() throws IOException {
            // (candidate - baseline) / |baseline| for higher-is-better: (0.882 - 0.9) / 0.9 = -2%.
            GateConfig g = gate("metrics:\n  f1: {change: {max_relative_drop: 0.02}}");
            Criterion edge = only(
                    GateEvaluator.evaluate(g, candidate(Map.of("f1", 0.882)), champion(Map.of("f1", 0.9))),
                    "f1.max_relative_drop");
            assertThat(edge.status()).isEqualTo(Status.PASS);
            assertThat(edge.relativeDelta()).isCloseTo(-0.02, within(1e-12));
            assertThat(only(
                                    GateEvaluator.evaluate(
                                            g, candidate(Map.of("f1", 0.8819)), champion(Map.of("f1", 0.9))),
                                    "f1.max_relative_drop")
                            .status())
                    .isEqualTo(Status.FAIL);
        }

        @Test
        void relativeChangeAgainstANegativeBaselineUsesItsMagnitude() throws IOException {
            // A higher-is-better score of -2.0 improving to -1.0 is +50% relative to |-2.0|.
            GateConfig g = gate("metrics:\n  score: {direction: higher, change: {min_relative_gain: 0.5}}");
            assertThat(only(
                                    GateEvaluator.evaluate(
                                            g, candidate(Map.of("score", -1.0)), champion(Map.of("score", -2.0))),
                                    "score.min_relative_gain")
                            .status())
                    .isEqualTo(Status.PASS);
        }

        @Test
        void minGainRequiresAnImprovement() throws IOException {
            GateConfig g = gate("metrics:\n  accuracy: {change: {min_gain: 0.01}}");
            assertThat(only(
                                    GateEvaluator.evaluate(
                                            g, candidate(Map.of("accuracy", 0.91)), champion(Map.of("accuracy", 0.90))),
                                    "accuracy.min_gain")
                            .status())
                    .isEqualTo(Status.PASS);
            Criterion same = only(
                    GateEvaluator.evaluate(g, candidate(Map.of("accuracy", 0.90)), champion(Map.of("accuracy", 0.90))),
                    "accuracy.min_gain");
            assertThat(same.status()).isEqualTo(Status.FAIL);
        }

        @Test
        void minRelativeGainOnALowerIsBetterMetric() throws IOException {
            // rmse 10 → 9 is a 10% relative improvement.
            GateConfig g = gate("metrics:\n  rmse: {change: {min_relative_gain: 0.1}}");
            assertThat(only(
                                    GateEvaluator.evaluate(
                                            g, candidate(Map.of("rmse", 9.0)), champion(Map.of("rmse", 10.0))),
                                    "rmse.min_relative_gain")
                            .status())
                    .isEqualTo(Status.PASS);
            assertThat(only(
                                    GateEvaluator.evaluate(
                                            g, candidate(Map.of("rmse", 9.1)), champion(Map.of("rmse", 10.0))),
                                    "rmse.min_relative_gain")
                            .status())
                    .isEqualTo(Status.FAIL);
        }

        @Test
        void aRelativeChangeAgainstAZeroBaselineIsAnErrorNotADivision() throws IOException {
            GateConfig g = gate("metrics:\n  mae: {change: {max_relative_drop: 0.1}}");
            Criterion c = only(
                    GateEvaluator.evaluate(g, candidate(Map.of("mae", 0.5)), champion(Map.of("mae", 0.0))),
                    "mae.max_relative_drop");
            assertThat(c.status()).isEqualTo(Status.ERROR);
            assertThat(c.effect()).isEqualTo(Effect.FAIL);
            assertThat(c.message()).contains("zero baseline");
        }
    }

    @Nested
    class FailClosed {
        @Test
        void aMissingMetricIsAnError() throws IOException {
            GateConfig g = gate("metrics:\n  accuracy: {min: 0.9}");
            Criterion c = only(GateEvaluator.evaluate(g, candidate(Map.of("f1", 0.95)), null), "accuracy.min");
            assertThat(c.status()).isEqualTo(Status.ERROR);
            assertThat(c.effect()).isEqualTo(Effect.FAIL);
            assertThat(c.message())
                    .contains("'accuracy' is not in the candidate's metrics")
                    .contains("reported: f1");
        }

        @Test
        void nanAndInfinityAreErrors() throws IOException {
            GateConfig g = gate("metrics:\n  loss: {direction: lower, max: 1}");
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                Criterion c = only(GateEvaluator.evaluate(g, candidate(Map.of("loss", bad)), null), "loss.max");
                assertThat(c.status()).as("value " + bad).isEqualTo(Status.ERROR);
                assertThat(c.effect()).isEqualTo(Effect.FAIL);
                assertThat(c.actual()).isNull();
            }
        }

        @Test
        void onErrorWarnToleratesAnErrorForThatMetricOnly() throws IOException {
            GateConfig g = gate("metrics:\n  accuracy: {min: 0.9, on_error: warn}\n  f1: {min: 0.9}");
            GateEvaluator.Outcome o = GateEvaluator.evaluate(g, candidate(Map.of()), null);
            assertThat(only(o, "accuracy.min").status()).isEqualTo(Status.ERROR);
            assertThat(only(o, "accuracy.min").effect()).isEqualTo(Effect.WARN);
            assertThat(only(o, "f1.min").effect()).isEqualTo(Effect.FAIL);
        }

        @Test
        void aBaselineWithoutTheMetricIsAnError() throws IOException {
            GateConfig g = gate("metrics:\n  accuracy: {change: {max_drop: 0.01}}");
            Criterion c = only(
                    GateEvaluator.evaluate(g, candidate(Map.of("accuracy", 0.9)), champion(Map.of("f1", 0.9))),
                    "accuracy.max_drop");
            assertThat(c.status()).isEqualTo(Status.ERROR);
            assertThat(c.message()).contains("champion (version 3) has no recorded value of 'accuracy'");
        }

        @Test
        void firstRunWithAbsoluteOnlyPolicyChecksBoundsAndSaysNoBaseline() throws IOException {
            GateConfig g = gate(
                    "on_missing_baseline: absolute-only\nmetrics:\n  accuracy: {min: 0.8, change: {max_drop: 0.01}}");
            GateEvaluator.Outcome o = GateEvaluator.evaluate(g, candidate(Map.of("accuracy", 0.85)), null);
            assertThat(only(o, "accuracy.min").status()).isEqualTo(Status.PASS);
            Criterion change = only(o, "accuracy.max_drop");
            // Not a warning that passed: a rule that was not applied, and why.
            assertThat(change.status()).isEqualTo(Status.NOT_EVALUATED);
            assertThat(change.effect()).isEqualTo(Effect.PASS);
            assertThat(change.message())
                    .isEqualTo("not evaluated: no baseline yet (no version has the alias 'champion';"
                            + " on_missing_baseline: absolute-only)");
            assertThat(io.mlopsci.core.report.ReportText.statusText(change)).isEqualTo("NOT EVALUATED");
            assertThat(o.notes()).anyMatch(n -> n.contains("No baseline"));
        }

        @Test
        void firstRunWithFailPolicyFails() throws IOException {
            GateConfig g =
                    gate("on_missing_baseline: fail\nmetrics:\n  accuracy: {min: 0.8, change: {max_drop: 0.01}}");
            Criterion change =
                    only(GateEvaluator.evaluate(g, candidate(Map.of("accuracy", 0.85)), null), "accuracy.max_drop");
            assertThat(change.status()).isEqualTo(Status.ERROR);
            assertThat(change.effect()).isEqualTo(Effect.FAIL);
        }
    }

    @Nested
    class FromPredictions {
        Predictions predictions(String name, String csv) throws IOException {
            return predictionsIn(name, csv);
        }

        Predictions predictionsIn(String name, String csv) throws IOException {
            Path f = tmp.resolve(name);
            Files.writeString(f, csv);
            return PredictionFiles.readSlicingOnOtherColumns(f, name);
        }

        @Test
        void computedValuesWinOverReportedOnes() throws IOException {
            Predictions p = predictions("p.csv", "id,label,prediction\n1,1,1\n2,0,0\n3,1,0\n4,0,0\n");
            GateConfig g = gate("metrics:\n  accuracy: {min: 0.7}");
            Criterion c = only(
                    GateEvaluator.evaluate(g, new GateEvaluator.Candidate(Map.of("accuracy", 0.99), p), null),
                    "accuracy.min");
            assertThat(c.actual()).isEqualTo(0.75);
        }

        @Test
        void aComputedValueThatDiffersFromTheReportedOneIsSaidWithBothNumbers() throws IOException {
            Predictions p = predictions("p.csv", "id,label,prediction\n1,1,1\n2,0,0\n3,1,0\n4,0,0\n");
            GateConfig g = gate("metrics:\n  accuracy: {min: 0.7}");
            GateEvaluator.Outcome o =
                    GateEvaluator.evaluate(g, new GateEvaluator.Candidate(Map.of("accuracy", 0.99), p), null);
            assertThat(o.notes())
                    .contains("accuracy: the gate computed 0.7500 from the predictions, the training command reported"
                            + " 0.9900; the gate judges the computed value (source: reported judges the reported one)");
            Criterion c = only(o, "accuracy.min");
            assertThat(c.actual()).isEqualTo(0.75);
            assertThat(c.details()).containsEntry("reportedByTraining", 0.99);
        }

        @Test
        void aReportedValueRoundedToFewerDecimalsIsTheSameNumber() throws IOException {
            // 2/3 computed, 0.667 reported: the training command rounded, it did not disagree.
            Predictions p = predictions("p.csv", "id,label,prediction\n1,1,1\n2,0,0\n3,1,0\n");
            GateConfig g = gate("metrics:\n  accuracy: {min: 0.5}");
            GateEvaluator.Outcome o =
                    GateEvaluator.evaluate(g, new GateEvaluator.Candidate(Map.of("accuracy", 0.667), p), null);
            assertThat(o.notes()).noneMatch(n -> n.contains("training command reported"));
            assertThat(only(o, "accuracy.min").details()).isNull();
        }

        @Test
        void sourceReportedUsesTheTrainingNumber() throws IOException {
            Predictions p = predictions("p.csv", "id,label,prediction\n1,1,1\n2,0,0\n3,1,0\n4,0,0\n");
            GateConfig g = gate("metrics:\n  accuracy: {min: 0.7, source: reported}");
            assertThat(only(
                                    GateEvaluator.evaluate(
                                            g, new GateEvaluator.Candidate(Map.of("accuracy", 0.99), p), null),
                                    "accuracy.min")
                            .actual())
                    .isEqualTo(0.99);
        }

        @Test
        void slicesAreGatedPerValueAndSmallSlicesAreErrorsUnlessAllowed() throws IOException {
            StringBuilder csv = new StringBuilder("id,label,prediction,region\n");
            for (int i = 0; i < 40; i++) {
                csv.append(i)
                        .append(',')
                        .append(i % 2)
                        .append(',')
                        .append(i % 2)
                        .append(",eu\n");
            }
            for (int i = 40; i < 45; i++) {
                csv.append(i).append(",1,0,us\n");
            }
            Predictions p = predictions("p.csv", csv.toString());
            GateConfig g = gate(
                    "metrics:\n  accuracy: {min: 0.5}\nslices:\n  column: region\n  min_rows: 10\n  metrics:\n    accuracy: {min: 0.9}");
            GateEvaluator.Outcome o = GateEvaluator.evaluate(g, new GateEvaluator.Candidate(Map.of(), p), null);
            Criterion eu = only(o, "accuracy[region=eu].min");
            assertThat(eu.status()).isEqualTo(Status.PASS);
            assertThat(eu.slice().rows()).isEqualTo(40);
            Criterion us = only(o, "region=us.min_rows");
            assertThat(us.status()).isEqualTo(Status.ERROR);
            assertThat(us.effect()).isEqualTo(Effect.FAIL);
            assertThat(us.message()).contains("5 rows, fewer than min_rows 10");

            GateConfig allow = gate(
                    "metrics:\n  accuracy: {min: 0.5}\nslices:\n  column: region\n  min_rows: 10\n  allow_small: true\n  metrics:\n    accuracy: {min: 0.9}");
            Criterion skipped = only(
                    GateEvaluator.evaluate(allow, new GateEvaluator.Candidate(Map.of(), p), null),
                    "region=us.min_rows");
            assertThat(skipped.effect()).isEqualTo(Effect.PASS);
            assertThat(skipped.status()).isEqualTo(Status.WARN);
        }

        @Test
        void aSliceColumnMissingFromThePredictionsIsAnError() throws IOException {
            Predictions p = predictions("p.csv", "id,label,prediction\n1,1,1\n");
            GateConfig g = gate(
                    "metrics:\n  accuracy: {min: 0.5}\nslices:\n  column: country\n  metrics:\n    accuracy: {min: 0.9}");
            Criterion c =
                    only(GateEvaluator.evaluate(g, new GateEvaluator.Candidate(Map.of(), p), null), "slice[country]");
            assertThat(c.status()).isEqualTo(Status.ERROR);
            assertThat(c.message()).contains("no column 'country'");
        }

        @Test
        void aListedSliceValueWithNoRowsIsAnError() throws IOException {
            Predictions p = predictions("p.csv", "id,label,prediction,region\n1,1,1,eu\n");
            GateConfig g = gate(
                    "metrics:\n  accuracy: {min: 0.5}\nslices:\n  column: region\n  min_rows: 1\n  values: [eu, jp]\n  metrics:\n    accuracy: {min: 0.9}");
            Criterion c = only(
                    GateEvaluator.evaluate(g, new GateEvaluator.Candidate(Map.of(), p), null), "region=jp.min_rows");
            assertThat(c.status()).isEqualTo(Status.ERROR);
            assertThat(c.message()).contains("no rows");
        }
    }

    @Nested
    class PairedBootstrapDecisions {
        /** Candidate and baseline predictions on the same 400 rows; the candidate is right on {@code candidateRight} more rows. */
        GateEvaluator.Outcome run(String rule, int differing, boolean candidateBetter, long seed) throws IOException {
            Predictions[] pair = pair(differing, candidateBetter);
            GateConfig g = gate("metrics:\n  accuracy: {change: {" + rule
                    + "}}\nconfidence: {resamples: 1000, level: 0.95, seed: " + seed + ", inconclusive: fail}");
            return GateEvaluator.evaluate(
                    g,
                    new GateEvaluator.Candidate(Map.of(), pair[0]),
                    new GateEvaluator.Baseline("champion", "1", Map.of(), pair[1]));
        }

        /** The candidate's and the baseline's predictions. */
        Predictions[] pair(int differing, boolean candidateBetter) throws IOException {
            int n = 400;
            StringBuilder base = new StringBuilder("id,label,prediction\n");
            StringBuilder cand = new StringBuilder("id,label,prediction\n");
            for (int i = 0; i < n; i++) {
                int label = i % 2;
                boolean baseRight = i % 5 != 0;
                boolean candRight = baseRight;
                if (i < differing * 5 && i % 5 == 0) {
                    candRight = candidateBetter;
                } else if (i < differing * 5 && i % 5 == 1) {
                    candRight = !candidateBetter ? false : candRight;
                }
                base.append(i)
                        .append(',')
                        .append(label)
                        .append(',')
                        .append(baseRight ? label : 1 - label)
                        .append('\n');
                cand.append(i)
                        .append(',')
                        .append(label)
                        .append(',')
                        .append(candRight ? label : 1 - label)
                        .append('\n');
            }
            Predictions b = new FromPredictions().predictionsIn("base.csv", base.toString());
            Predictions c = new FromPredictions().predictionsIn("cand.csv", cand.toString());
            return new Predictions[] {c, b};
        }

        @Test
        void theIntervalIsThePairedBootstrapsOwnThoughItIsDrawnOnAnotherThread() throws Exception {
            // The gate draws the whole set's resamples on a thread of its own, beside the rules'
            // values; the interval must be the one the bootstrap gives when asked directly.
            Criterion c = only(run("max_drop: 0.01", 5, false, 42), "accuracy.max_drop");
            Predictions[] pair = pair(5, false);
            PairedBootstrap bootstrap = new PairedBootstrap(1000, 0.95, 42);
            int n = pair[0].size();
            PairedBootstrap.Draws draws = bootstrap
                    .draw(
                            java.util.stream.IntStream.range(0, n).toArray(),
                            n,
                            Map.of(
                                    "accuracy",
                                    PairedBootstrap.Paired.of(
                                            new MetricComputer(pair[0], null, null),
                                            new MetricComputer(pair[1], null, null),
                                            "accuracy")))
                    .get("accuracy");
            Interval direct = bootstrap.interval(draws, Direction.HIGHER, PairedBootstrap.Scale.ABSOLUTE);
            assertThat(c.interval().low()).isEqualTo(direct.low());
            assertThat(c.interval().high()).isEqualTo(direct.high());
            assertThat(c.interval().resamples()).isEqualTo(direct.resamples());
        }

        @Test
        void aClearRegressionFails() throws IOException {
            Criterion c = only(run("max_drop: 0.01", 40, false, 1), "accuracy.max_drop");
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.interval()).isNotNull();
            assertThat(c.interval().high()).isLessThan(-0.01);
        }

        @Test
        void noChangePassesANonInferiorityMargin() throws IOException {
            Criterion c = only(run("max_drop: 0.05", 0, false, 1), "accuracy.max_drop");
            assertThat(c.status()).isEqualTo(Status.PASS);
            assertThat(c.interval().low()).isEqualTo(0.0);
        }

        @Test
        void aSmallRegressionNearTheMarginIsInconclusive() throws IOException {
            Criterion c = only(run("max_drop: 0.01", 3, false, 1), "accuracy.max_drop");
            assertThat(c.status()).isEqualTo(Status.INCONCLUSIVE);
            assertThat(c.effect()).isEqualTo(Effect.FAIL);
            assertThat(c.interval().low()).isLessThan(-0.01);
            assertThat(c.interval().high()).isGreaterThanOrEqualTo(-0.01);
        }

        @Test
        void theSameSeedGivesTheSameInterval() throws IOException {
            Criterion a = only(run("max_drop: 0.01", 5, false, 42), "accuracy.max_drop");
            Criterion b = only(run("max_drop: 0.01", 5, false, 42), "accuracy.max_drop");
            assertThat(a.interval()).isEqualTo(b.interval());
            Criterion other = only(run("max_drop: 0.01", 5, false, 43), "accuracy.max_drop");
            assertThat(other.interval()).isNotEqualTo(a.interval());
        }

        @Test
        void withoutPairedRowsTheIntervalIsAnError() throws IOException {
            Predictions c = new FromPredictions().predictionsIn("c.csv", "id,label,prediction\n1,1,1\n2,0,0\n");
            Predictions b = new FromPredictions().predictionsIn("b.csv", "id,label,prediction\n7,1,1\n8,0,0\n");
            GateConfig g = gate("metrics:\n  accuracy: {change: {max_drop: 0.01}}\nconfidence: {resamples: 100}");
            Criterion r = only(
                    GateEvaluator.evaluate(
                            g,
                            new GateEvaluator.Candidate(Map.of(), c),
                            new GateEvaluator.Baseline("champion", "1", Map.of(), b)),
                    "accuracy.max_drop");
            assertThat(r.status()).isEqualTo(Status.ERROR);
            assertThat(r.message()).contains("same rows");
        }
    }

    /** Numbers in result.json read as the user wrote them, not as binary arithmetic left them. */
    @Nested
    class NumbersAsWritten {
        @Test
        void aChangeRuleThresholdIsTheDecimalTheUserMeant() throws IOException {
            // 0.95 - 0.02 is 0.9299999999999999 in binary; the user means 0.93.
            GateConfig g = gate("metrics:\n  accuracy: {change: {max_drop: 0.02}}");
            Criterion c = only(
                    GateEvaluator.evaluate(g, candidate(Map.of("accuracy", 0.94)), champion(Map.of("accuracy", 0.95))),
                    "accuracy.max_drop");
            assertThat(c.threshold()).isEqualTo(0.93);
            assertThat(c.delta()).isEqualTo(-0.01);
        }

        @Test
        void aDeltaExactlyOnTheBoundaryReadsAsTheBoundary() throws IOException {
            // 0.93 - 0.95 is -0.020000000000000018 in binary: a drop of exactly the allowed 0.02.
            GateConfig g = gate("metrics:\n  accuracy: {change: {max_drop: 0.02}}");
            Criterion c = only(
                    GateEvaluator.evaluate(g, candidate(Map.of("accuracy", 0.93)), champion(Map.of("accuracy", 0.95))),
                    "accuracy.max_drop");
            assertThat(c.delta()).isEqualTo(-0.02);
            assertThat(c.threshold()).isEqualTo(0.93);
            assertThat(c.status()).isEqualTo(Status.PASS);
        }

        @Test
        void relativeRulesToo() throws IOException {
            // 5% of 0.7 below 0.7 is 0.665 (binary: 0.6649999999999999); 0.665 is then exactly on it.
            GateConfig g = gate("metrics:\n  accuracy: {change: {max_relative_drop: 0.05}}");
            Criterion c = only(
                    GateEvaluator.evaluate(g, candidate(Map.of("accuracy", 0.665)), champion(Map.of("accuracy", 0.7))),
                    "accuracy.max_relative_drop");
            assertThat(c.threshold()).isEqualTo(0.665);
            assertThat(c.relativeDelta()).isEqualTo(-0.05);
            assertThat(c.status()).isEqualTo(Status.PASS);
        }

        @Test
        void aThresholdIsWrittenBackInResultJsonAsWritten() throws IOException {
            GateConfig g = gate("metrics:\n  accuracy: {min: 0.93, change: {max_drop: 0.02}}");
            GateEvaluator.Outcome o =
                    GateEvaluator.evaluate(g, candidate(Map.of("accuracy", 0.94)), champion(Map.of("accuracy", 0.95)));
            String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o.criteria());
            assertThat(json)
                    .contains("\"threshold\":0.93,")
                    .doesNotContain("0.9299999")
                    .doesNotContain("0.0100000");
        }
    }

    /** Two numbers a message puts side by side never look equal when they are not. */
    @Nested
    class DigitsThatTellNumbersApart {
        @Test
        void belowTheMinimumByLessThanTheUsualDigitsShow() throws IOException {
            GateConfig g = gate("metrics:\n  accuracy: {min: 0.9}");
            Criterion c = only(GateEvaluator.evaluate(g, candidate(Map.of("accuracy", 0.89999)), null), "accuracy.min");
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.message()).isEqualTo("0.89999 is below the minimum 0.90000");
            assertThat(c.expected()).isEqualTo("≥ 0.90000");
            assertThat(c.shownActual()).isEqualTo("0.89999");
        }

        @Test
        void aDropJustOverTheLimit() throws IOException {
            GateConfig g = gate("metrics:\n  accuracy: {change: {max_drop: 0.01}}");
            Criterion c = only(
                    GateEvaluator.evaluate(
                            g, candidate(Map.of("accuracy", 0.8899999)), champion(Map.of("accuracy", 0.9))),
                    "accuracy.max_drop");
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.message())
                    .isEqualTo(
                            "0.8899999 is 0.0100001 worse than the champion (v3) 0.9000000; required: drop ≤ 0.0100000");
            assertThat(c.expected()).isEqualTo("drop ≤ 0.0100000 (≥ 0.8900000)");
        }

        @Test
        void aRelativeDropJustOverTheLimit() throws IOException {
            GateConfig g = gate("metrics:\n  accuracy: {change: {max_relative_drop: 0.05}}");
            Criterion c = only(
                    GateEvaluator.evaluate(
                            g, candidate(Map.of("accuracy", 0.94999)), champion(Map.of("accuracy", 1.0))),
                    "accuracy.max_relative_drop");
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.message()).contains("(5.001%) worse than").endsWith("required: drop ≤ 5.000%");
        }
    }

    @Test
    void candidateAndBaselineValuesAreReportedForTheOutputs() throws IOException {
        GateConfig g = gate("metrics:\n  accuracy: {min: 0.5, change: {max_drop: 0.1}}");
        GateEvaluator.Outcome o = GateEvaluator.evaluate(
                g, candidate(new HashMap<>(Map.of("accuracy", 0.8))), champion(Map.of("accuracy", 0.85)));
        assertThat(o.candidateValues()).containsEntry("accuracy", 0.8);
        assertThat(o.baselineValues()).containsEntry("accuracy", 0.85);
    }
}
