package io.mlopsci.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.MlopsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training command that writes its outputs elsewhere is told where the engine looks, and how. */
class MissingOutputsHintTest {

    @TempDir
    Path dir;

    @Test
    void namesTheVariablesAndTheSettings() throws IOException {
        Path yaml = dir.resolve("mlops.yaml");
        Files.writeString(yaml, """
                model: m
                train:
                  command: [python, train.py]
                  metrics: out/metrics.json
                  output: out/model
                """);
        MlopsConfig config = ConfigLoader.load(yaml, new ConfigLoader.Options(null, null, Map.of(), List.of()));
        String hint = TrainStep.missingMetricsHint(config, config.train());
        assertThat(hint)
                .startsWith("the training command exited 0 but wrote no metrics file at out/metrics.json.")
                .contains("MLOPS_METRICS_FILE=" + config.train().metrics())
                .contains("MLOPS_OUTPUT_DIR=" + config.train().output())
                .endsWith("make it use those variables, or set train.metrics and train.output to where it writes");
    }
}
