package io.mlopsci.core.publish;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.core.error.MlopsException;

/** Publishing stopped (exit 2 or 3); {@link #partial()} says what had been published before. */
public final class GitHubPublishException extends MlopsException {

    private static final long serialVersionUID = 1L;

    private final transient PublishOutcome partial;

    GitHubPublishException(boolean userError, String message, PublishOutcome partial, Throwable cause) {
        super(userError ? ErrorKind.USAGE : ErrorKind.INFRASTRUCTURE, message, null, cause);
        this.partial = partial;
    }

    public PublishOutcome partial() {
        return partial;
    }
}
