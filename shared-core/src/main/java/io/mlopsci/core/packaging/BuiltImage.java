package io.mlopsci.core.packaging;

import java.nio.file.Path;

/**
 * An image the package step produced.
 *
 * @param reference the image reference it was built as
 * @param digest    the manifest digest ({@code sha256:...}); for an image built by the Docker engine,
 *                  which has no manifest until pushed, the image id
 * @param imageId   the digest of the image configuration (what {@code docker images} shows)
 * @param path      the OCI layout directory or tarball, or null for registry and Docker engine outputs
 * @param builder   what built it: {@code jib} or {@code docker build}
 */
public record BuiltImage(String reference, String digest, String imageId, Path path, String builder) {

    /** The reference pinned to the digest, e.g. {@code host/repo@sha256:...} (only meaningful in a registry). */
    public String pinned() {
        String repo = reference;
        int at = repo.indexOf('@');
        if (at >= 0) {
            repo = repo.substring(0, at);
        }
        int slash = repo.lastIndexOf('/');
        int colon = repo.lastIndexOf(':');
        if (colon > slash) {
            repo = repo.substring(0, colon);
        }
        return repo + "@" + digest;
    }
}
