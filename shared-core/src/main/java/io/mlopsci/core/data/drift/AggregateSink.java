package io.mlopsci.core.data.drift;

/** Where a planner puts the aggregates it needs from a scan; each comes back under the returned key. */
@FunctionalInterface
interface AggregateSink {

    String add(Aggregate aggregate);
}
