package io.mlopsci.core.registry.mlflow;

import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.MlopsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Opens the MLflow backend the way the CLI does: from an mlops.yaml with tracking overrides. */
final class MlflowTestConfigs {

    private MlflowTestConfigs() {}

    static MlopsConfig config(
            Path dir, String model, String uri, String experiment, Map<String, String> env, String... overrides) {
        try {
            Files.createDirectories(dir);
            Path yaml = dir.resolve("mlops.yaml");
            Files.writeString(yaml, "model: " + model + "\ntrain:\n  metrics: metrics.json\n");
            List<String> sets = new ArrayList<>(List.of("tracking.uri=" + uri, "tracking.experiment=" + experiment));
            sets.addAll(List.of(overrides));
            return ConfigLoader.load(yaml, new ConfigLoader.Options(dir, null, env, sets));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MlflowRegistry open(
            Path dir, String model, String uri, String experiment, Map<String, String> env, String... overrides) {
        return MlflowRegistry.open(config(dir, model, uri, experiment, env, overrides), env);
    }
}
