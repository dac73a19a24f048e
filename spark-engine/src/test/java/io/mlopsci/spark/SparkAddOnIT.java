package io.mlopsci.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.Requirements;
import io.mlopsci.core.testing.SparkConnectServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The add-on as users get it: {@code java -jar mlops.jar} (as the Jenkins plugin and the scripts
 * start it) finds {@code mlops-spark.jar} beside itself or through {@code MLOPS_ADDONS}, loads it
 * only for {@code data.engine: spark}, and needs no JVM option from the user. Without the add-on,
 * a Spark configuration says where to put it (exit 3).
 */
class SparkAddOnIT {

    @TempDir
    Path dir;

    record Run(int exit, String stderr, JsonNode result) {}

    private static Path jar(String property) {
        String p = System.getProperty(property);
        Requirements.require(p != null && Files.isRegularFile(Path.of(p)), property + " (built by `package`)");
        return Path.of(p);
    }

    private Run cli(Path cliJar, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                cliJar.toString(),
                "validate-data",
                "--config",
                dir.resolve("mlops.yaml").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("MLOPS_ADDONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        Path result = dir.resolve(".mlops/out/validate-data/result.json");
        return new Run(p.exitValue(), out, Files.exists(result) ? Json.mapper().readTree(result.toFile()) : null);
    }

    private void configure(String remote) throws IOException {
        SparkTestData.csv(dir, "data/train.csv", 40);
        Files.writeString(
                dir.resolve("mlops.yaml"),
                "model: m\ndata:\n  engine: spark\n  spark: {remote: '" + remote + "'}\n  train: data/train.csv\n"
                        + "  columns: {id: {nullable: false}}\n");
    }

    @Test
    void theCliLoadsTheAddOnFromMlopsAddonsAndBesideItsJar() throws Exception {
        SparkConnectServer server = SparkConnectServer.shared();
        configure(server.remote());
        Path cliJar = jar("mlops.cliJar");
        Path addOn = jar("mlops.sparkJar");

        Run viaEnv = cli(cliJar, Map.of("MLOPS_ADDONS", addOn.toString()));
        assertThat(viaEnv.stderr()).contains("connected: Spark 4.1.0 at " + server.remote());
        // The rules ran on Spark: train's column rules (nulls of id) and its schema.
        assertThat(viaEnv.exit()).as(viaEnv.stderr()).isZero();
        assertThat(viaEnv.stderr())
                .contains("data/train.csv: 40 rows, 3 columns")
                .contains("PASS (exit 0): all 2 criteria passed");
        assertThat(viaEnv.result()).isNotNull();

        // The layout of a download or the action image's Spark variant: the two jars side by side.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(cliJar, bin.resolve("mlops.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(addOn, bin.resolve("mlops-spark.jar"), StandardCopyOption.REPLACE_EXISTING);
        Run beside = cli(bin.resolve("mlops.jar"), Map.of());
        assertThat(beside.stderr()).contains("connected: Spark 4.1.0 at " + server.remote());
        assertThat(beside.exit()).as(beside.stderr()).isZero();
    }

    @Test
    void withoutTheAddOnASparkConfigurationSaysWhereToPutIt() throws Exception {
        configure("sc://127.0.0.1:15002");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(jar("mlops.cliJar"), bin.resolve("mlops.jar"), StandardCopyOption.REPLACE_EXISTING);
        Run r = cli(bin.resolve("mlops.jar"), Map.of());
        assertThat(r.exit()).as(r.stderr()).isEqualTo(3);
        assertThat(r.result().path("error").path("message").asText())
                .isEqualTo("data.engine: spark needs the spark add-on (mlops-spark.jar), which this installation does"
                        + " not have; looked for " + bin.resolve("mlops-spark.jar")
                        + ". Put mlops-spark.jar beside mlops.jar or name it in MLOPS_ADDONS (docs/spark.md says"
                        + " where to get it)");
    }
}
