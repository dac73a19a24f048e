package io.mlopsci.core.data.drift;

import io.mlopsci.core.data.scan.DataFile;
import java.util.List;

/**
 * An aggregate the drift comparison needs from one scan of a file, said without SQL: the plan is
 * made of these, and a {@link DriftDialect} writes each in its engine's SQL (DuckDB's today). Values
 * of a column are taken as doubles ({@code numbers}), or as text for sketches and labels.
 */
public sealed interface Aggregate {

    DataFile.Column column();

    /** The column's non-null values. */
    record Count(DataFile.Column column) implements Aggregate {}

    /** Population standard deviation (ddof 0) of the values as numbers. */
    record StdDevPop(DataFile.Column column) implements Aggregate {}

    /** The {@code k} most frequent values (a bounded sketch), as numbers or as text. */
    record TopValues(DataFile.Column column, int k, boolean asText) implements Aggregate {}

    /** An estimate of the number of distinct values. */
    record DistinctEstimate(DataFile.Column column) implements Aggregate {}

    /** Quantiles at {@code fractions} of a uniform sample of {@code sampleSize} values. */
    record SampleQuantiles(DataFile.Column column, List<Double> fractions, int sampleSize) implements Aggregate {
        public SampleQuantiles {
            fractions = List.copyOf(fractions);
        }
    }

    /**
     * Exact quantiles at {@code fractions}, linearly interpolated (numpy's default).
     *
     * @param ofSample whether the relation is a sample of bounded size read before the scan (whose
     *                 quantiles only place the brackets): an engine may then hold its values in memory
     */
    record Quantiles(DataFile.Column column, List<Double> fractions, boolean ofSample) implements Aggregate {
        public Quantiles {
            fractions = List.copyOf(fractions);
        }

        /** Quantiles of a relation of any size. */
        public Quantiles(DataFile.Column column, List<Double> fractions) {
            this(column, fractions, false);
        }
    }

    /** Every value (as text) with its count. */
    record ValueCounts(DataFile.Column column) implements Aggregate {}

    /**
     * Every non-null value as text, in a list: only for a sample of bounded size, whose values the
     * caller counts (an engine without a one-pass count per value then reads the sample once).
     */
    record TextValues(DataFile.Column column) implements Aggregate {}

    /** Every value as a number with its count (for a column whose values are few). */
    record NumberCounts(DataFile.Column column) implements Aggregate {}

    /** Counts per 1-based position of the value in {@code categories}; values not among them are not counted. */
    record CategoryCounts(DataFile.Column column, Categories categories) implements Aggregate {}

    /** Values below {@code edge} (or at or below it, when {@code inclusive}). */
    record CountBelow(DataFile.Column column, double edge, boolean inclusive) implements Aggregate {}

    /** Every value inside one of the closed {@code ranges} (sorted, disjoint). */
    record ValuesWithin(DataFile.Column column, List<double[]> ranges) implements Aggregate {
        public ValuesWithin {
            ranges = List.copyOf(ranges);
        }
    }
}
