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

/**
 * Before training, mlops clears the outputs a previous run left, but only the directory that is its
 * own: a {@code train.output} the user named survives, even when {@code --out} contains it.
 */
class TrainOutputDirTest {

    @TempDir
    Path tmp;

    private MlopsConfig load(String yaml, Path out) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f, new ConfigLoader.Options(tmp, out, Map.of(), List.of()));
    }

    @Test
    void theUsersOutputDirectorySurvivesAnOutDirThatContainsIt() throws IOException {
        // `mlops train --out .` with `train.output: model`
        MlopsConfig config = load("model: m\ntrain:\n  command: [python, train.py]\n  output: model\n", tmp);
        Path model = tmp.resolve("model");
        Files.createDirectories(model.resolve("weights"));
        Files.writeString(model.resolve("weights/w.bin"), "the user's model");
        Files.writeString(model.resolve("metrics.json"), "{\"accuracy\": 0.9}");

        TrainStep.prepareOutputs(config, config.train());

        assertThat(model.resolve("weights/w.bin")).hasContent("the user's model");
        // The metrics file is still cleared, so a command that writes none cannot pass with the old one.
        assertThat(model.resolve("metrics.json")).doesNotExist();
        assertThat(tmp.resolve("mlops.yaml")).exists();
    }

    @Test
    void mlopssOwnOutputDirectoryIsClearedOfWhatAPreviousRunLeft() throws IOException {
        MlopsConfig config = load("model: m\ntrain:\n  command: [python, train.py]\n", tmp);
        Path output = config.train().output();
        assertThat(output).isEqualTo(tmp.resolve("train").resolve("output"));
        Files.createDirectories(output);
        Files.writeString(output.resolve("old-model.bin"), "left by the previous run");
        Files.writeString(tmp.resolve("train").resolve("pending-run.json"), "{}");

        TrainStep.prepareOutputs(config, config.train());

        assertThat(output).isEmptyDirectory();
        assertThat(tmp.resolve("train").resolve("pending-run.json"))
                .as("the step's own files next to the output are kept")
                .exists();
    }

    @Test
    void theStepDirectoryItselfIsNeverCleared() throws IOException {
        Path out = tmp.resolve("out");
        MlopsConfig config = load("model: m\ntrain:\n  command: [python, train.py]\n  output: out/train\n", out);
        Files.createDirectories(out.resolve("train"));
        Files.writeString(out.resolve("train").resolve("result.json"), "{}");

        TrainStep.prepareOutputs(config, config.train());

        assertThat(out.resolve("train").resolve("result.json")).exists();
    }
}
