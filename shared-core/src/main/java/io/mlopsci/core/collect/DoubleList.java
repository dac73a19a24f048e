package io.mlopsci.core.collect;

import java.util.Arrays;

/** A growable array of doubles: appended to one value or one run at a time, read back as a copy. */
public final class DoubleList {

    private double[] values = new double[64];
    private int size;

    public void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    /** Appends the first {@code count} of {@code more}. */
    public void addAll(double[] more, int count) {
        if (size + count > values.length) {
            values = Arrays.copyOf(values, Math.max(size + count, values.length * 2));
        }
        System.arraycopy(more, 0, values, size, count);
        size += count;
    }

    public void addAll(DoubleList more) {
        addAll(more.values, more.size);
    }

    public int size() {
        return size;
    }

    /** The values, in the order added, as a new array. */
    public double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
