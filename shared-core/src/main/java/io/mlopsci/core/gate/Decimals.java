package io.mlopsci.core.gate;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Arithmetic on numbers as people write them: each double is read as the shortest decimal that
 * converts back to it (what the user wrote in mlops.yaml, what result.json prints), the operation
 * is done in decimal, and the result is the nearest double. So a bound of 0.95 − 0.02 is 0.93 (not
 * 0.9299999999999999) and a candidate at 0.93 against 0.95 moved by exactly −0.02: a delta on the
 * boundary reads, and is judged, as the boundary. Non-finite operands fall back to binary
 * arithmetic.
 */
final class Decimals {

    private Decimals() {}

    static double minus(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            return a - b;
        }
        return decimal(a).subtract(decimal(b)).doubleValue();
    }

    static double plus(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            return a + b;
        }
        return decimal(a).add(decimal(b)).doubleValue();
    }

    static double times(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            return a * b;
        }
        return decimal(a).multiply(decimal(b)).doubleValue();
    }

    /** a / b, rounded to 34 significant digits before it becomes a double; b ≠ 0. */
    static double divide(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || b == 0) {
            return a / b;
        }
        return decimal(a).divide(decimal(b), MathContext.DECIMAL128).doubleValue();
    }

    /** The improvement of {@code candidate} over {@code baseline} (positive when better), in decimal. */
    static double improvement(io.mlopsci.contract.result.Direction direction, double candidate, double baseline) {
        return direction == io.mlopsci.contract.result.Direction.HIGHER
                ? minus(candidate, baseline)
                : minus(baseline, candidate);
    }

    private static BigDecimal decimal(double v) {
        // Double.toString: the shortest decimal that reads back as v (JDK 19+; at most one digit
        // more on 17, still the same double).
        return new BigDecimal(Double.toString(v));
    }
}
