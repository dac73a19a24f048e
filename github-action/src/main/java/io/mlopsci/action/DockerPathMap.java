package io.mlopsci.action;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.mlopsci.core.docker.DockerEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the host paths behind this container's bind mounts, so that a sibling container the
 * engine starts (the docker training runner, on the runner's Docker socket) mounts the host's
 * directory of {@code /github/workspace}. The result is the engine's {@code MLOPS_DOCKER_PATH_MAP}.
 */
final class DockerPathMap {

    private static final Pattern CONTAINER_ID = Pattern.compile("/containers/([0-9a-f]{64})/");

    private DockerPathMap() {}

    /** {@code dest=source} pairs of this container's bind mounts, or null when not in a container or unknown. */
    static String detect(Map<String, String> env) {
        String id = ownContainerId(env);
        if (id == null) {
            return null;
        }
        DockerClient client = DockerEngine.connect(env);
        try {
            InspectContainerResponse self = client.inspectContainerCmd(id).exec();
            List<String> pairs = new ArrayList<>();
            if (self.getMounts() != null) {
                for (InspectContainerResponse.Mount m : self.getMounts()) {
                    if (m.getDestination() != null
                            && m.getSource() != null
                            && !m.getSource().isBlank()
                            && !m.getDestination().getPath().equals("/var/run/docker.sock")) {
                        pairs.add(m.getDestination().getPath() + "=" + m.getSource());
                    }
                }
            }
            return pairs.isEmpty() ? null : String.join(",", pairs);
        } finally {
            DockerEngine.closeQuietly(client);
        }
    }

    /** This container's id: from /proc/self/mountinfo (Docker mounts /etc/hostname from the container's directory), else HOSTNAME. */
    static String ownContainerId(Map<String, String> env) {
        try {
            Path mountinfo = Path.of("/proc/self/mountinfo");
            if (Files.isReadable(mountinfo)) {
                for (String line : Files.readAllLines(mountinfo, StandardCharsets.UTF_8)) {
                    if (line.contains(" /etc/hostname ") || line.contains(" /etc/resolv.conf ")) {
                        Matcher m = CONTAINER_ID.matcher(line);
                        if (m.find()) {
                            return m.group(1);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // fall through to HOSTNAME
        }
        if (!Files.exists(Path.of("/.dockerenv"))) {
            return null;
        }
        String host = env.get("HOSTNAME");
        return host != null && host.matches("[0-9a-f]{12,64}") ? host : null;
    }
}
