package io.mlopsci.core.config;

import java.util.List;
import java.util.Map;

/** Validates the {@code package} section's shape; the package step binds the details. */
final class PackageSection {

    static final List<String> KEYS = List.of("image", "format", "base", "entrypoint", "labels", "dockerfile", "context",
            "model_dir", "insecure");

    private PackageSection() {
    }

    static PackageConfig read(MapView root) {
        if (!root.has("package")) {
            return null;
        }
        MapView p = root.map("package", KEYS);
        p.require("image", "the image reference, e.g. registry.example.com/fraud:${model.version}");
        p.string("image");
        p.choice("format", Map.of("oci-layout", "oci-layout", "oci-tar", "oci-tar", "docker-tar", "docker-tar",
                "registry", "registry", "docker", "docker"), "oci-layout");
        p.string("base");
        p.stringList("entrypoint");
        p.stringMap("labels");
        p.string("dockerfile");
        p.string("context");
        p.string("model_dir");
        p.bool("insecure", false);
        return new PackageConfig(root.raw("package"), p.declaredAt());
    }
}
