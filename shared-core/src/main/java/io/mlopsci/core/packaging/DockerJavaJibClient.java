package io.mlopsci.core.packaging;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.DockerClient;
import com.google.cloud.tools.jib.api.ImageDetails;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.image.ImageTarball;
import io.mlopsci.core.error.MlopsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Jib's view of a Docker engine, implemented with docker-java instead of the {@code docker} CLI:
 * Jib loads built images into the engine and reads base images from it through this.
 */
final class DockerJavaJibClient implements DockerClient {

    private final com.github.dockerjava.api.DockerClient docker;

    DockerJavaJibClient(com.github.dockerjava.api.DockerClient docker) {
        this.docker = docker;
    }

    @Override
    public boolean supported(Map<String, String> parameters) {
        return true;
    }

    @Override
    public String load(ImageTarball tarball, Consumer<Long> writtenBytes) throws InterruptedException, IOException {
        // The engine reads the tarball while Jib writes it: no temporary copy of the image on disk.
        PipedOutputStream out = new PipedOutputStream();
        AtomicReference<IOException> writeError = new AtomicReference<>();
        try (PipedInputStream in = new PipedInputStream(out, 1 << 20)) {
            Thread writer = new Thread(
                    () -> {
                        try (out) {
                            tarball.writeTo(out);
                        } catch (IOException e) {
                            writeError.set(e);
                        }
                    },
                    "jib-tarball-writer");
            writer.setDaemon(true);
            writer.start();
            try {
                docker.loadImageCmd(in).exec();
            } catch (RuntimeException e) {
                throw new IOException("the Docker engine did not load the image: " + e.getMessage(), e);
            }
            writer.join();
        }
        if (writeError.get() != null) {
            throw writeError.get();
        }
        return "loaded";
    }

    @Override
    public void save(ImageReference image, Path outputPath, Consumer<Long> writtenBytes)
            throws InterruptedException, IOException {
        try (InputStream in = docker.saveImageCmd(image.toString()).exec()) {
            Files.copy(in, outputPath, StandardCopyOption.REPLACE_EXISTING);
        } catch (NotFoundException e) {
            throw notFound(image);
        } catch (InterruptedIOException e) {
            throw new InterruptedException(e.getMessage());
        }
    }

    @Override
    public ImageDetails inspect(ImageReference image) throws IOException {
        InspectImageResponse r;
        try {
            r = docker.inspectImageCmd(image.toString()).exec();
        } catch (NotFoundException e) {
            throw notFound(image);
        }
        long size = r.getSize() == null ? 0 : r.getSize();
        String id = r.getId();
        List<String> layers = r.getRootFS() == null || r.getRootFS().getLayers() == null
                ? List.of()
                : r.getRootFS().getLayers();
        return new ImageDetails() {
            @Override
            public long getSize() {
                return size;
            }

            @Override
            public DescriptorDigest getImageId() throws DigestException {
                return DescriptorDigest.fromDigest(id);
            }

            @Override
            public List<DescriptorDigest> getDiffIds() throws DigestException {
                List<DescriptorDigest> out = new ArrayList<>();
                for (String l : layers) {
                    out.add(DescriptorDigest.fromDigest(l));
                }
                return out;
            }
        };
    }

    private static MlopsException notFound(ImageReference image) {
        return MlopsException.config(
                "the base image " + image + " is not in the Docker engine (nothing is pulled for a"
                        + " docker:// base; build or load it first)",
                null);
    }
}
