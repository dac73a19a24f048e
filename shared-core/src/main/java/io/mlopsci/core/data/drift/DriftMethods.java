package io.mlopsci.core.data.drift;

import io.mlopsci.core.config.DataConfig.Method;
import io.mlopsci.core.data.checks.Texts;

/**
 * Which measure compares a column: the configured one, or Evidently's choice by the reference's
 * size and the column's type and number of distinct values ({@code auto}). Pure functions of counts.
 */
final class DriftMethods {

    /** Evidently's size boundary for choosing a test (reference rows). */
    static final long AUTO_SMALL = 1000;
    /** Evidently's boundary between "few values" (categorical treatment) and continuous numeric. */
    static final int AUTO_FEW_VALUES = 5;

    /**
     * The method, whether the column's values are compared as categories, why, and what makes it
     * impossible (or null).
     */
    record Choice(Method method, boolean byValue, String because, String problem) {}

    private DriftMethods() {}

    static boolean binned(Method m) {
        return m == Method.PSI || m == Method.JENSENSHANNON || m == Method.CHISQUARE;
    }

    /** A method the configuration names (not auto). */
    static Choice configured(DriftColumn c) {
        Method m = c.configured();
        String problem = (m == Method.KS || m == Method.WASSERSTEIN) && !c.numeric()
                ? m.key() + " needs numbers; '" + c.name() + "' is " + c.ref().duckType()
                        + " (use psi, jensenshannon or chisquare for categories)"
                : null;
        return new Choice(m, !c.numeric(), "configured", problem);
    }

    /** Auto on text, booleans: chi-square for a small reference, else Jensen–Shannon. */
    static Choice autoCategorical(long referenceValues) {
        boolean small = referenceValues <= AUTO_SMALL;
        Method m = small ? Method.CHISQUARE : Method.JENSENSHANNON;
        return new Choice(
                m,
                true,
                "auto: categorical, " + size(referenceValues) + " → " + m.key()
                        + (small
                                ? " (Evidently uses a z-test for two categories; the 2×2 chi-square test without"
                                        + " continuity correction is its two-sided equivalent)"
                                : ""),
                null);
    }

    /**
     * Auto on numbers: with few distinct values (both files) the values are categories (chi-square
     * or Jensen–Shannon), else KS for a small reference and the normalised Wasserstein distance for
     * a large one.
     */
    static Choice autoNumeric(long referenceValues, long distinctValues) {
        boolean small = referenceValues <= AUTO_SMALL;
        boolean few = distinctValues <= AUTO_FEW_VALUES;
        String values = few
                ? distinctValues + " distinct values (≤ " + AUTO_FEW_VALUES + ")"
                : "more than " + AUTO_FEW_VALUES + " distinct values";
        Method m = small ? (few ? Method.CHISQUARE : Method.KS) : (few ? Method.JENSENSHANNON : Method.WASSERSTEIN);
        return new Choice(
                m,
                few,
                "auto: numeric, " + size(referenceValues) + ", " + values + " → " + m.key()
                        + (few ? " on the values as categories" : ""),
                null);
    }

    private static String size(long n) {
        boolean small = n <= AUTO_SMALL;
        return Texts.count(n) + " reference values (" + (small ? "≤ " : "> ") + Texts.count(AUTO_SMALL) + ")";
    }
}
