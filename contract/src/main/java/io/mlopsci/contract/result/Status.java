package io.mlopsci.contract.result;

/**
 * The outcome of one criterion. {@code INCONCLUSIVE} is reserved for statistical criteria whose
 * evidence cannot decide (e.g. a bootstrap interval straddling the margin).
 */
public enum Status {
    PASS,
    WARN,
    FAIL,
    ERROR,
    INCONCLUSIVE
}
