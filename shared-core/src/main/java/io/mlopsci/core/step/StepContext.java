package io.mlopsci.core.step;

import io.mlopsci.contract.Layout;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.CiInfo;
import io.mlopsci.contract.result.ResultFormatException;
import io.mlopsci.contract.result.ResultJson;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.registry.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a step works with: configuration, CI context, environment, progress, the registry, and the
 * id a front end gave this invocation ({@code --invocation-id}), which every result.json of the
 * invocation carries.
 */
public final class StepContext implements AutoCloseable {

    private final MlopsConfig config;
    private final CiInfo ci;
    private final Map<String, String> env;
    private final Progress progress;
    private final Registries registries;
    private final @Nullable String invocationId;
    private @Nullable Registry registry;

    public StepContext(
            MlopsConfig config, CiInfo ci, Map<String, String> env, Progress progress, Registries registries) {
        this(config, ci, env, progress, registries, null);
    }

    public StepContext(
            MlopsConfig config,
            CiInfo ci,
            Map<String, String> env,
            Progress progress,
            Registries registries,
            @Nullable String invocationId) {
        this.config = config;
        this.ci = ci;
        this.env = Map.copyOf(env);
        this.progress = progress;
        this.registries = registries;
        this.invocationId = invocationId;
    }

    public MlopsConfig config() {
        return config;
    }

    public CiInfo ci() {
        return ci;
    }

    public Map<String, String> env() {
        return env;
    }

    public Progress progress() {
        return progress;
    }

    /** The front end's id of this invocation ({@code --invocation-id}); null when none was given. */
    public @Nullable String invocationId() {
        return invocationId;
    }

    /** The directory this step writes to. */
    public Path stepOut(StepId step) {
        return config.stepOut(step);
    }

    /** The tracking and model registry, opened on first use. */
    public Registry registry() {
        if (registry == null) {
            registry = registries.open(config, env);
        }
        return registry;
    }

    /** The same context for another step (shares the open registry). */
    public StepContext forStep(StepId step) {
        StepContext c = new StepContext(config, ci, env, progress.forStep(step.id()), registries, invocationId);
        c.registry = registry;
        return c;
    }

    /**
     * The result an earlier step wrote to {@code <out>/<step>/result.json}, if any.
     *
     * @throws MlopsException (exit 3) when the file exists but cannot be read
     */
    public Optional<StepResult> previous(StepId step) {
        Path f = config.stepOut(step).resolve(Layout.RESULT);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ResultJson.read(f));
        } catch (ResultFormatException e) {
            throw MlopsException.infrastructure("cannot read " + config.relative(f) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }
}
