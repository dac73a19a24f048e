package io.mlopsci.core.scoring;

import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.Interval;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Paired bootstrap of a metric's improvement, candidate vs baseline, on the same rows: each resample
 * draws rows with replacement (the same draw for both models), computes the metric for each, and
 * keeps the improvement (absolute, or relative to the baseline). The interval is the percentile
 * interval at {@code level} (linear interpolation between order statistics, as numpy's default).
 * Seeded: the same seed, rows and predictions give the same interval on every machine.
 */
public final class PairedBootstrap {

    /** What the interval is of. */
    public enum Scale {
        ABSOLUTE,
        RELATIVE
    }

    /** A metric on a set of row weights. */
    public interface Metric {
        double compute(double[] weights) throws MetricUnavailableException;
    }

    private final int resamples;
    private final double level;
    private final long seed;

    public PairedBootstrap(int resamples, double level, long seed) {
        this.resamples = resamples;
        this.level = level;
        this.seed = seed;
    }

    /**
     * @param rows the rows to resample from (e.g. a slice), indexes into the aligned predictions
     * @param n    total number of rows in the aligned predictions
     * @throws MetricUnavailableException when the metric is undefined on more than 1% of resamples,
     *         or a relative change meets a zero baseline
     */
    public Interval interval(Metric candidate, Metric baseline, int[] rows, int n, Direction direction, Scale scale)
            throws MetricUnavailableException {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int kept = 0;
        int undefined = 0;
        double[] w = new double[n];
        for (int r = 0; r < resamples; r++) {
            Arrays.fill(w, 0);
            for (int i = 0; i < rows.length; i++) {
                w[rows[rng.nextInt(rows.length)]] += 1;
            }
            try {
                double c = candidate.compute(w);
                double b = baseline.compute(w);
                double improvement = direction.improvement(c, b);
                if (scale == Scale.RELATIVE) {
                    if (b == 0) {
                        throw new MetricUnavailableException("relative change against a zero baseline in a resample");
                    }
                    improvement /= Math.abs(b);
                }
                values[kept++] = improvement;
            } catch (MetricUnavailableException e) {
                undefined++;
                if (undefined > resamples / 100) {
                    throw new MetricUnavailableException("the metric is undefined on " + undefined + " of the first "
                            + (r + 1) + " resamples (" + e.getMessage() + ")");
                }
            }
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
