package io.mlopsci.core.packaging;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.mlopsci.core.config.PackageConfig;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.docker.DockerEngine;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.step.EngineVersion;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * Builds the model image with Jib, without a Docker daemon: the base image (or none), one layer
 * with the model files under {@code modelPath}, the labels, the entrypoint. Jib's fixed timestamps
 * make the digest depend only on the content, so the same model and labels give the same digest.
 */
final class JibImageBuilder {

    /**
     * @param target    the resolved image reference
     * @param modelDir  the model files
     * @param labels    all labels
     * @param outDir    the package step's output directory
     * @param env       the process environment (credentials, DOCKER_HOST)
     */
    record Request(
            ImageReference target,
            PackageConfig config,
            Path modelDir,
            Map<String, String> labels,
            Path outDir,
            Map<String, String> env,
            Progress progress) {}

    private JibImageBuilder() {}

    static BuiltImage build(Request r) throws IOException, InterruptedException {
        PackageConfig pkg = r.config();
        Consumer<LogEvent> log = e -> {
            if (e.getLevel() == LogEvent.Level.ERROR
                    || e.getLevel() == LogEvent.Level.WARN
                    || e.getLevel() == LogEvent.Level.LIFECYCLE) {
                r.progress().output("jib", e.getMessage());
            }
        };
        com.github.dockerjava.api.DockerClient docker = null;
        try {
            boolean needsDocker = pkg.format() == PackageConfig.Format.DOCKER
                    || (pkg.base() != null && pkg.base().startsWith(Jib.DOCKER_DAEMON_IMAGE_PREFIX));
            if (needsDocker) {
                docker = DockerEngine.connect(r.env());
            }
            JibContainerBuilder builder = base(pkg, r.env(), log, docker);
            builder.addFileEntriesLayer(FileEntriesLayer.builder()
                    .setName("model")
                    .addEntryRecursive(r.modelDir(), AbsoluteUnixPath.get(pkg.modelPath()))
                    .build());
            builder.addEnvironmentVariable("MLOPS_MODEL_DIR", pkg.modelPath());
            pkg.env().forEach(builder::addEnvironmentVariable);
            builder.setLabels(r.labels());
            if (!pkg.entrypoint().isEmpty()) {
                builder.setEntrypoint(pkg.entrypoint());
            }
            boolean dockerFormat =
                    pkg.format() == PackageConfig.Format.DOCKER_TAR || pkg.format() == PackageConfig.Format.DOCKER;
            builder.setFormat(dockerFormat ? ImageFormat.Docker : ImageFormat.OCI);

            Path staging = r.outDir().resolve(".image." + UUID.randomUUID() + ".tar");
            Containerizer containerizer = switch (pkg.format()) {
                case OCI_LAYOUT, OCI_TAR, DOCKER_TAR ->
                    Containerizer.to(TarImage.at(staging).named(r.target()));
                case REGISTRY -> Containerizer.to(registryImage(r.target(), pkg, r.env(), log));
                case DOCKER -> Containerizer.to(new DockerJavaJibClient(docker), DockerDaemonImage.named(r.target()));
            };
            containerizer
                    .setToolName("mlops")
                    .setToolVersion(EngineVersion.version())
                    .setAllowInsecureRegistries(pkg.insecure())
                    .addEventHandler(LogEvent.class, log);
            try {
                Files.createDirectories(r.outDir());
                JibContainer built = builder.containerize(containerizer);
                Path path = switch (pkg.format()) {
                    case OCI_LAYOUT -> {
                        Path layout = r.outDir().resolve("image");
                        OciLayout.unpack(staging, layout);
                        yield layout;
                    }
                    case OCI_TAR, DOCKER_TAR -> {
                        Path tar = r.outDir().resolve("image.tar");
                        AtomicFiles.move(staging, tar);
                        yield tar;
                    }
                    default -> null;
                };
                return new BuiltImage(
                        r.target().toString(),
                        built.getDigest().toString(),
                        built.getImageId().toString(),
                        path,
                        "jib");
            } catch (ExecutionException | RegistryException | CacheDirectoryCreationException e) {
                throw explain(e, r.target(), pkg);
            } catch (IOException e) {
                throw explain(e, r.target(), pkg);
            } finally {
                Files.deleteIfExists(staging);
            }
        } finally {
            if (docker != null) {
                DockerEngine.closeQuietly(docker);
            }
        }
    }

