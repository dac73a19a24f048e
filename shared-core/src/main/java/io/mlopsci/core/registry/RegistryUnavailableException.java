package io.mlopsci.core.registry;

/** The registry's server did not answer, after every retry the configuration allows (exit 3). */
public final class RegistryUnavailableException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message) {
        super(message);
    }
}
