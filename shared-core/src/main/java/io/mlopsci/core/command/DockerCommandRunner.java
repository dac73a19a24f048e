package io.mlopsci.core.command;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.docker.DockerEngine;
import io.mlopsci.core.docker.PathMapping;
import io.mlopsci.core.error.MlopsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command in a container through docker-java: the configured image (never pulled unless
 * asked), the needed directories bind-mounted at the same paths the engine uses (so every resolved
 * path works inside), only the declared environment passed in, CPU and memory limits, and the
 * container always removed afterwards. Exit code and output are kept; an out-of-memory kill is
 * named as such.
 */
public final class DockerCommandRunner implements CommandRunner {

    private final TrainConfig.DockerConfig docker;
    private final Map<String, String> engineEnv;

    public DockerCommandRunner(TrainConfig.DockerConfig docker, Map<String, String> engineEnv) {
        this.docker = docker;
        this.engineEnv = Map.copyOf(engineEnv);
    }

    @Override
    public String describe() {
        return "docker image " + docker.image();
    }

    @Override
    public CommandOutcome run(CommandSpec spec, Progress progress) {
        DockerClient client = DockerEngine.connect(engineEnv);
        String containerId = null;
        try {
            ensureImage(client, progress);
            PathMapping mapping = PathMapping.fromEnv(engineEnv);
            List<Bind> binds = new ArrayList<>();
            for (Path p : mountRoots(spec.mounts())) {
                binds.add(new Bind(mapping.toHost(p).toString(), new Volume(p.toString())));
            }
            HostConfig host = HostConfig.newHostConfig().withBinds(binds).withInit(true);
            if (docker.cpus() != null) {
                host.withNanoCPUs(Math.round(docker.cpus() * 1e9));
            }
            if (docker.memoryBytes() != null) {
                host.withMemory(docker.memoryBytes());
            }
            if (docker.network() != null) {
                host.withNetworkMode(docker.network());
            }
            List<String> env = new ArrayList<>();
            spec.env().forEach((k, v) -> env.add(k + "=" + v));
            CreateContainerCmd create = client.createContainerCmd(docker.image())
                    .withCmd(spec.argv())
                    .withEnv(env)
                    .withWorkingDir(spec.workingDir().toString())
                    .withLabels(Map.of("io.mlopsci.role", spec.outputPrefix()))
                    .withHostConfig(host);
            String user = docker.user() != null ? docker.user() : currentUser();
            if (user != null) {
                create.withUser(user);
            }
            long start = System.nanoTime();
            containerId = create.exec().getId();
            progress.phase("container " + containerId.substring(0, 12) + " from " + docker.image());
            client.startContainerCmd(containerId).exec();
            OutputTail tail = new OutputTail(20);
            try (LinePump pump = new LinePump(spec.outputPrefix(), progress, tail)) {
                client.logContainerCmd(containerId)
                        .withStdOut(true)
                        .withStdErr(true)
                        .withFollowStream(true)
                        .exec(pump);
                boolean timedOut = false;
                Integer code;
                try {
                    code = client.waitContainerCmd(containerId)
                            .exec(new WaitContainerResultCallback())
                            .awaitStatusCode(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (DockerClientException e) {
                    // awaitStatusCode throws this on timeout.
                    timedOut = true;
                    code = -1;
                    client.killContainerCmd(containerId).exec();
                }
                pump.awaitCompletion(5, TimeUnit.SECONDS);
                pump.flush();
                long ms = (System.nanoTime() - start) / 1_000_000;
                String reason = timedOut ? "killed after the timeout of " + spec.timeout() : null;
                if (!timedOut) {
                    InspectContainerResponse inspect =
                            client.inspectContainerCmd(containerId).exec();
                    if (Boolean.TRUE.equals(inspect.getState().getOOMKilled())) {
                        reason = "killed: out of memory (limit " + docker.memoryBytes()
                                + " bytes; raise train.docker.memory)";
                    }
                }
                return new CommandOutcome(code == null ? -1 : code, ms, timedOut, reason, tail.lines());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MlopsException.infrastructure("interrupted while the container ran", e);
        } catch (IOException e) {
            throw MlopsException.infrastructure("lost the container's output: " + e.getMessage(), e);
        } catch (DockerException e) {
            throw MlopsException.infrastructure("the Docker engine failed: " + e.getMessage(), e);
        } finally {
            if (containerId != null) {
                try {
                    client.removeContainerCmd(containerId)
                            .withForce(true)
                            .withRemoveVolumes(true)
                            .exec();
                } catch (RuntimeException e) {
                    progress.warn("could not remove container " + containerId + ": " + e.getMessage());
                }
            }
            DockerEngine.closeQuietly(client);
        }
    }

    private void ensureImage(DockerClient client, Progress progress) throws InterruptedException {
        try {
            client.inspectImageCmd(docker.image()).exec();
        } catch (NotFoundException e) {
            if (!docker.pull()) {
                throw MlopsException.command(
                        "the image '" + docker.image() + "' is not on this Docker engine; build"
                                + " or pull it first, or set train.docker.pull: true",
                        e);
            }
            progress.phase("pulling " + docker.image());
            try {
                client.pullImageCmd(docker.image())
                        .exec(new PullImageResultCallback())
                        .awaitCompletion();
            } catch (DockerException | DockerClientException pe) {
                throw MlopsException.infrastructure("cannot pull '" + docker.image() + "': " + pe.getMessage(), pe);
            }
        }
    }

    /** The minimal set of directories covering every path (nested ones are dropped). */
    static List<Path> mountRoots(List<Path> paths) {
        List<Path> sorted = paths.stream()
                .map(p -> p.toAbsolutePath().normalize())
                .distinct()
                .sorted((a, b) -> Integer.compare(a.getNameCount(), b.getNameCount()))
                .toList();
        List<Path> roots = new ArrayList<>();
        for (Path p : sorted) {
            if (roots.stream().noneMatch(p::startsWith)) {
                roots.add(p);
            }
        }
        return roots;
    }

    /** The engine's own uid:gid, so files the container writes are not owned by root; null as root. */
    static String currentUser() {
        try {
            String uid = null;
            String gid = null;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    uid = line.split("\\s+")[1];
                } else if (line.startsWith("Gid:")) {
                    gid = line.split("\\s+")[1];
                }
            }
            return uid == null || "0".equals(uid) ? null : uid + ":" + gid;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Splits the multiplexed log stream into lines and streams them. */
    private static final class LinePump extends ResultCallback.Adapter<Frame> {
        private final String prefix;
        private final Progress progress;
        private final OutputTail tail;
        private final StringBuilder partial = new StringBuilder();

        LinePump(String prefix, Progress progress, OutputTail tail) {
            this.prefix = prefix;
            this.progress = progress;
            this.tail = tail;
        }

        @Override
        public synchronized void onNext(Frame frame) {
            partial.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                emit(partial.substring(0, nl));
                partial.delete(0, nl + 1);
            }
        }

        synchronized void flush() {
            if (partial.length() > 0) {
                emit(partial.toString());
                partial.setLength(0);
            }
        }

        private void emit(String line) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            tail.add(l);
            progress.output(prefix, l);
        }
    }
}
