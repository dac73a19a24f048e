package io.mlopsci.core.data.drift.ks;

/**
 * The two-sided one-sample Kolmogorov–Smirnov distribution of Dₙ, as {@code scipy.stats.kstwo}
 * computes its survival function P(Dₙ ≥ x) (scipy's {@code _kolmogn}, which follows Simard and
 * L'Ecuyer, J. Stat. Softw. 39(11), 2011, in choosing a method by n and n·x²):
 * <ul>
 *   <li>Ruben–Gambino's closed forms for x ≤ 1/n and x ≥ 1 − 1/n;</li>
 *   <li>2·smirnov(n, x) where the two one-sided tails cannot overlap (x ≥ ½) and far in the tail
 *       (n·x² &gt; 4 for n ≤ 140, ≥ 2.2 above), 0 from n·x² ≥ 370;</li>
 *   <li>otherwise 1 − the CDF, from Durbin's matrix algorithm as Marsaglia, Tsang and Wang compute
 *       it (small n·x²), Pomeranz's recursion (n ≤ 140) or the Pelz–Good asymptotic series.</li>
 * </ul>
 * {@code scipy.stats.ks_2samp(method='auto')} takes its p-value for samples above 10,000 values
 * from here, with n = round(n₁n₂/(n₁+n₂)) (see {@link KsTwoSample}).
 */
public final class Kstwo {

    private static final double TWO_128 = 0x1p128;
    private static final double TWO_M128 = 0x1p-128;
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double MIN_LOG = -708;
    private static final double PI2 = Math.PI * Math.PI;
    private static final double PI4 = PI2 * PI2;
    private static final double PI6 = PI4 * PI2;
    /** B_2j / (2j (2j − 1)) for j = 8 … 1: Stirling's series of log n!. */
    private static final double[] STIRLING = {
        -2.955065359477124183e-2,
        6.4102564102564102564e-3,
        -1.9175269175269175269e-3,
        8.4175084175084175084e-4,
        -5.952380952380952381e-4,
        7.9365079365079365079e-4,
        -2.7777777777777777778e-3,
        8.3333333333333333333e-2
    };

    private Kstwo() {}

