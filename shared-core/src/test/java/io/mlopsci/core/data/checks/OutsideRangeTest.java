package io.mlopsci.core.data.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.data.scan.JvmAggregate;
import org.junit.jupiter.api.Test;

/** A range rule's violations counted in the JVM: as DuckDB counts {@code x < min OR x > max}. */
class OutsideRangeTest {

    private static long count(OutsideRange rule, double... values) {
        JvmAggregate.State a = rule.newState();
        JvmAggregate.State b = rule.newState();
        a.accept(values, values.length / 2);
        double[] rest = java.util.Arrays.copyOfRange(values, values.length / 2, values.length);
        b.accept(rest, rest.length);
        a.merge(b);
        return (Long) a.result();
    }

    @Test
    void boundsAreInsideAndNanIsAboveEveryNumberAsInDuckDb() {
        double[] values = {Double.NaN, 1, 2, 5, 10, 10.5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        assertThat(count(new OutsideRange("x", 2.0, 10.0), values)).isEqualTo(5);
        // Only a minimum: NaN is not below it.
        assertThat(count(new OutsideRange("x", 2.0, null), values)).isEqualTo(2);
        // Only a maximum: NaN is above it.
        assertThat(count(new OutsideRange("x", null, 10.0), values)).isEqualTo(3);
    }
}
