package io.mlopsci.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.testing.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Spark variant of the action ({@code spark/action.yml}: {@code uses: org/mlops-action/spark@v1})
 * takes exactly the inputs and gives exactly the outputs of the action itself; only its image
 * differs (the Spark variant built from github-action/spark.Dockerfile, same version).
 */
class ActionVariantsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String file) throws IOException {
        return new Yaml().load(Files.readString(Requirements.repoRoot().resolve(file)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSparkVariantHasTheSameInputsAndOutputsAndTheSparkImageOfTheSameVersion() throws IOException {
        Map<String, Object> main = read("action.yml");
        Map<String, Object> spark = read("spark/action.yml");
        assertThat(spark.get("inputs")).isEqualTo(main.get("inputs"));
        assertThat(spark.get("outputs")).isEqualTo(main.get("outputs"));
        assertThat(spark.get("branding")).isEqualTo(main.get("branding"));
        Map<String, Object> mainRuns = (Map<String, Object>) main.get("runs");
        Map<String, Object> sparkRuns = (Map<String, Object>) spark.get("runs");
        assertThat(sparkRuns.get("using")).isEqualTo(mainRuns.get("using"));
        assertThat(sparkRuns.get("image"))
                .isEqualTo(mainRuns.get("image").toString().replace("/mlops-action:", "/mlops-action-spark:"));
        assertThat(Path.of(Requirements.repoRoot()
                        .resolve("github-action/spark.Dockerfile")
                        .toString()))
                .exists();
    }
}
