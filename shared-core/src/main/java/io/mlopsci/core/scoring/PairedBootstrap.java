package io.mlopsci.core.scoring;

import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.Interval;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Paired bootstrap of metrics' improvements, candidate vs baseline, on the same rows: each resample
 * draws rows with replacement (the same draw for both models), every metric is computed for each
 * model on it, and the improvement (absolute, or relative to the baseline) is kept. The interval is
 * the percentile interval at {@code level} (linear interpolation between order statistics, as
 * numpy's default).
 *
 * <p>The loop is generic: a metric is anything computed from a {@link Resample} (the drawn rows as
 * an index array and as counts per row), so per-example scores or ranking metrics plug in as they
 * come. Resamples are spread over the processors; resample r draws from a random stream that
 * depends on the seed and r alone ({@link ResampleRandom}), so the interval is a function of the
 * seed, the rows and the predictions — the same on every machine, whatever the thread count.
 */
public final class PairedBootstrap {

    /** What the interval is of. */
    public enum Scale {
        ABSOLUTE,
        RELATIVE
    }

    /** One model's metric on a resample; an instance is used by one thread at a time. */
    @FunctionalInterface
    public interface Metric {
        double compute(Resample sample) throws MetricUnavailableException;
    }

    /** A metric of both models, as factories: every worker thread gets its own instances. */
    public record Paired(Supplier<Metric> candidate, Supplier<Metric> baseline) {

        /** The metric both computers compute, by name, with the fastest kernel there is for it. */
        public static Paired of(MetricComputer candidate, MetricComputer baseline, String metric)
                throws MetricUnavailableException {
            return new Paired(ResampledMetrics.of(candidate, metric), ResampledMetrics.of(baseline, metric));
        }
    }

    /**
     * Both models' values on every resample, in resample order; where the metric was undefined on a
     * resample, both are NaN and {@code undefined} says why.
     */
    public record Draws(double[] candidate, double[] baseline, String[] undefined) {}

    /** Resamples a worker takes at a time. */
    private static final int CHUNK = 16;

    private final int resamples;
    private final double level;
    private final long seed;

    public PairedBootstrap(int resamples, double level, long seed) {
        this.resamples = resamples;
        this.level = level;
        this.seed = seed;
    }

    /**
     * Draws every resample once and computes every metric on it.
     *
     * @param rows    the rows to resample from (e.g. a slice), indexes into the paired rows
     * @param n       the number of paired rows
     * @param metrics the metrics by name
     * @return per metric, both models' values on each resample
     */
    public Map<String, Draws> draw(int[] rows, int n, Map<String, Paired> metrics) {
        return draw(rows, n, metrics, true);
    }

    /**
     * A metric of row weights (a resample's counts as weights, 0 for rows not drawn), such as any
     * metric {@link MetricComputer#compute} computes, including those of score columns and ranking
     * metrics over a query table.
     */
    @FunctionalInterface
    public interface WeightedMetric {
        double compute(double[] weights) throws MetricUnavailableException;
    }

    /**
     * The interval of a metric computed from row weights: the same resamples as {@link #draw} draws
     * (the same seed gives the same rows), drawn one after the other, because such a metric may
     * not be safe to compute from several threads at once.
     *
     * @param rows the units to resample from (rows, or queries), indexes into {@code n}
     * @param n    the number of units
     */
    public Interval interval(
            WeightedMetric candidate, WeightedMetric baseline, int[] rows, int n, Direction direction, Scale scale)
            throws MetricUnavailableException {
        Paired paired = new Paired(() -> byWeights(candidate, n), () -> byWeights(baseline, n));
        return interval(draw(rows, n, Map.of("metric", paired), false).get("metric"), direction, scale);
    }

    /**
     * The interval of one model's metric itself, from the same resamples (no baseline, no
     * improvement): what an absolute bound is decided by when there is nothing to pair with, e.g.
     * monitor's live metrics.
     *
     * @throws MetricUnavailableException when the metric is undefined on more than 1% of resamples
     */
    public Interval interval(WeightedMetric metric, int[] rows, int n) throws MetricUnavailableException {
        Metric none = sample -> 0.0;
        Draws draws = draw(rows, n, Map.of("metric", new Paired(() -> byWeights(metric, n), () -> none)), false)
                .get("metric");
        double[] values = new double[resamples];
        int kept = 0;
        int undefined = 0;
        for (int r = 0; r < resamples; r++) {
            String why = draws.undefined()[r];
            if (why != null) {
                undefined++;
                if (undefined > resamples / 100) {
                    throw new MetricUnavailableException("the metric is undefined on " + undefined + " of the first "
                            + (r + 1) + " resamples (" + why + ")");
                }
                continue;
            }
            values[kept++] = draws.candidate()[r];
        }
        double[] sorted = Arrays.copyOf(values, kept);
        Arrays.sort(sorted);
        double alpha = 1 - level;
        return new Interval(
                quantile(sorted, alpha / 2),
                quantile(sorted, 1 - alpha / 2),
                level,
                kept,
                "bootstrap, percentile, seed " + seed);
    }

    private static Metric byWeights(WeightedMetric metric, int n) {
        double[] weights = new double[n];
        return sample -> {
            int[] counts = sample.counts();
            for (int i = 0; i < n; i++) {
                weights[i] = counts[i];
            }
            return metric.compute(weights);
        };
    }

    private Map<String, Draws> draw(int[] rows, int n, Map<String, Paired> metrics, boolean parallel) {
        List<String> names = new ArrayList<>(metrics.keySet());
        int k = names.size();
        double[][] cand = new double[k][resamples];
        double[][] base = new double[k][resamples];
        String[][] undefined = new String[k][resamples];
        int chunks = (resamples + CHUNK - 1) / CHUNK;
        IntStream chunkStream = IntStream.range(0, chunks);
        // A resample buffer (as large as the rows) and kernels (which may keep buffers too) are
        // reused from chunk to chunk: as many sets as workers ran at once, not one per chunk.
        java.util.Queue<Worker> idle = new java.util.concurrent.ConcurrentLinkedQueue<>();
        (parallel ? chunkStream.parallel() : chunkStream).forEach(chunk -> {
            Worker worker = idle.poll();
            if (worker == null) {
                Metric[] c = new Metric[k];
                Metric[] b = new Metric[k];
                for (int m = 0; m < k; m++) {
                    c[m] = metrics.get(names.get(m)).candidate().get();
                    b[m] = metrics.get(names.get(m)).baseline().get();
                }
                worker = new Worker(new Resample(rows, n), c, b);
            }
            Resample sample = worker.sample();
            Metric[] c = worker.candidate();
            Metric[] b = worker.baseline();
            int end = Math.min(resamples, (chunk + 1) * CHUNK);
            for (int r = chunk * CHUNK; r < end; r++) {
                sample.draw(seed, r);
                for (int m = 0; m < k; m++) {
                    try {
                        cand[m][r] = c[m].compute(sample);
                        base[m][r] = b[m].compute(sample);
                    } catch (MetricUnavailableException e) {
                        cand[m][r] = Double.NaN;
                        base[m][r] = Double.NaN;
                        undefined[m][r] = e.getMessage();
                    }
                }
            }
            idle.add(worker);
        });
        Map<String, Draws> out = new LinkedHashMap<>();
        for (int m = 0; m < k; m++) {
            out.put(names.get(m), new Draws(cand[m], base[m], undefined[m]));
        }
        return out;
    }

    /** One worker's resample buffer and kernels. */
    private record Worker(Resample sample, Metric[] candidate, Metric[] baseline) {}

    /**
     * The percentile interval of the improvement over the resamples.
     *
     * @throws MetricUnavailableException when the metric is undefined on more than 1% of resamples,
     *         or a relative change meets a zero baseline on more than 1% of them
     */
    public Interval interval(Draws draws, Direction direction, Scale scale) throws MetricUnavailableException {
        double[] values = new double[resamples];
        int kept = 0;
        int undefined = 0;
        for (int r = 0; r < resamples; r++) {
            String why = draws.undefined()[r];
            double c = draws.candidate()[r];
            double b = draws.baseline()[r];
            if (why == null && scale == Scale.RELATIVE && b == 0) {
                why = "relative change against a zero baseline in a resample";
            }
            if (why != null) {
                undefined++;
                if (undefined > resamples / 100) {
                    throw new MetricUnavailableException("the metric is undefined on " + undefined + " of the first "
                            + (r + 1) + " resamples (" + why + ")");
                }
                continue;
            }
            double improvement = direction.improvement(c, b);
            values[kept++] = scale == Scale.RELATIVE ? improvement / Math.abs(b) : improvement;
        }
        double[] sorted = Arrays.copyOf(values, kept);
        Arrays.sort(sorted);
        double alpha = 1 - level;
        return new Interval(
                quantile(sorted, alpha / 2),
                quantile(sorted, 1 - alpha / 2),
                level,
                kept,
                "paired bootstrap, percentile, seed " + seed + (scale == Scale.RELATIVE ? ", relative" : ""));
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
