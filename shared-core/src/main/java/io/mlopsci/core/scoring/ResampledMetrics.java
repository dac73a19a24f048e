package io.mlopsci.core.scoring;

import java.util.function.Supplier;

/**
 * Metrics of one model on bootstrap resamples, from primitive arrays prepared once: accuracy from the
 * rows predicted wrong, binary ROC AUC by one walk over the rows in score order weighted by the resample's
 * counts, MSE, RMSE and MAE from per-row errors. Every other metric goes through
 * {@link MetricComputer#compute} with the counts as row weights. Each kernel computes exactly what
 * {@code compute(metric, counts)} computes (same sums in the same order), only without boxing,
 * copying or re-sorting.
 */
final class ResampledMetrics {

    private ResampledMetrics() {}

    /**
     * A factory of the metric's kernel: one instance per worker thread (a kernel may keep a buffer).
     *
     * @throws MetricUnavailableException when the metric cannot be computed from these predictions
     */
    static Supplier<PairedBootstrap.Metric> of(MetricComputer c, String metric) throws MetricUnavailableException {
        c.checkComputable(metric);
        switch (metric) {
            case "accuracy" -> {
                int[] wrong = wrong(c);
                return () -> r -> accuracy(wrong, r);
            }
            case "roc_auc" -> {
                if (c.classCount() <= 2) {
                    BinaryAuc auc = new BinaryAuc(c);
                    return () -> auc::compute;
                }
            }
            case "mse", "rmse", "mae" -> {
                double[] y = c.numericLabels();
                double[] yhat = c.numericPredictions();
                boolean absolute = metric.equals("mae");
                boolean root = metric.equals("rmse");
                return () -> r -> meanError(y, yhat, absolute, root, r);
            }
            default -> {}
        }
        return () -> new ByWeights(c, metric);
    }

    /** The rows predicted wrong: usually far fewer than the rows, so accuracy reads only their counts. */
    private static int[] wrong(MetricComputer c) {
        int[] y = c.trueClasses();
        int[] yhat = c.predictedClasses();
        return java.util.stream.IntStream.range(0, y.length)
                .filter(i -> y[i] != yhat[i])
                .toArray();
    }

    /** The share of draws whose row was predicted right: the draws less those of rows predicted wrong. */
    private static double accuracy(int[] wrong, Resample r) throws MetricUnavailableException {
        int[] counts = r.counts();
        long misses = 0;
        for (int row : wrong) {
            misses += counts[row];
        }
        long drawn = r.size();
        if (drawn == 0) {
            throw new MetricUnavailableException("no rows");
        }
        return (double) (drawn - misses) / drawn;
    }

    private static double meanError(double[] y, double[] yhat, boolean absolute, boolean root, Resample r)
            throws MetricUnavailableException {
        int[] counts = r.counts();
        double sum = 0;
        double n = 0;
        for (int i = 0; i < counts.length; i++) {
            double wi = counts[i];
            double d = y[i] - yhat[i];
            sum += absolute ? wi * Math.abs(d) : wi * d * d;
            n += wi;
        }
        if (n <= 0) {
            throw new MetricUnavailableException("no rows");
        }
        return root ? Math.sqrt(sum / n) : sum / n;
    }

    /**
     * Binary ROC AUC as the Mann–Whitney statistic with ties counted half, from one pass over the
     * rows in ascending score order, each weighted by how often the resample drew it. Within a run
     * of tied scores the positive rows come first, so the negatives counted below a positive are
     * those with a strictly lower score; the runs that mix both classes (few, usually none) then
     * add their half-counted pairs. The pass has no branches (a mispredicted branch per row cost
     * more than the arithmetic) and its sums are integers (twice the area, so the halves stay
     * whole): exact, and so the same value as the weighted walk of {@link MetricComputer}.
     */
    private static final class BinaryAuc {
        /** Rows in the walk's order, a positive row's index with the sign bit set (one array, one stream). */
        private final int[] order;

        /** Start and end (exclusive) in {@code order} of each run of ties holding both classes. */
        private final int[] mixedStart;

        private final int[] mixedEnd;

