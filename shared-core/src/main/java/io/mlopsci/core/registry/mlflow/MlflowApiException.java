package io.mlopsci.core.registry.mlflow;

import io.mlopsci.core.registry.RegistryException;

/**
 * The MLflow server answered a request with an error it will not take back by retrying (4xx),
 * e.g. RESOURCE_DOES_NOT_EXIST. Callers turn the expected ones into results; the rest end the
 * step with exit 3.
 */
public final class MlflowApiException extends RegistryException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    MlflowApiException(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    /** MLflow's error_code, e.g. RESOURCE_DOES_NOT_EXIST, or null. */
    public String errorCode() {
        return errorCode;
    }

    public boolean notFound() {
        return status == 404 || "RESOURCE_DOES_NOT_EXIST".equals(errorCode);
    }

    public boolean alreadyExists() {
        return "RESOURCE_ALREADY_EXISTS".equals(errorCode);
    }
}
