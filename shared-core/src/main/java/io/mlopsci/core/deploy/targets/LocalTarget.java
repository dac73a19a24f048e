package io.mlopsci.core.deploy.targets;

import io.mlopsci.core.config.DeployConfig;
import io.mlopsci.core.deploy.history.DeployedVersion;
import io.mlopsci.core.deploy.history.DeploymentState;
import io.mlopsci.core.deploy.router.Backend;
import io.mlopsci.core.deploy.router.PredictionRecords;
import io.mlopsci.core.deploy.router.WeightedRouter;
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
final class LocalTarget implements DeploymentTarget {

    private final TargetContext ctx;
    private final DeployConfig.Serve serve;
    private final Map<String, Process> started = new LinkedHashMap<>();
    private final Map<String, Backend> backends = new LinkedHashMap<>();
    private WeightedRouter router;

    LocalTarget(TargetContext ctx) {
        this.ctx = ctx;
        this.serve = ctx.deploy().serve();
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String describe() {
        return "local model servers behind the router at " + (router == null ? "127.0.0.1" : router.uri());
    }

    @Override
    public void open() {
        DeployConfig.Local local = ctx.deploy().local();
        router = WeightedRouter.start(
                local.port(),
                "deploy.local.port" + (local.location() == null ? "" : " at " + local.location()),
                serve.predict(),
                serve.requestTimeout(),
                ctx.config().model(),
                ctx.deploy().records().enabled()
                        ? PredictionRecords.open(
                                ctx.deploy().records(), ctx.config().model(), java.time.Clock.systemUTC())
                        : null);
    }

    @Override
    public WeightedRouter router() {
        return router;
    }

    @Override
    public Map<String, String> startStable(DeployedVersion stable, DeploymentState state) {
        return start("stable", stable, Backend.Role.STABLE);
    }

    @Override
    public Map<String, String> startCanary(DeployedVersion canary) {
        return start("canary", canary, Backend.Role.CANARY);
    }

    private Map<String, String> start(String role, DeployedVersion v, Backend.Role backendRole) {
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
        env.putAll(serve.env());
        env.put("PORT", String.valueOf(port));
        env.put("MLOPS_SERVE_PORT", String.valueOf(port));
        env.put("MLOPS_MODEL_DIR", modelDir.toString());
        env.put("MLOPS_MODEL_NAME", ctx.config().model());
        env.put("MLOPS_MODEL_VERSION", v.version());
        env.put("MLOPS_ROLE", role);
        Path log = ctx.scratch().resolve("logs").resolve(role + "-v" + v.version() + ".log");
        ctx.progress()
                .phase("starting the " + role + " server for version " + v.version() + ": "
                        + String.join(" ", serve.command()) + " (port " + port + ", log "
                        + ctx.config().relative(log) + ")");
        Map.Entry<Process, Map<String, String>> p =
                ServerProcess.start(serve.command(), ctx.config().workdir(), env, port, log);
        started.put(role, p.getKey());
        URI base = URI.create("http://127.0.0.1:" + port);
        String who = "the " + role + " server of version " + v.version();
        try {
            HttpReadiness.await(
                    base.resolve(serve.health()),
                    serve.readyTimeout(),
                    who,
                    () -> p.getKey().isAlive()
                            ? null
                            : "exited with code " + p.getKey().exitValue());
        } catch (NotReadyException e) {
            ServerProcess.stop(p.getKey().toHandle());
            String tail = ServerProcess.tail(log, 10);
            throw new NotReadyException(e.getMessage()
                    + (tail.isEmpty() ? "" : "; its log (" + ctx.config().relative(log) + ") ends:\n  " + tail));
        }
        Backend b = new Backend(backendRole, v.version(), base);
        backends.put(role, b);
        if (backendRole == Backend.Role.STABLE) {
            router.stable(b);
        } else {
            router.canary(b);
        }
        return p.getValue();
    }

    @Override
    public void weight(int percent) {
        router.weight(percent);
    }

    @Override
    public Map<String, String> promote(DeployedVersion canary, DeploymentState state) {
        router.weight(100);
        Backend c = backends.get("canary");
        router.stable(c == null ? null : new Backend(Backend.Role.STABLE, c.version(), c.base()));
        router.canary(null);
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
        if (router != null) {
            router.weight(0);
            router.canary(null);
        }
        Process canary = started.remove("canary");
        if (canary != null) {
            ServerProcess.stop(canary.toHandle());
            ctx.progress().phase("stopped the canary server");
        }
        // A crashed engine's servers are orphans now: stop whatever the journal lists that still runs
        // (this process's own stable server stops with the step).
        for (Map.Entry<String, Map<String, String>> e : state.resources().entrySet()) {
            if (!started.containsKey(e.getKey()) && ServerProcess.stop(e.getValue())) {
                ctx.progress()
                        .phase("stopped the " + e.getKey() + " server a previous process left running (pid "
                                + e.getValue().get(ServerProcess.PID) + ")");
            }
        }
    }

    @Override
    public List<Check> verify(DeploymentState state, DeployedVersion restore) {
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : state.resources().entrySet()) {
            if (started.containsKey(e.getKey())) {
                continue; // this process's own stable server, stopped when the step ends
            }
            boolean running = ServerProcess.live(e.getValue()).isPresent();
            checks.add(new Check(
                    e.getKey() + " server pid " + e.getValue().get(ServerProcess.PID),
                    "stopped",
                    running ? "running" : "stopped",
                    !running));
        }
        boolean canaryRouted = router != null && router.canary() != null;
        checks.add(new Check("canary traffic", "0%", canaryRouted ? router.weight() + "%" : "0%", !canaryRouted));
        return checks;
    }

    @Override
    public void close() {
        if (router != null) {
            router.close();
        }
        started.values().forEach(p -> ServerProcess.stop(p.toHandle()));
        started.clear();
    }
}
