package io.mlopsci.core.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.registry.Registry;
import io.mlopsci.core.registry.RunRecord;
import io.mlopsci.core.testing.MlflowServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLflow backend's side of issue 18, against a real server: the preflight's checks, a run
 * started before training and completed under the same id, a failed one marked FAILED with the
 * reason, and a reuse run nested under the run it reused.
 */
class MlflowRunLifecycleIT {

    @TempDir
    Path tmp;

    private static RunRecord run(String id, String model, Map<String, String> tags) {
        return new RunRecord(
                id,
                model,
                "2026-01-02T03:04:05Z",
                10,
                Map.of("epochs", "3"),
                Map.of("roc_auc", 0.9),
                tags,
                Map.of(),
                "k-" + model,
                List.of(),
                null,
                "metrics.json");
    }

    @Test
    void startedRunsAreCompletedUnderTheirIdAndFailedOnesSaySo() throws IOException {
        MlflowServer server = MlflowServer.shared();
        String model = "life-" + UUID.randomUUID().toString().substring(0, 8);
        try (MlflowRegistry r = MlflowTestConfigs.open(tmp.resolve("cfg"), model, server.uri(), model, Map.of())) {
            assertThat(r.check(Registry.Part.TRACKING, model)).contains("will be created");
            assertThat(r.check(Registry.Part.MODEL_REGISTRY, model)).contains("will be created");
            assertThat(r.check(Registry.Part.ARTIFACT_STORE, model)).contains("/api/2.0/mlflow-artifacts");

            String id = r.startRun(run(null, model, Map.of("mlops.git.sha", "abc")));
            JsonNode info = server.get("runs/get", Map.of("run_id", id)).path("run");
            assertThat(info.path("info").path("status").asText()).isEqualTo("RUNNING");
            assertThat(info.path("info").path("start_time").asLong()).isEqualTo(1767323045000L);
            assertThat(r.findRunByCacheKey(model, "k-" + model))
                    .as("not complete yet")
                    .isEmpty();

            Path metrics = Files.writeString(tmp.resolve("metrics.json"), "{\"roc_auc\": 0.9}");
            RunRecord stored =
                    r.logRun(run(id, model, Map.of("mlops.git.sha", "abc")), Map.of("metrics.json", metrics));
            assertThat(stored.runId()).isEqualTo(id);
            assertThat(server.runs(model, null)).hasSize(1);
            JsonNode done = server.get("runs/get", Map.of("run_id", id)).path("run");
            assertThat(done.path("info").path("status").asText()).isEqualTo("FINISHED");
            assertThat(MlflowServer.tags(done.path("data").path("tags")))
                    .containsEntry("mlops.run.complete", "true")
                    .doesNotContainKey("mlops.run.engine_id");
            assertThat(r.logRun(run(id, model, Map.of()), Map.of()).runId())
                    .as("recording a complete run again returns it")
                    .isEqualTo(id);
            assertThat(server.runs(model, null)).hasSize(1);

            String failed = r.startRun(run(null, model, Map.of()));
            r.failRun(failed, "training failed: the command exited with code 2");
            JsonNode f = server.get("runs/get", Map.of("run_id", failed)).path("run");
            assertThat(f.path("info").path("status").asText()).isEqualTo("FAILED");
            assertThat(MlflowServer.tags(f.path("data").path("tags")))
                    .containsEntry("mlops.run.failure", "training failed: the command exited with code 2");

            RunRecord reuse = r.logRun(
                    run(null, model, Map.of(RunRecord.TAG_KIND, RunRecord.KIND_REUSED, RunRecord.TAG_REUSED_RUN, id)),
                    Map.of());
            assertThat(MlflowServer.tags(server.get("runs/get", Map.of("run_id", reuse.runId()))
                            .path("run")
                            .path("data")
                            .path("tags")))
                    .containsEntry("mlflow.parentRunId", id)
                    .containsEntry(RunRecord.TAG_REUSED_RUN, id);
        }
    }

    @Test
    void thePreflightRefusesAnExperimentWhoseArtifactsTheProxyDoesNotServe() {
        MlflowServer server = MlflowServer.shared();
        String name = "direct-" + UUID.randomUUID().toString().substring(0, 8);
        server.post(
                "experiments/create",
                Map.of(
                        "name",
                        name,
                        "artifact_location",
                        tmp.resolve("direct").toUri().toString()));
        try (MlflowRegistry r = MlflowTestConfigs.open(tmp.resolve("cfg"), name, server.uri(), name, Map.of())) {
            assertThatThrownBy(() -> r.check(Registry.Part.TRACKING, name))
                    .isInstanceOf(MlopsException.class)
                    .hasMessageContaining("the experiment '" + name + "' stores its artifacts at 'file:")
                    .hasMessageContaining("does not proxy");
        }
    }

    @Test
    void thePreflightNamesAServerThatIsDown() throws IOException {
        try (MlflowServer server = MlflowServer.start(tmp.resolve("server"), MlflowServer.Options.plain())) {
            server.stop();
            try (MlflowRegistry r = MlflowTestConfigs.open(
                    tmp.resolve("cfg"), "m", server.uri(), "m", Map.of(), "tracking.retries=0")) {
                for (Registry.Part b : Registry.Part.values()) {
                    assertThatThrownBy(() -> r.check(b, "m"))
                            .as(b.name())
                            .isInstanceOf(MlopsException.class)
                            .hasMessageContaining("MLflow at " + server.uri() + " is unavailable");
                }
            }
        }
    }
}
