package io.mlopsci.core.deploy.targets;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.core.error.MlopsException;

/**
 * A model server or workload did not become ready in time (or exited); the message says why. The
 * canary rolls back on it; deploy-canary reports it as the serve command's fault, or the cluster's
 * for Kubernetes.
 */
public final class NotReadyException extends MlopsException {

    private static final long serialVersionUID = 1L;

    public NotReadyException(String message) {
        super(ErrorKind.COMMAND, message, null, null);
    }
}
