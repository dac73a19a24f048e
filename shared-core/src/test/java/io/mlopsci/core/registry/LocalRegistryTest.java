package io.mlopsci.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.contract.ExitCodes;
import io.mlopsci.core.error.MlopsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded registry: records, cache index, versions, aliases; concurrency; broken directories.
 * A read-only registry is tested through the CLI on a read-only mount (TrainBadInputIT).
 */
class LocalRegistryTest {

    @TempDir
    Path tmp;

    LocalRegistry open() {
        return LocalRegistry.open(tmp.resolve("registry"), "registry");
    }

    RunRecord run(String cacheKey, double auc) {
        return new RunRecord(
                null,
                "fraud",
                "2026-01-01T00:00:00Z",
                1200,
                Map.of("lr", "0.1"),
                Map.of("roc_auc", auc),
                Map.of("mlops.git.sha", "abc"),
                Map.of("data/train.csv", "ff"),
                cacheKey,
                List.of(),
                null,
                "metrics.json");
    }

    @Test
    void recordsRunsWithArtifactsAndFindsThemByCacheKey() throws IOException {
        LocalRegistry r = open();
        Path model = Files.createDirectories(tmp.resolve("out/model"));
        Files.writeString(model.resolve("weights.bin"), "w");
        Path metrics = Files.writeString(tmp.resolve("out/metrics.json"), "{\"roc_auc\": 0.9}");
        RunRecord stored = r.logRun(run("key1", 0.9), Map.of("model", model, "metrics.json", metrics));
        assertThat(stored.runId()).matches("[0-9a-f]{32}");
        assertThat(stored.artifacts()).containsExactlyInAnyOrder("metrics.json", "model/weights.bin");
        assertThat(r.findRun(stored.runId())).contains(stored);
        assertThat(r.findRunByCacheKey("fraud", "key1")).map(RunRecord::runId).contains(stored.runId());
        assertThat(r.findRunByCacheKey("fraud", "other")).isEmpty();
        assertThat(Files.readString(r.fetchArtifacts(stored.runId(), "model/weights.bin", tmp)))
                .isEqualTo("w");
        assertThatThrownBy(() -> r.fetchArtifacts(stored.runId(), "../../secret", tmp))
                .isInstanceOf(MlopsException.class);
    }

    @Test
    void versionsAliasesAndTheirHistory() {
        LocalRegistry r = open();
        String a = r.logRun(run(null, 0.9), Map.of()).runId();
        String b = r.logRun(run(null, 0.92), Map.of()).runId();
        ModelVersion v1 = r.registerVersion("fraud", a, Map.of());
        ModelVersion v2 = r.registerVersion("fraud", b, Map.of("k", "v"));
        assertThat(r.registerVersion("fraud", a, Map.of()).version())
                .as("registering a run twice")
                .isEqualTo("1");
        assertThat(List.of(v1.version(), v2.version())).containsExactly("1", "2");
        assertThat(r.setAlias("fraud", "champion", "1")).isEmpty();
        assertThat(r.setAlias("fraud", "champion", "2")).contains("1");
        assertThat(r.versionByAlias("fraud", "champion"))
                .map(ModelVersion::runId)
                .contains(b);
        r.tagVersion("fraud", "2", Map.of("image.digest", "sha256:00"));
        assertThat(r.version("fraud", "2").orElseThrow().tags())
                .containsEntry("image.digest", "sha256:00")
                .containsEntry("k", "v");
        r.deleteAlias("fraud", "champion");
        assertThat(r.versionByAlias("fraud", "champion")).isEmpty();
        assertThat(r.aliasHistory("fraud", "champion"))
                .extracting(AliasChange::version)
                .containsExactly("1", "2", null);
        assertThatThrownBy(() -> r.setAlias("fraud", "champion", "9")).hasMessageContaining("no such version");
    }

    @Test
    void concurrentWritersNeverLoseOrDuplicateVersions() throws Exception {
        LocalRegistry r = open();
        int writers = 8;
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < writers * 3; i++) {
            runs.add(r.logRun(run(null, 0.9), Map.of()).runId());
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<ModelVersion>> futures = new ArrayList<>();
        for (String id : runs) {
            // Each thread opens its own registry, as separate processes would.
            futures.add(pool.submit(() ->
                    LocalRegistry.open(tmp.resolve("registry"), "registry").registerVersion("fraud", id, Map.of())));
        }
        Set<String> versions = new HashSet<>();
        for (Future<ModelVersion> f : futures) {
            versions.add(f.get().version());
        }
        pool.shutdown();
        assertThat(versions).hasSize(runs.size());
        assertThat(r.versions("fraud")).hasSize(runs.size());
    }

    @Test
    void aRegistryOnAFileThatIsNotADirectoryIsAnInfrastructureError() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> LocalRegistry.open(file.resolve("registry"), "not-a-dir/registry"))
                .isInstanceOfSatisfying(MlopsException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.INFRASTRUCTURE_ERROR);
                    assertThat(e.getMessage()).contains("cannot write the local registry");
                });
    }

    @Test
    void aCorruptFileIsNamedAndNothingIsOverwritten() throws IOException {
        LocalRegistry r = open();
        String id = r.logRun(run(null, 0.9), Map.of()).runId();
        r.registerVersion("fraud", id, Map.of());
        Path model = tmp.resolve("registry/models/fraud.json");
        Files.writeString(model, "{\"versions\": [ {\"version\": ");
        assertThatThrownBy(() -> r.versionByAlias("fraud", "champion"))
                .isInstanceOfSatisfying(MlopsException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.INFRASTRUCTURE_ERROR);
                    assertThat(e.getMessage()).contains("models/fraud.json is corrupt");
                });
        assertThatThrownBy(() -> r.registerVersion("fraud", id, Map.of())).isInstanceOf(MlopsException.class);
        assertThat(Files.readString(model)).isEqualTo("{\"versions\": [ {\"version\": ");
        Files.writeString(tmp.resolve("registry/format.json"), "{\"format\": \"something-else\"}");
        assertThatThrownBy(this::open).hasMessageContaining("is corrupt");
    }
}
