package io.mlopsci.core.data.drift;

import io.mlopsci.core.data.scan.AggregateQuery;

/** Where a planner puts the aggregates it needs from a scan; each comes back under the returned key. */
@FunctionalInterface
interface AggregateSink {

    String add(Aggregate aggregate);

    /** The aggregates added to {@code query}, a fused scan of {@code relation}, in {@code dialect}'s SQL. */
    static AggregateSink of(DriftDialect dialect, AggregateQuery query, String relation) {
        return a -> dialect.add(query, a, relation);
    }
}
