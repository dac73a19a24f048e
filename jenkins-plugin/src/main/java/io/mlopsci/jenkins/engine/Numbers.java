package io.mlopsci.jenkins.engine;

import java.util.Locale;

/** Numbers as the build page shows them: the engine reports' convention (4 decimals, signed deltas). */
public final class Numbers {

    private Numbers() {}

    /** A value, or an em dash when there is none. */
    public static String format(Double v) {
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
        return String.format(Locale.ROOT, a >= 1000 ? "%.1f" : "%.4f", v);
    }

    /** A signed difference, e.g. {@code +0.0123} or {@code −0.0040}. */
    public static String signed(Double v) {
        if (v == null || v.isNaN()) {
            return format(v);
        }
        return (v < 0 ? "−" : "+") + format(Math.abs(v));
    }
}
