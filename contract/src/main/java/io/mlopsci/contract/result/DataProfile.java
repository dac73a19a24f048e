package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * validate-data's profile of one file, one entry per column, so that every renderer can draw the
 * report by column (as data profilers do): type, null share, range or most frequent values,
 * distinct count, the drift measure with both files' shares per bin, and the ids of the column's
 * criteria.
 *
 * @param file    the profiled file as displayed (the drift's current file, else the last one validated)
 * @param role    its role ({@code train}, {@code eval}, {@code reference})
 * @param rows    its row count
 * @param columns one per column, in the file's order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataProfile(String file, String role, long rows, List<Column> columns) {

    public DataProfile {
        columns = List.copyOf(columns);
    }

    /**
     * One column.
     *
     * @param name      the column's name (data from the file: untrusted text)
     * @param type      its type as DuckDB read it
     * @param nonNull   its non-null values
     * @param min       the smallest value as text (numbers, dates), or null
     * @param max       the largest value as text, or null
     * @param distinct  an estimate of its distinct values (HyperLogLog), or null
     * @param topValues its most frequent values (text columns), or null
     * @param drift     its drift against the reference, or null when not compared
     * @param criteria  the ids of the criteria about this column, in the result's order
     * @param status    the worst status of those criteria, PASS when there are none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Column(
            String name,
            String type,
            long nonNull,
            String min,
            String max,
            Long distinct,
            List<String> topValues,
            Drift drift,
            List<String> criteria,
            Status status) {
        public Column {
            topValues = topValues == null ? null : List.copyOf(topValues);
            criteria = List.copyOf(criteria);
        }
    }

    /**
     * A column's drift.
     *
     * @param method    the method used ({@code psi}, {@code ks}, ...)
     * @param measure   what the value measures
     * @param value     the measure, or null when it could not be computed
     * @param threshold the rule, as text
     * @param status    PASS, WARN, FAIL or ERROR
     * @param labels    the bins or categories (null when the method compares without bins and the
     *                  column was not charted)
     * @param reference the reference's share of non-null values per bin, in percent
     * @param current   the current file's share per bin, in percent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Drift(
            String method,
            String measure,
            Double value,
            String threshold,
            Status status,
            List<String> labels,
            List<Double> reference,
            List<Double> current) {
        public Drift {
            labels = labels == null ? null : List.copyOf(labels);
            reference = reference == null
                    ? null
                    : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(reference));
            current =
                    current == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(current));
        }
    }
}
