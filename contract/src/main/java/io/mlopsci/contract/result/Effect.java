package io.mlopsci.contract.result;

/**
 * What a criterion does to its step's verdict once severity, error and inconclusive policies are
 * applied: a failed {@code severity: warn} criterion has status WARN and effect WARN; an ERROR the
 * configuration tolerates has status ERROR and effect WARN.
 */
public enum Effect {
    PASS,
    WARN,
    FAIL
}
