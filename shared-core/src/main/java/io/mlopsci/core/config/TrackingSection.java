package io.mlopsci.core.config;

import java.time.Duration;
import java.util.List;

/** Binds the {@code tracking} section. */
final class TrackingSection {

    static final List<String> KEYS = List.of("uri", "experiment", "ca_file", "insecure_tls", "retries", "timeout");

    private TrackingSection() {}

    static TrackingConfig read(MapView root, SectionContext ctx) {
        MapView t = root.map("tracking", KEYS);
        String uri = t.string("uri", TrackingConfig.LOCAL);
        if (!TrackingConfig.LOCAL.equals(uri) && !uri.matches("https?://\\S+")) {
            t.problem(
                    "uri",
                    "expected 'local' or the URL of an MLflow tracking server (http:// or https://), got '" + uri
                            + "'");
        } else if (uri.matches("https?://[^/]*@.*")) {
            // A password in the URL would end up in logs and reports.
            t.problem(
                    "uri",
                    "credentials do not belong in tracking.uri; set MLFLOW_TRACKING_TOKEN, or"
                            + " MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, in the environment");
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
