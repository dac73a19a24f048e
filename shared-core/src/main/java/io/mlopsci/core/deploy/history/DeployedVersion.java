package io.mlopsci.core.deploy.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mlopsci.core.registry.ModelVersion;
import io.mlopsci.core.registry.VersionTags;

/**
 * A model version as a deployment sees it: the registry version and run, and the image the package
 * step recorded on it (null when it was never packaged; the local and mlflow targets need none).
 *
 * @param pinned the image by digest ({@code repo@sha256:...}) when it was pushed to a registry
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeployedVersion(String version, String runId, String image, String digest, String pinned) {

    public static DeployedVersion of(ModelVersion v) {
        return new DeployedVersion(
                v.version(),
                v.runId(),
                v.tags().get(VersionTags.IMAGE),
                v.tags().get(VersionTags.DIGEST),
                v.tags().get(VersionTags.PINNED));
    }

    /** What a cluster should run: the digest-pinned reference when there is one, else the tag. */
    public String imageToRun() {
        return pinned != null ? pinned : image;
    }

    @Override
    public String toString() {
        return "v" + version;
    }
}
