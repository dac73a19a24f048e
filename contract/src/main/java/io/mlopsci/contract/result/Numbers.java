package io.mlopsci.contract.result;

import java.util.Locale;

/**
 * How a result's numbers are written for people — reports, the job summary, the Jenkins build page:
 * enough digits to see a gate decision, no more.
 */
public final class Numbers {

    private Numbers() {}

    /** A value: 4 decimals for ordinary magnitudes, scientific for tiny or huge ones. */
    public static String value(Double v) {
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
            return String.format(Locale.ROOT, "%.4g", v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** A signed difference, e.g. {@code +0.0123} or {@code −0.0040}. */
    public static String delta(Double v) {
        if (v == null || v.isNaN()) {
            return value(v);
        }
        String s = value(Math.abs(v));
        return (v < 0 ? "−" : "+") + s;
    }

    /** A signed relative change as a percentage, e.g. {@code −1.25%}. */
    public static String percent(Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return "—";
        }
        return (v < 0 ? "−" : "+") + String.format(Locale.ROOT, "%.2f%%", Math.abs(v) * 100);
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
