package io.mlopsci.core.data.checks;

import io.mlopsci.core.data.scan.JvmAggregate;

/**
 * A numeric range rule's violations as a {@link JvmAggregate}: the values of {@code input} below
 * {@code min} or above {@code max} (a missing bound is null), as a Long: the same count as the
 * rule's SQL, {@code count_if(x < min OR x > max)}, in which DuckDB orders NaN above every number.
 */
record OutsideRange(String input, Double min, Double max) implements JvmAggregate {

    @Override
    public State newState() {
        return new Count(min, max);
    }

    private static final class Count implements State {
        private final boolean hasMin;
        private final boolean hasMax;
        private final double min;
        private final double max;
        private long n;

        Count(Double min, Double max) {
            this.hasMin = min != null;
            this.hasMax = max != null;
            this.min = hasMin ? min : Double.NEGATIVE_INFINITY;
            this.max = hasMax ? max : Double.POSITIVE_INFINITY;
        }

        @Override
        public void accept(double[] values, int count) {
            long c = 0;
            for (int i = 0; i < count; i++) {
                double x = values[i];
                boolean below = hasMin && x < min;
                boolean above = hasMax && (x > max || Double.isNaN(x));
                c += below || above ? 1 : 0;
            }
            n += c;
        }

        @Override
        public void merge(State other) {
            n += ((Count) other).n;
        }

        @Override
        public Object result() {
            return n;
        }
    }
}
