package io.mlopsci.core.registry.mlflow;

import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.config.TrackingConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How to reach an MLflow server: the URL, the experiment, credentials, TLS, retries and time
 * limits, resolved from {@code tracking} and the environment.
 *
 * @param base        the server URL without a trailing slash
 * @param display     the URL as messages show it
 * @param experiment  the experiment runs go to
 * @param credentials from the environment, if any
 * @param ssl         the TLS context for https (null for the JDK's default)
 * @param insecure    TLS verification is off
 * @param retries     retries after a connection error, 5xx or 429
 * @param timeout     time limit of one API request
 * @param backoff     the first wait between attempts; doubles each time up to {@link #MAX_BACKOFF}
 */
public record MlflowSettings(
        URI base,
        String display,
        String experiment,
        Optional<MlflowCredentials> credentials,
        SSLContext ssl,
        boolean insecure,
        int retries,
        Duration timeout,
        Duration backoff) {

    /** MLflow's own name for a CA bundle to trust. */
    public static final String CERT_PATH_ENV = "MLFLOW_TRACKING_SERVER_CERT_PATH";
    /** MLflow's own switch to skip TLS verification. */
    public static final String INSECURE_ENV = "MLFLOW_TRACKING_INSECURE_TLS";

    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    public static MlflowSettings resolve(MlopsConfig config, Map<String, String> env) {
        TrackingConfig t = config.tracking();
        String uri = t.uri().endsWith("/") ? t.uri().substring(0, t.uri().length() - 1) : t.uri();
        URI base = URI.create(uri);
        String experiment = t.experiment() != null && !t.experiment().isBlank() ? t.experiment() : config.model();
        boolean insecure = t.insecureTls() != null
                ? t.insecureTls()
                : "true".equals(env.getOrDefault(INSECURE_ENV, "").trim().toLowerCase(Locale.ROOT));
        SSLContext ssl = null;
        if ("https".equalsIgnoreCase(base.getScheme())) {
            if (insecure) {
                ssl = TlsContexts.trustingAnything();
            } else if (t.caFile() != null) {
                ssl = TlsContexts.trusting(t.caFile(), config.relative(t.caFile()) + " (tracking.ca_file)");
            } else if (env.get(CERT_PATH_ENV) != null && !env.get(CERT_PATH_ENV).isBlank()) {
                Path p = config.workdir().resolve(env.get(CERT_PATH_ENV));
                ssl = TlsContexts.trusting(p, p + " (" + CERT_PATH_ENV + ")");
            }
        }
        return new MlflowSettings(
                base,
                display(base),
                experiment,
                MlflowCredentials.fromEnv(env),
                ssl,
                insecure,
                t.retries(),
                t.timeout(),
                Duration.ofMillis(500));
    }

    /** The same settings with other retry timing (tests of the resilience use short waits). */
    public MlflowSettings withRetries(int count, Duration firstWait) {
        return new MlflowSettings(base, display, experiment, credentials, ssl, insecure, count, timeout, firstWait);
    }

    /** scheme://host:port/path, never user info or a query. */
    static String display(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                + (u.getRawPath() == null ? "" : u.getRawPath());
    }
}