    /** P(Dₙ ≥ x) for n ≥ 1, clipped to [0, 1]. */
    public static double sf(int n, double x) {
        if (n < 1) {
            throw new IllegalArgumentException("kstwo needs n ≥ 1, got " + n);
        }
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x >= 1.0) {
            return 0.0;
        }
        if (x <= 0.0) {
            return 1.0;
        }
        double t = n * x;
        if (t <= 1.0) {
            // Ruben–Gambino: for 1/(2n) ≤ x ≤ 1/n the CDF is n!/nⁿ (2t − 1)ⁿ.
            if (t <= 0.5) {
                return 1.0;
            }
            double prob;
            if (n <= 140) {
                prob = 1;
                for (int i = 1; i <= n; i++) {
                    prob *= i * (1.0 / n) * (2 * t - 1);
                }
            } else {
                prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
            }
            return clip(1.0 - prob);
        }
        if (t >= n - 1) {
            // Ruben–Gambino: the SF is 2(1 − x)ⁿ.
            return clip(2 * Math.pow(1.0 - x, n));
        }
        if (x >= 0.5) {
            // The two one-sided events are disjoint.
            return clip(2 * Smirnov.sf(n, x));
        }
        double nxSquared = t * x;
        if (n <= 140) {
            if (nxSquared <= 0.754693) {
                return clip(1.0 - durbin(n, x));
            }
            if (nxSquared <= 4) {
                return clip(1.0 - pomeranz(n, x));
            }
            return clip(2 * Smirnov.sf(n, x));
        }
        if (nxSquared >= 370.0) {
            return 0.0;
        }
        if (nxSquared >= 2.2) {
            return clip(2 * Smirnov.sf(n, x));
        }
        double cdf = n <= 100_000 && n * Math.pow(x, 1.5) <= 1.4 ? durbin(n, x) : pelzGood(n, x);
        return clip(1.0 - cdf);
    }

    /** log(n!/nⁿ) by Stirling's series, with n·log n taken out first to avoid cancellation. */
    static double logFactorialOverPower(int n) {
        double rn = 1.0 / n;
        double x = rn / n;
        double poly = 0;
        for (double c : STIRLING) {
            poly = poly * x + c;
        }
        return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
    }

    /**
     * P(Dₙ ≤ d) by Durbin's matrix algorithm as Marsaglia, Tsang and Wang compute it: with
     * d = (k − h)/n, the k-th diagonal element of Hⁿ times n!/nⁿ for a (2k−1)² matrix H, powers by
     * squaring, rescaled by 2^128 to stay in range.
     */
    static double durbin(int n, double d) {
        if (d >= 1.0) {
            return 1.0;
        }
        double nd = n * d;
        if (nd <= 0.5) {
            return 0.0;
        }
        int k = (int) Math.ceil(nd);
        double h = k - nd;
        int m = 2 * k - 1;
        double[] v = new double[m];
        double[] w = new double[m];
        double fac = 1.0;
        for (int j = 1; j <= m; j++) {
            v[j - 1] = 1.0 - Math.pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }
        double tt = Math.pow(Math.max(2 * h - 1.0, 0), m) - 2 * Math.pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;
        double[][] hm = new double[m][m];
        for (int i = 1; i < m; i++) {
            for (int r = i - 1; r < m; r++) {
                hm[r][i] = w[r - (i - 1)];
            }
        }
        for (int r = 0; r < m; r++) {
            hm[r][0] = v[r];
        }
        for (int c = 0; c < m; c++) {
            hm[m - 1][c] = v[m - 1 - c];
        }
        double[][] power = identity(m);
        int nn = n;
        int expnt = 0;
        int hExpnt = 0;
        while (nn > 0) {
            if (nn % 2 == 1) {
                power = multiply(power, hm);
                expnt += hExpnt;
            }
            hm = multiply(hm, hm);
            hExpnt *= 2;
            if (Math.abs(hm[k - 1][k - 1]) > TWO_128) {
                scale(hm, TWO_M128);
                hExpnt += 128;
            }
            nn /= 2;
        }
        double p = power[k - 1][k - 1];
        for (int i = 1; i <= n; i++) {
            p = i * p / n;
            if (Math.abs(p) < TWO_M128) {
                p *= TWO_128;
                expnt -= 128;
            }
        }
        if (expnt != 0) {
            p = Math.scalb(p, expnt);
        }
        return clip(p);
    }

    /**
     * P(Dₙ ≤ x) by Pomeranz's recursion: 2n + 1 convolutions of a sliding window with (almost)
     * Poisson probabilities, rescaled by 2^128 against underflow; the answer is n! times the last
     * entry.
     */
    static double pomeranz(int n, double x) {
        double t = n * x;
        int ll = (int) Math.floor(t);
        double f = t - ll;
        double g = Math.min(f, 1.0 - f);
        int ceilf = f > 0 ? 1 : 0;
        int roundf = f > 0.5 ? 1 : 0;
        int npwrs = 2 * (ll + 1);
        double[] gpower = new double[npwrs];
        double[] twogpower = new double[npwrs];
        double[] onem2gpower = new double[npwrs];
        gpower[0] = 1.0;
        twogpower[0] = 1.0;
        onem2gpower[0] = 1.0;
        int expnt = 0;
        double gOverN = g / n;
        double twoGOverN = 2 * g / n;
        double oneMinusTwoGOverN = (1 - 2 * g) / n;
        for (int m = 1; m < npwrs; m++) {
            gpower[m] = gpower[m - 1] * gOverN / m;
            twogpower[m] = twogpower[m - 1] * twoGOverN / m;
            onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
        }
        double[] v0 = new double[npwrs];
        double[] v1 = new double[npwrs];
        v1[0] = 1;
        int v0s = 0;
        int v1s = 0;
        int[] j12 = pomeranzWindow(0, n, ll, ceilf, roundf);
        int j1 = j12[0];
        for (int i = 1; i < 2 * n + 2; i++) {
            int k1 = j1;
            double[] swap = v0;
            v0 = v1;
            v1 = swap;
            int swapS = v0s;
            v0s = v1s;
            v1s = swapS;
            java.util.Arrays.fill(v1, 0.0);
            j12 = pomeranzWindow(i, n, ll, ceilf, roundf);
            j1 = j12[0];
            int j2 = j12[1];
            double[] pwrs = i == 1 || i == 2 * n + 1 ? gpower : (i % 2 == 1 ? twogpower : onem2gpower);
            int ln2 = j2 - k1 + 1;
            if (ln2 > 0) {
                int from = k1 - v0s;
                int aLen = Math.max(0, Math.min(ln2, npwrs - from));
                int bLen = Math.min(ln2, npwrs);
                int convStart = j1 - k1;
                int convLen = j2 - j1 + 1;
                double max = 0;
                for (int out = 0; out < convLen; out++) {
                    // Entry convStart + out of the full convolution of v0[from, from+aLen) and pwrs[0, bLen).
                    int c = convStart + out;
                    double s = 0;
                    int lo = Math.max(0, c - (bLen - 1));
                    int hi = Math.min(c, aLen - 1);
                    for (int a = lo; a <= hi; a++) {
                        s += v0[from + a] * pwrs[c - a];
                    }
                    v1[out] = s;
                    max = Math.max(max, s);
                }
                if (0 < max && max < TWO_M128) {
                    for (int q = 0; q < npwrs; q++) {
                        v1[q] *= TWO_128;
                    }
                    expnt -= 128;
                }
                v1s = v0s + j1 - k1;
            }
        }
        double ans = v1[n - v1s];
        for (int m = 1; m <= n; m++) {
            if (Math.abs(ans) > TWO_128) {
                ans *= TWO_M128;
                expnt += 128;
            }
            ans *= m;
        }
        if (expnt != 0) {
            ans = Math.scalb(ans, expnt);
        }
        return clip(ans);
    }

    /** The first and last column of row i that can be non-zero in Pomeranz's recursion. */
    private static int[] pomeranzWindow(int i, int n, int ll, int ceilf, int roundf) {
        int j1;
        int j2;
        if (i == 0) {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        } else {
            int ip1div2 = (i + 1) / 2;
            int ip1mod2 = (i + 1) % 2;
            if (ip1mod2 == 0) {
                if (ip1div2 == n + 1) {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                } else {
                    j1 = ip1div2 - 1 - ll - roundf - 1;
                    j2 = ip1div2 + ll - 1 + ceilf - 1;
                }
            } else {
                j1 = ip1div2 - 1 - ll - 1;
                j2 = ip1div2 + ll + roundf - 1;
            }
        }
        return new int[] {Math.max(j1 + 2, 0), Math.min(j2, n)};
    }

    /**
     * The Pelz–Good approximation of P(Dₙ ≤ x): Li-Chien and Korolyuk's expansion
     * K₀(z) + K₁(z)/√n + K₂(z)/n + K₃(z)/n^1.5 (z = x√n), each term transformed with Jacobi's
     * theta functions into a series that converges fast for small z.
     */
    static double pelzGood(int n, double x) {
        if (x <= 0.0) {
            return 0.0;
        }
        if (x >= 1.0) {
            return 1.0;
        }
        double z = Math.sqrt(n) * x;
        double z2 = z * z;
        double z3 = Math.pow(z, 3);
        double z4 = Math.pow(z, 4);
        double z6 = Math.pow(z, 6);
        double qlog = -PI2 / 8 / z2;
        if (qlog < MIN_LOG) {
            return 0.0;
        }
        double q = Math.exp(qlog);
        double k1a = -z2;
        double k1b = PI2 / 4;
        double k2a = 6 * z6 + 2 * z4;
        double k2b = (2 * z4 - 5 * z2) * PI2 / 4;
        double k2c = PI4 * (1 - 2 * z2) / 16;
        double k3d = PI6 * (5 - 30 * z2) / 64;
        double k3c = PI4 * (-60 * z2 + 212 * z4) / 16;
        double k3b = PI2 * (135 * z4 - 96 * z6) / 4;
        double k3a = -30 * z6 - 90 * Math.pow(z, 8);
        double[] kk = new double[4];
        int maxk = (int) Math.ceil(16 * z / Math.PI);
        for (int k = maxk; k > 0; k--) {
            long m = 2L * k - 1;
            long m2 = m * m;
            long m4 = m2 * m2;
            long m6 = m4 * m2;
            double qpower = Math.pow(q, 8 * k);
            double[] coeffs = {1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6};
            for (int i = 0; i < 4; i++) {
                kk[i] = kk[i] * qpower + coeffs[i];
            }
        }
        double[] divisors = {z, 6 * z4, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)};
        for (int i = 0; i < 4; i++) {
            kk[i] = kk[i] * q * SQRT_2PI / divisors[i];
        }
        // The other sums, over all integers k.
        double q2 = Math.exp(-PI2 / 2 / z2);
        double sqrt3z = Math.sqrt(3) * z;
        double k2extra = 0;
        double k3extra = 0;
        for (int k = maxk; k > 0; k--) {
            double k2 = (double) k * k;
            double qp = Math.pow(q2, k2);
            double kpi = Math.PI * k;
            k2extra += k2 * qp;
            k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qp;
        }
        kk[2] += k2extra * (PI2 * SQRT_2PI / (-36 * z3));
        kk[3] += k3extra * (PI2 * SQRT_2PI / (216 * z6));
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += kk[i] / Math.pow(n * 1.0, i / 2.0);
        }
        return sum;
    }

    private static double[][] identity(int m) {
        double[][] id = new double[m][m];
        for (int i = 0; i < m; i++) {
            id[i][i] = 1;
        }
        return id;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        double[][] c = new double[m][m];
        for (int i = 0; i < m; i++) {
            double[] ci = c[i];
            for (int l = 0; l < m; l++) {
                double ail = a[i][l];
                if (ail == 0) {
                    continue;
                }
                double[] bl = b[l];
                for (int j = 0; j < m; j++) {
                    ci[j] += ail * bl[j];
                }
            }
        }
        return c;
    }

    private static void scale(double[][] a, double f) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= f;
            }
        }
    }

    private static double clip(double p) {
        return Math.min(1, Math.max(0, p));
    }
}
