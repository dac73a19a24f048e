package io.mlopsci.core.config;

import io.mlopsci.contract.result.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code package} section: the model's OCI image. {@code image} and label values may hold late
 * variables ({@code ${model.version}}, {@code ${run.id}}) that the package step resolves once the
 * version is known.
 *
 * @param image         image reference, e.g. {@code registry.example.com/fraud:${model.version}}
 * @param format        where the image goes
 * @param base          base image: null for an empty ({@code scratch}) base, {@code docker://NAME} for an
 *                      image in the Docker engine, {@code tar://PATH} for a {@code docker save} tarball,
 *                      otherwise a registry reference
 * @param entrypoint    the serving entrypoint (empty: the base image's)
 * @param env           environment variables baked into the image
 * @param labels        extra labels (the engine adds model, version, run, git and gate labels)
 * @param modelDir      the model files; null for the trained run's {@code model} artifact
 * @param modelPath     where the model files go in the image (KServe's modelcar shape: {@code /models})
 * @param dockerfile    build with this Dockerfile through the Docker engine instead of Jib
 * @param context       the Dockerfile build's context directory
 * @param insecure      allow plain HTTP and self-signed TLS registries
 * @param credentials   environment variables holding registry credentials
 * @param location      where the section is written
 */
public record PackageConfig(
        String image,
        SourceLocation imageLocation,
        Format format,
        String base,
        List<String> entrypoint,
        Map<String, String> env,
        Map<String, String> labels,
        Path modelDir,
        String modelPath,
        Path dockerfile,
        Path context,
        boolean insecure,
        Credentials credentials,
        SourceLocation location) {

    public PackageConfig {
        entrypoint = List.copyOf(entrypoint);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
    }

    /** Where the built image goes. */
    public enum Format {
        /** An OCI image layout directory under {@code <out>/package/image}. */
        OCI_LAYOUT("oci-layout"),
        /** An OCI image layout as one tarball, {@code <out>/package/image.tar}. */
        OCI_TAR("oci-tar"),
        /** A {@code docker load}-compatible tarball, {@code <out>/package/image.tar}. */
        DOCKER_TAR("docker-tar"),
        /** Pushed to the registry the image reference names. */
        REGISTRY("registry"),
        /** Loaded into (or, with a Dockerfile, built by) the Docker engine. */
        DOCKER("docker");

        private final String yaml;

        Format(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }
    }

    /**
     * Names of the environment variables that hold the registry user name and password or token
     * (their values are never printed). Without them, the Docker configuration
     * ({@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}, credential helpers
     * included) is used.
     */
    public record Credentials(String usernameEnv, String passwordEnv) {
        public static final Credentials DEFAULT = new Credentials("MLOPS_REGISTRY_USERNAME", "MLOPS_REGISTRY_PASSWORD");
    }
}
