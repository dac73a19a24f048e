package io.mlopsci.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.Interval;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The paired bootstrap's resampling loop: kernels that compute what the weighted metrics compute,
 * draws that depend on the seed and the resample's index only (not on the thread count), and a
 * loop open to any metric computed from the drawn rows.
 */
class PairedBootstrapTest {

    static final int N = 3000;

    /** Binary predictions with ties in the scores (two decimals) and a 40/60 class split. */
    static Predictions binary(long seed) {
        return binary(seed, N);
    }

    static Predictions binary(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        String[] ids = new String[n];
        String[] labels = new String[n];
        String[] predicted = new String[n];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            int y = rng.nextDouble() < 0.4 ? 1 : 0;
            double s = Math.round(100 / (1 + Math.exp(-(2 * y - 1 + rng.nextGaussian())))) / 100.0;
            ids[i] = "r" + i;
            labels[i] = String.valueOf(y);
            predicted[i] = s >= 0.5 ? "1" : "0";
            score[i] = s;
        }
        int[] lines = java.util.stream.IntStream.range(0, n).map(i -> i + 2).toArray();
        return new Predictions("test", ids, labels, predicted, score, Map.of(), Map.of(), Map.of(), lines, true);
    }

    static Predictions regression(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        String[] ids = new String[N];
        String[] labels = new String[N];
        String[] predicted = new String[N];
        for (int i = 0; i < N; i++) {
            double y = rng.nextGaussian() * 3 + 10;
            ids[i] = "r" + i;
            labels[i] = Double.toString(y);
            predicted[i] = Double.toString(y + rng.nextGaussian());
        }
        return new Predictions("test", ids, labels, predicted, null, Map.of(), Map.of(), Map.of(), lines(), true);
    }

    /** The rows' lines in a file with a header. */
    static int[] lines() {
        return java.util.stream.IntStream.range(0, N).map(i -> i + 2).toArray();
    }

    static int[] all(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    @Test
    void kernelsComputeExactlyWhatTheWeightedMetricsCompute() throws Exception {
        MetricComputer classifier = new MetricComputer(binary(1), null, null);
        MetricComputer regressor = new MetricComputer(regression(2), null, null);
        Resample sample = new Resample(all(N), N);
        double[] weights = new double[N];
        for (int r = 0; r < 20; r++) {
            sample.draw(99, r);
            for (int i = 0; i < N; i++) {
                weights[i] = sample.counts()[i];
            }
            for (String m : List.of("accuracy", "roc_auc", "f1", "log_loss")) {
                assertThat(ResampledMetrics.of(classifier, m).get().compute(sample))
                        .as(m + " on resample " + r)
                        .isEqualTo(classifier.compute(m, weights));
            }
            for (String m : List.of("mse", "rmse", "mae", "r2")) {
                assertThat(ResampledMetrics.of(regressor, m).get().compute(sample))
                        .as(m + " on resample " + r)
                        .isEqualTo(regressor.compute(m, weights));
            }
        }
    }

    @Test
    void kernelsAgreeWithTheWeightedMetricsWhateverTheRowCountsRemainderByTheUnrolling() throws Exception {
        // The AUC walk and the draw's counting take four rows at a time: the rows left over must count too.
        for (int n = 8; n <= 12; n++) {
            MetricComputer classifier = new MetricComputer(binary(n, n), null, null);
            Resample sample = new Resample(all(n), n);
            double[] weights = new double[n];
            for (int r = 0; r < 50; r++) {
                sample.draw(5, r);
                assertThat(java.util.Arrays.stream(sample.counts()).sum()).isEqualTo(n);
                for (int i = 0; i < n; i++) {
                    weights[i] = sample.counts()[i];
                }
                double expected;
                try {
                    expected = classifier.compute("roc_auc", weights);
                } catch (MetricUnavailableException e) {
                    // One class only in this resample: the kernel must say so too.
                    assertThatThrownBy(() -> ResampledMetrics.of(classifier, "roc_auc")
                                    .get()
                                    .compute(sample))
                            .isInstanceOf(MetricUnavailableException.class);
                    continue;
                }
                assertThat(ResampledMetrics.of(classifier, "roc_auc").get().compute(sample))
                        .as("roc_auc of " + n + " rows, resample " + r)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void drawsDependOnTheSeedAndTheResampleAloneNotOnTheThreadCount() throws Exception {
        MetricComputer cand = new MetricComputer(binary(1), null, null);
        MetricComputer base = new MetricComputer(binary(2), null, null);
        Map<String, PairedBootstrap.Paired> metrics = new LinkedHashMap<>();
        for (String m : List.of("roc_auc", "accuracy", "f1")) {
            metrics.put(m, PairedBootstrap.Paired.of(cand, base, m));
        }
        PairedBootstrap bootstrap = new PairedBootstrap(200, 0.95, 7);
        Map<String, PairedBootstrap.Draws> one = inPool(1, () -> bootstrap.draw(all(N), N, metrics));
        Map<String, PairedBootstrap.Draws> three = inPool(3, () -> bootstrap.draw(all(N), N, metrics));
        for (String m : metrics.keySet()) {
            assertThat(three.get(m).candidate()).as(m).isEqualTo(one.get(m).candidate());
            assertThat(three.get(m).baseline()).as(m).isEqualTo(one.get(m).baseline());
            Interval a = bootstrap.interval(one.get(m), Direction.HIGHER, PairedBootstrap.Scale.ABSOLUTE);
            Interval b = bootstrap.interval(three.get(m), Direction.HIGHER, PairedBootstrap.Scale.ABSOLUTE);
            assertThat(b).isEqualTo(a);
        }
        // Another seed draws other resamples.
        Map<String, PairedBootstrap.Draws> other = new PairedBootstrap(200, 0.95, 8).draw(all(N), N, metrics);
        assertThat(other.get("roc_auc").candidate())
                .isNotEqualTo(one.get("roc_auc").candidate());
    }

    @Test
    void eachResampleIsItsOwnSplitMix64Stream() {
        // SplittableRandom(s) is SplitMix64 started at s: resample r's stream must be that stream
        // from mix64(mix64(seed) + (r + 1) * golden gamma).
        long seed = 7;
        for (int r : new int[] {0, 1, 999}) {
            ResampleRandom ours = new ResampleRandom(seed, r);
            long start = ResampleRandom.mix64(ResampleRandom.mix64(seed) + (r + 1L) * 0x9e3779b97f4a7c15L);
            SplittableRandom reference = new SplittableRandom(start);
            for (int i = 0; i < 5; i++) {
                assertThat(ours.nextLong()).isEqualTo(reference.nextLong());
            }
        }
    }

    @Test
    void bulkDrawsEqualOneAtATimeDrawsEvenWhenTheyReject() {
        // A bound near 2^31 makes Lemire's method reject about a third of the candidates.
        for (int bound : new int[] {1, 7, 100_000, 1_500_000_000}) {
            for (int length : new int[] {0, 1, 2, 5, 1000}) {
                ResampleRandom one = new ResampleRandom(11, bound);
                ResampleRandom bulk = new ResampleRandom(11, bound);
                int[] expected = new int[length];
                for (int k = 0; k < length; k++) {
                    expected[k] = one.nextIndex(bound);
                }
                int[] actual = new int[length];
                bulk.fillIndexes(actual, bound);
                assertThat(actual).as("bound %d, length %d", bound, length).isEqualTo(expected);
                assertThat(bulk.nextIndex(bound)).isEqualTo(one.nextIndex(bound));
            }
        }
    }

    @Test
    void drawnRowsAreUniformAndOnlyFromTheGivenRows() {
        int[] slice = {3, 5, 8, 13, 21};
        Resample sample = new Resample(slice, 30);
        int[] total = new int[30];
        for (int r = 0; r < 10_000; r++) {
            sample.draw(1, r);
            assertThat(sample.size()).isEqualTo(5);
            for (int row = 0; row < 30; row++) {
                total[row] += sample.counts()[row];
            }
        }
        for (int row = 0; row < 30; row++) {
            int current = row;
            if (java.util.Arrays.stream(slice).anyMatch(x -> x == current)) {
                // 10,000 expected each; 5 standard deviations is ±450.
                assertThat(total[row]).as("row " + row).isBetween(9_550, 10_450);
            } else {
                assertThat(total[row]).as("row " + row).isZero();
            }
        }
    }

    @Test
    void drawnRowsInDrawOrderTallyToTheCounts() {
        // A small slice, and one of more rows than the draws are counted in blocks of.
        int[] small = {2, 4, 6, 9, 10, 11, 17};
        int[] large =
                java.util.stream.IntStream.range(0, 3000).map(i -> 3 * i + 1).toArray();
        for (int[] slice : List.of(small, large)) {
            rowsTallyToCounts(slice, 3 * slice.length);
        }
    }

    private static void rowsTallyToCounts(int[] slice, int pairedRows) {
        Resample sample = new Resample(slice, pairedRows);
        for (int r = 0; r < 20; r++) {
            sample.draw(4, r);
            int[] tally = new int[pairedRows];
            int[] expected = new int[slice.length];
            new ResampleRandom(4, r).fillIndexes(expected, slice.length);
            for (int k = 0; k < expected.length; k++) {
                expected[k] = slice[expected[k]];
            }
            assertThat(sample.rows()).isEqualTo(expected);
            for (int row : sample.rows()) {
                tally[row]++;
            }
            assertThat(sample.counts()).isEqualTo(tally);
        }
    }

    @Test
    void anyMetricOfTheDrawnRowsPlugsIntoTheLoop() throws Exception {
        // A per-example score (think: a per-row loss), averaged over the drawn rows of each model.
        double[] candLoss = new double[N];
        double[] baseLoss = new double[N];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < N; i++) {
            baseLoss[i] = rng.nextDouble();
            candLoss[i] = baseLoss[i] - 0.1;
        }
        PairedBootstrap.Metric cand = r -> mean(candLoss, r.rows());
        PairedBootstrap.Metric base = r -> mean(baseLoss, r.rows());
        PairedBootstrap bootstrap = new PairedBootstrap(300, 0.9, 3);
        PairedBootstrap.Draws d = bootstrap
                .draw(all(N), N, Map.of("loss", new PairedBootstrap.Paired(() -> cand, () -> base)))
                .get("loss");
        Interval i = bootstrap.interval(d, Direction.LOWER, PairedBootstrap.Scale.ABSOLUTE);
        // Paired rows: the candidate is better by exactly 0.1 on every resample.
        assertThat(i.low()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(i.high()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(i.resamples()).isEqualTo(300);
    }

    private static double mean(double[] v, int[] rows) {
        double s = 0;
        for (int row : rows) {
            s += v[row];
        }
        return s / rows.length;
    }

    private static <T> T inPool(int threads, java.util.concurrent.Callable<T> task) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(task).get();
        } finally {
            pool.shutdown();
        }
    }
}
