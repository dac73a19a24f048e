package io.mlopsci.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.Requirements;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The MLflow settings in {@code tracking} and the re-scoring command in {@code gate.evaluate}: reader and schema. */
class MlflowSettingsConfigTest {

    @TempDir
    Path tmp;

    private MlopsConfig load(String yaml, String... overrides) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f, new ConfigLoader.Options(tmp, null, Map.of(), List.of(overrides)));
    }

    private MlopsConfig loadWithEnv(String yaml, Map<String, String> env, String... overrides) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f, new ConfigLoader.Options(tmp, null, env, List.of(overrides)));
    }

    @Test
    void withoutTrackingUriTheServerIsMlflowTrackingUriFromTheEnvironment() throws IOException {
        Map<String, String> env = Map.of("MLFLOW_TRACKING_URI", "http://mlflow.example:5000");
        assertThat(loadWithEnv(BASE, env).tracking().uri()).isEqualTo("http://mlflow.example:5000");
        assertThat(loadWithEnv(BASE, env).tracking().isLocal()).isFalse();
        assertThat(loadWithEnv(BASE + "tracking: {experiment: fraud}\n", env)
                        .tracking()
                        .uri())
                .as("a tracking section without uri")
                .isEqualTo("http://mlflow.example:5000");
        // mlops.yaml and --set win over the environment, as a client's explicit URI wins over MLflow's variable.
        assertThat(loadWithEnv(BASE + "tracking: {uri: https://other.example}\n", env)
                        .tracking()
                        .uri())
                .isEqualTo("https://other.example");
        assertThat(loadWithEnv(BASE + "tracking: {uri: local}\n", env)
                        .tracking()
                        .isLocal())
                .isTrue();
        assertThat(loadWithEnv(BASE, env, "tracking.uri=local").tracking().isLocal())
                .isTrue();
        assertThat(loadWithEnv(BASE, Map.of("MLFLOW_TRACKING_URI", " "))
                        .tracking()
                        .isLocal())
                .as("an empty variable (the Action's default input) is not set")
                .isTrue();
        assertThat(loadWithEnv(BASE, Map.of()).tracking().isLocal()).isTrue();
    }

    @Test
    void aBadMlflowTrackingUriIsRefusedNamingTheVariable() throws IOException {
        assertThatThrownBy(() -> loadWithEnv(BASE, Map.of("MLFLOW_TRACKING_URI", "databricks")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'tracking.uri': the environment variable MLFLOW_TRACKING_URI (used because"
                        + " mlops.yaml sets no tracking.uri): expected 'local' or the URL of an MLflow tracking"
                        + " server (http:// or https://), got 'databricks'");
        assertThatThrownBy(() -> loadWithEnv(BASE, Map.of("MLFLOW_TRACKING_URI", "https://u:secret@mlflow.example")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the environment variable MLFLOW_TRACKING_URI")
                .hasMessageContaining("credentials do not belong in MLFLOW_TRACKING_URI")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
        // A valid tracking.uri in the file means the variable is not read at all.
        assertThat(catchProblems(() -> loadWithEnv(
                        BASE + "tracking: {uri: https://ok.example}\n", Map.of("MLFLOW_TRACKING_URI", "databricks"))))
                .isEmpty();
    }

    private static List<ConfigProblem> catchProblems(ThrowingLoad load) throws IOException {
        try {
            load.run();
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    @FunctionalInterface
    private interface ThrowingLoad {
        MlopsConfig run() throws IOException;
    }

    private static final String BASE = """
            model: m
            data: {eval: eval.csv}
            train:
              command: [java, Train.java]
              predictions: out/predictions.csv
            gate:
              metrics: {accuracy: {min: 0.5}}
            """;

    @Test
    void readsTrackingSettings() throws IOException {
        MlopsConfig c = load(BASE + """
                tracking:
                  uri: https://mlflow.example:8443/
                  experiment: fraud
                  ca_file: certs/ca.pem
                  insecure_tls: false
                  retries: 2
                  timeout: 15s
                """);
        TrackingConfig t = c.tracking();
        assertThat(t.isLocal()).isFalse();
        assertThat(t.experiment()).isEqualTo("fraud");
        assertThat(t.caFile()).isEqualTo(tmp.resolve("certs/ca.pem"));
        assertThat(t.insecureTls()).isFalse();
        assertThat(t.retries()).isEqualTo(2);
        assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(15));
        TrackingConfig local = load(BASE).tracking();
        assertThat(local.isLocal()).isTrue();
        assertThat(local.retries()).isEqualTo(TrackingConfig.DEFAULT_RETRIES);
        assertThat(local.insecureTls()).isNull();
    }

    @Test
    void rejectsCredentialsInTheUriAndTlsSettingsForTheLocalRegistry() {
        assertThatThrownBy(() -> load(BASE + "tracking: {uri: 'https://bob:secret@mlflow.example'}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tracking.uri")
                .hasMessageContaining("MLFLOW_TRACKING_USERNAME");
        assertThatThrownBy(() -> load(BASE + "tracking: {uri: local, ca_file: ca.pem}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tracking.ca_file")
                .hasMessageContaining("applies only to an MLflow");
        assertThatThrownBy(() -> load(BASE + "tracking: {uri: 'ftp://x'}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http:// or https://");
    }

    @Test
    void readsTheEvaluateCommandWithLateBaselineVariables() throws IOException {
        MlopsConfig c = load(BASE + """
                  evaluate:
                    command: [java, Score.java, --model, "${baseline.model_dir}", --data, "${data.eval}",
                              --out, "${baseline.predictions}"]
                    timeout: 2m
                    env: {MODEL_VERSION: "${baseline.version}"}
                """);
        GateConfig.Evaluate e = c.gate().evaluate();
        assertThat(e.command())
                .containsExactly(
                        "java",
                        "Score.java",
                        "--model",
                        "${baseline.model_dir}",
                        "--data",
                        tmp.resolve("eval.csv").toString(),
                        "--out",
                        "${baseline.predictions}");
        assertThat(e.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.resolveLate(e.env().get("MODEL_VERSION"), Map.of("baseline.version", "7"), e.location(), "x"))
                .isEqualTo("7");
    }

    @Test
    void theEvaluateCommandMustWriteTheBaselinePredictionsWhereTheGateReadsThem() {
        assertThatThrownBy(() -> load(BASE + "  evaluate: {command: [java, Score.java]}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gate.evaluate.command")
                .hasMessageContaining("${baseline.predictions}");
        assertThatThrownBy(() -> load(BASE.replace("  predictions: out/predictions.csv\n", "")
                        + "  evaluate: {command: [x, \"${baseline.predictions}\"]}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gate.evaluate")
                .hasMessageContaining("train.predictions");
    }

    @Test
    void theJvmSampleWithItsEvaluateCommandValidatesAgainstTheSchema() throws IOException {
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/mlops.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        Object yaml = new Yaml()
                .load(Files.readString(Requirements.repoRoot().resolve("test-repos/jvm-classifier/mlops.yaml")));
        JsonNode doc = Json.mapper().valueToTree(yaml);
        assertThat(doc.path("gate").has("evaluate")).isTrue();
        Set<ValidationMessage> problems = schema.validate(doc);
        assertThat(problems).isEmpty();

        JsonNode tracking = Json.mapper()
                .valueToTree(Map.of(
                        "model",
                        "m",
                        "tracking",
                        Map.of(
                                "uri",
                                "https://x",
                                "ca_file",
                                "ca.pem",
                                "insecure_tls",
                                false,
                                "retries",
                                3,
                                "timeout",
                                "30s")));
        assertThat(schema.validate(tracking)).isEmpty();
        JsonNode wrong =
                Json.mapper().valueToTree(Map.of("model", "m", "tracking", Map.of("uri", "https://x", "retries", -1)));
        assertThat(schema.validate(wrong)).isNotEmpty();
    }
}