        BinaryAuc(MetricComputer c) throws MetricUnavailableException {
            int pos = c.positiveClass();
            double[] s = c.positiveClassScores();
            int[] y = c.trueClasses();
            int[] ascending = c.ascendingOrder(s);
            int n = ascending.length;
            this.order = new int[n];
            java.util.List<int[]> mixed = new java.util.ArrayList<>();
            int start = 0;
            while (start < n) {
                int end = start + 1;
                // != also makes each NaN score a run of its own, as MetricComputer's walk does.
                while (end < n && s[ascending[end]] == s[ascending[start]]) {
                    end++;
                }
                int k = start;
                for (int j = start; j < end; j++) {
                    if (y[ascending[j]] == pos) {
                        order[k++] = ascending[j] | Integer.MIN_VALUE;
                    }
                }
                int positives = k - start;
                for (int j = start; j < end; j++) {
                    if (y[ascending[j]] != pos) {
                        order[k++] = ascending[j];
                    }
                }
                if (positives > 0 && positives < end - start) {
                    mixed.add(new int[] {start, end});
                }
                start = end;
            }
            this.mixedStart = mixed.stream().mapToInt(r -> r[0]).toArray();
            this.mixedEnd = mixed.stream().mapToInt(r -> r[1]).toArray();
        }

        double compute(Resample r) throws MetricUnavailableException {
            int[] counts = r.counts();
            int[] o = order;
            long negBelow = 0;
            long strict = 0;
            int i = 0;
            // Four rows per iteration: the JVM's quick compiler (a CLI run's only one) does not
            // unroll loops, and the loop's own cost was a third of the walk.
            for (int end = o.length - 3; i < end; i += 4) {
                int e0 = o[i];
                int e1 = o[i + 1];
                int e2 = o[i + 2];
                int e3 = o[i + 3];
                int c0 = counts[e0 & Integer.MAX_VALUE];
                int c1 = counts[e1 & Integer.MAX_VALUE];
                int c2 = counts[e2 & Integer.MAX_VALUE];
                int c3 = counts[e3 & Integer.MAX_VALUE];
                int p0 = e0 >> 31; // all ones for a positive row, else zero
                int p1 = e1 >> 31;
                int p2 = e2 >> 31;
                int p3 = e3 >> 31;
                strict += (c0 & p0) * negBelow;
                negBelow += c0 & ~p0;
                strict += (c1 & p1) * negBelow;
                negBelow += c1 & ~p1;
                strict += (c2 & p2) * negBelow;
                negBelow += c2 & ~p2;
                strict += (c3 & p3) * negBelow;
                negBelow += c3 & ~p3;
            }
            for (; i < o.length; i++) {
                int entry = o[i];
                int count = counts[entry & Integer.MAX_VALUE];
                int positive = entry >> 31;
                strict += (count & positive) * negBelow;
                negBelow += count & ~positive;
            }
            long totalNeg = negBelow;
            long totalPos = r.size() - totalNeg;
            long ties = 0;
            for (int g = 0; g < mixedStart.length; g++) {
                long groupPos = 0;
                long groupNeg = 0;
                for (int k = mixedStart[g]; k < mixedEnd[g]; k++) {
                    long count = counts[order[k] & Integer.MAX_VALUE];
                    long p = order[k] >>> 31;
                    groupPos += p * count;
                    groupNeg += (1 - p) * count;
                }
                ties += groupPos * groupNeg;
            }
            if (totalPos == 0 || totalNeg == 0) {
                throw new MetricUnavailableException(
                        "roc_auc is undefined when only one class is present in the true labels");
            }
            return ((2 * strict + ties) / 2.0) / ((double) totalPos * (double) totalNeg);
        }
    }

    /** Any other metric: the counts as row weights for {@link MetricComputer#compute}. */
    private static final class ByWeights implements PairedBootstrap.Metric {
        private final MetricComputer computer;
        private final String metric;
        private double[] weights;

        ByWeights(MetricComputer computer, String metric) {
            this.computer = computer;
            this.metric = metric;
        }

        @Override
        public double compute(Resample r) throws MetricUnavailableException {
            int[] counts = r.counts();
            if (weights == null) {
                weights = new double[counts.length];
            }
            for (int i = 0; i < counts.length; i++) {
                weights[i] = counts[i];
            }
            return computer.compute(metric, weights);
        }
    }
}
