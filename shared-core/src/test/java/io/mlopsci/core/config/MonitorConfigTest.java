package io.mlopsci.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.ValidationMessage;
import io.mlopsci.contract.result.Severity;
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

/**
 * The monitor section and the router's records: defaults taken from the other sections, every
 * mistake with file:line:column, and the JSON Schema agreeing with the loader.
 */
class MonitorConfigTest {

    @TempDir
    Path tmp;

    static final String HEAD = """
            model: fraud
            data:
              train: data/train.csv
              label: label
              columns: {amount: {type: number, min: 0}, id: {type: integer, unique: true}}
              drift: {method: jensenshannon, warn: 0.05, fail: 0.15, exclude: [id], reference: train, current: train}
            gate:
              metrics:
                roc_auc: {min: 0.8, change: {max_drop: 0.01}}
                f1: {min: 0.7, severity: warn}
                latency_p95_ms: {max: 50}
              confidence: {resamples: 500, level: 0.9, seed: 3}
              promote: {alias: prod}
            train:
              metrics: model/metrics.json
              predictions: model/predictions.csv
            """;

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
    void defaultsComeFromTheOtherSections() throws IOException {
        MlopsConfig c = load(HEAD.replace(", reference: train, current: train", "")
                        .replace("  train: data/train.csv\n", "  train: data/train.csv\n  eval: data/eval.csv\n")
                + """
                deploy:
                  serve: {command: [java, Serve.java]}
                monitor:
                  labels: {data: labels/*.jsonl}
                """);
        MonitorConfig m = c.monitor();
        assertThat(m.data()).as("the router's records").containsExactly(".mlops/records/fraud");
        assertThat(m.dataFromDeploy()).isTrue();
        assertThat(c.deploy().records().enabled()).isTrue();
        assertThat(c.deploy().records().maxFileBytes()).isEqualTo(64L << 20);
        assertThat(m.window()).isEqualTo(Duration.ofHours(24));
        assertThat(m.alias()).as("deploy's alias, the gate's promotion alias").isEqualTo("prod");
        assertThat(m.columns().timestamp()).isEqualTo("timestamp");
        assertThat(m.columns().features()).isEqualTo("features");
        assertThat(m.drift().method()).as("data.drift's").isEqualTo(DataConfig.Method.JENSENSHANNON);
        assertThat(m.drift().thresholds().fail()).isEqualTo(0.15);
        assertThat(m.drift().exclude()).containsExactly("id");
        assertThat(m.drift().reference()).isEqualTo(DataConfig.Role.TRAIN);
        assertThat(m.drift().current()).isEqualTo(DataConfig.Role.LIVE);
        assertThat(m.predictionDrift().reference()).isEqualTo(DataConfig.Role.PREDICTIONS);
        assertThat(m.predictionDrift().shareFail())
                .as("no share rule for two columns")
                .isNull();
        assertThat(m.metrics().rules())
                .extracting(GateConfig.MetricRule::name)
                .as("the gate's bounded, computable metrics")
                .containsExactly("roc_auc", "f1");
        assertThat(m.metrics().confidence().resamples()).isEqualTo(500);
        assertThat(m.metrics().inconclusive()).isEqualTo(Severity.WARN);
        assertThat(m.metrics().minRows()).isEqualTo(100);
        assertThat(m.freshness().maxAge()).isEqualTo(Duration.ofHours(24));
        assertThat(m.unknownVersions()).isEqualTo(MonitorConfig.OnUnknown.ERROR);
        assertThat(m.retrainOn()).containsExactly(MonitorConfig.RetrainOn.DRIFT, MonitorConfig.RetrainOn.METRIC);
        assertThat(m.labels().id()).isEqualTo("id");
        assertThat(m.rules().exclude()).isEmpty();
        assertThat(m.unseen().maxFraction()).isEqualTo(0.01);
        assertThat(m.history()).isEqualTo(14);
    }

