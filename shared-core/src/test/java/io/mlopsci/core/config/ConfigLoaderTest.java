package io.mlopsci.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.contract.ExitCodes;
import io.mlopsci.contract.result.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mlops.yaml: what loads, and for each kind of mistake, the message with file, line and column. */
class ConfigLoaderTest {

    @TempDir
    Path tmp;

    MlopsConfig load(String yaml, Map<String, String> env, String... overrides) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f, new ConfigLoader.Options(null, null, env, List.of(overrides)));
    }

    List<ConfigProblem> problems(String yaml, String... overrides) throws IOException {
        try {
            load(yaml, Map.of(), overrides);
        } catch (ConfigException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
            return e.problems();
        }
        throw new AssertionError("expected configuration problems in:\n" + yaml);
    }

    static final String VALID = """
            model: fraud
            data:
              train: data/train.csv
              eval: data/eval.csv
            train:
              command: [python, train.py, --data, "${data.train}", --out, "${train.output}"]
              timeout: 20m
              params: {lr: 0.1}
              predictions: {path: "${train.output}/p.csv", id: row_id}
              cache: {inputs: ["src/**"], env: [SEED]}
            gate:
              metrics:
                roc_auc: {min: 0.9, change: {max_drop: 0.005}}
                latency_p95_ms: {max: 50}
                custom: {direction: lower, max: 3, severity: warn}
            """;

    @Test
    void loadsAValidFileWithResolvedPathsAndVariables() throws IOException {
        MlopsConfig c = load(VALID, Map.of());
        assertThat(c.model()).isEqualTo("fraud");
        assertThat(c.workdir()).isEqualTo(tmp.toAbsolutePath().normalize());
        assertThat(c.outDir()).isEqualTo(c.workdir().resolve(".mlops/out"));
        assertThat(c.train().command())
                .containsExactly(
                        "python",
                        "train.py",
                        "--data",
                        tmp.resolve("data/train.csv").toString(),
                        "--out",
                        c.outDir().resolve("train/output").toString());
        assertThat(c.train().timeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(c.train().params()).containsEntry("lr", "0.1");
        assertThat(c.train().predictions().id()).isEqualTo("row_id");
        assertThat(c.train().metrics()).isEqualTo(c.outDir().resolve("train/output/metrics.json"));
        assertThat(c.gate().metrics())
                .extracting(GateConfig.MetricRule::name)
                .containsExactly("roc_auc", "latency_p95_ms", "custom");
        assertThat(c.gate().metrics().get(0).direction()).isEqualTo(Direction.HIGHER);
        assertThat(c.gate().metrics().get(1).direction()).isEqualTo(Direction.LOWER);
        assertThat(c.gate().metrics().get(0).change().maxDrop()).isEqualTo(0.005);
        assertThat(c.gate().baseline()).isEqualTo("champion");
        assertThat(c.gate().promote().branches()).containsExactly("main", "master");
    }

    @Test
    void malformedYamlNamesLineAndColumn() throws IOException {
        List<ConfigProblem> p = problems("model: fraud\ngate:\n  metrics: {roc_auc: {min: 0.9}\n");
        assertThat(p).hasSize(1);
        assertThat(p.get(0).location().file()).isEqualTo(displayName());
        assertThat(p.get(0).location().line()).isEqualTo(4);
        assertThat(p.get(0).message()).startsWith("invalid YAML");
    }

    @Test
    void tabsAndDuplicateKeysAreReportedWhereTheyAre() throws IOException {
        ConfigProblem dup = problems("model: a\nmodel: b\n").get(0);
        assertThat(dup.message()).isEqualTo("duplicate key 'model'");
        assertThat(dup.location().line()).isEqualTo(2);
        assertThat(dup.location().column()).isEqualTo(1);
    }

    @Test
    void unknownKeysGetADidYouMean() throws IOException {
        List<ConfigProblem> p = problems(
                "model: fraud\ngate:\n  metrics:\n    accuracy: {min: 0.9, severty: warn}\n  baselin: champion\n");
        assertThat(p)
                .extracting(ConfigProblem::message)
                .containsExactlyInAnyOrder(
                        "unknown key 'severty'; did you mean 'severity'?",
                        "unknown key 'baselin'; did you mean 'baseline'?");
        ConfigProblem first = p.stream()
                .filter(x -> x.message().contains("severty"))
                .findFirst()
                .orElseThrow();
        assertThat(first.location().line()).isEqualTo(4);
        assertThat(first.location().column()).isEqualTo(26);
        assertThat(first.path()).isEqualTo("gate.metrics.accuracy.severty");
    }

    @Test
    void wrongTypesSayWhatWasExpected() throws IOException {
        List<ConfigProblem> p = problems(
                "model: fraud\ngate:\n  metrics:\n    accuracy: {min: \"0.9\"}\ntrain:\n  timeout: soon\n  command: [python, t.py]\n");
        assertThat(p)
                .extracting(ConfigProblem::message)
                .contains(
                        "expected a number, got a string (\"0.9\")",
                        "expected a duration such as 90s, 30m or 2h, got a string (\"soon\")");
    }

    @Test
    void missingRequiredFieldsAreNamed() throws IOException {
        assertThat(problems("gate:\n  metrics:\n    accuracy: {min: 0.9}\n"))
                .extracting(ConfigProblem::message)
                .contains("missing required field 'model' (the registered model's name, e.g. fraud-classifier)");
        assertThat(problems("model: m\ntrain:\n  runner: docker\n  command: [x]\n  docker: {cpus: 2}\n"))
                .extracting(ConfigProblem::path)
                .contains("train.docker.image");
    }

    @Test
    void aThresholdWhoseDirectionContradictsTheMetricIsRejected() throws IOException {
        assertThat(problems("model: m\ngate:\n  metrics:\n    roc_auc: {direction: lower, min: 0.9}\n"))
                .extracting(ConfigProblem::message)
                .contains("roc_auc is higher-is-better; 'direction: lower' contradicts it");
        assertThat(problems("model: m\ngate:\n  metrics:\n    log_loss: {min: 0.2}\n"))
                .extracting(ConfigProblem::message)
                .anyMatch(m -> m.startsWith("log_loss is lower-is-better, so 'min' alone would fail better models"));
        assertThat(problems("model: m\ngate:\n  metrics:\n    accuracy: {max: 0.99}\n"))
                .extracting(ConfigProblem::message)
                .anyMatch(m -> m.startsWith("accuracy is higher-is-better, so 'max' alone would fail better models"));
        assertThat(problems("model: m\ngate:\n  metrics:\n    accuracy: {change: {max_drop: -0.01}}\n"))
                .extracting(ConfigProblem::message)
                .anyMatch(m -> m.contains("expected a number ≥ 0") && m.contains("min_gain"));
        assertThat(problems("model: m\ngate:\n  metrics:\n    accuracy: {min: 0.9, max: 0.8}\n"))
                .extracting(ConfigProblem::message)
                .anyMatch(m -> m.contains("no value can pass"));
    }

    @Test
    void anUnknownMetricNeedsADirection() throws IOException {
        assertThat(problems("model: m\ngate:\n  metrics:\n    acuracy: {min: 0.9}\n"))
                .extracting(ConfigProblem::message)
                .anyMatch(m -> m.contains("add 'direction: higher'") && m.contains("did you mean 'accuracy'"));
    }

    @Test
    void aStringCommandNeedsShellTrue() throws IOException {
        assertThat(problems("model: m\ntrain:\n  command: python train.py\n"))
                .extracting(ConfigProblem::message)
                .anyMatch(m -> m.contains("'shell: true'"));
        MlopsConfig c = load("model: m\ntrain:\n  command: python train.py && echo done\n  shell: true\n", Map.of());
        assertThat(c.train().argv()).containsExactly("/bin/sh", "-c", "python train.py && echo done");
    }

    @Test
    void variablesAreSubstitutedByTheEngineWithDefaultsAndErrors() throws IOException {
        MlopsConfig c = load(
                "model: m\ntrain:\n  command: [echo, \"${env.NAME}\", \"${env.MISSING:-fallback}\", \"$${literal}\"]\n",
                Map.of("NAME", "a b; rm -rf /"));
        assertThat(c.train().command()).containsExactly("echo", "a b; rm -rf /", "fallback", "${literal}");
        assertThat(problems("model: m\ntrain:\n  command: [echo, \"${env.NOPE}\"]\n"))
                .extracting(ConfigProblem::message)
                .anyMatch(m -> m.startsWith("environment variable NOPE is not set"));
        assertThat(problems("model: m\ntrain:\n  command: [echo, \"${data.trian}\"]\n"))
                .extracting(ConfigProblem::message)
                .anyMatch(
                        m -> m.contains("unknown variable ${data.trian}") && m.contains("did you mean ${data.train}"));
    }

    @Test
    void lateVariablesStayUntilAStepResolvesThem() throws IOException {
        MlopsConfig c = load("model: m\ntrain:\n  command: [echo, \"${model.version}\"]\n", Map.of());
        assertThat(c.train().command()).containsExactly("echo", "${model.version}");
        assertThat(c.resolveLate("img:${model.version}", Map.of("model.version", "7"), null, "package.image"))
                .isEqualTo("img:7");
        assertThatThrownBy(() -> c.resolveLate("img:${model.version}", Map.of(), null, "package.image"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not known at this point");
    }

    @Test
    void setOverridesApplyBeforeValidation() throws IOException {
        MlopsConfig c = load(VALID, Map.of(), "gate.metrics.roc_auc.min=0.95", "train.params.lr=0.2");
        assertThat(c.gate().metrics().get(0).min()).isEqualTo(0.95);
        assertThat(c.train().params()).containsEntry("lr", "0.2");
        ConfigProblem p = problems(VALID, "gate.metrcs.x=1").get(0);
        assertThat(p.message()).contains("did you mean 'metrics'");
        assertThat(p.location().file()).isEqualTo("--set gate.metrcs.x=1");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        List<ConfigProblem> p = problems(
                "model: 'bad name!'\ntrain:\n  timeout: x\n  comand: [a]\ngate:\n  metrics:\n    f1: {min: yes}\n");
        assertThat(p).hasSizeGreaterThanOrEqualTo(4);
        assertThatThrownBy(() -> load("model: 'bad name!'\ntrain:\n  timeout: x\n", Map.of()))
                .hasMessageContaining("problems in the configuration");
    }

    @Test
    void emptyFilesAndNonMappingsAreExplained() throws IOException {
        assertThat(problems("").get(0).message()).contains("the file is empty");
        assertThat(problems("- a\n- b\n").get(0).message()).contains("expected a mapping at the top level");
        assertThat(problems("model: m\n").get(0).message()).contains("nothing to do");
    }

    @Test
    void aMissingFileIsAUserError() {
        assertThatThrownBy(() -> ConfigLoader.load(tmp.resolve("nope.yaml"), ConfigLoader.Options.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("file not found");
    }

    @Test
    void slicesAndConfidenceNeedPredictions() throws IOException {
        assertThat(
                        problems(
                                "model: m\ntrain:\n  command: [x]\ngate:\n  metrics:\n    accuracy: {min: 0.5}\n  slices:\n    column: c\n    metrics:\n      accuracy: {min: 0.5}\n  confidence: {resamples: 500}\n"))
                .extracting(ConfigProblem::message)
                .anyMatch(m -> m.contains("slice rules need per-example predictions"))
                .anyMatch(m -> m.contains("a paired bootstrap needs per-example predictions"));
    }

    private String displayName() {
        Path cwd = Path.of("").toAbsolutePath();
        Path f = tmp.resolve("mlops.yaml").toAbsolutePath();
        return f.startsWith(cwd) ? cwd.relativize(f).toString() : f.toString();
    }
}
