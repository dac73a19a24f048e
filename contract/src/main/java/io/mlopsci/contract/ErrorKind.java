package io.mlopsci.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a step could not complete, as {@code result.json}'s {@code error.kind} says it; the exit code
 * follows from the kind: the user's fault is 2, the environment's or the tool's is 3.
 */
public enum ErrorKind {
    /** The command line is wrong. */
    USAGE(ExitCodes.USER_ERROR),
    /** A configuration file the user wrote is wrong. */
    CONFIG(ExitCodes.USER_ERROR),
    /** An input the user provides (a data file, the training command's output) is missing or malformed. */
    INPUT(ExitCodes.USER_ERROR),
    /** The user's training or serving command failed: not found, non-zero exit, timeout. */
    COMMAND(ExitCodes.USER_ERROR),
    /** A service, disk or daemon the step depends on failed. */
    INFRASTRUCTURE(ExitCodes.INFRASTRUCTURE_ERROR),
    /** A bug or an unexpected condition in the engine itself. */
    INTERNAL(ExitCodes.INFRASTRUCTURE_ERROR);

    private final int exitCode;

    ErrorKind(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The word result.json and reports use, e.g. {@code config}. */
    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ErrorKind parse(String word) {
        return valueOf(word.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return word();
    }
}
