package io.mlopsci.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.testing.MlflowServer;
import io.mlopsci.core.testing.ProductionLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring with a real MLflow server: the champion's run records its datasets (MLflow dataset
 * inputs, and the tags monitor reads), each window becomes a run in the monitoring experiment with
 * its numbers, tags and reports, the champion's version is tagged with the last window, and
 * "since the last monitor run" is read back from MLflow. Checked through MLflow's own REST API.
 */
class MonitorMlflowIT {

    @TempDir
    Path dir;

    @Test
    void aRunPerWindowInTheMonitoringExperimentAndTheNextWindowStartsWhereTheLastEnded() throws Exception {
        MlflowServer server = MlflowServer.shared();
        String id = UUID.randomUUID().toString().substring(0, 8);
        String model = "fraud-" + id;
        String experiment = "exp-" + id;
        String[] tracking = {"tracking.uri=" + server.uri(), "tracking.experiment=" + experiment};
        ProductionLogs world = new ProductionLogs(5, Instant.parse("2026-02-01T00:00:00Z"), 3, 400, 3, "1");
        world.writeTraining(dir.resolve("data/train.csv"), dir.resolve("model/predictions.csv"), 800);
        Files.writeString(dir.resolve("model/metrics.json"), "{\"loss\": 0.4}");
        Files.writeString(dir.resolve("mlops.yaml"), """
                model: %s
                data:
                  train: data/train.csv
                  label: label
                train:
                  metrics: model/metrics.json
                  predictions: model/predictions.csv
                gate:
                  metrics:
                    roc_auc: {min: 0.7}
                monitor:
                  data: records
                  window: since-last-run
                  drift: {exclude: [id]}
                """.formatted(model));
        EngineRun.champion(dir, tracking);
        world.writeDays(dir.resolve("records"), dir.resolve("labels"));

        EngineRun first = EngineRun.monitor(dir, world.endOf(2), tracking);
        assertThat(first.result().verdict()).as(first + "\n" + first.stderr()).isEqualTo(Verdict.PASS);
        assertThat(first.outputs().windowStart())
                .as("the first window: 24h")
                .isEqualTo(world.endOf(1).toString());
        EngineRun second = EngineRun.monitor(dir, world.endOf(3), tracking);
        assertThat(second.result().verdict()).as(second.toString()).isEqualTo(Verdict.FAIL);
        assertThat(second.outputs().windowStart())
                .as("since the last monitor run, read from MLflow")
                .isEqualTo(world.endOf(2).toString());

        // The training run's datasets, as MLflow shows them.
        String trainRun = first.result().model().runId();
        JsonNode inputs = server.get("runs/get", Map.of("run_id", trainRun))
                .path("run")
                .path("inputs")
                .path("dataset_inputs");
        assertThat(inputs).hasSize(1);
        assertThat(inputs.get(0).path("dataset").path("name").asText()).isEqualTo("train.csv");
        assertThat(inputs.get(0).path("dataset").path("source_type").asText()).isEqualTo("local");
        assertThat(MlflowServer.tags(inputs.get(0).path("tags"))).containsEntry("mlflow.data.context", "training");

        // A run per window in "<experiment>-monitoring".
        String expId = server.get("experiments/get-by-name", Map.of("experiment_name", experiment + "-monitoring"))
                .path("experiment")
                .path("experiment_id")
                .asText();
        JsonNode runs = server.post(
                        "runs/search",
                        Map.of(
                                "experiment_ids",
                                List.of(expId),
                                "filter",
                                "tags.`mlops.model` = '" + model + "'",
                                "order_by",
                                List.of("attributes.start_time ASC")))
                .path("runs");
        assertThat(runs).hasSize(2);
        JsonNode drifted = runs.get(1);
        Map<String, String> tags = MlflowServer.tags(drifted.path("data").path("tags"));
        assertThat(tags)
                .containsEntry("mlops.kind", "monitor")
                .containsEntry("mlops.monitor.model_version", "1")
                .containsEntry("mlops.monitor.alias", "champion")
                .containsEntry("mlops.monitor.window_start", world.endOf(2).toString())
                .containsEntry("mlops.monitor.window_end", world.endOf(3).toString())
                .containsEntry("mlops.monitor.verdict", "FAIL")
                .containsEntry("mlops.monitor.retrain", "true")
                .containsEntry("mlops.monitor.complete", "true")
                .containsEntry("mlops.ci.system", "jenkins");
        assertThat(drifted.path("info").path("run_id").asText())
                .isEqualTo(second.outputs().recordId());
        List<String> metrics = new ArrayList<>();
        drifted.path("data")
                .path("metrics")
                .forEach(m -> metrics.add(m.path("key").asText()));
        assertThat(metrics).contains("rows", "drift.amount", "drift.segment", "drift_share", "prediction_drift.score");
        JsonNode files = server.get(
                        "artifacts/list",
                        Map.of("run_id", drifted.path("info").path("run_id").asText(), "path", "reports/monitor"))
                .path("files");
        List<String> reports = new ArrayList<>();
        files.forEach(f -> reports.add(f.path("path").asText()));
        assertThat(reports).contains("reports/monitor/report.md", "reports/monitor/result.json");

        // The champion's version says how its last window went.
        JsonNode version = server.get("model-versions/get", Map.of("name", model, "version", "1"))
                .path("model_version");
        Map<String, String> versionTags = MlflowServer.tags(version.path("tags"));
        assertThat(versionTags)
                .containsEntry("mlops.monitor.last_verdict", "FAIL")
                .containsEntry("mlops.monitor.last_record", second.outputs().recordId())
                .containsEntry("mlops.monitor.last_retrain", "true");
        assertThat(second.report("report.md")).contains("Monitoring history").contains("Drift of amount over time");
    }
}
