package io.mlopsci.core.data.drift;

import io.mlopsci.contract.result.Numbers;
import io.mlopsci.core.data.scan.DataFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Numeric bins from the reference's quantiles: inner edges e_1 &lt; ... &lt; e_k (duplicates
 * removed), a value v in bin i when e_i ≤ v &lt; e_{i+1}; and the reference's count in each.
 */
record Bins(double[] edges, long[] referenceCounts, List<String> labels) {

    Bins {
        edges = edges.clone();
        referenceCounts = referenceCounts == null ? null : referenceCounts.clone();
        labels = List.copyOf(labels);
    }

    /** The bins from exact quantiles and the reference's values below each (merging equal ones). */
    static Bins fromQuantiles(ExactQuantiles.Result r, long referenceValues) {
        List<Double> edges = new ArrayList<>();
        List<Long> below = new ArrayList<>();
        for (int k = 0; k < r.quantiles().length; k++) {
            if (edges.isEmpty() || r.quantiles()[k] > edges.get(edges.size() - 1)) {
                edges.add(r.quantiles()[k]);
                below.add(r.below()[k]);
            }
        }
        double[] e = edges.stream().mapToDouble(Double::doubleValue).toArray();
        long[] counts = new long[e.length + 1];
        long prev = 0;
        for (int k = 0; k < e.length; k++) {
            counts[k] = below.get(k) - prev;
            prev = below.get(k);
        }
        counts[e.length] = referenceValues - prev;
        return new Bins(e, counts, labels(e));
    }

    /** What a file's counts over these bins need: the values below each edge, then the non-null count. */
    static List<Aggregate> counting(DataFile.Column col, double[] edges) {
        List<Aggregate> out = new ArrayList<>();
        for (double e : edges) {
            out.add(new Aggregate.CountBelow(col, e, false));
        }
        out.add(new Aggregate.Count(col));
        return out;
    }

    /** Counts per bin from the cumulative counts that {@link #counting} asks for. */
    static long[] fromCumulative(long[] cumulative) {
        long[] bins = new long[cumulative.length];
        long prev = 0;
        for (int i = 0; i < cumulative.length; i++) {
            bins[i] = cumulative[i] - prev;
            prev = cumulative[i];
        }
        return bins;
    }

    /** The fractions k/bins, k = 1 … bins − 1. */
    static List<Double> fractions(int bins) {
        List<Double> out = new ArrayList<>();
        for (int k = 1; k < bins; k++) {
            out.add((double) k / bins);
        }
        return out;
    }

    static double[] uniqueSorted(List<Object> quantiles) {
        return quantiles.stream()
                .filter(o -> o != null)
                .mapToDouble(o -> ((Number) o).doubleValue())
                .sorted()
                .distinct()
                .toArray();
    }

    static List<String> labels(double[] edges) {
        List<String> out = new ArrayList<>();
        if (edges.length == 0) {
            out.add("all");
            return out;
        }
        out.add("< " + Numbers.value(edges[0]));
        for (int i = 1; i < edges.length; i++) {
            out.add("[" + Numbers.value(edges[i - 1]) + ", " + Numbers.value(edges[i]) + ")");
        }
        out.add("≥ " + Numbers.value(edges[edges.length - 1]));
        return out;
    }

    /** Counts as percentages of their total, for the report's charts (null stays null). */
    static List<Double> shares(long[] counts) {
        if (counts == null) {
            return null;
        }
        double total = sum(counts);
        List<Double> out = new ArrayList<>();
        for (long c : counts) {
            out.add(total == 0 ? 0 : 100.0 * c / total);
        }
        return out;
    }

    static long sum(long[] a) {
        return Arrays.stream(a).sum();
    }

    @Override
    public String toString() {
        return "Bins" + Arrays.toString(edges);
    }
}
