package io.mlopsci.core.data.drift.ks;

/**
 * The one-sided Kolmogorov–Smirnov distribution: {@code sf(n, x)} = P(D⁺ₙ ≥ x) for a sample of n,
 * as {@code scipy.special.smirnov(n, x)} computes it (scipy's xsf library, after van Mulbregt,
 * arXiv:1802.06966): the Birnbaum–Tingey sum
 * P(D⁺ₙ ≥ x) = x · Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v),
 * every term formed in double-double arithmetic with the binomial coefficient carried as
 * significand and exponent (it overflows a double), summed from the side with fewer terms (the
 * complementary "upper" sum when x is small), and stopped once the remaining terms cannot change
 * the sum. The two-sided distribution uses 2·smirnov(n, x) in its tail.
 */
final class Smirnov {

    /** log(2^−1075): e^x of anything smaller is 0. */
    private static final double MINLOG = -7.451332191019412076235245305675398106812E2;
    /** Above this n, the sum would take too long: an approximation is used (as scipy does). */
    private static final int MAX_COMPUTE_N = 1_000_000;
    /** The complementary sum is used when it has at most this many terms (and n is large enough). */
    private static final int UPPER_MAX_TERMS = 3;

    private static final int UPPER_MIN_N = 10;
    /** Keeps both words of a scaled power normalised: below 1023 − 52. */
    private static final int MAX_EXPONENT = 960;

    private static final double EPSILON = Math.ulp(1.0);

    private Smirnov() {}

    /** P(D⁺ₙ ≥ x), clipped to [0, 1]; NaN outside n ≥ 1, 0 ≤ x ≤ 1. */
    static double sf(int n, double x) {
        if (Double.isNaN(x) || !(n > 0 && x >= 0.0 && x <= 1.0)) {
            return Double.NaN;
        }
        if (n == 1) {
            return 1 - x;
        }
        if (x == 0.0) {
            return 1.0;
        }
        if (x == 1.0) {
            return 0.0;
        }
        // n·x split exactly into its integer part and the remainder alpha.
        DoubleDouble nxD = DoubleDouble.of(x).times((double) n);
        DoubleDouble floorD = nxD.floor();
        double alpha = nxD.minus(floorD).value();
        int nxfl = (int) floorD.value();
        if (alpha == 1) {
            nxfl += 1;
            alpha = 0;
        }
        double nx = nxD.value();
        int n1mxfl = n - nxfl - (alpha == 0 ? 0 : 1);
        int n1mxceil = n - nxfl;
        if (alpha == 0) {
            // The last term of either sum is not included when n·x is an integer.
            n1mxfl -= 1;
            n1mxceil += 1;
        }
        if (nxfl == 0 || (nxfl == 1 && alpha == 0)) {
            // x ≤ 1/n: cdf = x (1 + x)^(n−1).
            double t = pow(DoubleDouble.of(1).plus(x), n - 1).value();
            return clip(1 - x * t);
        }
        if (-2 * n * x * x < MINLOG) {
            return 0;
        }
        if (nxfl >= n - 1) {
            // x ≥ 1 − 1/n: sf = (1 − x)^n.
            return clip(pow(DoubleDouble.of(1).plus(-x), n).value());
        }
        if (n > MAX_COMPUTE_N) {
            double logp = -Math.pow(6.0 * n * x + 1, 2) / 18.0 / n;
            // Keep the precision of a small p-value: e^logp directly, else 1 − (−expm1(logp)).
            return clip(logp < -Math.log(2) ? Math.exp(logp) : 1 - -Math.expm1(logp));
        }
        int upperTerms = n - n1mxceil + 1;
        boolean upper = (upperTerms <= 1 && x < 0.5)
                || (n >= UPPER_MIN_N && upperTerms <= UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));

