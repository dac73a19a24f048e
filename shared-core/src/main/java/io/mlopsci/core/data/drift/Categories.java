package io.mlopsci.core.data.drift;

import io.mlopsci.core.data.scan.DataFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bins of a column compared by value: the reference's values (all of them, or its most
 * frequent), then one bin for every other value. Immutable; counts come from a histogram of each
 * value's position in the list.
 *
 * @param values  the listed values: sorted doubles for numbers, strings for text
 * @param labels  one per bin, the last for every other value
 * @param pooled  whether the last bin also holds rarer reference values
 * @param numeric whether values are numbers
 * @param cast    how a column value is compared with the list
 */
public record Categories(List<Object> values, List<String> labels, boolean pooled, boolean numeric, Cast cast) {

    /** How a value is compared with the listed ones. */
    public enum Cast {
        DOUBLE,
        EPOCH,
        TEXT,
        VARCHAR
    }

    public Categories {
        values = List.copyOf(values);
        labels = List.copyOf(labels);
    }

    /**
     * Categories from the reference's most frequent values ({@code top}); the last bin pools the
     * rest when there are {@code max} values or more, or when {@code pooled} is asked for.
     */
    static Categories of(DriftColumn c, List<Object> top, boolean pooled, int max) {
        List<Object> values = top == null ? List.of() : new ArrayList<>(top);
        boolean pool = pooled || values.size() >= max;
        if (pool) {
            values = values.subList(0, Math.min(values.size(), max - 1));
        }
        List<Object> listed = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Cast cast;
        if (c.numeric()) {
            List<Double> nums = values.stream()
                    .map(o -> ((Number) o).doubleValue())
                    .sorted()
                    .toList();
            for (double d : nums) {
                listed.add(d);
                labels.add(d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d));
            }
            DataFile.Kind k = c.cur().kind();
            cast = k == DataFile.Kind.DATE || k == DataFile.Kind.TIMESTAMP || k == DataFile.Kind.TIME
                    ? Cast.EPOCH
                    : Cast.DOUBLE;
        } else {
            for (Object o : values) {
                listed.add(o.toString());
                labels.add(o.toString());
            }
            cast = c.ref().kind() == DataFile.Kind.STRING ? Cast.TEXT : Cast.VARCHAR;
        }
        labels.add(pool ? "(other values)" : "(values not in the reference)");
        return new Categories(listed, labels, pool, c.numeric(), cast);
    }

    /** Counts per bin from a histogram of positions in the list; the last bin holds the rest of {@code nonNull}. */
    long[] counts(Object histogram, long nonNull) {
        long[] counts = new long[labels.size()];
        long listed = 0;
        if (histogram instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                int pos = ((Number) e.getKey()).intValue();
                long n = ((Number) e.getValue()).longValue();
                counts[pos - 1] = n;
                listed += n;
            }
        }
        counts[counts.length - 1] = nonNull - listed;
        return counts;
    }

    /** Counts per bin from exact counts per value (an exact histogram of the reference). */
    long[] counts(Map<String, Long> byValue, long nonNull) {
        long[] counts = new long[labels.size()];
        long listed = 0;
        for (int i = 0; i < labels.size() - 1; i++) {
            counts[i] = byValue.getOrDefault(labels.get(i), 0L);
            listed += counts[i];
        }
        counts[counts.length - 1] = nonNull - listed;
        return counts;
    }

    /** Values ordered by count, most frequent first, ties by value (what a top-k list would give). */
    static List<Object> byFrequency(Map<String, Long> counts) {
        return new ArrayList<>(counts.entrySet().stream()
                .sorted((x, y) -> x.getValue().equals(y.getValue())
                        ? x.getKey().compareTo(y.getKey())
                        : Long.compare(y.getValue(), x.getValue()))
                .map(Map.Entry::getKey)
                .toList());
    }
}
