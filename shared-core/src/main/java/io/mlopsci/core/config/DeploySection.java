package io.mlopsci.core.config;

import java.util.List;
import java.util.Map;

/** Validates the {@code deploy} section's shape; the deploy-canary step binds the details. */
final class DeploySection {

    static final List<String> KEYS = List.of("target", "serve", "canary", "kubernetes", "docker", "history");
    static final List<String> SERVE_KEYS = List.of("command", "port", "health", "ready_timeout", "env");
    static final List<String> CANARY_KEYS = List.of("steps", "bake", "failure_limit", "analysis", "smoke");

    private DeploySection() {
    }

    static DeployConfig read(MapView root) {
        if (!root.has("deploy")) {
            return null;
        }
        MapView d = root.map("deploy", KEYS);
        d.choice("target", Map.of("local", "local", "docker", "docker", "kubernetes", "kubernetes", "mlflow", "mlflow"),
                "local");
        MapView serve = d.map("serve", SERVE_KEYS);
        serve.stringList("command");
        serve.integer("port", 0, 65535);
        serve.string("health");
        serve.duration("ready_timeout", null);
        serve.stringMap("env");
        MapView canary = d.map("canary", CANARY_KEYS);
        List<Double> steps = canary.numberList("steps");
        double previous = 0;
        for (double s : steps) {
            if (s <= previous || s > 100) {
                canary.problem("steps", "expected increasing traffic percentages between 1 and 100, e.g. [10, 50, 100]");
                break;
            }
            previous = s;
        }
        canary.duration("bake", null);
        canary.integer("failure_limit", 0, 1000);
        d.map("kubernetes", null);
        d.map("docker", null);
        return new DeployConfig(root.raw("deploy"), d.declaredAt());
    }
}
