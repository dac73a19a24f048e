package io.mlopsci.core.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.mlopsci.core.error.MlopsException;
import java.time.Duration;
import java.util.Map;

/**
 * Connects to a Docker engine with docker-java (Apache HttpClient 5 transport): {@code DOCKER_HOST}
 * when set (unix socket or tcp), else {@code unix:///var/run/docker.sock}. Checks the engine answers
 * before any work, so that an absent daemon is a clear exit 3, not a stack trace.
 */
public final class DockerEngine {

    private DockerEngine() {}

    public static DockerClient connect(Map<String, String> env) {
        DefaultDockerClientConfig.Builder b = DefaultDockerClientConfig.createDefaultConfigBuilder();
        String host = env.get("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            b.withDockerHost(host);
        }
        DockerClientConfig config = b.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw MlopsException.infrastructure(
                    "cannot reach the Docker engine at " + config.getDockerHost() + " (" + rootMessage(e)
                            + "); is dockerd running and is DOCKER_HOST right?",
                    e);
        }
        return client;
    }

    /** The engine {@link #connect} talks to, for messages: {@code DOCKER_HOST} or the default socket. */
    public static String host(Map<String, String> env) {
        String host = env.get("DOCKER_HOST");
        return host != null && !host.isBlank()
                ? host
                : DefaultDockerClientConfig.createDefaultConfigBuilder()
                        .build()
                        .getDockerHost()
                        .toString();
    }

    public static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (Exception e) {
            // Closing a broken connection has nothing left to report.
        }
    }

    static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
    }
}
