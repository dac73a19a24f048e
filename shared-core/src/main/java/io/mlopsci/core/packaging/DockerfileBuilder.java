package io.mlopsci.core.packaging;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.mlopsci.core.config.PackageConfig;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.docker.DockerEngine;
import io.mlopsci.core.error.MlopsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds the image from the user's Dockerfile through the Docker engine (docker-java). The model
 * files must lie inside the build context; their path relative to it is passed as the build
 * argument {@code MLOPS_MODEL_DIR} (so a Dockerfile writes {@code COPY ${MLOPS_MODEL_DIR} /models}),
 * and the engine's labels are added to whatever the Dockerfile sets.
 */
final class DockerfileBuilder {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final int TAIL = 15;

    private DockerfileBuilder() {}

    static BuiltImage build(
            String reference,
            PackageConfig pkg,
            Path modelDir,
            Map<String, String> labels,
            Map<String, String> env,
            Progress progress,
            String displayDockerfile) {
        Path context = pkg.context();
        if (!Files.isDirectory(context)) {
            throw MlopsException.config(
                    "package.context: the build context " + context + " is not a directory", pkg.location());
        }
        if (!Files.isRegularFile(pkg.dockerfile())) {
            throw MlopsException.config("package.dockerfile: " + displayDockerfile + " does not exist", pkg.location());
        }
        Path model = modelDir.toAbsolutePath().normalize();
        if (!model.startsWith(context.toAbsolutePath().normalize())) {
            throw MlopsException.config(
                    "the model files (" + model + ") are outside the build context " + context
                            + "; set package.context to a directory that contains them",
                    pkg.location());
        }
        String relative = context.toAbsolutePath()
                .normalize()
                .relativize(model)
                .toString()
                .replace('\\', '/');
        DockerClient docker = DockerEngine.connect(env);
        Deque<String> tail = new ArrayDeque<>();
        StringBuilder error = new StringBuilder();
        try {
            BuildImageResultCallback callback = new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                    if (item.getStream() != null) {
                        item.getStream().lines().filter(l -> !l.isBlank()).forEach(l -> {
                            progress.output("docker build", l);
                            tail.addLast(l);
                            if (tail.size() > TAIL) {
                                tail.removeFirst();
                            }
                        });
                    }
                    if (item.isErrorIndicated()) {
                        error.append(
                                item.getErrorDetail() != null
                                                && item.getErrorDetail().getMessage() != null
                                        ? item.getErrorDetail().getMessage()
                                        : "the build reported an error");
                    }
                    super.onNext(item);
                }
            };
            String imageId;
            try {
                imageId = docker.buildImageCmd()
                        .withBaseDirectory(context.toFile())
                        .withDockerfile(pkg.dockerfile().toFile())
                        .withTags(Set.of(reference))
                        .withLabels(labels)
                        .withBuildArg("MLOPS_MODEL_DIR", relative)
                        .withPull(false)
                        .exec(callback)
                        .awaitImageId(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                String why = error.length() > 0 ? error.toString() : e.getMessage();
                throw MlopsException.command(
                        "docker build of " + displayDockerfile + " failed: " + why
                                + (tail.isEmpty() ? "" : "\nlast output:\n  " + String.join("\n  ", tail)),
                        e);
            }
            InspectImageResponse image = docker.inspectImageCmd(imageId).exec();
            return new BuiltImage(reference, image.getId(), image.getId(), null, "docker build");
        } finally {
            DockerEngine.closeQuietly(docker);
        }
    }
}
