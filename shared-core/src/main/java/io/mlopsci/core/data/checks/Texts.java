package io.mlopsci.core.data.checks;

import io.mlopsci.contract.result.Severity;
import io.mlopsci.contract.result.Status;
import java.util.Locale;

/** How data checks word numbers: counts with separators, shares as percentages. */
public final class Texts {

    private Texts() {}

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A share as a percentage with enough digits to see small differences, e.g. {@code 0.05%}. */
    public static String percent(double share) {
        double p = share * 100;
        if (p == 0 || p == 100) {
            return String.format(Locale.ROOT, "%.0f%%", p);
        }
        if (Math.abs(p) < 0.01) {
            return String.format(Locale.ROOT, "%.2g%%", p);
        }
        return String.format(Locale.ROOT, "%.2f%%", p);
    }

    /** A number as written in a rule: integers without a fraction. */
    public static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf((long) d);
        }
        String plain = java.math.BigDecimal.valueOf(d).toPlainString();
        return plain.length() <= 12 ? plain : String.valueOf(d);
    }

    /** The status of a violated rule: FAIL, or WARN when its severity is warn. */
    public static Status violated(Severity severity) {
        return severity == Severity.WARN ? Status.WARN : Status.FAIL;
    }

    /** A value quoted for a message, shortened. */
    public static String quote(String v) {
        if (v == null) {
            return "null";
        }
        String s = v.length() > 60 ? v.substring(0, 57) + "..." : v;
        return "'" + s.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
