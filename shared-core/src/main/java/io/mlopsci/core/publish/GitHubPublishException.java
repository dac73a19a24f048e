package io.mlopsci.core.publish;

import io.mlopsci.contract.ExitCodes;
import io.mlopsci.core.error.MlopsException;

/** Publishing stopped (exit 2 or 3); {@link #partial()} says what had been published before. */
public final class GitHubPublishException extends MlopsException {

    private static final long serialVersionUID = 1L;

    private final transient PublishOutcome partial;

    GitHubPublishException(boolean userError, String message, PublishOutcome partial, Throwable cause) {
        super(
                userError ? "usage" : "infrastructure",
                userError ? ExitCodes.USER_ERROR : ExitCodes.INFRASTRUCTURE_ERROR,
                message,
                null,
                cause);
        this.partial = partial;
    }

    public PublishOutcome partial() {
        return partial;
    }
}
