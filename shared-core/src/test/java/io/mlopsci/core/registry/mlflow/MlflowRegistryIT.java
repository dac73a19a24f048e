package io.mlopsci.core.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.registry.AliasChange;
import io.mlopsci.core.registry.ModelVersion;
import io.mlopsci.core.registry.RunRecord;
import io.mlopsci.core.testing.MlflowServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MLflow backend against a real MLflow server; every result is checked through MLflow's own REST API. */
class MlflowRegistryIT {

    @TempDir
    Path tmp;

    MlflowServer server;
    String model;
    String experiment;

    @BeforeEach
    void server() {
        server = MlflowServer.shared();
        String id = UUID.randomUUID().toString().substring(0, 8);
        model = "fraud-" + id;
        experiment = "exp-" + id;
    }

    private MlflowRegistry registry(String... overrides) {
        return MlflowTestConfigs.open(tmp.resolve("cfg"), model, server.uri(), experiment, Map.of(), overrides);
    }

    private RunRecord sampleRun(String cacheKey) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("roc_auc", 0.91);
        metrics.put("loss", 0.25);
        metrics.put("eval.f1(macro)", 0.8);
        metrics.put("bad", Double.NaN);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("mlops.git.sha", "0123456789abcdef0123456789abcdef01234567");
        tags.put("mlops.git.branch", "main");
        tags.put("mlops.ci.system", "github-actions");
        tags.put("mlops.ci.build_url", "https://ci.example/build/7");
        tags.put("mlops.ci.pull_request", "42");
        tags.put("mlops.cache.key", cacheKey);
        return new RunRecord(
                "engine-run-1",
                model,
                "2026-01-02T03:04:05Z",
                1234,
                Map.of("epochs", "300", "lr", "0.1"),
                metrics,
                tags,
                Map.of("data/train.csv", "ab12"),
                cacheKey,
                List.of(),
                "predictions.csv",
                "metrics.json",
                Map.of("loss", List.of(0.7, 0.4, 0.25)));
    }

    private Map<String, Path> sampleArtifacts() throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("sub"));
        Files.writeString(out.resolve("model.json"), "{\"w\": [1, 2]}");
        Files.writeString(out.resolve("sub/notes with space.txt"), "héllo");
        Path metrics = tmp.resolve("metrics.json");
        Files.writeString(metrics, "{\"roc_auc\": 0.91}");
        Path preds = tmp.resolve("predictions.csv");
        Files.writeString(preds, "id,label,prediction\n1,1,1\n");
        Map<String, Path> a = new LinkedHashMap<>();
        a.put("model", out);
        a.put("metrics.json", metrics);
        a.put("predictions.csv", preds);
        return a;
    }

    @Test
    void logsOneCompleteRunWithParamsStepMetricsTagsAndArtifacts() throws IOException {
        RunRecord stored;
        try (MlflowRegistry r = registry()) {
            stored = r.logRun(sampleRun("key-1"), sampleArtifacts());
        }
        assertThat(stored.runId()).matches("[0-9a-f]{32}");
        assertThat(stored.artifacts())
                .containsExactly(
                        "metrics.json", "model/model.json", "model/sub/notes with space.txt", "predictions.csv");

        JsonNode run = server.get("runs/get", Map.of("run_id", stored.runId())).path("run");
        assertThat(run.path("info").path("status").asText()).isEqualTo("FINISHED");
        assertThat(run.path("info").path("start_time").asLong()).isEqualTo(1767323045000L);
        Map<String, String> params = MlflowServer.tags(run.path("data").path("params"));
        assertThat(params).containsEntry("epochs", "300").containsEntry("lr", "0.1");
        Map<String, String> tags = MlflowServer.tags(run.path("data").path("tags"));
        assertThat(tags)
                .containsEntry("mlops.git.sha", "0123456789abcdef0123456789abcdef01234567")
                .containsEntry("mlops.git.branch", "main")
                .containsEntry("mlops.ci.system", "github-actions")
                .containsEntry("mlops.ci.build_url", "https://ci.example/build/7")
                .containsEntry("mlops.ci.pull_request", "42")
                .containsEntry("mlops.cache.key", "key-1")
                .containsEntry("mlops.model", model)
                .containsEntry("mlops.run.complete", "true")
                .containsEntry("mlflow.source.git.commit", "0123456789abcdef0123456789abcdef01234567");
        Map<String, Double> metrics = new LinkedHashMap<>();
        run.path("data")
                .path("metrics")
                .forEach(
                        m -> metrics.put(m.path("key").asText(), m.path("value").asDouble()));
        assertThat(metrics)
                .containsEntry("roc_auc", 0.91)
                .containsEntry("loss", 0.25)
                .containsEntry("eval.f1_macro_", 0.8)
                .containsKey("bad");
        JsonNode history = server.get("metrics/get-history", Map.of("run_id", stored.runId(), "metric_key", "loss"));
        assertThat(history.path("metrics").findValuesAsText("step")).containsExactly("0", "1", "2");
        assertThat(history.path("metrics").findValues("value").stream()
                        .map(JsonNode::asDouble)
                        .toList())
                .containsExactly(0.7, 0.4, 0.25);

        String uri = run.path("info").path("artifact_uri").asText();
        assertThat(new String(server.artifact(uri, "model/model.json"), StandardCharsets.UTF_8))
                .isEqualTo("{\"w\": [1, 2]}");
        assertThat(new String(server.artifact(uri, "model/sub/notes with space.txt"), StandardCharsets.UTF_8))
                .isEqualTo("héllo");
        assertThat(new String(server.artifact(uri, "predictions.csv"), StandardCharsets.UTF_8))
                .startsWith("id,label");
    }

    @Test
    void findsRunsByIdAndByCacheKeyFromAnotherMachineWithExactValues() throws IOException {
        RunRecord stored;
        try (MlflowRegistry r = registry()) {
            stored = r.logRun(sampleRun("key-2"), sampleArtifacts());
        }
        // A fresh client, as on another CI agent: nothing cached in memory.
        try (MlflowRegistry other =
                MlflowTestConfigs.open(tmp.resolve("other"), model, server.uri(), experiment, Map.of())) {
            RunRecord hit = other.findRunByCacheKey(model, "key-2").orElseThrow();
            assertThat(hit.runId()).isEqualTo(stored.runId());
            assertThat(hit.metrics().get("eval.f1(macro)")).isEqualTo(0.8);
            assertThat(hit.metrics().get("bad")).isNaN();
            assertThat(hit.metricSteps().get("loss")).containsExactly(0.7, 0.4, 0.25);
            assertThat(hit.dataHashes()).containsEntry("data/train.csv", "ab12");
            assertThat(hit.predictions()).isEqualTo("predictions.csv");
            assertThat(other.findRunByCacheKey(model, "key-other")).isEmpty();
            assertThat(other.findRunByCacheKey("another-model", "key-2")).isEmpty();

            Path fetched = other.fetchArtifacts(hit.runId(), "model", tmp.resolve("fetch"));
            assertThat(Files.readString(fetched.resolve("sub/notes with space.txt")))
                    .isEqualTo("héllo");
            Path file = other.fetchArtifacts(hit.runId(), "metrics.json", tmp.resolve("fetch2"));
            assertThat(Files.readString(file)).isEqualTo("{\"roc_auc\": 0.91}");
            assertThatThrownBy(() -> other.fetchArtifacts(hit.runId(), "nope.csv", tmp.resolve("fetch3")))
                    .isInstanceOf(MlopsException.class)
                    .hasMessageContaining("'nope.csv'")
                    .hasMessageContaining("missing");

            other.tagRun(hit.runId(), Map.of("mlops.gate.verdict", "PASS"));
            Path extra = tmp.resolve("report.md");
            Files.writeString(extra, "# report");
            other.logArtifacts(hit.runId(), "reports/train", extra);
        }
        try (MlflowRegistry third =
                MlflowTestConfigs.open(tmp.resolve("third"), model, server.uri(), experiment, Map.of())) {
            RunRecord again = third.findRun(stored.runId()).orElseThrow();
            assertThat(again.tags()).containsEntry("mlops.gate.verdict", "PASS");
            assertThat(again.artifacts()).contains("reports/train", "model/model.json");
        }
        JsonNode run = server.get("runs/get", Map.of("run_id", stored.runId())).path("run");
        assertThat(MlflowServer.tags(run.path("data").path("tags"))).containsEntry("mlops.gate.verdict", "PASS");
        assertThat(new String(
                        server.artifact(run.path("info").path("artifact_uri").asText(), "reports/train"),
                        StandardCharsets.UTF_8))
                .isEqualTo("# report");
    }

    @Test
    void ignoresRunsThatAreNotCompleteInTheRunCache() {
        try (MlflowRegistry r = registry()) {
            r.findRunByCacheKey(model, "warm-up"); // creates the experiment
            // A run that died half-way (as another process would leave it): the cache key is there, no completion mark.
            JsonNode exp = server.get("experiments/get-by-name", Map.of("experiment_name", experiment))
                    .path("experiment");
            JsonNode created = server.post(
                    "runs/create",
                    Map.of(
                            "experiment_id",
                            exp.path("experiment_id").asText(),
                            "tags",
                            List.of(
                                    Map.of("key", "mlops.cache.key", "value", "key-3"),
                                    Map.of("key", "mlops.model", "value", model))));
            String id = created.path("run").path("info").path("run_id").asText();
            assertThat(r.findRunByCacheKey(model, "key-3")).isEmpty();
            assertThat(r.findRun(id)).isEmpty();
            assertThat(r.findRun("no-such-run")).isEmpty();
        }
    }

    @Test
    void registersVersionsLinkedToRunsOnceAndMovesAliasesWithHistory() throws IOException {
        try (MlflowRegistry r = registry()) {
            RunRecord a = r.logRun(sampleRun("key-a"), sampleArtifacts());
            RunRecord b = r.logRun(sampleRun("key-b"), sampleArtifacts());
            assertThat(r.versionByAlias(model, "champion")).isEmpty();
            assertThat(r.aliasHistory(model, "champion")).isEmpty();

            ModelVersion v1 = r.registerVersion(model, a.runId(), Map.of("mlops.gate.verdict", "PASS"));
            assertThat(r.registerVersion(model, a.runId(), Map.of()))
                    .as("idempotent per run")
                    .isEqualTo(v1);
            ModelVersion v2 = r.registerVersion(model, b.runId(), Map.of());
            assertThat(v1.version()).isEqualTo("1");
            assertThat(v2.version()).isEqualTo("2");
            assertThat(r.versions(model)).extracting(ModelVersion::version).containsExactly("1", "2");

            JsonNode mv = server.get("model-versions/get", Map.of("name", model, "version", "1"))
                    .path("model_version");
            assertThat(mv.path("run_id").asText()).isEqualTo(a.runId());
            assertThat(mv.path("status").asText()).isEqualTo("READY");
            assertThat(mv.path("source").asText()).endsWith("/" + a.runId() + "/artifacts/model");
            assertThat(MlflowServer.tags(mv.path("tags"))).containsEntry("mlops.gate.verdict", "PASS");

            assertThat(r.setAlias(model, "champion", "1")).isEmpty();
            assertThat(r.setAlias(model, "candidate", "2")).isEmpty();
            assertThat(r.setAlias(model, "champion", "2")).contains("1");
            assertThat(server.get("registered-models/alias", Map.of("name", model, "alias", "champion"))
                            .path("model_version")
                            .path("version")
                            .asText())
                    .isEqualTo("2");
            assertThat(r.versionByAlias(model, "candidate").map(ModelVersion::runId))
                    .contains(b.runId());

            r.deleteAlias(model, "candidate");
            assertThat(r.versionByAlias(model, "candidate")).isEmpty();
            assertThat(server.raw("registered-models/alias", Map.of("name", model, "alias", "candidate"))
                            .statusCode())
                    .isNotEqualTo(200);
            r.deleteAlias(model, "candidate"); // nothing to delete: no error, no history entry

            assertThat(r.aliasHistory(model, "champion"))
                    .extracting(AliasChange::version, AliasChange::previous)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("1", null),
                            org.assertj.core.groups.Tuple.tuple("2", "1"));
            assertThat(r.aliasHistory(model, "candidate"))
                    .extracting(AliasChange::version, AliasChange::previous)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("2", null),
                            org.assertj.core.groups.Tuple.tuple(null, "2"));

            r.tagVersion(model, "2", Map.of("mlops.deploy", "canary-ok"));
            assertThat(r.version(model, "2").orElseThrow().tags()).containsEntry("mlops.deploy", "canary-ok");
            assertThat(r.version(model, "9")).isEmpty();
            assertThatThrownBy(() -> r.setAlias(model, "champion", "9"))
                    .isInstanceOf(MlopsException.class)
                    .hasMessageContaining("no such version");
            assertThat(r.versionByAlias(model, "champion").map(ModelVersion::version))
                    .contains("2");
        }
    }

    @Test
    void anUnreachableServerIsExit3AfterBoundedRetries() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (MlflowRegistry r = MlflowTestConfigs.open(
                tmp, model, "http://127.0.0.1:" + port, experiment, Map.of(), "tracking.retries=2")) {
            assertThatThrownBy(() -> r.findRunByCacheKey(model, "k"))
                    .isInstanceOfSatisfying(
                            MlopsException.class, e -> assertThat(e.exitCode()).isEqualTo(3))
                    .hasMessageContaining("MLflow at http://127.0.0.1:" + port + " is unavailable")
                    .hasMessageContaining("failed 3 times")
                    .hasMessageContaining("connection refused");
        }
    }
}
