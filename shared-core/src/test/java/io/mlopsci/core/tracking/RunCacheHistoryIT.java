package io.mlopsci.core.tracking;

import static io.mlopsci.core.tracking.TrackedRuns.args;
import static io.mlopsci.core.tracking.TrackedRuns.differences;
import static io.mlopsci.core.tracking.TrackedRuns.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.testing.MlflowServer;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, items 3 and 4, on the JVM sample with a real MLflow server and with the local registry:
 * a run cache hit leaves the reused run byte-identical and records its own reports under a run of
 * its own that the registry's history shows beside the original; and when the reused run is the
 * champion, the gate says so, sets the change rules apart as not applicable, and its notes say that
 * nothing moved.
 */
class RunCacheHistoryIT {

    private static final List<String> CHANGE_RULES = List.of("roc_auc.max_drop", "f1.max_relative_drop");

    @TempDir
    Path tmp;

    @Test
    void mlflowCacheHitOnTheChampionKeepsItsRunAndSaysTheCandidateIsTheChampion() throws IOException {
        MlflowServer server = MlflowServer.shared();
        String model = "hist-" + UUID.randomUUID().toString().substring(0, 8);
        String[] mlflow = {"--set", "tracking.uri=" + server.uri(), "--set", "model=" + model};
        Sandbox repo = Sandbox.of("jvm-classifier", tmp.resolve("repo"), "main");

        Processes.Result first = repo.mlops(args("run", mlflow));
        assertThat(first.exitCode()).as(first.toString()).isZero();
        String original = read(repo.out("train", "result.json"))
                .path("outputs")
                .path("runId")
                .asText();
        assertThat(alias(server, model, "champion")).isEqualTo("1");
        Map<String, byte[]> artifacts = TrackedRuns.mlflowArtifacts(server, original);
        assertThat(artifacts)
                .containsKeys("model/model.json", "reports/train/report.md", "reports/evaluate-gate/result.json");
        Map<String, String> tags = TrackedRuns.tags(server, original);
        JsonNode data =
                server.get("runs/get", Map.of("run_id", original)).path("run").path("data");

        // The same commit again: a run cache hit on the champion's own run.
        Processes.Result second = repo.mlops(args("run", mlflow));
        assertThat(second.exitCode()).as(second.toString()).isZero();
        JsonNode train = read(repo.out("train", "result.json"));
        assertThat(train.path("cache").path("hit").asBoolean()).isTrue();
        assertThat(train.path("cache").path("runId").asText()).isEqualTo(original);
        String invocation = train.path("outputs").path("invocationRunId").asText();
        assertThat(invocation).matches("[0-9a-f]{32}").isNotEqualTo(original);

        // Item 3: the original run is exactly as it was trained and gated.
        assertThat(differences(artifacts, TrackedRuns.mlflowArtifacts(server, original)))
                .as("artifacts of run " + original)
                .isEmpty();
        assertThat(TrackedRuns.tags(server, original)).isEqualTo(tags);
        assertThat(server.get("runs/get", Map.of("run_id", original))
                        .path("run")
                        .path("data"))
                .isEqualTo(data);
        // ... and the history shows both runs: the new one records this invocation and links to it.
        assertThat(server.runs(model, null).stream()
                        .map(r -> r.path("info").path("run_id").asText())
                        .toList())
                .containsExactly(invocation, original);
        Map<String, String> reuseTags = TrackedRuns.tags(server, invocation);
        assertThat(reuseTags)
                .containsEntry("mlops.run.kind", "reused")
                .containsEntry("mlops.reused_run_id", original)
                .containsEntry("mlflow.parentRunId", original)
                .containsEntry("mlops.gate.verdict", "PASS")
                .containsEntry("mlops.gate.candidate_is_champion", "true")
                .containsEntry("mlops.model.version", "1")
                .doesNotContainKeys("mlops.cache.key", "mlops.gate.baseline_version");
        Map<String, byte[]> reused = TrackedRuns.mlflowArtifacts(server, invocation);
        assertThat(new String(reused.get("reports/train/report.md"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("Run cache hit");
        assertThat(read(reused.get("reports/evaluate-gate/result.json"))
                        .path("outputs")
                        .path("candidateIsChampion")
                        .asBoolean())
                .isTrue();
        assertThat(reused.keySet()).noneMatch(k -> k.startsWith("model/"));

        // Item 4: the gate compared nothing with itself, and says nothing moved.
        JsonNode gate = read(repo.out("evaluate-gate", "result.json"));
        assertSelfComparison(gate, second.stderr());
        assertThat(versions(server, model)).containsExactly("1");
        assertThat(alias(server, model, "champion")).isEqualTo("1");

        // A gate run again on its own records under yet another run; the invocation's run is not rewritten.
        Map<String, byte[]> invocationArtifacts = TrackedRuns.mlflowArtifacts(server, invocation);
        Processes.Result gateAgain = repo.mlops(args("evaluate-gate", mlflow));
        assertThat(gateAgain.exitCode()).as(gateAgain.toString()).isZero();
        String third = read(repo.out("evaluate-gate", "result.json"))
                .path("outputs")
                .path("invocationRunId")
                .asText();
        assertThat(third).isNotIn(original, invocation);
        assertThat(TrackedRuns.tags(server, third)).containsEntry("mlops.reused_run_id", original);
        assertThat(differences(invocationArtifacts, TrackedRuns.mlflowArtifacts(server, invocation)))
                .isEmpty();
        assertThat(differences(artifacts, TrackedRuns.mlflowArtifacts(server, original)))
                .isEmpty();
    }

    @Test
    void localRegistryCacheHitOnTheChampionKeepsItsRunAndSaysTheCandidateIsTheChampion() throws IOException {
        Sandbox repo = Sandbox.of("jvm-classifier", tmp.resolve("repo"), "main");
        Processes.Result first = repo.mlops(args("run"));
        assertThat(first.exitCode()).as(first.toString()).isZero();
        String original = read(repo.out("train", "result.json"))
                .path("outputs")
                .path("runId")
                .asText();
        Path runs = repo.dir().resolve(".mlops/registry/runs");
        Map<String, byte[]> files = TrackedRuns.localFiles(runs.resolve(original));
        assertThat(files).containsKeys("run.json", "artifacts/model/model.json", "artifacts/reports/train/report.md");

        Processes.Result second = repo.mlops(args("run"));
        assertThat(second.exitCode()).as(second.toString()).isZero();
        JsonNode train = read(repo.out("train", "result.json"));
        assertThat(train.path("cache").path("hit").asBoolean()).isTrue();
        String invocation = train.path("outputs").path("invocationRunId").asText();
        assertThat(invocation).isNotEqualTo(original);

        assertThat(differences(files, TrackedRuns.localFiles(runs.resolve(original))))
                .as("files of run " + original)
                .isEmpty();
        try (Stream<Path> s = Files.list(runs)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(original, invocation);
        }
        JsonNode reuse = read(runs.resolve(invocation).resolve("run.json"));
        assertThat(reuse.path("tags").path("mlops.run.kind").asText()).isEqualTo("reused");
        assertThat(reuse.path("tags").path("mlops.reused_run_id").asText()).isEqualTo(original);
        assertThat(reuse.path("tags").path("mlops.gate.verdict").asText()).isEqualTo("PASS");
        assertThat(Files.readString(runs.resolve(invocation).resolve("artifacts/reports/train/report.md")))
                .contains("Run cache hit");

        JsonNode gate = read(repo.out("evaluate-gate", "result.json"));
        assertSelfComparison(gate, second.stderr());
        JsonNode models = read(repo.dir().resolve(".mlops/registry/models/jvm-fraud.json"));
        assertThat(models.path("versions").findValuesAsText("version")).containsExactly("1");
        assertThat(models.path("aliases").path("champion").asText()).isEqualTo("1");
    }

    private static void assertSelfComparison(JsonNode gate, String stderr) {
        assertThat(gate.path("verdict").asText()).isEqualTo("PASS");
        assertThat(gate.path("outputs").path("candidateIsChampion").asBoolean()).isTrue();
        assertThat(gate.path("outputs").path("championVersion").asText()).isEqualTo("1");
        assertThat(gate.path("outputs").has("baselineVersion")).isFalse();
        List<String> ids = gate.path("criteria").findValuesAsText("id");
        assertThat(ids).contains("roc_auc.min", "log_loss.max").doesNotContainAnyElementsOf(CHANGE_RULES);
        assertThat(gate.path("outputs").path("notApplicable").findValuesAsText("id"))
                .containsExactlyElementsOf(CHANGE_RULES);
        assertThat(gate.path("outputs").path("notApplicable").findValuesAsText("reason"))
                .allMatch(r -> r.contains("the candidate is champion version 1 itself"));
        assertThat(gate.path("summary").asText())
                .contains("2 change rules not applicable: the candidate is champion v1");
        List<String> notes = new ArrayList<>();
        gate.path("notes").forEach(n -> notes.add(n.asText()));
        assertThat(notes).noneMatch(n -> n.contains("Promoted"));
        assertThat(notes)
                .anyMatch(n -> n.startsWith("The candidate is the champion"))
                .anyMatch(n -> n.contains("is already version 1 (nothing new registered)")
                        && n.contains("Version 1 is already 'champion': nothing was promoted"));
        assertThat(gate.path("outputs").path("promoted").asBoolean()).isFalse();
        assertThat(gate.path("outputs").path("versionCreated").asBoolean()).isFalse();
        assertThat(gate.path("sections").findValuesAsText("title")).contains("Not applicable: change rules");
        assertThat(stderr).doesNotContain("re-scoring baseline").contains("the candidate is champion v1");
    }

    private static String alias(MlflowServer server, String model, String alias) {
        return server.get("registered-models/alias", Map.of("name", model, "alias", alias))
                .path("model_version")
                .path("version")
                .asText();
    }

    private static List<String> versions(MlflowServer server, String model) {
        return server
                .get("model-versions/search", Map.of("filter", "name = '" + model + "'"))
                .path("model_versions")
                .findValuesAsText("version")
                .stream()
                .sorted()
                .toList();
    }
}
