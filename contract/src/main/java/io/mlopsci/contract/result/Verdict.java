package io.mlopsci.contract.result;

/**
 * The verdict of a whole step. {@code ERROR} means the step itself could not complete (exit code 2
 * or 3); a gate that fails closed because a criterion could not be evaluated is {@code FAIL}, with
 * that criterion's status {@code ERROR}. {@code SKIPPED} marks a step that was not run.
 */
public enum Verdict {
    PASS,
    WARN,
    FAIL,
    ERROR,
    SKIPPED;

    /** Whether the step's outcome allows a pipeline to continue. */
    public boolean passed() {
        return this == PASS || this == WARN;
    }
}
