package io.mlopsci.core.data.drift.ks;

/**
 * The p-value of the two-sided two-sample Kolmogorov–Smirnov test exactly as
 * {@code scipy.stats.ks_2samp(a, b, method='auto')} computes it: the exact distribution when both
 * samples have at most {@link #EXACT_MAX_N} values, else {@code kstwo.sf(D, round(n·m/(n+m)))}
 * ({@link Kstwo}). The exact distribution counts lattice paths: with g = gcd(n, m) and
 * D = h·g/(n·m), P(D ≥ d) is the share of the C(n+m, n) merge orders whose path from (0, 0) to
 * (n, m) reaches |i/n − j/m| ≥ d. scipy computes it, and so does this class,
 * <ul>
 *   <li>for n = m by the alternating sum 2 Σ_k (−1)^(k−1) C(2n, n−kh)/C(2n, n), in Horner form
 *       (scipy's {@code _compute_prob_outside_square});</li>
 *   <li>otherwise by Hodges' "inside method" on a sliding window of one column of the lattice,
 *       with Viehmann's recursion for the probability of leaving the band directly, so small
 *       p-values keep their precision (scipy's {@code _compute_outer_prob_inside_method}).</li>
 * </ul>
 * A result scipy would reject (not in [0, 1]) falls back to the {@code kstwo} formula, as scipy does.
 */
public final class KsTwoSample {

    /** scipy's {@code MAX_AUTO_N}: 'auto' is exact when both samples have at most this many values. */
    public static final int EXACT_MAX_N = 10_000;

    /** A p-value and how it was computed. */
    public record PValue(double value, boolean exact, int kstwoN) {}

    private KsTwoSample() {}

    /**
     * @param n the first sample's size
     * @param m the second's
     * @param h the statistic scaled to an integer: D·lcm(n, m) (= max |i·m − j·n| / gcd(n, m) over
     *     the merged sample, i and j the counts of each sample at or below a value)
     * @param d the statistic D itself
     */
    public static PValue pValue(long n, long m, long h, double d) {
        if (n <= 0 || m <= 0) {
            throw new IllegalArgumentException("KS needs two non-empty samples");
        }
        if (Math.max(n, m) <= EXACT_MAX_N) {
            double p = exact((int) n, (int) m, h);
            if (p >= 0 && p <= 1) {
                return new PValue(p, true, 0);
            }
        }
        double big = Math.max(n, m);
        double small = Math.min(n, m);
        double en = big * small / (big + small);
        int kstwoN = (int) Math.rint(en);
        return new PValue(Kstwo.sf(kstwoN, d), false, kstwoN);
    }

    /** P(D ≥ h·g/(n·m)) from the exact distribution; NaN or a value outside [0, 1] when it fails. */
    static double exact(int n, int m, long h) {
        if (h == 0) {
            return 1.0;
        }
        if (n == m) {
            return outsideSquare(n, h);
        }
        long g = gcd(n, m);
        return outsideBand(n, m, g, h);
    }

    /** n = m: 2 Σ_{k≥1} (−1)^(k−1) C(2n, n−kh) / C(2n, n), each ratio a product of h factors. */
    static double outsideSquare(int n, long h) {
        double p = 0.0;
        long k = n / h;
        while (k >= 0) {
            double p1 = 1.0;
            for (long j = 0; j < h; j++) {
                p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
            }
            p = p1 * (1.0 - p);
            k--;
        }
        return 2 * p;
    }

    /**
     * n ≠ m: the share of lattice paths from (0, 0) to (m, n) that do not stay strictly inside
     * |x·n/g − y·m/g| &lt; h, one column at a time over a sliding window of the rows the band allows.
     * Each entry is the probability that a path through it has left the band before, so it stays in
     * [0, 1] and needs no rescaling.
     */
    static double outsideBand(int n0, int m0, long g, long h) {
        // Symmetric in n and m; the walk below wants m ≥ n.
        int m = Math.max(n0, m0);
        int n = Math.min(n0, m0);
        long mg = m / g;
        long ng = n / g;
        int minj = 0;
        int maxj = (int) Math.min((long) Math.ceil(h / (double) mg), n + 1);
        int curlen = maxj - minj;
        int lenA = Math.min(2 * maxj + 2, n + 1);
        double[] a = new double[lenA];
        java.util.Arrays.fill(a, 1.0);
        java.util.Arrays.fill(a, minj, maxj, 0.0);
        for (int i = 1; i <= m; i++) {
            int lastminj = minj;
            int lastlen = curlen;
            minj = (int) Math.max((long) Math.floor((ng * i - h) / (double) mg) + 1, 0);
            minj = Math.min(minj, n);
            maxj = (int) Math.min((long) Math.ceil((ng * i + h) / (double) mg), n + 1);
            if (maxj <= minj) {
                return 1.0;
            }
            double val = minj == 0 ? 0.0 : 1.0;
            for (int jj = 0; jj < maxj - minj; jj++) {
                int j = jj + minj;
                val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
                a[jj] = val;
            }
            curlen = maxj - minj;
            if (lastlen > curlen) {
                // Entries carried over from the longer column have left the band.
                java.util.Arrays.fill(a, maxj - minj, Math.min(lenA, maxj - minj + (lastlen - curlen)), 1.0);
            }
        }
        return a[maxj - minj - 1];
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
