package io.mlopsci.core.step;

import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.registry.LocalRegistry;
import io.mlopsci.core.registry.Registry;
import io.mlopsci.core.registry.mlflow.MlflowRegistry;
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
            return MlflowRegistry.open(config, env);
        };
    }
}
