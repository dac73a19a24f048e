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

/** A cache hit says what made the key, and that unlisted environment variables are not in it. */
class RunCacheKeyWordsTest {

    @TempDir
    Path dir;

    @Test
    void theInputsOfTheKeyAndWhatIsNotInIt() throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/train.py"), "print(1)\n");
        Files.writeString(dir.resolve("train.csv"), "a\n1\n");
        Files.writeString(dir.resolve("eval.csv"), "a\n2\n");
        Path yaml = dir.resolve("mlops.yaml");
        Files.writeString(yaml, """
                model: m
                data: {train: train.csv, eval: eval.csv}
                train:
                  command: [python, src/train.py]
                  params: {lr: 0.1, depth: 3}
                  env: {PYTHONHASHSEED: "0"}
                  cache: {inputs: ["src/*.py"], env: [SEED]}
                """);
        MlopsConfig config = ConfigLoader.load(yaml, new ConfigLoader.Options(null, null, Map.of(), List.of()));
        RunCacheKey key = RunCacheKey.compute(config, config.train(), Map.of("SEED", "1", "DEGRADE", "1"));
        assertThat(key.inputsInWords(config.train()))
                .isEqualTo("The cache key is made of the command, its working directory and the runner;"
                        + " train.params (depth, lr); train.env (PYTHONHASHSEED); the environment variables SEED"
                        + " (train.cache.env); 2 data files (eval.csv, train.csv) and 1 file matched by"
                        + " train.cache.inputs (src/*.py). Other environment variables are not part of it: a run"
                        + " that differs only by one of them reuses this run (list it in train.cache.env, or run"
                        + " with --no-cache).");
        // DEGRADE is indeed not part of the key; SEED is.
        assertThat(RunCacheKey.compute(config, config.train(), Map.of("SEED", "1"))
                        .key())
                .isEqualTo(key.key());
        assertThat(RunCacheKey.compute(config, config.train(), Map.of("SEED", "2"))
                        .key())
                .isNotEqualTo(key.key());
    }
}
