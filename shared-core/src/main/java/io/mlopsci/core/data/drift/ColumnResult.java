package io.mlopsci.core.data.drift;

import io.mlopsci.core.config.DataConfig.Method;
import java.util.List;

/**
 * What comparing one column gave: the method (and why), the values on each side, the measure or
 * why there is none, and the bins for the report's chart (null when it has none).
 */
record ColumnResult(
        DriftColumn column,
        Method method,
        String because,
        long referenceValues,
        long currentValues,
        DriftMeasures.Measure measure,
        String problem,
        List<String> labels,
        long[] referenceCounts,
        long[] currentCounts) {

    static ColumnResult failed(DriftColumn column, Method method, String because, String problem) {
        return new ColumnResult(column, method, because, 0, 0, null, problem, null, null, null);
    }

    /** The same result with histogram bins for the report's chart. */
    ColumnResult withChart(List<String> labels, long[] reference, long[] current) {
        return new ColumnResult(
                column, method, because, referenceValues, currentValues, measure, problem, labels, reference, current);
    }
}
