package io.mlopsci.core.preflight;

/** A service a step depends on, as the preflight names it. */
public enum Backend {
    TRACKING("tracking backend"),
    MODEL_REGISTRY("model registry"),
    ARTIFACT_STORE("artifact store"),
    DOCKER("Docker engine"),
    IMAGE_REGISTRY("image registry");

    private final String label;

    Backend(String label) {
        this.label = label;
    }

    /** How messages name it, e.g. "tracking server". */
    public String label() {
        return label;
    }
}
