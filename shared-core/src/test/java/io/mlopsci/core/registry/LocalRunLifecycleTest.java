package io.mlopsci.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local registry's side of issue 18: a run started before its work keeps its id; records are written once. */
class LocalRunLifecycleTest {

    @TempDir
    Path tmp;

    private static RunRecord run(String id) {
        return new RunRecord(
                id,
                "fraud",
                "2026-01-01T00:00:00Z",
                10,
                Map.of(),
                Map.of("roc_auc", 0.9),
                Map.of(RunRecord.TAG_KIND, RunRecord.KIND_TRAINED),
                Map.of(),
                "key",
                List.of(),
                null,
                "metrics.json");
    }

    @Test
    void aStartedRunIsInvisibleUntilRecordedUnderTheSameIdAndThenWrittenOnce() throws IOException {
        LocalRegistry r = LocalRegistry.open(tmp.resolve("registry"), "registry");
        assertThat(r.check(Registry.Part.TRACKING, "fraud")).isEqualTo("local registry registry");
        String id = r.startRun(run(null));
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(r.findRun(id)).as("started, not recorded").isEmpty();
        assertThat(r.findRunByCacheKey("fraud", "key")).isEmpty();

        Path metrics = Files.writeString(tmp.resolve("metrics.json"), "{\"roc_auc\": 0.9}");
        RunRecord stored = r.logRun(run(id), Map.of("metrics.json", metrics));
        assertThat(stored.runId()).isEqualTo(id);
        assertThat(r.findRunByCacheKey("fraud", "key")).map(RunRecord::runId).contains(id);

        // Recording it again (a retry after a lost answer) changes nothing.
        byte[] before =
                Files.readAllBytes(tmp.resolve("registry/runs").resolve(id).resolve("run.json"));
        Files.writeString(metrics, "{\"roc_auc\": 0.1}");
        RunRecord again = r.logRun(run(id), Map.of("metrics.json", metrics));
        assertThat(again).isEqualTo(stored);
        assertThat(Files.readAllBytes(tmp.resolve("registry/runs").resolve(id).resolve("run.json")))
                .isEqualTo(before);
        assertThat(Files.readString(tmp.resolve("registry/runs").resolve(id).resolve("artifacts/metrics.json")))
                .isEqualTo("{\"roc_auc\": 0.9}");
    }

    @Test
    void aFailedStartedRunLeavesNothing() {
        LocalRegistry r = LocalRegistry.open(tmp.resolve("registry"), "registry");
        String id = r.startRun(run(null));
        assertThat(tmp.resolve("registry/runs").resolve(id)).isDirectory();
        r.failRun(id, "training failed");
        assertThat(tmp.resolve("registry/runs").resolve(id)).doesNotExist();
        assertThat(r.versionOfRun("fraud", id)).isEmpty();
    }

    @Test
    void theVersionOfARunIsFoundWithoutRegisteringAgain() {
        LocalRegistry r = LocalRegistry.open(tmp.resolve("registry"), "registry");
        String id = r.logRun(run(null), Map.of()).runId();
        assertThat(r.versionOfRun("fraud", id)).isEmpty();
        ModelVersion v = r.registerVersion("fraud", id, Map.of());
        assertThat(r.versionOfRun("fraud", id)).contains(v);
        assertThat(r.versions("fraud")).hasSize(1);
    }
}
