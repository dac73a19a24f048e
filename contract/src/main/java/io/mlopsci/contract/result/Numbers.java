package io.mlopsci.contract.result;

import java.util.Locale;

/**
 * How a result's numbers are written for people — reports, the job summary, the Jenkins build page:
 * enough digits to see a gate decision, no more.
 */
public final class Numbers {

    private Numbers() {}

    /** Digits {@link #digitsApart} may add: enough for any two doubles. */
    private static final int MAX_EXTRA = 20;

    /** A value: 4 decimals for ordinary magnitudes, scientific for tiny or huge ones. */
    public static String value(Double v) {
        return value(v, 0);
    }

    /**
     * A value with {@code extra} more digits than {@link #value(Double)} gives (see {@link
     * #digitsApart}).
     */
    public static String value(Double v, int extra) {
        if (v == null) {
            return "—";
        }
        if (v.isNaN()) {
            return "NaN";
        }
        if (v.isInfinite()) {
            return v > 0 ? "+∞" : "−∞";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e6 || a < 1e-4) {
            return String.format(Locale.ROOT, "%." + (4 + extra) + "g", v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%." + (1 + extra) + "f", v);
        }
        return String.format(Locale.ROOT, "%." + (4 + extra) + "f", v);
    }

    /**
     * How many digits {@link #value(Double, int)} must add so that values that differ never print
     * alike ("0.9000 is below the minimum 0.9000" must not happen): 0 when the usual digits tell
     * them apart. Nulls, NaN and infinities are ignored; 0.0 and −0.0 count as equal.
     */
    public static int digitsApart(Double... values) {
        for (int extra = 0; extra < MAX_EXTRA; extra++) {
            if (apartWith(extra, values)) {
                return extra;
            }
        }
        return MAX_EXTRA;
    }

    private static boolean apartWith(int extra, Double[] values) {
        for (int i = 0; i < values.length; i++) {
            for (int j = i + 1; j < values.length; j++) {
                Double a = values[i];
                Double b = values[j];
                if (a == null || b == null || !Double.isFinite(a) || !Double.isFinite(b)) {
                    continue;
                }
                if (a.doubleValue() != b.doubleValue()
                        && value(Math.abs(a), extra).equals(value(Math.abs(b), extra))
                        && Math.signum(a) == Math.signum(b)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A signed difference, e.g. {@code +0.0123} or {@code −0.0040}. */
    public static String delta(Double v) {
        return delta(v, 0);
    }

    /** A signed difference with {@code extra} more digits (see {@link #digitsApart}). */
    public static String delta(Double v, int extra) {
        if (v == null || v.isNaN()) {
            return value(v);
        }
        String s = value(Math.abs(v), extra);
        return (v < 0 ? "−" : "+") + s;
    }

    /** A signed relative change as a percentage, e.g. {@code −1.25%}. */
    public static String percent(Double v) {
        return percent(v, 0);
    }

    /** A signed percentage with {@code extra} more decimals (see {@link #percentDigitsApart}). */
    public static String percent(Double v, int extra) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return "—";
        }
        return (v < 0 ? "−" : "+") + String.format(Locale.ROOT, "%." + (2 + extra) + "f%%", Math.abs(v) * 100);
    }

    /** The decimals {@link #percent(Double, int)} must add so that two different shares do not print alike. */
    public static int percentDigitsApart(double a, double b) {
        for (int extra = 0; extra < MAX_EXTRA; extra++) {
            if (a == b
                    || !Double.isFinite(a)
                    || !Double.isFinite(b)
                    || !percent(Math.abs(a), extra).equals(percent(Math.abs(b), extra))) {
                return extra;
            }
        }
        return MAX_EXTRA;
    }

    /** Milliseconds as a short duration, e.g. {@code 850 ms}, {@code 12.3 s}, {@code 4 min 2 s}. */
    public static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = millis / 1000;
        return (s / 60) + " min " + (s % 60) + " s";
    }
}
