package io.mlopsci.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The package and deploy sections: typed values, defaults, and every mistake named with file:line:column. */
class DeployConfigTest {

    @TempDir
    Path tmp;

    static final String HEAD = "model: fraud\ndata: {eval: data/eval.csv, label: is_fraud}\ngate:\n  metrics:\n"
            + "    accuracy: {min: 0.9}\n  promote: {alias: prod}\n";

    MlopsConfig load(String yaml) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f, new ConfigLoader.Options(null, null, Map.of(), List.of()));
    }

    List<String> problems(String yaml) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.validate(f, new ConfigLoader.Options(null, null, Map.of(), List.of())).stream()
                .map(ConfigProblem::toString)
                .toList();
    }

    @Test
    void bindsAFullDeploySectionWithDefaults() throws IOException {
        MlopsConfig c = load(HEAD + """
                package:
                  image: "registry.example.com/fraud:${model.version}"
                  format: registry
                  credentials: {username_env: CI_USER, password_env: CI_TOKEN}
                deploy:
                  serve: {command: [python, serve.py]}
                  canary:
                    steps: [5, 25, 100]
                    bake: 2m
                    interval: 30s
                    analysis:
                      error_rate: {max: 0.01}
                      latency_p99_ms: {max: 200, fail_above: 400}
                """);
        assertThat(c.packaging().image()).isEqualTo("registry.example.com/fraud:${model.version}");
        assertThat(c.packaging().format()).isEqualTo(PackageConfig.Format.REGISTRY);
        assertThat(c.packaging().modelPath()).isEqualTo("/models");
        assertThat(c.packaging().credentials().passwordEnv()).isEqualTo("CI_TOKEN");
        DeployConfig d = c.deploy();
        assertThat(d.target()).isEqualTo(DeployConfig.Target.LOCAL);
        assertThat(d.alias()).as("the gate's promotion alias").isEqualTo("prod");
        assertThat(d.canary().steps()).containsExactly(5, 25, 100);
        assertThat(d.canary().measurementsPerStep()).isEqualTo(4);
        assertThat(d.canary().failureLimit()).isZero();
        assertThat(d.canary().consecutiveErrorLimit()).isEqualTo(4);
        assertThat(d.canary().smoke().exclude()).as("the data's label column").containsExactly("is_fraud");
        assertThat(d.canary().smoke().data()).isEqualTo(tmp.resolve("data/eval.csv"));
        assertThat(d.serve().readyTimeout()).isEqualTo(Duration.ofSeconds(60));
        DeployConfig.AnalysisMetric p99 = d.canary().analysis().get(1);
        assertThat(p99.builtin()).isTrue();
        assertThat(p99.hasSuccessCondition() && p99.hasFailureCondition()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "deploy: {target: local, serve: {command: [x]}, canary: {stpes: [10]}}|mlops.yaml:7:57: 'deploy.canary.stpes': unknown key 'stpes'; did you mean 'steps'?",
                "deploy: {serve: {command: [x]}, canary: {steps: [50, 10]}}|'deploy.canary.steps': expected increasing whole traffic percentages",
                "deploy: {serve: {command: [x]}, canary: {bake: 10s, interval: 1m}}|'deploy.canary.interval': the measurement interval (PT1M) is longer than the bake time (PT10S)",
                "deploy: {serve: {command: [x]}, canary: {analysis: {eror_rate: {max: 0.1}}}}|'eror_rate' is not a metric the router measures (did you mean 'error_rate'?)",
                "deploy: {serve: {command: [x]}, canary: {analysis: {cpu: {query: 'up', max: 1}}}}|a Prometheus query needs 'deploy.canary.prometheus.url'",
                "deploy: {serve: {command: [x]}, canary: {analysis: {error_rate: {max: 0.1, fail_above: 0.05}}}}|fail_above must not be below max",
                "deploy: {serve: {command: [x]}, canary: {analysis: {error_rate: {dry_run: true}}}}|no condition for 'error_rate'",
                "deploy: {target: local}|the local target starts a model server per version: set 'serve.command'",
                "deploy: {target: kubernetes, kubernetes: {traffic: httproute}}|'traffic: httproute' needs 'gateway'",
                "deploy: {target: kubernetes, kubernetes: {replicas: 1}}|splitting traffic by replicas needs at least 2 replicas",
                "deploy: {target: docker, kubernetes: {replicas: 3}}|the 'kubernetes' settings apply only with 'target: kubernetes'",
                "deploy: {target: mlflow, serve: {command: [x]}}|'serve' does not apply to the mlflow target",
                "deploy: {target: mlflow, mlflow: {canary_alias: prod}}|expected a registry alias other than 'prod'",
                "package: {image: 'fraud:1', dockerfile: Dockerfile, format: registry}|a Dockerfile is built by the Docker engine: use 'format: docker'",
                "package: {image: 'fraud:1', credentials: {password_env: '${env.HOME}'}}|expected the NAME of an environment variable",
                "package: {image: 'fraud 1'}|expected an image reference without spaces",
                "package: {format: oci-tar}|missing required field 'image'"
            })
    void mistakesAreNamedWithTheirPlace(String section, String expected) throws IOException {
        assertThat(problems(HEAD + section + "\n")).anyMatch(p -> p.contains(expected));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "deploy: {target: kubernets}",
                "deploy: {canary: {steps: [0]}}",
                "deploy: {canary: {analysis: {error_rate: {dry_run: true}}}}",
                "deploy: {canary: {prometheus: {url: 'ftp://x'}}}",
                "package: {image: 'fraud:1', format: tarball}",
                "package: {format: oci-tar}"
            })
    void theSchemaRejectsTheSameMistakes(String section) throws IOException {
        Set<ValidationMessage> errors =
                SchemaTest.schema().validate(SchemaTest.toJson(YamlParser.parse(HEAD + section + "\n", "mlops.yaml")));
        assertThat(errors).as(section).isNotEmpty();
        assertThat(problems(HEAD + section + "\n")).as(section).isNotEmpty();
    }
}
