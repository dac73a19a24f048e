package io.mlopsci.core.data.drift;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Status;
import java.util.List;

/**
 * Drift's outcome: the criteria (per column and for the dataset), what the report shows of each
 * column, and the share of compared columns that drift.
 */
public record DriftOutcome(List<Criterion> criteria, List<ColumnView> views, double share, int drifted, int compared) {

    public DriftOutcome {
        criteria = List.copyOf(criteria);
        views = List.copyOf(views);
    }

    /** What the report shows of one column; {@code labels} and the shares are null without a chart. */
    public record ColumnView(
            String column,
            String method,
            String measure,
            Double value,
            String threshold,
            Status status,
            double severityRank,
            List<String> labels,
            List<Double> reference,
            List<Double> current) {}
}
