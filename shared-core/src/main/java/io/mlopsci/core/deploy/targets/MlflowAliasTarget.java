package io.mlopsci.core.deploy.targets;

import io.mlopsci.core.deploy.history.DeployedVersion;
import io.mlopsci.core.deploy.history.DeploymentState;
import io.mlopsci.core.deploy.history.ServingHandle;
import io.mlopsci.core.registry.ModelVersion;
import java.util.List;
import java.util.Optional;

/**
 * For serving stacks that follow registry aliases themselves (MLflow model serving, KServe with a
 * registry URI, ...): the canary is the {@code canary} alias, promotion moves the stable alias,
 * rollback moves it back. The engine controls no traffic, so the steps are analysis rounds only
 * (Prometheus queries) and weights are the stack's business. Works with any registry.
 */
final class MlflowAliasTarget implements DeploymentTarget {

    private final TargetContext ctx;
    private final String canaryAlias;

    MlflowAliasTarget(TargetContext ctx) {
        this.ctx = ctx;
        this.canaryAlias = ctx.deploy().mlflow().canaryAlias();
    }

    @Override
    public String name() {
        return "mlflow";
    }

    @Override
    public String describe() {
        return "registry aliases in the " + ctx.registry().describe();
    }

    @Override
    public void open() {
        // Nothing to connect: the registry is already open.
    }

    @Override
    public ServingHandle startStable(DeployedVersion stable, DeploymentState state) {
        return ServingHandle.alias(ctx.deploy().alias(), stable.version());
    }

    @Override
    public ServingHandle startCanary(DeployedVersion canary) {
        ctx.progress().phase("pointing alias '" + canaryAlias + "' at version " + canary.version());
        ctx.registry().setAlias(ctx.config().model(), canaryAlias, canary.version());
        return ServingHandle.alias(canaryAlias, canary.version());
    }

    @Override
    public void weight(int percent) {
        // The serving stack decides how much traffic the canary alias gets.
    }

    @Override
    public ServingHandle promote(DeployedVersion canary, DeploymentState state) {
        dropCanaryAlias(canary.version());
        return ServingHandle.alias(ctx.deploy().alias(), canary.version());
    }

    @Override
    public void restore(DeploymentState state, DeployedVersion restore) {
        if (state.candidate() != null) {
            dropCanaryAlias(state.candidate().version());
        }
    }

    @Override
    public List<Check> verify(DeploymentState state, DeployedVersion restore) {
        Optional<ModelVersion> c = ctx.registry().versionByAlias(ctx.config().model(), canaryAlias);
        boolean ok = c.isEmpty()
                || state.candidate() == null
                || !c.get().version().equals(state.candidate().version());
        return List.of(new Check(
                "alias '" + canaryAlias + "'",
                "not on v"
                        + (state.candidate() == null ? "?" : state.candidate().version()),
                c.map(v -> "v" + v.version()).orElse("unset"),
                ok));
    }

    private void dropCanaryAlias(String version) {
        Optional<ModelVersion> c = ctx.registry().versionByAlias(ctx.config().model(), canaryAlias);
        if (c.isPresent() && c.get().version().equals(version)) {
            ctx.registry().deleteAlias(ctx.config().model(), canaryAlias);
        }
    }

    @Override
    public void close() {
        // The registry belongs to the step context.
    }
}
