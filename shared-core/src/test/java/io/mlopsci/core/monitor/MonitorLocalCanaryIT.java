package io.mlopsci.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The router's records of a real local canary, monitored end to end with the real CLI: the JVM
 * sample deploys a first version and then a canary next to it (two Java model servers behind the
 * engine's router, smoke traffic from its eval data), the router writes what it proxied, and
 * {@code mlops monitor} reads those files with no extra code — records per version, the features
 * from the request bodies, the champion's scores against its eval predictions, and labels joined
 * to the records by their request id.
 */
class MonitorLocalCanaryIT {

    @TempDir
    Path tmp;

    @Test
    void monitorsWhatTheRouterRecordedDuringTwoDeployments() throws IOException {
        Sandbox repo = Sandbox.of("jvm-classifier", tmp, "main");
        Processes.Result first = repo.mlops("run", "--config", "mlops.yaml");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Processes.Result second = repo.mlops("run", "--config", "mlops.yaml", "--set", "train.params.epochs=250");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        JsonNode deploy =
                Json.mapper().readTree(repo.out("deploy-canary", "result.json").toFile());
        assertThat(deploy.path("notes").toString()).contains("prediction records written to .mlops/records/jvm-fraud");

        Path records = repo.dir().resolve(".mlops/records/jvm-fraud");
        List<Path> files;
        try (Stream<Path> s = Files.list(records)) {
            files = s.sorted().toList();
        }
        assertThat(files)
                .as("every file is closed once the router stops")
                .isNotEmpty()
                .allMatch(f -> f.getFileName().toString().endsWith(".jsonl"));
        Map<String, Long> perVersion = new TreeMap<>();
        Map<String, String> labelsByEvalId = evalLabels(repo.dir().resolve("data/eval.csv"));
        List<String> labels = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                JsonNode r = Json.mapper().readTree(line);
                total++;
                perVersion.merge(r.path("model_version").asText(), 1L, Long::sum);
                assertThat(r.path("timestamp").asText()).endsWith("Z");
                assertThat(r.path("features").has("amount")).isTrue();
                assertThat(r.path("features").has("label"))
                        .as("smoke traffic leaves the label out")
                        .isFalse();
                assertThat(r.path("score").isNumber()).as(line).isTrue();
                // The label arrives later, keyed by the request id the router gave the record.
                labels.add("{\"id\": \"" + r.path("id").asText() + "\", \"label\": "
                        + labelsByEvalId.get(
                                String.valueOf(r.path("features").path("id").asLong())) + "}");
            }
        }
        assertThat(perVersion)
                .as("the first deployment's and the canary's traffic")
                .containsKeys("1", "2");
        Files.write(repo.dir().resolve("labels.jsonl"), labels);

        Processes.Result monitor = repo.mlops(
                "monitor",
                "--config",
                "mlops.yaml",
                "--set",
                "monitor.labels.data=labels.jsonl",
                "--set",
                "monitor.metrics.min_rows=20");
        JsonNode result =
                Json.mapper().readTree(repo.out("monitor", "result.json").toFile());
        assertThat(monitor.exitCode()).as(monitor.toString()).isIn(0, 1);
        assertThat(result.path("verdict").asText()).isIn("PASS", "WARN", "FAIL");
        JsonNode out = result.path("outputs");
        assertThat(out.path("rows").asLong())
                .as("every record the router wrote")
                .isEqualTo(total);
        for (Map.Entry<String, Long> e : perVersion.entrySet()) {
            assertThat(out.path("versionRows").path(e.getKey()).asLong()).isEqualTo(e.getValue());
        }
        String champion = Json.mapper()
                .readTree(repo.dir()
                        .resolve(".mlops/registry/models/jvm-fraud.json")
                        .toFile())
                .path("aliases")
                .path("champion")
                .asText();
        assertThat(out.path("modelVersion").asText()).isEqualTo(champion);
        assertThat(out.path("labelledRows").asLong())
                .as("the champion's records, each joined to its label")
                .isEqualTo(perVersion.get(champion));
        Map<String, String> status = new HashMap<>();
        for (JsonNode c : result.path("criteria")) {
            status.put(c.path("id").asText(), c.path("status").asText());
        }
        assertThat(status)
                .as("nothing that could not be evaluated")
                .doesNotContainValue("ERROR")
                .containsKeys(
                        "drift.amount",
                        "drift.segment",
                        "unseen.segment",
                        "prediction_drift.score",
                        "prediction_drift.prediction",
                        "metric.roc_auc.min",
                        "live.amount.range",
                        "volume.rows",
                        "freshness.newest_age");
        assertThat(status.get("live.segment.allowed")).isEqualTo("PASS");
        assertThat(status.get("freshness.newest_age")).isEqualTo("PASS");
        assertThat(out.path("drift").has("id")).as("data.drift excludes the id").isFalse();
        assertThat(Files.readString(repo.out("monitor", "report.md"))).contains("Monitoring history");
        // Kept beside the test reports, to look at what a real canary's monitoring report shows.
        Files.copy(
                repo.out("monitor", "report.md"),
                Path.of("target/canary-monitor.md"),
                StandardCopyOption.REPLACE_EXISTING);

        Processes.Result validate = repo.mlops("validate-config", "--config", "mlops.yaml");
        assertThat(validate.stderr())
                .as("monitor is configured, and listed after the pipeline's steps")
                .contains("steps: validate-data, train, evaluate-gate, package, deploy-canary, rollback, monitor");
    }

    private static Map<String, String> evalLabels(Path eval) throws IOException {
        Map<String, String> out = new HashMap<>();
        List<String> lines = Files.readAllLines(eval);
        List<String> header = List.of(lines.get(0).split(","));
        int id = header.indexOf("id");
        int label = header.indexOf("label");
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            out.put(f[id], f[label]);
        }
        return out;
    }
}
