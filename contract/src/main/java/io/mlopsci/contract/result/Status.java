package io.mlopsci.contract.result;

/**
 * The outcome of one criterion. {@code INCONCLUSIVE} is reserved for statistical criteria whose
 * evidence cannot decide (e.g. a bootstrap interval straddling the margin). {@code NOT_EVALUATED}
 * is a rule that was not applied, for a reason that is nobody's fault and that its message gives
 * (e.g. a change rule before any version has the baseline alias, with {@code on_missing_baseline:
 * absolute-only}): it neither passed nor failed, and summaries count it apart.
 */
public enum Status {
    PASS,
    WARN,
    FAIL,
    ERROR,
    INCONCLUSIVE,
    NOT_EVALUATED
}
