package io.mlopsci.core.data.drift;

import io.mlopsci.core.collect.DoubleList;
import io.mlopsci.core.data.scan.JvmAggregate;
import java.util.Arrays;
import java.util.List;

/**
 * The drift plan's per-value tests as {@link JvmAggregate}s, for an engine that feeds the JVM
 * (DuckDB): the values below an edge ({@link Aggregate.CountBelow}), the values inside the exact
 * quantiles' brackets ({@link Aggregate.ValuesWithin}) and a sample's quantiles ({@link
 * Aggregate.Quantiles}). Same values as their SQL (the brackets' values sorted).
 */
final class JvmDriftAggregates {

    private JvmDriftAggregates() {}

    /** The values of {@code input} below {@code edge} (at or below, when {@code inclusive}), as a Long. */
    record Below(String input, double edge, boolean inclusive) implements JvmAggregate {

        @Override
        public State newState() {
            return new Count(edge, inclusive);
        }
    }

    /**
     * The values of {@code input} in one of the closed ranges {@code [lows[i], highs[i]]} (sorted,
     * disjoint), as a sorted double[] (sorted as the states are merged, on as many threads as there
     * are such aggregates and cores).
     */
    record Within(String input, double[] lows, double[] highs) implements JvmAggregate {

        static Within of(String input, List<double[]> ranges) {
            double[] lows = new double[ranges.size()];
            double[] highs = new double[ranges.size()];
            for (int i = 0; i < lows.length; i++) {
                lows[i] = ranges.get(i)[0];
                highs[i] = ranges.get(i)[1];
            }
            return new Within(input, lows, highs);
        }

        @Override
        public State newState() {
            return new Values(lows, highs);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Within w
                    && input.equals(w.input)
                    && Arrays.equals(lows, w.lows)
                    && Arrays.equals(highs, w.highs);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * input.hashCode() + Arrays.hashCode(lows)) + Arrays.hashCode(highs);
        }

        @Override
        public String toString() {
            return "Within[" + input + ", " + Arrays.toString(lows) + ", " + Arrays.toString(highs) + "]";
        }
    }

    private static final class Count implements JvmAggregate.State {
        private final double edge;
        private final boolean inclusive;
        private long n;

        Count(double edge, boolean inclusive) {
            this.edge = edge;
            this.inclusive = inclusive;
        }

        @Override
        public void accept(double[] values, int count) {
            long c = 0;
            if (inclusive) {
                for (int i = 0; i < count; i++) {
                    c += values[i] <= edge ? 1 : 0;
                }
            } else {
                for (int i = 0; i < count; i++) {
                    c += values[i] < edge ? 1 : 0;
                }
            }
            n += c;
        }

        @Override
        public void merge(JvmAggregate.State other) {
            n += ((Count) other).n;
        }

        @Override
        public Object result() {
            return n;
        }
    }

    private static final class Values implements JvmAggregate.State {
        /** The ranges' lower bounds, padded with NaN (never at or below a value) to a power of two. */
        private final double[] lows;

        private final double[] highs;
        private final double min;
        private final double max;
        private final DoubleList kept = new DoubleList();

        Values(double[] lows, double[] highs) {
            int padded = Integer.highestOneBit(Math.max(1, lows.length * 2 - 1));
            this.lows = Arrays.copyOf(lows, padded);
            Arrays.fill(this.lows, lows.length, padded, Double.NaN);
            this.highs = highs;
            this.min = lows.length == 0 ? Double.NaN : lows[0];
            this.max = highs.length == 0 ? Double.NaN : highs[highs.length - 1];
        }

        @Override
        public void accept(double[] values, int count) {
            for (int i = 0; i < count; i++) {
                double x = values[i];
                // Most values lie between brackets: a search without branches (the compiler's
                // conditional moves) costs less than one with a mispredicted branch per step.
                if (x >= min && x <= max && x <= highs[lastLowAtOrBelow(x)]) {
                    kept.add(x);
                }
            }
        }

        /** The last range whose lower bound is at or below {@code x} (which is at or above the first). */
        private int lastLowAtOrBelow(double x) {
            int at = 0;
            for (int step = lows.length >>> 1; step > 0; step >>>= 1) {
                at = lows[at + step] <= x ? at + step : at;
            }
            return at;
        }

        @Override
        public void merge(JvmAggregate.State other) {
            kept.addAll(((Values) other).kept);
        }

        @Override
        public Object result() {
            double[] out = kept.toArray();
            Arrays.sort(out);
            return out;
        }
    }

    /**
     * The quantiles of {@code input} at {@code fractions}, as a list of Doubles, interpolated as
     * DuckDB's {@code quantile_cont}: for the sample of the rows read before the scan, whose values
     * the JVM holds (a sample's few hundred thousand per column) and selects the ranks of faster
     * than DuckDB computes {@code quantile_cont} over a dozen columns, or than a sort.
     */
    record QuantilesOf(String input, List<Double> fractions) implements JvmAggregate {

        QuantilesOf {
            fractions = List.copyOf(fractions);
        }

        @Override
        public State newState() {
            return new All(fractions);
        }
    }

    private static final class All implements JvmAggregate.State {
        private final List<Double> fractions;
        private final DoubleList kept = new DoubleList();

        All(List<Double> fractions) {
            this.fractions = fractions;
        }

        @Override
        public void accept(double[] values, int count) {
            kept.addAll(values, count);
        }

        @Override
        public void merge(JvmAggregate.State other) {
            kept.addAll(((All) other).kept);
        }

        @Override
        public Object result() {
            int size = kept.size();
            if (size == 0) {
                return null;
            }
            int[] ranks = new int[fractions.size() * 2];
            for (int k = 0; k < fractions.size(); k++) {
                double rank = (size - 1) * fractions.get(k);
                ranks[2 * k] = (int) Math.floor(rank);
                ranks[2 * k + 1] = (int) Math.ceil(rank);
            }
            int[] distinct = Arrays.stream(ranks).sorted().distinct().toArray();
            double[] values = kept.toArray();
            OrderStatistics.select(values, distinct);
            List<Double> out = new java.util.ArrayList<>(fractions.size());
            for (double q : fractions) {
                double rank = (size - 1) * q;
                int lo = (int) Math.floor(rank);
                int hi = (int) Math.ceil(rank);
                out.add(lo == hi ? values[lo] : values[lo] + (values[hi] - values[lo]) * (rank - lo));
            }
            return out;
        }
    }
}
