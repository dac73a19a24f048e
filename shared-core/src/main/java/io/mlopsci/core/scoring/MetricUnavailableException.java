package io.mlopsci.core.scoring;

/** A metric cannot be computed on these rows (e.g. ROC AUC with one class); the criterion is ERROR. */
public final class MetricUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public MetricUnavailableException(String reason) {
        super(reason, null, false, false);
    }
}
