package io.mlopsci.core.deploy.targets;

import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.core.deploy.history.DeployedVersion;
import io.mlopsci.core.deploy.history.DeploymentState;
import io.mlopsci.core.deploy.history.ServingHandle;
import io.mlopsci.core.deploy.router.Backend;
import io.mlopsci.core.error.MlopsException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded default: each version's model server is a local process ({@code deploy.serve.command}
 * with the version's model files), behind the engine's weighted router. Local servers live as long
 * as the deploy-canary step: it rehearses the rollout with real servers and real traffic, then
 * stops them; what persists is the registry alias and the deployment history.
 */
final class LocalTarget extends RoutedTarget {

    private final Map<String, Process> started = new LinkedHashMap<>();
    private final Map<String, Backend> backends = new LinkedHashMap<>();

    LocalTarget(TargetContext ctx) {
        super(ctx);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String describe() {
        return "local model servers behind the router at " + routerAddress();
    }

    @Override
    protected int routerPort() {
        return ctx.deploy().local().port();
    }

    @Override
    protected String routerPortKey() {
        return "deploy.local.port";
    }

    @Override
    protected SourceLocation routerPortLocation() {
        return ctx.deploy().local().location();
    }

    @Override
    public ServingHandle startStable(DeployedVersion stable, DeploymentState state) {
        return start("stable", stable, Backend.Role.STABLE);
    }

    @Override
    public ServingHandle startCanary(DeployedVersion canary) {
        return start("canary", canary, Backend.Role.CANARY);
    }

    private ServingHandle start(String role, DeployedVersion v, Backend.Role backendRole) {
        Path models = ctx.scratch().resolve("models").resolve("v" + v.version());
        Path modelDir;
        try {
            modelDir = ctx.registry().fetchArtifacts(v.runId(), "model", models);
        } catch (MlopsException e) {
            throw MlopsException.input("version " + v.version() + " (run " + v.runId()
                    + ") has no model files to serve: " + e.getMessage());
        }
        int port = FreePort.free();
        Map<String, String> env = new LinkedHashMap<>(ctx.env());
        env.putAll(modelEnvironment(v, role, port));
        env.put("MLOPS_SERVE_PORT", String.valueOf(port));
        env.put("MLOPS_MODEL_DIR", modelDir.toString());
        Path log = ctx.scratch().resolve("logs").resolve(role + "-v" + v.version() + ".log");
        ctx.progress()
                .phase("starting the " + role + " server for version " + v.version() + ": "
                        + String.join(" ", serve.command()) + " (port " + port + ", log "
                        + ctx.config().relative(log) + ")");
        Map.Entry<Process, ServingHandle> p =
                ServerProcess.start(serve.command(), ctx.config().workdir(), env, port, log);
        started.put(role, p.getKey());
        URI base = URI.create("http://127.0.0.1:" + port);
        awaitReady(
                base,
                "the " + role + " server of version " + v.version(),
                () -> p.getKey().isAlive()
                        ? null
                        : "exited with code " + p.getKey().exitValue(),
                () -> {
                    ServerProcess.stop(p.getKey().toHandle());
                    return ServerProcess.tail(log, 10);
                },
                "its log (" + ctx.config().relative(log) + ")");
        backends.put(role, new Backend(backendRole, v.version(), base));
        route(backendRole, v.version(), base);
        return p.getValue();
    }

    @Override
    public ServingHandle promote(DeployedVersion canary, DeploymentState state) {
        routeCanaryAsStable(backends.get("canary"));
        Process old = started.remove("stable");
        if (old != null) {
            ServerProcess.stop(old.toHandle());
        } else {
            ServerProcess.stop(state.resources().get("stable"));
        }
        Process p = started.remove("canary");
        if (p != null) {
            started.put("stable", p);
        }
        return state.resources().get("canary");
    }

    @Override
    public void restore(DeploymentState state, DeployedVersion restore) {
        unrouteCanary();
        Process canary = started.remove("canary");
        if (canary != null) {
            ServerProcess.stop(canary.toHandle());
            ctx.progress().phase("stopped the canary server");
        }
        // A crashed engine's servers are orphans now: stop whatever the journal lists that still runs
        // (this process's own stable server stops with the step).
        for (Map.Entry<String, ServingHandle> e : state.resources().entrySet()) {
            if (!started.containsKey(e.getKey()) && ServerProcess.stop(e.getValue())) {
                ctx.progress()
                        .phase("stopped the " + e.getKey() + " server a previous process left running (pid "
                                + e.getValue().pid() + ")");
            }
        }
    }

    @Override
    public List<Check> verify(DeploymentState state, DeployedVersion restore) {
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, ServingHandle> e : state.resources().entrySet()) {
            if (started.containsKey(e.getKey())) {
                continue; // this process's own stable server, stopped when the step ends
            }
            boolean running = ServerProcess.live(e.getValue()).isPresent();
            checks.add(new Check(
                    e.getKey() + " server pid " + e.getValue().pid(),
                    "stopped",
                    running ? "running" : "stopped",
                    !running));
        }
        boolean canaryRouted = router() != null && router().canary() != null;
        checks.add(new Check("canary traffic", "0%", canaryRouted ? router().weight() + "%" : "0%", !canaryRouted));
        return checks;
    }

    @Override
    protected void release() {
        started.values().forEach(p -> ServerProcess.stop(p.toHandle()));
        started.clear();
    }
}
