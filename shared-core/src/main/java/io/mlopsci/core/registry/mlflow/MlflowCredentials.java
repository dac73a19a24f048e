package io.mlopsci.core.registry.mlflow;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials for an MLflow server, from the environment variables MLflow's own clients read:
 * {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD} (HTTP basic), else
 * {@code MLFLOW_TRACKING_TOKEN} (bearer), the same precedence as MLflow's Python client. The
 * secret is only ever put into the Authorization header: {@link #toString()} and
 * {@link #describe()} never show it.
 */
public final class MlflowCredentials {

    public static final String USERNAME = "MLFLOW_TRACKING_USERNAME";
    public static final String PASSWORD = "MLFLOW_TRACKING_PASSWORD";
    public static final String TOKEN = "MLFLOW_TRACKING_TOKEN";

    private final String header;
    private final String description;

    private MlflowCredentials(String header, String description) {
        this.header = header;
        this.description = description;
    }

    /** The credentials the environment defines, or none. */
    public static Optional<MlflowCredentials> fromEnv(Map<String, String> env) {
        String user = nonBlank(env.get(USERNAME));
        String password = nonBlank(env.get(PASSWORD));
        String token = nonBlank(env.get(TOKEN));
        if (user != null && password != null) {
            String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            return Optional.of(new MlflowCredentials("Basic " + basic, "basic auth from " + USERNAME + "/" + PASSWORD));
        }
        if (token != null) {
            return Optional.of(new MlflowCredentials("Bearer " + token, "bearer token from " + TOKEN));
        }
        return Optional.empty();
    }

    /** The value of the Authorization header. Never log it. */
    String authorizationHeader() {
        return header;
    }

    /** Where the credentials came from, for messages (no secret). */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return "MlflowCredentials[" + description + "]";
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
