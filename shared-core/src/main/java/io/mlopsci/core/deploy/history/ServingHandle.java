package io.mlopsci.core.deploy.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;

/**
 * What a target started for a version, as the journal records it so that another process can find
 * it again (a rollback after a crash): a local server process, a container, a Kubernetes
 * Deployment or a registry alias. Only the components of its kind are set.
 *
 * @param pid          a local server's process
 * @param processStart when that process started (epoch ms), so a reused pid is not mistaken for it
 * @param port         the port it serves on, on this host
 * @param log          a local server's log
 * @param containerId  the container's id
 * @param container    the container's name
 * @param deployment   the Kubernetes Deployment
 * @param alias        the registry alias that serves it
 * @param version      the model version (Kubernetes, alias)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServingHandle(
        Long pid,
        Long processStart,
        Integer port,
        String log,
        String containerId,
        String container,
        String deployment,
        String alias,
        String version) {

    public static ServingHandle process(long pid, Long processStart, int port, Path log) {
        return new ServingHandle(pid, processStart, port, log.toString(), null, null, null, null, null);
    }

    public static ServingHandle container(String id, String name, Integer port) {
        return new ServingHandle(null, null, port, null, id, name, null, null, null);
    }

    public static ServingHandle deployment(String name, String version) {
        return new ServingHandle(null, null, null, null, null, null, name, null, version);
    }

    public static ServingHandle alias(String alias, String version) {
        return new ServingHandle(null, null, null, null, null, null, null, alias, version);
    }
}
