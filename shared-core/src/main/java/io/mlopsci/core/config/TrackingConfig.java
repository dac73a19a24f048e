package io.mlopsci.core.config;

import io.mlopsci.contract.result.SourceLocation;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code tracking} section: where runs and model versions are recorded. {@code uri} is
 * {@code local} (the embedded registry under {@code <workdir>/.mlops/registry}) or an MLflow
 * tracking server URL. The other settings apply to MLflow only; credentials never appear here
 * (they come from the environment: {@code MLFLOW_TRACKING_TOKEN}, or
 * {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD}).
 *
 * @param uri         {@code local} or {@code http(s)://...}
 * @param experiment  MLflow experiment name; null for the model name
 * @param caFile      PEM file of the CA certificate(s) to trust for https, or null (then
 *                    {@code MLFLOW_TRACKING_SERVER_CERT_PATH}, then the JDK's trust store)
 * @param insecureTls skip TLS verification; null when not set (then {@code MLFLOW_TRACKING_INSECURE_TLS})
 * @param retries     retries of a request that failed on a connection error, 5xx or 429
 * @param timeout     time limit of one request
 * @param location    where the section is written
 */
public record TrackingConfig(
        String uri,
        String experiment,
        Path caFile,
        Boolean insecureTls,
        int retries,
        Duration timeout,
        SourceLocation location) {

    public static final String LOCAL = "local";
    public static final int DEFAULT_RETRIES = 5;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public TrackingConfig(String uri, String experiment, SourceLocation location) {
        this(uri, experiment, null, null, DEFAULT_RETRIES, DEFAULT_TIMEOUT, location);
    }

    public boolean isLocal() {
        return uri == null || LOCAL.equals(uri);
    }
}