    @Test
    void aFullSection() throws IOException {
        MlopsConfig c = load(HEAD.replace(", reference: train, current: train", "")
                        .replace("  train: data/train.csv\n", "  train: data/train.csv\n  eval: data/eval.csv\n")
                + """
                monitor:
                  data: [logs/*.parquet, more/]
                  window: since-last-run
                  first_window: 6h
                  alias: champion
                  columns: {timestamp: ts, id: request_id, model_version: v, prediction: yhat, score: p, features: x}
                  labels: {data: labels.csv, id: rid, label: y, window: 72h, unknown_ids: warn}
                  drift: {method: psi, fail: 0.3, share: {warn: 0.2, fail: 0.4}}
                  prediction_drift: false
                  rules: {exclude: [id]}
                  unseen_categories: {max_fraction: 0, severity: warn}
                  metrics: {use: [roc_auc], min_rows: 500, inconclusive: fail}
                  volume: {min_rows: 1000, max_rows: 5000000}
                  freshness: {max_age: 2h, severity: warn}
                  unknown_versions: ignore
                  retrain_on: [drift, prediction_drift, metric]
                  reference: data/frozen.parquet
                  history: 30
                """);
        MonitorConfig m = c.monitor();
        assertThat(m.data()).containsExactly("logs/*.parquet", "more/");
        assertThat(m.window()).isNull();
        assertThat(m.firstWindow()).isEqualTo(Duration.ofHours(6));
        assertThat(m.columns()).isEqualTo(new MonitorConfig.Columns("ts", "request_id", "v", "yhat", "p", "x"));
        assertThat(m.labels().window()).isEqualTo(Duration.ofHours(72));
        assertThat(m.labels().unknownIds()).isEqualTo(MonitorConfig.OnUnknown.WARN);
        assertThat(m.drift().method()).isEqualTo(DataConfig.Method.PSI);
        assertThat(m.drift().thresholds().fail()).isEqualTo(0.3);
        assertThat(m.drift().shareWarn()).isEqualTo(0.2);
        assertThat(m.predictionDrift()).isNull();
        assertThat(m.rules().exclude()).containsExactly("id");
        assertThat(m.unseen().severity()).isEqualTo(Severity.WARN);
        assertThat(m.metrics().rules()).extracting(GateConfig.MetricRule::name).containsExactly("roc_auc");
        assertThat(m.metrics().inconclusive()).isEqualTo(Severity.FAIL);
        assertThat(m.volume().maxRows()).isEqualTo(5_000_000L);
        assertThat(m.freshness().maxAge()).isEqualTo(Duration.ofHours(2));
        assertThat(m.retrainOn()).hasSize(3);
        assertThat(m.reference()).isEqualTo(tmp.resolve("data/frozen.parquet"));
        assertThat(m.history()).isEqualTo(30);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "monitor: {data: r, windw: 24h}|3:20|'monitor.windw': unknown key 'windw'; did you mean 'window'?",
                "monitor: {data: r, window: yesterday}|3:28|'monitor.window': expected a duration such as 90s",
                "monitor: {data: r, retrain_on: [drift, metrics]}|3:40|'monitor.retrain_on[1]': expected one of drift,"
                        + " prediction_drift, metric, rules, volume, freshness, got 'metrics' (did you mean 'metric'?)",
                "monitor: {data: r, unknown_versions: maybe}|3:38|'monitor.unknown_versions': expected one of error,"
                        + " fail, warn, ignore",
                "monitor: {data: r, metrics: {use: [latency_p95_ms]}}|3:36|'monitor.metrics.use[0]': 'latency_p95_ms'"
                        + " is not a gate metric with a min or max that can be computed",
                "monitor: {data: r, metrics: {min_rows: 10}}|3:20|'monitor.metrics': live metrics need"
                        + " monitor.labels",
                "monitor: {data: r, experiment: fraud-prod}|3:32|'monitor.experiment': applies only to an MLflow"
                        + " tracking.uri",
                "monitor: {data: r, drift: {reference: eval}}|3:28|'monitor.drift.reference': unknown key"
                        + " 'reference'",
                "monitor: {window: 24h}|3:10|'monitor.data': missing required field 'data'",
                "monitor: {data: r, rules: {exclude: [velocity]}}|3:37|'monitor.rules.exclude': 'velocity' has no"
                        + " rules in data.columns",
                "monitor: {data: r, first_window: 6h}|3:34|'monitor.first_window': applies only to 'window:"
                        + " since-last-run'"
            })
    void mistakesAreNamedWithTheirPlace(String monitor, String at, String message) throws IOException {
        String yaml = "model: fraud\ndata: {train: t.csv, label: label, columns: {amount: {min: 0}}}\n" + monitor
                + "\ngate: {metrics: {roc_auc: {min: 0.8}, latency_p95_ms: {max: 50}}}\n";
        List<String> p = problems(yaml);
        assertThat(p).as(yaml).anyMatch(x -> x.contains(":" + at + ": ") && x.contains(message));
    }

    @Test
    void labelsNeedAGateMetricToCheck() throws IOException {
        List<String> p = problems("model: m\nmonitor:\n  data: r\n  labels: {data: l}\n");
        assertThat(p)
                .anyMatch(x -> x.contains("'monitor.labels': labels are joined to compute live metrics, whose"
                        + " bounds come from gate.metrics"));
    }

    @Test
    void theRoutersRecordsAreOnlyTheLocalAndDockerTargets() throws IOException {
        List<String> p = problems("""
                model: m
                deploy:
                  target: kubernetes
                  records: {enabled: true, max_file_size: tiny}
                """);
        assertThat(p).anyMatch(x -> x.contains("'deploy.records.enabled': only the local and docker targets"));
        assertThat(p).anyMatch(x -> x.contains("'deploy.records.max_file_size': expected a size such as 64MB"));
        MlopsConfig c = load("""
                model: m
                data: {eval: e.csv}
                deploy:
                  serve: {command: [x]}
                  records: {dir: logs, max_file_size: 1MiB, rotate_every: 10m, max_files: 3}
                """);
        assertThat(c.deploy().records().dir()).isEqualTo(tmp.resolve("logs"));
        assertThat(c.deploy().records().maxFileBytes()).isEqualTo(1L << 20);
        assertThat(c.deploy().records().rotateEvery()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.deploy().records().maxFiles()).isEqualTo(3);
    }

    @Test
    void theSchemaAgreesWithTheLoader() throws IOException {
        String good = HEAD.replace(", reference: train, current: train", "")
                        .replace("  train: data/train.csv\n", "  train: data/train.csv\n  eval: data/eval.csv\n")
                + """
                deploy:
                  serve: {command: [java, Serve.java]}
                  records: {max_file_size: 16MB, rotate_every: 30m, max_files: 10}
                monitor:
                  data: [records]
                  window: since-last-run
                  labels: {data: labels, window: 48h}
                  drift: {method: ks, p_value: {fail: 0.001}}
                  prediction_drift: {method: psi}
                  unseen_categories: false
                  metrics: {use: [roc_auc], inconclusive: warn}
                  retrain_on: [drift, metric]
                """;
        load(good);
        Set<ValidationMessage> errors =
                SchemaTest.schema().validate(SchemaTest.toJson(YamlParser.parse(good, "good.yaml")));
        assertThat(errors).isEmpty();
        String bad = "model: m\nmonitor: {data: r, window: sometimes, retrain_on: [never]}\n";
        assertThat(SchemaTest.schema().validate(SchemaTest.toJson(YamlParser.parse(bad, "bad.yaml"))))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(problems(bad)).hasSizeGreaterThanOrEqualTo(2);
    }
}