    private static JibContainerBuilder base(
            PackageConfig pkg,
            Map<String, String> env,
            Consumer<LogEvent> log,
            com.github.dockerjava.api.DockerClient docker) {
        String base = pkg.base();
        if (base == null) {
            return Jib.fromScratch();
        }
        try {
            if (base.startsWith(Jib.DOCKER_DAEMON_IMAGE_PREFIX)) {
                return Jib.from(
                        new DockerJavaJibClient(docker),
                        DockerDaemonImage.named(base.substring(Jib.DOCKER_DAEMON_IMAGE_PREFIX.length())));
            }
            if (base.startsWith(Jib.TAR_IMAGE_PREFIX)) {
                Path tar = Path.of(base.substring(Jib.TAR_IMAGE_PREFIX.length()));
                if (!Files.isRegularFile(tar)) {
                    throw MlopsException.config(
                            "package.base: the base image tarball " + tar + " does not exist", null);
                }
                return Jib.from(TarImage.at(tar));
            }
            String ref = base.startsWith(Jib.REGISTRY_IMAGE_PREFIX)
                    ? base.substring(Jib.REGISTRY_IMAGE_PREFIX.length())
                    : base;
            return Jib.from(registryImage(ImageReference.parse(ref), pkg, env, log));
        } catch (InvalidImageReferenceException e) {
            throw MlopsException.config(
                    "package.base: '" + base + "' is not an image reference (e.g."
                            + " registry.example.com/serving:1.2, docker://serving:1.2 or tar://base.tar)",
                    null);
        }
    }

    private static RegistryImage registryImage(
            ImageReference ref, PackageConfig pkg, Map<String, String> env, Consumer<LogEvent> log) {
        RegistryImage image = RegistryImage.named(ref);
        for (CredentialRetriever c : RegistryCredentials.forImage(ref, pkg.credentials(), env, log)) {
            image.addCredentialRetriever(c);
        }
        return image;
    }

    /** Turns what Jib throws into a message that says whose fault it is and what to do. */
    static MlopsException explain(Exception e, ImageReference target, PackageConfig pkg) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t.getClass() == RuntimeException.class) && t.getCause() != null) {
            t = t.getCause();
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MlopsException m) {
                return m;
            }
        }
        String host = target.getRegistry();
        if (t instanceof RegistryUnauthorizedException u) {
            return MlopsException.infrastructure(
                    "the registry " + host + " refused access to " + u.getImageReference() + " (unauthorized): "
                            + RegistryCredentials.hint(pkg.credentials()),
                    e);
        }
        if (t instanceof InsecureRegistryException) {
            return MlopsException.config(
                    "the registry " + host + " does not offer trusted HTTPS; if it is meant to be"
                            + " used over plain HTTP or with a self-signed certificate, set 'package.insecure: true'",
                    pkg.location());
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException
                    || c instanceof UnknownHostException
                    || c instanceof NoRouteToHostException
                    || c instanceof SocketTimeoutException
                    || c instanceof SSLException
                    || c.getClass().getSimpleName().equals("HttpHostConnectException")) {
                return MlopsException.infrastructure(
                        "cannot reach the registry " + host + " (" + message(c)
                                + "); is it running, and is the address in package.image (or package.base) right?",
                        e);
            }
        }
        if (t instanceof RegistryException) {
            return MlopsException.infrastructure("the registry " + host + " failed: " + message(t), e);
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return MlopsException.infrastructure("interrupted while building the image", e);
        }
        return MlopsException.infrastructure("building the image " + target + " failed: " + message(t), e);
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
