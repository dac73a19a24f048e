package io.mlopsci.core.deploy.targets;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.core.config.DeployConfig;
import io.mlopsci.core.deploy.history.DeployedVersion;
import io.mlopsci.core.deploy.history.DeploymentState;
import io.mlopsci.core.deploy.history.ServingHandle;
import io.mlopsci.core.deploy.router.Backend;
import io.mlopsci.core.docker.DockerEngine;
import io.mlopsci.core.error.MlopsException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Containers from the packaged images (docker-java), behind the engine's router for the canary.
 * Containers outlive the step: after a promotion the new version's container serves and the old
 * one is removed; a rollback brings back a container of the previous version. Every container is
 * labelled with the model and version, so a later process finds them without the journal.
 */
final class DockerTarget extends RoutedTarget {

    static final String LABEL_MANAGED = "io.mlopsci.managed";
    static final String LABEL_MODEL = "io.mlopsci.model";
    static final String LABEL_VERSION = "io.mlopsci.model.version";
    static final String LABEL_PORT = "io.mlopsci.port";

    private final DeployConfig.Docker docker;
    private DockerClient client;

    DockerTarget(TargetContext ctx) {
        super(ctx);
        this.docker = ctx.deploy().docker();
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public String describe() {
        return "Docker containers behind the router at " + routerAddress();
    }

    @Override
    protected int routerPort() {
        return docker.port();
    }

    @Override
    protected String routerPortKey() {
        return "deploy.docker.port";
    }

    @Override
    protected SourceLocation routerPortLocation() {
        return docker.location();
    }

    /** Connects to the Docker engine (also without a router, for a rollback, which moves no traffic). */
    @Override
    protected void connect() {
        if (client == null) {
            client = DockerEngine.connect(ctx.env());
        }
    }

    @Override
    public ServingHandle startStable(DeployedVersion stable, DeploymentState state) {
        ServingHandle handle = running(stable).orElseGet(() -> start(stable, "stable"));
        route(Backend.Role.STABLE, stable.version(), base(handle));
        return handle;
    }

    @Override
    public ServingHandle startCanary(DeployedVersion canary) {
        ServingHandle handle = start(canary, "canary");
        route(Backend.Role.CANARY, canary.version(), base(handle));
        return handle;
    }

    @Override
    public ServingHandle promote(DeployedVersion canary, DeploymentState state) {
        weight(100);
        for (Container c : containers()) {
            if (!canary.version().equals(c.getLabels().get(LABEL_VERSION))) {
                remove(c.getId(), c.getLabels().get(LABEL_VERSION));
            }
        }
        return state.resources().get("canary");
    }

    @Override
    public void restore(DeploymentState state, DeployedVersion restore) {
        connect();
        unrouteCanary();
        for (Container c : containers()) {
            if (restore == null || !restore.version().equals(c.getLabels().get(LABEL_VERSION))) {
                remove(c.getId(), c.getLabels().get(LABEL_VERSION));
            }
        }
        if (restore != null && running(restore).isEmpty()) {
            ctx.progress().phase("starting a container of version " + restore.version() + " again");
            start(restore, "stable");
        }
    }

    @Override
    public List<Check> verify(DeploymentState state, DeployedVersion restore) {
        connect();
        List<Check> checks = new ArrayList<>();
        List<Container> all = containers();
        List<String> versions = all.stream()
                .map(c -> "v" + c.getLabels().get(LABEL_VERSION) + " (" + c.getState() + ")")
                .toList();
        String expected = restore == null ? "none" : "v" + restore.version() + " (running)";
        boolean ok = restore == null
                ? all.isEmpty()
                : all.size() == 1
                        && restore.version().equals(all.get(0).getLabels().get(LABEL_VERSION))
                        && "running".equals(all.get(0).getState());
        checks.add(new Check(
                "containers of " + ctx.config().model(),
                expected,
                versions.isEmpty() ? "none" : String.join(", ", versions),
                ok));
        if (restore != null && ok) {
            URI health = base(handle(all.get(0))).resolve(serve.health());
            boolean healthy = HttpReadiness.healthy(health);
            checks.add(
                    new Check("health of v" + restore.version(), "2xx at " + health, healthy ? "2xx" : "no", healthy));
        }
        return checks;
    }

    @Override
    protected void release() {
        if (client != null) {
            DockerEngine.closeQuietly(client);
        }
    }

    /** A running, healthy container of {@code v}, if there is one. */
    private Optional<ServingHandle> running(DeployedVersion v) {
        for (Container c : containers()) {
            if (v.version().equals(c.getLabels().get(LABEL_VERSION)) && "running".equals(c.getState())) {
                ServingHandle h = handle(c);
                if (HttpReadiness.healthy(base(h).resolve(serve.health()))) {
                    ctx.progress().phase("version " + v.version() + " already runs in container " + h.container());
                    return Optional.of(h);
                }
            }
        }
        return Optional.empty();
    }

    private ServingHandle start(DeployedVersion v, String role) {
        if (v.image() == null) {
            throw MlopsException.usage("version " + v.version() + " has no image: run `mlops package` (format: docker)"
                    + " before deploying to the docker target");
        }
        try {
            client.inspectImageCmd(v.image()).exec();
        } catch (NotFoundException e) {
            throw MlopsException.usage("the image " + v.image() + " of version " + v.version() + " is not in the Docker"
                    + " engine: package with 'format: docker' (or load it) first");
        }
        String name = containerName(v.version());
        for (Container c : containers()) {
            if (v.version().equals(c.getLabels().get(LABEL_VERSION))) {
                remove(c.getId(), v.version());
            }
        }
        int hostPort = FreePort.free();
        boolean host = docker.network().equals("host");
        Map<String, String> env = modelEnvironment(v, role, host ? hostPort : serve.port());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_MANAGED, "true");
        labels.put(LABEL_MODEL, ctx.config().model());
        labels.put(LABEL_VERSION, v.version());
        labels.put(LABEL_PORT, String.valueOf(hostPort));
        HostConfig hc = HostConfig.newHostConfig().withNetworkMode(docker.network());
        ExposedPort exposed = ExposedPort.tcp(serve.port());
        if (!host) {
            hc.withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort), exposed));
        }
        ctx.progress()
                .phase("starting container " + name + " from " + v.image() + " (" + role + ", 127.0.0.1:" + hostPort
                        + ")");
        String id;
        try {
            CreateContainerCmd create = client.createContainerCmd(v.image())
                    .withName(name)
                    .withLabels(labels)
                    .withEnv(env.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .toList())
                    .withHostConfig(hc);
            if (!host) {
                create.withExposedPorts(exposed);
            }
            if (!serve.command().isEmpty()) {
                create.withEntrypoint(serve.command());
            }
            id = create.exec().getId();
            client.startContainerCmd(id).exec();
        } catch (DockerException e) {
            throw MlopsException.infrastructure(
                    "the Docker engine could not run " + v.image() + ": " + e.getMessage(), e);
        }
        ServingHandle handle = ServingHandle.container(id, name, hostPort);
        awaitReady(
                base(handle),
                "the " + role + " container " + name,
                () -> exited(id),
                () -> {
                    String logs = logs(id);
                    remove(id, v.version());
                    return logs;
                },
                "its output");
        return handle;
    }

    private String exited(String id) {
        try {
            InspectContainerResponse.ContainerState s =
                    client.inspectContainerCmd(id).exec().getState();
            return Boolean.TRUE.equals(s.getRunning()) ? null : "exited with code " + s.getExitCodeLong();
        } catch (NotFoundException e) {
            return "disappeared";
        }
    }

    private List<Container> containers() {
        return client.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(LABEL_MODEL, ctx.config().model(), LABEL_MANAGED, "true"))
                .exec();
    }

    private void remove(String id, String version) {
        try {
            client.removeContainerCmd(id).withForce(true).exec();
            ctx.progress().phase("removed the container of version " + version);
        } catch (NotFoundException e) {
            // already gone
        }
    }

    private String logs(String id) {
        StringBuilder out = new StringBuilder();
        try {
            client.logContainerCmd(id)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withTail(10)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame f) {
                            out.append(new String(f.getPayload(), StandardCharsets.UTF_8));
                        }
                    })
                    .awaitCompletion(5, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString().strip().replace("\n", "\n  ");
    }

    private static ServingHandle handle(Container c) {
        String port = c.getLabels().get(LABEL_PORT);
        return ServingHandle.container(
                c.getId(),
                c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", ""),
                port == null ? null : Integer.valueOf(port));
    }

    private static URI base(ServingHandle handle) {
        return URI.create("http://127.0.0.1:" + handle.port());
    }

    private String containerName(String version) {
        String model = ctx.config().model().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        return "mlops-" + model + "-v" + version;
    }
}
