package io.mlopsci.core.data.drift;

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
 *   <li>two-sample Kolmogorov–Smirnov: D = sup |F_ref − F_cur|; p-value exact when both samples have
 *       at most {@link #KS_EXACT_MAX_N} values (as {@code scipy.stats.ks_2samp(method='exact')}),
 *       otherwise from the asymptotic Kolmogorov distribution, Q(√(nm/(n+m)) · D)
 *       ({@code scipy.stats.kstwobign.sf}).</li>
 * </ul>
 */
public final class DriftMath {

    /** The share an empty bin counts as in PSI (Evidently's value). */
    public static final double PSI_FLOOR = 0.0001;

    /** Largest sample for the exact KS p-value (scipy's 'auto' uses the same cut-off). */
    public static final int KS_EXACT_MAX_N = 10_000;

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

    /** A two-sample Kolmogorov–Smirnov result; {@code exact} says how the p-value was computed. */
    public record Ks(double statistic, double pValue, boolean exact) {}

    /**
     * KS from the largest |i·m − j·n| over the merged sample (i, j the counts of reference and
     * current values ≤ x, at every distinct x): D = that / (n·m), exactly.
     */
    public static Ks ks(long n, long m, BigInteger maxScaledDifference) {
        if (n <= 0 || m <= 0) {
            throw new IllegalArgumentException("KS needs two non-empty samples");
        }
        BigInteger nm = BigInteger.valueOf(n).multiply(BigInteger.valueOf(m));
        double d = new java.math.BigDecimal(maxScaledDifference)
                .divide(new java.math.BigDecimal(nm), java.math.MathContext.DECIMAL64)
                .doubleValue();
        if (Math.max(n, m) <= KS_EXACT_MAX_N) {
            long g = BigInteger.valueOf(n).gcd(BigInteger.valueOf(m)).longValue();
            long h = maxScaledDifference.divide(BigInteger.valueOf(g)).longValueExact();
            return new Ks(d, ksExactPValue((int) n, (int) m, h), true);
        }
        double en = (double) n * m / (n + m);
        return new Ks(d, SpecialFunctions.kolmogorovSf(Math.sqrt(en) * d), false);
    }

    /**
     * P(D ≥ d) for two samples of sizes n and m from the same continuous distribution, where
     * d = h·g/(n·m), g = gcd(n, m). A uniformly random merge order is a lattice path from (0, 0) to
     * (n, m); the path's D is max |i/n − j/m| over its points. The path is walked forward as a
     * random process (the next value is a reference value with probability (n−i)/(n+m−i−j)); the
     * probability mass that first reaches a point with |i·m/g − j·n/g| ≥ h is summed. Summing only
     * positive terms keeps small p-values accurate.
     */
    static double ksExactPValue(int n, int m, long h) {
        if (h <= 0) {
            return 1;
        }
        long g = BigInteger.valueOf(n).gcd(BigInteger.valueOf(m)).longValue();
        long ng = n / g;
        long mg = m / g;
        // prob[j] = P(the walk is at (i, j) and has not left the band), for the current i.
        double[] prob = new double[m + 1];
        double exited = 0;
        prob[0] = 1;
        for (int i = 0; i <= n; i++) {
            // Moves within column i: (i, j) -> (i, j+1).
            for (int j = 0; j <= m; j++) {
                double p = prob[j];
                if (p == 0) {
                    continue;
                }
                if (Math.abs(i * mg - j * ng) >= h) {
                    exited += p;
                    prob[j] = 0;
                    continue;
                }
                int left = n + m - i - j;
                if (j < m && left > 0) {
                    prob[j + 1] += p * (m - j) / (double) left;
                }
            }
            if (i == n) {
                break;
            }
            // Moves to column i+1: (i, j) -> (i+1, j), probability (n−i)/(n+m−i−j).
            for (int j = 0; j <= m; j++) {
                double p = prob[j];
                if (p == 0) {
                    continue;
                }
                int left = n + m - i - j;
                prob[j] = p * (n - i) / (double) left;
            }
        }
        return Math.min(1, Math.max(0, exited));
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
