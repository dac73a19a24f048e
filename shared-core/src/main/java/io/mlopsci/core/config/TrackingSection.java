package io.mlopsci.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Binds the {@code tracking} section. */
final class TrackingSection {

    static final List<String> KEYS = List.of("uri", "experiment", "ca_file", "insecure_tls", "retries", "timeout");
    /** Where MLflow clients find their tracking server; the default of {@code tracking.uri}. */
    public static final String URI_VARIABLE = "MLFLOW_TRACKING_URI";

    private TrackingSection() {}

    /**
     * Reads the section. Without {@code tracking.uri}, as MLflow's clients do, the server is
     * {@value #URI_VARIABLE} when the environment sets it (the Action's {@code mlflow_tracking_uri}
     * and the Jenkins steps' {@code mlflowTrackingUri} set it), else the local registry.
     */
    static TrackingConfig read(MapView root, SectionContext ctx, Map<String, String> env) {
        MapView t = root.map("tracking", KEYS);
        String fromEnv = env.get(URI_VARIABLE);
        boolean useEnv = !t.has("uri") && fromEnv != null && !fromEnv.isBlank();
        String uri = useEnv ? fromEnv.strip() : t.string("uri", TrackingConfig.LOCAL);
        String problem = null;
        if (!TrackingConfig.LOCAL.equals(uri) && !uri.matches("https?://\\S+")) {
            problem =
                    "expected 'local' or the URL of an MLflow tracking server (http:// or https://), got '" + uri + "'";
        } else if (uri.matches("https?://[^/]*@.*")) {
            // A password in the URL would end up in logs and reports.
            problem = "credentials do not belong in " + (useEnv ? URI_VARIABLE : "tracking.uri")
                    + "; set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, in the"
                    + " environment";
        }
        if (problem != null && useEnv) {
            // The value is not in the file, so the problem has no line: it names the variable instead.
            t.problems()
                    .add(
                            null,
                            t.child("uri"),
                            "the environment variable " + URI_VARIABLE + " (used because mlops.yaml sets no"
                                    + " tracking.uri): " + problem);
        } else if (problem != null) {
            t.problem("uri", problem);
        }
        Integer retries = t.integer("retries", 0, 20);
        Duration timeout = t.duration("timeout", TrackingConfig.DEFAULT_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            t.problem("timeout", "expected a positive duration such as 30s");
            timeout = TrackingConfig.DEFAULT_TIMEOUT;
        }
        Boolean insecure = t.has("insecure_tls") ? t.bool("insecure_tls", false) : null;
        if (TrackingConfig.LOCAL.equals(uri)) {
            for (String k : List.of("ca_file", "insecure_tls")) {
                if (t.has(k)) {
                    t.problem(k, "applies only to an MLflow tracking.uri (https://...)");
                }
            }
        }
        return new TrackingConfig(
                uri,
                t.string("experiment"),
                ctx.path(t.string("ca_file")),
                insecure,
                retries == null ? TrackingConfig.DEFAULT_RETRIES : retries,
                timeout,
                t.declaredAt());
    }
}
