package io.mlopsci.contract;

/** The exit codes of the CLI contract. */
public final class ExitCodes {

    /** Every check passed (warnings allowed). */
    public static final int PASSED = 0;
    /** A quality gate or data check failed: the model's or the data's fault. */
    public static final int QUALITY_FAILED = 1;
    /** Usage or configuration error: the user's fault. */
    public static final int USER_ERROR = 2;
    /** Infrastructure or internal error: the environment's or the tool's fault. */
    public static final int INFRASTRUCTURE_ERROR = 3;

    private ExitCodes() {}

    /** Words for an exit code, as front ends show them. */
    public static String describe(int code) {
        return switch (code) {
            case PASSED -> "passed";
            case QUALITY_FAILED -> "quality gate failed";
            case USER_ERROR -> "usage or configuration error";
            case INFRASTRUCTURE_ERROR -> "infrastructure or internal error";
            default -> "unknown exit code " + code;
        };
    }
}
