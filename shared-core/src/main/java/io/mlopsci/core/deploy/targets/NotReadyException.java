package io.mlopsci.core.deploy.targets;

/** A model server or workload did not become ready in time (or exited); the message says why. */
public final class NotReadyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotReadyException(String message) {
        super(message);
    }
}
