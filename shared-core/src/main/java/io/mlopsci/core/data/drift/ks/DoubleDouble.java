package io.mlopsci.core.data.drift.ks;

/**
 * A number as the unevaluated sum of two doubles (about 106 bits of significand), with the few
 * operations the one-sided Smirnov distribution needs. The operations follow the double-double
 * arithmetic of Bailey and Hida's qd package, which scipy's {@code smirnov} uses, so that the two
 * compute the same sums to the last bits that matter. Converting to {@code double} takes the high
 * word, as scipy does.
 *
 * @param hi the leading double
 * @param lo the trailing error term, |lo| ≤ ulp(hi)/2
 */
record DoubleDouble(double hi, double lo) {

    static final DoubleDouble ZERO = new DoubleDouble(0, 0);
    static final DoubleDouble ONE = new DoubleDouble(1, 0);

    static DoubleDouble of(double v) {
        return new DoubleDouble(v, 0);
    }

    double value() {
        return hi;
    }

    boolean isFinite() {
        return Double.isFinite(hi);
    }

    boolean isZero() {
        return hi == 0 && lo == 0;
    }

    DoubleDouble negate() {
        return new DoubleDouble(-hi, -lo);
    }

    DoubleDouble plus(DoubleDouble o) {
        double s2 = twoSumError(hi, o.hi);
        double s1 = hi + o.hi;
        double t2 = twoSumError(lo, o.lo);
        double t1 = lo + o.lo;
        s2 += t1;
        double q = s1 + s2;
        s2 = s2 - (q - s1);
        s1 = q;
        s2 += t2;
        q = s1 + s2;
        return new DoubleDouble(q, s2 - (q - s1));
    }

    DoubleDouble plus(double o) {
        double s1 = hi + o;
        double s2 = twoSumError(hi, o) + lo;
        double q = s1 + s2;
        return new DoubleDouble(q, s2 - (q - s1));
    }

    DoubleDouble minus(DoubleDouble o) {
        return plus(o.negate());
    }

    DoubleDouble minus(double o) {
        return plus(-o);
    }

    /** {@code a − this}. */
    DoubleDouble subtractedFrom(double a) {
        double s1 = a + -hi;
        double s2 = twoSumError(a, -hi) - lo;
        double q = s1 + s2;
        return new DoubleDouble(q, s2 - (q - s1));
    }

    DoubleDouble times(DoubleDouble o) {
        double p1 = hi * o.hi;
        double p2 = Math.fma(hi, o.hi, -p1) + (hi * o.lo + lo * o.hi);
        double q = p1 + p2;
        return new DoubleDouble(q, p2 - (q - p1));
    }

    DoubleDouble times(double o) {
        double p1 = hi * o;
        double e1 = Math.fma(hi, o, -p1);
        double p2 = lo * o;
        double e2 = Math.fma(lo, o, -p2);
        double s = e2 + p2 + e1;
        double q = p1 + s;
        return new DoubleDouble(q, s - (q - p1));
    }

    DoubleDouble dividedBy(DoubleDouble o) {
        double q1 = hi / o.hi;
        DoubleDouble r = minus(o.times(q1));
        double q2 = r.hi / o.hi;
        r = r.minus(o.times(q2));
        double q3 = r.hi / o.hi;
        double s = q1 + q2;
        return new DoubleDouble(s, q2 - (s - q1)).plus(q3);
    }

    DoubleDouble dividedBy(double o) {
        return dividedBy(of(o));
    }

    /** {@code this · 2^exponent}, word by word. */
    DoubleDouble scaled(int exponent) {
        return new DoubleDouble(Math.scalb(hi, exponent), Math.scalb(lo, exponent));
    }

    DoubleDouble floor() {
        double h = Math.floor(hi);
        if (h != hi) {
            return new DoubleDouble(h, 0);
        }
        double l = Math.floor(lo);
        double q = h + l;
        return new DoubleDouble(q, l - (q - h));
    }

    /**
     * The significand and exponent, as C's {@code frexp} splits a double: {@code this = m · 2^e}
     * with 0.5 ≤ |m.hi| &lt; 1 (or |m.hi| = 1 when the low word has the other sign).
     */
    Split split() {
        if (hi == 0 || !Double.isFinite(hi)) {
            return new Split(this, 0);
        }
        int e = Math.getExponent(hi) + 1;
        if (Math.getExponent(hi) == Double.MIN_EXPONENT - 1) {
            // A subnormal high word: normalise it first.
            e = Math.getExponent(hi * 0x1p54) + 1 - 54;
        }
        double man = Math.scalb(hi, -e);
        double b1 = Math.scalb(lo, -e);
        if (Math.abs(man) == 0.5 && man * b1 < 0) {
            man *= 2;
            b1 *= 2;
            e -= 1;
        }
        return new Split(new DoubleDouble(man, b1), e);
    }

    /** A significand and a binary exponent. */
    record Split(DoubleDouble significand, int exponent) {}

    /** The rounding error of {@code a + b} (Knuth's two-sum). */
    private static double twoSumError(double a, double b) {
        double s = a + b;
        double c = s - a;
        double d = b - c;
        double e = s - c;
        return (a - e) + d;
    }
}
