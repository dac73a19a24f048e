package io.mlopsci.core.deploy.targets;

import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.core.config.DeployConfig;
import io.mlopsci.core.deploy.history.DeployedVersion;
import io.mlopsci.core.deploy.router.Backend;
import io.mlopsci.core.deploy.router.PredictionRecords;
import io.mlopsci.core.deploy.router.WeightedRouter;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A target whose canary traffic goes through the engine's weighted router (local processes,
 * Docker containers): the router's life, the weights, each version's model environment and the
 * wait until a started version is ready. Subclasses start and stop the versions.
 */
abstract class RoutedTarget implements DeploymentTarget {

    protected final TargetContext ctx;
    protected final DeployConfig.Serve serve;
    private WeightedRouter router;

    RoutedTarget(TargetContext ctx) {
        this.ctx = ctx;
        this.serve = ctx.deploy().serve();
    }

    /** The router's port; 0 for any free one. */
    protected abstract int routerPort();

    /** The key that sets the port and where it is written, for messages about a taken port. */
    protected abstract String routerPortKey();

    protected abstract SourceLocation routerPortLocation();

    /** Connects to whatever runs the versions (before the router binds its port). */
    protected void connect() {}

    /** Releases what {@link #connect} opened, and what was started (the router is closed already). */
    protected abstract void release();

    @Override
    public void open() {
        connect();
        SourceLocation at = routerPortLocation();
        router = WeightedRouter.start(
                routerPort(),
                routerPortKey() + (at == null ? "" : " at " + at),
                serve.predict(),
                serve.requestTimeout(),
                ctx.config().model(),
                ctx.deploy().records().enabled()
                        ? PredictionRecords.open(
                                ctx.deploy().records(), ctx.config().model(), Clock.systemUTC())
                        : null);
    }

    @Override
    public WeightedRouter router() {
        return router;
    }

    /** Where the router listens, for messages. */
    protected String routerAddress() {
        return router == null ? "127.0.0.1" : router.uri().toString();
    }

    @Override
    public void weight(int percent) {
        router.weight(percent);
    }

    /** Sends traffic for a role to a started version. */
    protected void route(Backend.Role role, String version, URI base) {
        Backend b = new Backend(role, version, base);
        if (role == Backend.Role.STABLE) {
            router.stable(b);
        } else {
            router.canary(b);
        }
    }

    /** All traffic back to the stable version, nothing to the canary (when a router runs). */
    protected void unrouteCanary() {
        if (router != null) {
            router.weight(0);
            router.canary(null);
        }
    }

    /** The canary becomes the stable backend, with all traffic. */
    protected void routeCanaryAsStable(Backend canary) {
        router.weight(100);
        router.stable(canary == null ? null : new Backend(Backend.Role.STABLE, canary.version(), canary.base()));
        router.canary(null);
    }

    /** The environment every model server gets: the serve section's, the port, the model and its role. */
    protected Map<String, String> modelEnvironment(DeployedVersion v, String role, int port) {
        Map<String, String> env = new LinkedHashMap<>(serve.env());
        env.put("PORT", String.valueOf(port));
        env.put("MLOPS_MODEL_NAME", ctx.config().model());
        env.put("MLOPS_MODEL_VERSION", v.version());
        env.put("MLOPS_ROLE", role);
        return env;
    }

    /**
     * Waits until the version at {@code base} answers its health check; when it does not, stops it
     * and says why, with the end of its output.
     *
     * @param exited   why it stopped, or null while it runs
     * @param stop     stops and removes it; returns the end of its output (empty when there is none)
     * @param whereOut how the message names that output, e.g. "its log (logs/canary-v2.log)"
     */
    protected void awaitReady(URI base, String who, Supplier<String> exited, Supplier<String> stop, String whereOut) {
        try {
            HttpReadiness.await(base.resolve(serve.health()), serve.readyTimeout(), who, exited);
        } catch (NotReadyException e) {
            String tail = stop.get();
            throw new NotReadyException(e.getMessage() + (tail.isEmpty() ? "" : "; " + whereOut + " ends:\n  " + tail));
        }
    }

    @Override
    public void close() {
        if (router != null) {
            router.close();
        }
        release();
    }
}
