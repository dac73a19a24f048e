package io.mlopsci.core.data.drift;

import io.mlopsci.core.data.drift.ks.KsTwoSample;
import java.math.BigInteger;

/**
 * The drift measures, computed from counts that DuckDB aggregates. Each follows one reference
 * definition exactly (the tests compare them with scipy and numpy on the same data):
 * <ul>
 *   <li>PSI = Σ (q_i − p_i) · ln(q_i / p_i) over bins, with p, q the reference and current shares
 *       and an empty bin's share replaced by {@link #PSI_FLOOR} (not renormalised);</li>
 *   <li>Jensen–Shannon distance, natural log: √(½ KL(p‖m) + ½ KL(q‖m)), m = (p + q)/2, as
 *       {@code scipy.spatial.distance.jensenshannon(p, q)};</li>
 *   <li>Pearson chi-square test of homogeneity on the 2 × k table of counts (categories empty in
 *       both samples dropped), k − 1 degrees of freedom, no continuity correction, as
 *       {@code scipy.stats.chi2_contingency(table, correction=False)};</li>
 *   <li>two-sample Kolmogorov–Smirnov: D = sup |F_ref − F_cur|; the p-value of
 *       {@code scipy.stats.ks_2samp(method='auto')}: exact when both samples have at most
 *       {@link KsTwoSample#EXACT_MAX_N} values, otherwise {@code kstwo.sf(D, round(nm/(n+m)))}.</li>
 * </ul>
 */
public final class DriftMath {

    /** The share an empty bin counts as in PSI (Evidently's value). */
    public static final double PSI_FLOOR = 0.0001;

    private DriftMath() {}

    /** Population stability index of {@code cur} against {@code ref} (same bins, same order). */
    public static double psi(long[] ref, long[] cur) {
        check(ref, cur);
        double nRef = sum(ref);
        double nCur = sum(cur);
        double psi = 0;
        for (int i = 0; i < ref.length; i++) {
            double p = ref[i] == 0 ? PSI_FLOOR : ref[i] / nRef;
            double q = cur[i] == 0 ? PSI_FLOOR : cur[i] / nCur;
            psi += (q - p) * Math.log(q / p);
        }
        return psi;
    }

    /** Jensen–Shannon distance with the natural logarithm (range 0 to √ln 2 ≈ 0.8326). */
    public static double jensenShannon(long[] ref, long[] cur) {
        check(ref, cur);
        double nRef = sum(ref);
        double nCur = sum(cur);
        double js = 0;
        for (int i = 0; i < ref.length; i++) {
            double p = ref[i] / nRef;
            double q = cur[i] / nCur;
            double m = (p + q) / 2;
            js += relativeEntropy(p, m) + relativeEntropy(q, m);
        }
        return Math.sqrt(Math.max(0, js / 2));
    }

    private static double relativeEntropy(double x, double y) {
        return x > 0 ? x * Math.log(x / y) : 0;
    }

    /** Pearson chi-square homogeneity test result. */
    public record ChiSquare(double statistic, int dof, double pValue) {}

    public static ChiSquare chiSquare(long[] ref, long[] cur) {
        check(ref, cur);
        double nRef = sum(ref);
        double nCur = sum(cur);
        double n = nRef + nCur;
        double stat = 0;
        int k = 0;
        for (int i = 0; i < ref.length; i++) {
            double col = ref[i] + cur[i];
            if (col == 0) {
                continue;
            }
            k++;
            double eRef = nRef * col / n;
            double eCur = nCur * col / n;
            stat += (ref[i] - eRef) * (ref[i] - eRef) / eRef + (cur[i] - eCur) * (cur[i] - eCur) / eCur;
        }
        if (k < 2) {
            return new ChiSquare(0, 0, 1);
        }
        return new ChiSquare(stat, k - 1, SpecialFunctions.chiSquareSf(stat, k - 1));
    }

    /**
     * A two-sample Kolmogorov–Smirnov result; {@code exact} says how the p-value was computed, and
     * {@code kstwoN} the n of the {@code kstwo} distribution when it was not exact.
     */
    public record Ks(double statistic, double pValue, boolean exact, int kstwoN) {}

    /**
     * KS from the largest |i·m − j·n| over the merged sample (i, j the counts of reference and
     * current values ≤ x, at every distinct x): D = that / (n·m), and the p-value as
     * {@code scipy.stats.ks_2samp(method='auto')} gives it ({@link KsTwoSample}).
     */
    public static Ks ks(long n, long m, BigInteger maxScaledDifference) {
        if (n <= 0 || m <= 0) {
            throw new IllegalArgumentException("KS needs two non-empty samples");
        }
        BigInteger g = BigInteger.valueOf(n).gcd(BigInteger.valueOf(m));
        // D = h / lcm(n, m) with h = max|i·m − j·n| / g, an integer: as scipy rounds it.
        BigInteger h = maxScaledDifference.divide(g);
        BigInteger lcm = BigInteger.valueOf(n).divide(g).multiply(BigInteger.valueOf(m));
        double d = lcm.bitLength() < 53
                ? h.doubleValue() / lcm.doubleValue()
                : new java.math.BigDecimal(h)
                        .divide(new java.math.BigDecimal(lcm), java.math.MathContext.DECIMAL128)
                        .doubleValue();
        KsTwoSample.PValue p = KsTwoSample.pValue(n, m, h.bitLength() < 63 ? h.longValueExact() : Long.MAX_VALUE, d);
        return new Ks(d, p.value(), p.exact(), p.kstwoN());
    }

    private static void check(long[] ref, long[] cur) {
        if (ref.length != cur.length || ref.length == 0) {
            throw new IllegalArgumentException("reference and current need the same, non-empty bins");
        }
        if (sum(ref) == 0 || sum(cur) == 0) {
            throw new IllegalArgumentException("a sample has no values");
        }
    }

    static long sum(long[] a) {
        long s = 0;
        for (long v : a) {
            s += v;
        }
        return s;
    }
}
