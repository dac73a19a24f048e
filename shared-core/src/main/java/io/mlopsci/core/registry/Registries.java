package io.mlopsci.core.registry;

import io.mlopsci.core.config.MlopsConfig;
import java.util.Map;

/** Opens the registry a configuration names: the local one by default, MLflow for an http(s) URI. */
public interface Registries {

    Registry open(MlopsConfig config, Map<String, String> env);

    /** The engine's standard choice. */
    static Registries standard() {
        return (config, env) -> {
            if (config.tracking() == null || config.tracking().isLocal()) {
                return LocalRegistry.open(config.localRegistryDir(), config.relative(config.localRegistryDir()));
            }
            throw io.mlopsci.core.step.MlopsException.config("tracking.uri '" + config.tracking().uri()
                    + "': the MLflow backend is not available in this build", config.tracking().location());
        };
    }
}
