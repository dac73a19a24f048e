package io.mlopsci.core.data.drift;

/**
 * The few special functions the drift tests need, to double precision: log-gamma and the
 * regularised incomplete gamma functions (for chi-square p-values). The Kolmogorov–Smirnov
 * distributions are in {@link io.mlopsci.core.data.drift.ks}.
 */
public final class SpecialFunctions {

    private static final double EPS = 1e-16;
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 100_000;

    /** Lanczos approximation, g = 7, n = 9 (relative error below 1e-15 for x > 0). */
    private static final double LANCZOS_G = 7;

    private static final double[] LANCZOS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };

    private SpecialFunctions() {}

    /** ln Γ(x) for x &gt; 0. */
    public static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
        }
        if (x < 0.5) {
            // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double z = x - 1;
        double a = LANCZOS[0];
        double t = z + LANCZOS_G + 0.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            a += LANCZOS[i] / (z + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /** The regularised upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a). */
    public static double gammaQ(double a, double x) {
        if (!(a > 0) || x < 0 || Double.isNaN(x)) {
            throw new IllegalArgumentException("gammaQ needs a > 0 and x >= 0, got a=" + a + ", x=" + x);
        }
        if (x == 0) {
            return 1;
        }
        if (Double.isInfinite(x)) {
            return 0;
        }
        if (x < a + 1) {
            return 1 - gammaPSeries(a, x);
        }
        return gammaQContinuedFraction(a, x);
    }

    /** The regularised lower incomplete gamma function P(a, x). */
    public static double gammaP(double a, double x) {
        if (x < a + 1) {
            return gammaPSeries(a, x);
        }
        return 1 - gammaQContinuedFraction(a, x);
    }

    private static double gammaPSeries(double a, double x) {
        double sum = 1 / a;
        double term = sum;
        double ap = a;
        for (int n = 1; n < MAX_ITERATIONS; n++) {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPS) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
    }

    /** Modified Lentz evaluation of the continued fraction for Q(a, x), x ≥ a + 1. */
    private static double gammaQContinuedFraction(double a, double x) {
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = b + an / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }

    /** The chi-square distribution's survival function: P(X ≥ x) with {@code dof} degrees of freedom. */
    public static double chiSquareSf(double x, int dof) {
        if (dof < 1) {
            throw new IllegalArgumentException("chi-square needs at least 1 degree of freedom");
        }
        return gammaQ(dof / 2.0, Math.max(0, x) / 2.0);
    }
}
