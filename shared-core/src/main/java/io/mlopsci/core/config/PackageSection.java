package io.mlopsci.core.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds the {@code package} section. */
final class PackageSection {

    static final List<String> KEYS = List.of(
            "image",
            "format",
            "base",
            "entrypoint",
            "env",
            "labels",
            "model_dir",
            "model_path",
            "dockerfile",
            "context",
            "insecure",
            "credentials");
    static final List<String> CREDENTIAL_KEYS = List.of("username_env", "password_env");
    private static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]*";

    private PackageSection() {}

    static PackageConfig read(MapView root, SectionContext ctx) {
        if (!root.has("package")) {
            return null;
        }
        MapView p = root.map("package", KEYS);
        String image =
                p.requiredString("image", "the image reference, e.g. registry.example.com/fraud:${model.version}");
        if (image != null && (image.isBlank() || image.chars().anyMatch(Character::isWhitespace))) {
            p.problem(
                    "image",
                    "expected an image reference without spaces, e.g. registry.example.com/fraud:${model.version}");
        }
        Map<String, PackageConfig.Format> formats = new LinkedHashMap<>();
        for (PackageConfig.Format f : PackageConfig.Format.values()) {
            formats.put(f.yaml(), f);
        }
        boolean dockerfile = p.has("dockerfile");
        PackageConfig.Format format =
                p.choice("format", formats, dockerfile ? PackageConfig.Format.DOCKER : PackageConfig.Format.OCI_LAYOUT);
        if (dockerfile && format != PackageConfig.Format.DOCKER) {
            p.problem(
                    "format",
                    "a Dockerfile is built by the Docker engine: use 'format: docker' (or remove 'dockerfile'"
                            + " to build with Jib, without a daemon)");
        }
        String base = p.string("base");
        if (base != null && (base.isBlank() || base.equals("scratch"))) {
            base = null;
        }
        if (dockerfile && (base != null || p.has("entrypoint") || p.has("env"))) {
            p.problem(
                    "dockerfile",
                    "'base', 'entrypoint' and 'env' apply to Jib builds; with a Dockerfile, write them there");
        }
        if (base != null && base.startsWith("tar://") && base.length() > 6) {
            base = "tar://" + ctx.path(base.substring(6));
        }
        String modelPath = p.string("model_path", "/models");
        if (!modelPath.startsWith("/") || modelPath.contains("..")) {
            p.problem("model_path", "expected an absolute path in the image, e.g. /models");
        }
        Path context = p.has("context") ? ctx.path(p.string("context")) : ctx.workdir();
        Path dockerfilePath = null;
        if (dockerfile) {
            dockerfilePath = ctx.path(p.string("dockerfile"));
        }
        MapView c = p.map("credentials", CREDENTIAL_KEYS);
        String user = c.string("username_env", PackageConfig.Credentials.DEFAULT.usernameEnv());
        String password = c.string("password_env", PackageConfig.Credentials.DEFAULT.passwordEnv());
        for (String k : CREDENTIAL_KEYS) {
            String v = c.string(k);
            if (v != null && !v.matches(ENV_NAME)) {
                c.problem(
                        k,
                        "expected the NAME of an environment variable (its value is read at run time and never"
                                + " written to the configuration), got '" + v + "'");
            }
        }
        return new PackageConfig(
                image,
                p.location("image"),
                format,
                base,
                p.stringList("entrypoint"),
                p.stringMap("env"),
                p.stringMap("labels"),
                p.has("model_dir") ? ctx.path(p.string("model_dir")) : null,
                modelPath,
                dockerfilePath,
                context,
                p.bool("insecure", false),
                new PackageConfig.Credentials(user, password),
                p.declaredAt());
    }
}
