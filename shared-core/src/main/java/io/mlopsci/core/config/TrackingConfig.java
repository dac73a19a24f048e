package io.mlopsci.core.config;

import io.mlopsci.core.result.SourceLocation;

/**
 * The {@code tracking} section: where runs and model versions are recorded. {@code uri} is
 * {@code local} (the embedded registry under {@code <workdir>/.mlops/registry}) or an MLflow
 * tracking server URL.
 */
public record TrackingConfig(String uri, String experiment, SourceLocation location) {

    public static final String LOCAL = "local";

    public boolean isLocal() {
        return uri == null || LOCAL.equals(uri);
    }
}
