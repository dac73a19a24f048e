package io.mlopsci.core.data.scan;

/**
 * An aggregate computed in the JVM over the non-null values of one numeric SQL expression, which
 * the engine's worker threads hand over a chunk of rows at a time while the rest of the scan's
 * aggregates run in SQL ({@link AggregateQuery#addFed}). For aggregates an engine computes slowly
 * row by row but a tight loop over a chunk computes fast: DuckDB evaluates a filter of nested
 * {@code CASE}s and nine {@code count_if}s per column of the drift brackets as an expression tree
 * per vector; a loop over the vector's doubles does the same in a fraction of the time. Each has
 * the SQL expression of the same aggregate for an engine that cannot feed the JVM.
 */
public interface JvmAggregate {

    /** The SQL expression (a DOUBLE) whose values are fed. */
    String input();

    /** A fresh state: each worker thread feeds its own, and the states are merged after the scan. */
    State newState();

    /** What one or more chunks added up to. */
    interface State {

        /** Adds {@code n} non-null values from the start of {@code values}. */
        void accept(double[] values, int n);

        /** Adds {@code other}'s values (a state of the same aggregate) to this one. */
        void merge(State other);

        /** The aggregate's value, as the SQL expression's would read from a {@link Row}. */
        Object result();
    }
}
