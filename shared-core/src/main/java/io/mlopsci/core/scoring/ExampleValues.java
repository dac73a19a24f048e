package io.mlopsci.core.scoring;

import io.mlopsci.contract.result.Direction;

/**
 * A metric's value per example (or per query, for a ranking metric), so candidate and baseline can
 * be compared example by example: which improved, which regressed.
 *
 * @param keys      the unit's id: the row id, or the query id
 * @param firstRow  for each unit, the row it starts at (for the input shown beside it)
 * @param values    the value per unit; NaN where there is none
 * @param direction which way is better for the per-unit value
 * @param measure   what the value is, in words ({@code correct}, {@code absolute error}, ...)
 * @param unit      {@code example} or {@code query}
 * @param binary    whether values are 1 (right) or 0 (wrong): a change is a flip
 */
public record ExampleValues(
        String[] keys,
        int[] firstRow,
        double[] values,
        Direction direction,
        String measure,
        String unit,
        boolean binary) {}
