package io.mlopsci.core.error;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.contract.result.SourceLocation;

/**
 * An error that ends a step, carrying the {@link ErrorKind} that {@code result.json} reports and,
 * from it, the exit code of the CLI contract. Messages are written for the user: they name the file,
 * field or command at fault and what was expected, and never contain secrets.
 *
 * <p>Cases a caller handles have their own type: {@code ConfigException} (every problem of a
 * configuration), {@code RegistryException} (the registry could not do what was asked),
 * {@code MlflowApiException}, {@code GitHubPublishException}, {@code NotReadyException} (a served
 * version did not become ready), {@code MetricUnavailableException} and {@code RereadException}.
 */
public class MlopsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final transient SourceLocation location;

    protected MlopsException(ErrorKind kind, String message, SourceLocation location, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.location = location;
    }

    /** For an exception that signals an expected case to its caller: no stack trace is taken. */
    protected MlopsException(ErrorKind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.location = null;
    }

    public ErrorKind kind() {
        return kind;
    }

    public int exitCode() {
        return kind.exitCode();
    }

    public SourceLocation location() {
        return location;
    }

    /** The same error (kind, exit code, location) with a message that says more, e.g. in which phase it happened. */
    public MlopsException reworded(String message) {
        return new MlopsException(kind, message, location, this);
    }

    /** A configuration file the user wrote is wrong (exit 2). */
    public static MlopsException config(String message, SourceLocation location) {
        return new MlopsException(ErrorKind.CONFIG, message, location, null);
    }

    /** The command line is wrong (exit 2). */
    public static MlopsException usage(String message) {
        return new MlopsException(ErrorKind.USAGE, message, null, null);
    }

    /**
     * An input the user provides (a data file, the training command's output) is missing or
     * malformed (exit 2).
     */
    public static MlopsException input(String message) {
        return new MlopsException(ErrorKind.INPUT, message, null, null);
    }

    public static MlopsException input(String message, Throwable cause) {
        return new MlopsException(ErrorKind.INPUT, message, null, cause);
    }

    /** The user's training or serving command failed: not found, non-zero exit, timeout (exit 2). */
    public static MlopsException command(String message, Throwable cause) {
        return new MlopsException(ErrorKind.COMMAND, message, null, cause);
    }

    /** A bug or an unexpected condition in the engine itself (exit 3). */
    public static MlopsException internal(String message, Throwable cause) {
        return new MlopsException(ErrorKind.INTERNAL, message, null, cause);
    }

    /** A service, disk or daemon the step depends on failed (exit 3). */
    public static MlopsException infrastructure(String message, Throwable cause) {
        return new MlopsException(ErrorKind.INFRASTRUCTURE, message, null, cause);
    }

    public static MlopsException infrastructure(String message) {
        return infrastructure(message, null);
    }
}