        int start = 0;
        int step = 1;
        int nTerms = n1mxfl + 1;
        int vmid = n / 2;
        DoubleDouble cman = DoubleDouble.ONE;
        int cexpt = 0;
        DoubleDouble aj;
        DoubleDouble oneOverX = DoubleDouble.ONE.dividedBy(x);
        if (upper) {
            start = n;
            step = -1;
            nTerms = n - n1mxceil + 1;
            aj = pow4(1, x, 1, 0, n - 1);
        } else {
            DoubleDouble t2 = pow4(1, -x, 1, 0, n);
            aj = t2.dividedBy(x);
        }
        DoubleDouble sum = DoubleDouble.ZERO.plus(aj);
        // The binomial coefficient C(n, j), as significand and exponent.
        DoubleDouble.Split c = updateBinomial(cman, cexpt, n, 0);
        cman = c.significand();
        cexpt = c.exponent();
        for (int j = 1; j < nTerms; j++) {
            int v = start + j * step;
            aj = term(n, x, v, cman, cexpt);
            if (aj.isFinite() && !aj.isZero()) {
                sum = sum.plus(aj);
            }
            if (!aj.isZero()) {
                if (4 * (nTerms - j) * Math.abs(aj.value()) < EPSILON * sum.value() && j != nTerms - 1) {
                    break;
                }
            } else if (j > vmid) {
                break;
            }
            c = updateBinomial(cman, cexpt, n, j);
            cman = c.significand();
            cexpt = c.exponent();
        }
        double prob = sum.times(x).value();
        // The upper sum is the cdf; the lower one the sf.
        return clip(step < 0 ? 1 - prob : prob);
    }

    /** A_v(n, x) = C(n, v) · (1 − x − v/n)^(n−v) · (x + v/n)^(v−1). */
    private static DoubleDouble term(int n, double x, int v, DoubleDouble cman, int cexpt) {
        DoubleDouble t2x = DoubleDouble.of(n - v).dividedBy(n).minus(x);
        DoubleDouble.Split t2 = powScaled(t2x, n - v);
        DoubleDouble t1x = DoubleDouble.of(v).dividedBy(n).plus(x);
        DoubleDouble.Split t1 = powScaled(t1x, v - 1);
        DoubleDouble ans = t1.significand().times(t2.significand()).times(cman);
        return ans.scaled(cexpt + t1.exponent() + t2.exponent());
    }

    /** C(n, j+1) from C(n, j): multiplies by (n − j)/(j + 1), renormalising the significand. */
    private static DoubleDouble.Split updateBinomial(DoubleDouble cman, int cexpt, int n, int j) {
        DoubleDouble rat = DoubleDouble.of(n - j).dividedBy(j + 1.0);
        DoubleDouble.Split s = cman.times(rat).split();
        return new DoubleDouble.Split(s.significand(), cexpt + s.exponent());
    }

    /** a^m for a double-double a: the double power of the high word, corrected for the low word. */
    static DoubleDouble pow(DoubleDouble a, int m) {
        if (m <= 0) {
            if (m == 0) {
                return DoubleDouble.ONE;
            }
            return DoubleDouble.ONE.dividedBy(pow(a, -m));
        }
        if (a.hi() == 0 && a.lo() == 0) {
            return DoubleDouble.ZERO;
        }
        double ans = Math.pow(a.hi(), m);
        double r = a.lo() / a.hi();
        double adj = m * r;
        if (Math.abs(adj) > 1e-8) {
            if (Math.abs(adj) < 1e-4) {
                // The first two terms of the Taylor series of (1 + r)^m.
                adj += (m * r) * ((m - 1) / 2.0 * r);
            } else {
                adj = Math.expm1(m * Math.log1p(r));
            }
        }
        return DoubleDouble.of(ans).plus(ans * adj);
    }

    /** a^m as significand and binary exponent, so that huge and tiny powers neither overflow nor vanish. */
    private static DoubleDouble.Split powScaled(DoubleDouble a, int m) {
        if (m <= 0) {
            if (m == 0) {
                return new DoubleDouble.Split(DoubleDouble.ONE, 0);
            }
            DoubleDouble.Split inv = powScaled(a, -m);
            DoubleDouble.Split s = DoubleDouble.ONE.dividedBy(inv.significand()).split();
            return new DoubleDouble.Split(s.significand(), -inv.exponent() + s.exponent());
        }
        DoubleDouble.Split ys = a.split();
        DoubleDouble y = ys.significand();
        int yE = ys.exponent();
        if (m == 1) {
            return new DoubleDouble.Split(y, yE);
        }
        int maxExpt = MAX_EXPONENT;
        if (m * (y.hi() - 1) / y.hi() < -MAX_EXPONENT * Math.log(2)) {
            double lg2y = Math.log(y.hi()) / Math.log(2);
            double lgAns = m * lg2y;
            if (lgAns <= -MAX_EXPONENT) {
                maxExpt = (int) (nextPowerOf2(-MAX_EXPONENT / lg2y + 1) / 2);
            }
        }
        if (m <= maxExpt) {
            DoubleDouble.Split s = pow(y, m).split();
            return new DoubleDouble.Split(s.significand(), s.exponent() + m * yE);
        }
        int q = m / maxExpt;
        int r = m % maxExpt;
        DoubleDouble.Split y2r = powScaled(y, r);
        DoubleDouble.Split y2m = powScaled(y, maxExpt);
        DoubleDouble.Split y2mq = powScaled(y2m.significand(), q);
        DoubleDouble.Split s = y2r.significand().times(y2mq.significand()).split();
        int e = s.exponent() + y2mq.exponent() + y2m.exponent() * q + y2r.exponent() + m * yE;
        return new DoubleDouble.Split(s.significand(), e);
    }

    /** ((a + b)/(c + d))^m in double-double. */
    private static DoubleDouble pow4(double a, double b, double c, double d, int m) {
        if (m <= 0) {
            if (m == 0) {
                return DoubleDouble.ONE;
            }
            return pow4(c, d, a, b, -m);
        }
        DoubleDouble num = DoubleDouble.of(a).plus(b);
        DoubleDouble den = DoubleDouble.of(c).plus(d);
        if (num.isZero()) {
            return den.isZero() ? DoubleDouble.of(Double.NaN) : DoubleDouble.ZERO;
        }
        if (den.isZero()) {
            return DoubleDouble.of(num.hi() < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        return pow(num.dividedBy(den), m);
    }

    /** The power of two nearest above |x| in the sense scipy's helper uses (x's own value when it is one). */
    private static double nextPowerOf2(double x) {
        double q = Math.scalb(x, 1 - 53);
        double l = Math.abs(q + x);
        if (l == 0) {
            l = Math.abs(x);
        } else {
            int li = (int) l;
            if (li == l) {
                l = li;
            }
        }
        return l;
    }

    private static double clip(double p) {
        return Math.min(1, Math.max(0, p));
    }
}
