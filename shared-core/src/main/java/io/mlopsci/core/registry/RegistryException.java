package io.mlopsci.core.registry;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.core.error.MlopsException;

/**
 * The registry could not do what was asked: unreachable, refused, corrupt or read-only (exit 3).
 * Callers that can go on without the registry's answer (a report's history, a cache) catch this.
 */
public class RegistryException extends MlopsException {

    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        this(message, null);
    }

    public RegistryException(String message, Throwable cause) {
        super(ErrorKind.INFRASTRUCTURE, message, null, cause);
    }
}
