package io.mlopsci.core.data.drift;

import io.mlopsci.core.config.DataConfig.Method;
import io.mlopsci.core.data.checks.Texts;
import io.mlopsci.core.data.drift.ks.KsTwoSample;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The drift measures as pure functions of counts: binned measures (PSI, Jensen–Shannon,
 * chi-square) over the two files' bin counts, and KS and the normalised Wasserstein distance over
 * what the comparison of the exact distributions returned. Each measure carries its exact
 * definition in words, for the report.
 */
final class DriftMeasures {

    /** A measure's value and, for tests, statistic and p-value. */
    record Measure(double value, Double statistic, Double pValue, String definition, Map<String, Object> extra) {}

    /** A measure, or why it cannot be computed. */
    record Measured(Measure measure, String problem) {
        static Measured of(Measure m) {
            return new Measured(m, null);
        }

        static Measured problem(String why) {
            return new Measured(null, why);
        }
    }

    private DriftMeasures() {}

    /**
     * A binned measure over reference and current counts.
     *
     * @param bins  how the bins were made, in words
     * @param edges the numeric bins' inner edges (null for categories)
     */
    static Measure binned(Method method, long[] ref, long[] cur, List<String> labels, double[] edges, String bins) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("bins", labels);
        extra.put("referenceCounts", Arrays.stream(ref).boxed().toList());
        extra.put("currentCounts", Arrays.stream(cur).boxed().toList());
        if (edges != null) {
            extra.put("edges", Arrays.stream(edges).boxed().toList());
        }
        return switch (method) {
            case PSI ->
                new Measure(
                        DriftMath.psi(ref, cur),
                        null,
                        null,
                        "population stability index over " + bins
                                + ": Σ (q−p)·ln(q/p), an empty bin's share counted as 0.0001",
                        extra);
            case JENSENSHANNON ->
                new Measure(
                        DriftMath.jensenShannon(ref, cur),
                        null,
                        null,
                        "Jensen–Shannon distance (natural log, range 0–0.8326) over " + bins,
                        extra);
            case CHISQUARE -> {
                DriftMath.ChiSquare chi = DriftMath.chiSquare(ref, cur);
                extra.put("statistic", chi.statistic());
                extra.put("dof", chi.dof());
                yield new Measure(
                        chi.pValue(),
                        chi.statistic(),
                        chi.pValue(),
                        "Pearson chi-square test of homogeneity over " + bins + " (" + chi.dof()
                                + " degrees of freedom, no continuity correction); p-value",
                        extra);
            }
            default -> throw new IllegalStateException("not a binned method: " + method);
        };
    }

    /** The two-sample KS test from the largest |F_ref·n·m − F_cur·n·m| over {@code distinct} values. */
    static Measure ks(long n, long m, BigInteger maxDiff, long distinct) {
        DriftMath.Ks ks = DriftMath.ks(n, m, maxDiff);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("distinctValues", distinct);
        extra.put("statistic", ks.statistic());
        extra.put("pValueMethod", ks.exact() ? "exact" : "kstwo");
        if (!ks.exact()) {
            extra.put("kstwoN", ks.kstwoN());
        }
        return new Measure(ks.pValue(), ks.statistic(), ks.pValue(), ksDefinition(ks.exact()), extra);
    }

    /**
     * The Wasserstein-1 distance over the reference's population standard deviation, from
     * Σ |F_ref·m − F_cur·n|·gap (null when every value is the same).
     */
    static Measured wasserstein(long n, long m, Double weighted, double std, long distinct, String column) {
        double w1 = weighted == null ? 0 : weighted / ((double) n * m);
        if (!(std > 0)) {
            return Measured.problem("the reference standard deviation of '" + column
                    + "' is 0 (every reference value is the same), so the Wasserstein distance cannot be normalised by"
                    + " it (Wasserstein-1 distance = " + String.format(Locale.ROOT, "%.6g", w1)
                    + "); use psi, ks or jensenshannon for this column");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("distinctValues", distinct);
        extra.put("wasserstein", w1);
        extra.put("referenceStd", std);
        return Measured.of(new Measure(
                w1 / std,
                w1,
                null,
                "Wasserstein-1 distance between the empirical distributions"
                        + " divided by the reference's population standard deviation (ddof 0)",
                extra));
    }

    static String ksDefinition(boolean exact) {
        return "two-sample Kolmogorov–Smirnov test, D = sup |F_ref − F_cur|; p-value "
                + (exact
                        ? "exact (both samples ≤ " + Texts.count(KsTwoSample.EXACT_MAX_N) + " values)"
                        : "from the distribution of D_N with N = round(nm/(n+m)) (scipy's kstwo, as ks_2samp"
                                + " uses above " + Texts.count(KsTwoSample.EXACT_MAX_N) + " values)");
    }

    static String measureName(Method m) {
        return switch (m) {
            case PSI -> "PSI";
            case KS -> "KS p-value";
            case WASSERSTEIN -> "Wasserstein / σ_ref";
            case JENSENSHANNON -> "Jensen–Shannon distance (ln)";
            case CHISQUARE -> "chi-square p-value";
            case AUTO -> "auto";
        };
    }
}
