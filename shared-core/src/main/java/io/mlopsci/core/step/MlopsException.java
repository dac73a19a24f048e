package io.mlopsci.core.step;

import io.mlopsci.core.result.SourceLocation;

/**
 * An error that ends a step, carrying the exit code of the CLI contract and the error kind that
 * {@code result.json} reports. Messages are written for the user: they name the file, field or
 * command at fault and what was expected, and never contain secrets.
 */
public class MlopsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final int exitCode;
    private final SourceLocation location;

    protected MlopsException(String kind, int exitCode, String message, SourceLocation location, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.exitCode = exitCode;
        this.location = location;
    }

    public String kind() {
        return kind;
    }

    public int exitCode() {
        return exitCode;
    }

    public SourceLocation location() {
        return location;
    }

    /** The same error (kind, exit code, location) with a message that says more, e.g. in which phase it happened. */
    public MlopsException reworded(String message) {
        return new MlopsException(kind, exitCode, message, location, this);
    }

    /** A configuration file the user wrote is wrong (exit 2). */
    public static MlopsException config(String message, SourceLocation location) {
        return new MlopsException("config", ExitCodes.USER_ERROR, message, location, null);
    }

    /** The command line is wrong (exit 2). */
    public static MlopsException usage(String message) {
        return new MlopsException("usage", ExitCodes.USER_ERROR, message, null, null);
    }

    /**
     * An input the user provides (a data file, the training command's output) is missing or
     * malformed (exit 2).
     */
    public static MlopsException input(String message) {
        return new MlopsException("input", ExitCodes.USER_ERROR, message, null, null);
    }

    public static MlopsException input(String message, Throwable cause) {
        return new MlopsException("input", ExitCodes.USER_ERROR, message, null, cause);
    }

    /** The user's training or serving command failed: not found, non-zero exit, timeout (exit 2). */
    public static MlopsException command(String message, Throwable cause) {
        return new MlopsException("command", ExitCodes.USER_ERROR, message, null, cause);
    }

    /** A bug or an unexpected condition in the engine itself (exit 3). */
    public static MlopsException internal(String message, Throwable cause) {
        return new MlopsException("internal", ExitCodes.INFRASTRUCTURE_ERROR, message, null, cause);
    }

    /** A service, disk or daemon the step depends on failed (exit 3). */
    public static MlopsException infrastructure(String message, Throwable cause) {
        return new MlopsException("infrastructure", ExitCodes.INFRASTRUCTURE_ERROR, message, null, cause);
    }

    public static MlopsException infrastructure(String message) {
        return infrastructure(message, null);
    }
}
