package io.mlopsci.core.scoring;

import io.mlopsci.core.config.GateConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Metrics aggregated from one per-example field, with row weights as every metric takes them (a
 * bootstrap resample's draw counts, a slice's 0 and 1): {@code mean} = Σ w·x / Σ w; {@code rate} =
 * the weighted share of rows where the boolean is true or the condition holds; {@code sum} = Σ w·x;
 * a quantile = numpy's default ({@code method="linear"}) on the rows repeated by their weights: with
 * the N values sorted, position h = q·(N − 1) interpolates linearly between the values at ⌊h⌋ and
 * ⌊h⌋ + 1 (weights must then be whole numbers, as draw counts and slices are).
 */
final class ScoreAggregates {

    private final Predictions p;
    private final Map<GateConfig.ScoreColumn, double[]> values = new HashMap<>();
    private final Map<String, int[]> ascending = new HashMap<>();

    ScoreAggregates(Predictions p) {
        this.p = p;
    }

    /** Each row's value: the number, or for a rate 1 where the row counts and 0 where it does not. */
    double[] values(GateConfig.ScoreColumn def) throws MetricUnavailableException {
        double[] v = values.get(def);
        if (v != null) {
            return v;
        }
        if (def.kind() == GateConfig.FieldKind.TEXT) {
            String[] text = p.columns().get(def.column());
            if (text == null) {
                throw missing(def);
            }
            v = new double[text.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = def.where().test(text[i].trim()) ? 1 : 0;
            }
        } else {
            double[] x = p.numbers().get(def.column());
            if (x == null) {
                throw missing(def);
            }
            if (def.where() != null) {
                v = new double[x.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = def.where().test(x[i]) ? 1 : 0;
                }
            } else {
                v = x;
            }
        }
        values.put(def, v);
        return v;
    }

    private MetricUnavailableException missing(GateConfig.ScoreColumn def) {
        return new MetricUnavailableException("the " + p.source() + " have no field '" + def.column()
                + "' (recorded before the field was configured? gate.evaluate re-scores the baseline on this data)");
    }

    double compute(GateConfig.ScoreColumn def, double[] w) throws MetricUnavailableException {
        double[] x = values(def);
        return switch (def.aggregate()) {
            case MEAN, RATE -> mean(x, w);
            case SUM -> sum(x, w);
            case QUANTILE -> quantile(def, x, w);
        };
    }

    private static double mean(double[] x, double[] w) throws MetricUnavailableException {
        double sum = 0;
        double n = 0;
        if (w == null) {
            for (double v : x) {
                sum += v;
            }
            n = x.length;
        } else {
            for (int i = 0; i < x.length; i++) {
                sum += w[i] * x[i];
                n += w[i];
            }
        }
        if (n <= 0) {
            throw new MetricUnavailableException("no rows");
        }
        return sum / n;
    }

    private static double sum(double[] x, double[] w) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += (w == null ? 1 : w[i]) * x[i];
        }
        return sum;
    }

    private double quantile(GateConfig.ScoreColumn def, double[] x, double[] w) throws MetricUnavailableException {
        int[] order = ascending.computeIfAbsent(def.column(), c -> sortedRows(x));
        long total = 0;
        if (w == null) {
            total = x.length;
        } else {
            for (double wi : w) {
                total += (long) wi;
            }
        }
        if (total == 0) {
            throw new MetricUnavailableException("no rows");
        }
        double h = def.quantile() * (total - 1);
        long lo = (long) Math.floor(h);
        long hi = Math.min(lo + 1, total - 1);
        double t = h - lo;
        // Walk from the nearer end of the sorted rows: a p95 reads the top 5% only.
        double a = Double.NaN;
        double b = Double.NaN;
        long seen = 0;
        if (def.quantile() < 0.5) {
            for (int row : order) {
                long count = w == null ? 1 : (long) w[row];
                long next = seen + count;
                if (Double.isNaN(a) && lo < next) {
                    a = x[row];
                }
                if (hi < next) {
                    b = x[row];
                    break;
                }
                seen = next;
            }
        } else {
            long fromTopHi = total - 1 - hi;
            long fromTopLo = total - 1 - lo;
            for (int k = order.length - 1; k >= 0; k--) {
                int row = order[k];
                long count = w == null ? 1 : (long) w[row];
                long next = seen + count;
                if (Double.isNaN(b) && fromTopHi < next) {
                    b = x[row];
                }
                if (fromTopLo < next) {
                    a = x[row];
                    break;
                }
                seen = next;
            }
        }
        return lerp(a, b, t);
    }

    /** numpy's {@code _lerp}: exact at both ends, computed from the nearer end. */
    static double lerp(double a, double b, double t) {
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    private static int[] sortedRows(double[] x) {
        return java.util.stream.IntStream.range(0, x.length)
                .boxed()
                .sorted((i, j) -> Double.compare(x[i], x[j]))
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
