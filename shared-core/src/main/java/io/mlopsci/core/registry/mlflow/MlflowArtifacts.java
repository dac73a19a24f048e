package io.mlopsci.core.registry.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A run's artifacts through the MLflow server's artifact proxy ({@code mlflow-artifacts}): upload,
 * recursive download, listing. Pure HTTP: MLflow's Java client would shell out to a Python
 * {@code mlflow} CLI for this, which CI agents need not have.
 */
final class MlflowArtifacts {

    static final String SCHEME = "mlflow-artifacts";

    private final MlflowHttp http;

    MlflowArtifacts(MlflowHttp http) {
        this.http = http;
    }

    /**
     * The proxy path of a run's artifact root, e.g. {@code 1/<run>/artifacts} for
     * {@code mlflow-artifacts:/1/<run>/artifacts}.
     *
     * @throws MlopsException (exit 3) when the run's artifacts are not served by the proxy
     */
    static String proxyPath(String artifactUri, String owner, String server) {
        URI u;
        try {
            u = URI.create(artifactUri);
        } catch (IllegalArgumentException e) {
            u = null;
        }
        if (u == null || !SCHEME.equals(u.getScheme()) || u.getPath() == null) {
            throw new RegistryException(owner + " stores its artifacts at '" + artifactUri + "', which MLflow at "
                    + server
                    + " does not proxy; mlops moves artifacts only through the server's artifact proxy: start it with"
                    + " --serve-artifacts (the default) and --artifacts-destination, and use an experiment whose artifact"
                    + " location is mlflow-artifacts:/ (tracking.experiment)");
        }
        String p = u.getPath();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** Uploads a file or every file under a directory to {@code root/destination}; returns the relative paths stored. */
    List<String> upload(String root, String destination, Path source) throws IOException {
        String dest = RelativePaths.normalize(destination);
        List<String> stored = new ArrayList<>();
        if (Files.isDirectory(source)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(source)) {
                files = s.filter(Files::isRegularFile)
                        .sorted(Comparator.naturalOrder())
                        .toList();
            }
            for (Path f : files) {
                String rel =
                        RelativePaths.join(dest, source.relativize(f).toString().replace('\\', '/'));
                http.upload(root + "/" + rel, f);
                stored.add(rel);
            }
        } else if (Files.isRegularFile(source)) {
            http.upload(root + "/" + dest, source);
            stored.add(dest);
        } else {
            throw new RegistryException("cannot upload " + source + ": no such file or directory");
        }
        return stored;
    }

    /**
     * Downloads {@code relativePath} (a file or a directory; empty for everything) under
     * {@code root} to {@code target.resolve(relativePath)}, which appears complete or not at all.
     * Returns that local path, or null when the server has nothing at that path.
     */
    Path download(String root, String relativePath, Path target) throws IOException {
        String rel = RelativePaths.normalize(relativePath);
        Path dest = rel.isEmpty() ? target : target.resolve(rel).normalize();
        if (!dest.startsWith(target)) {
            throw new IllegalArgumentException("artifact path escapes the target: " + relativePath);
        }
        Files.createDirectories(dest.toAbsolutePath().getParent());
        Path staging =
                dest.toAbsolutePath().getParent().resolve("." + dest.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            String remote = rel.isEmpty() ? root : root + "/" + rel;
            boolean found = downloadDirectory(remote, staging);
            if (!found && !rel.isEmpty()) {
                found = http.download(remote, (status, body) -> {
                    copy(body, staging);
                    return null;
                });
            }
            if (!found) {
                return null;
            }
            if (Files.exists(dest)) {
                AtomicFiles.deleteTree(dest);
            }
            AtomicFiles.move(staging, dest);
            return dest;
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    /** Every file under {@code remote}, relative to it; empty when it is a file or absent. */
    List<String> list(String remote) {
        List<String> out = new ArrayList<>();
        collect(remote, "", out);
        return out;
    }

    private void collect(String remote, String prefix, List<String> out) {
        JsonNode files = http.listArtifacts(remote).path("files");
        for (JsonNode f : files) {
            String name = leaf(f.path("path").asText());
            if (name.isEmpty()) {
                continue;
            }
            String rel = prefix.isEmpty() ? name : prefix + "/" + name;
            if (f.path("is_dir").asBoolean(false)) {
                collect(remote + "/" + name, rel, out);
            } else {
                out.add(rel);
            }
        }
    }

    private boolean downloadDirectory(String remote, Path local) throws IOException {
        List<String> files = list(remote);
        if (files.isEmpty()) {
            return false;
        }
        Files.createDirectories(local);
        for (String rel : files) {
            Path f = local.resolve(RelativePaths.normalize(rel)).normalize();
            if (!f.startsWith(local)) {
                throw new RegistryException("MLflow listed an artifact outside the run: " + rel);
            }
            Files.createDirectories(f.getParent());
            boolean found = http.download(remote + "/" + rel, (status, body) -> {
                copy(body, f);
                return null;
            });
            if (!found) {
                throw new RegistryException(
                        "MLflow listed the artifact " + remote + "/" + rel + " but did not serve it (HTTP 404)");
            }
        }
        return true;
    }

    private static void copy(InputStream body, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            body.transferTo(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The listing gives names relative to the listed directory (older servers: relative to the root). */
    private static String leaf(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }
}
