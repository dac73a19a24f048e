package io.mlopsci.core.scoring;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.core.error.MlopsException;

/**
 * A metric cannot be computed on these rows (e.g. ROC AUC with one class): the gate makes its
 * criterion ERROR rather than failing the step.
 */
public final class MetricUnavailableException extends MlopsException {

    private static final long serialVersionUID = 1L;

    public MetricUnavailableException(String reason) {
        super(ErrorKind.INPUT, reason);
    }
}
