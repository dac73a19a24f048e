package io.mlopsci.core.config;

import java.util.List;

/** Binds the {@code tracking} section. */
final class TrackingSection {

    static final List<String> KEYS = List.of("uri", "experiment");

    private TrackingSection() {
    }

    static TrackingConfig read(MapView root) {
        MapView t = root.map("tracking", KEYS);
        String uri = t.string("uri", TrackingConfig.LOCAL);
        if (!TrackingConfig.LOCAL.equals(uri) && !uri.matches("https?://\\S+")) {
            t.problem("uri", "expected 'local' or the URL of an MLflow tracking server (http:// or https://), got '" + uri + "'");
        }
        return new TrackingConfig(uri, t.string("experiment"), t.declaredAt());
    }
}
