package io.mlopsci.core.tracking;

import static io.mlopsci.core.tracking.TrackedRuns.args;
import static io.mlopsci.core.tracking.TrackedRuns.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.testing.MlflowServer;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, item 2: one run id everywhere the user sees it — the training command's MLOPS_RUN_ID,
 * every progress line on stderr, {@code train/result.json} (outputs, model and cache) and the
 * backend — with a real MLflow server and with the local registry.
 */
class RunIdentityIT {

    private static final Pattern RUN_ID = Pattern.compile("\\b[0-9a-f]{32}\\b");

    @TempDir
    Path tmp;

    @Test
    void mlflowRunIdIsTheOnlyIdTheUserSees() throws IOException {
        MlflowServer server = MlflowServer.shared();
        String model = "ids-" + UUID.randomUUID().toString().substring(0, 8);
        Sandbox repo = Sandbox.of("jvm-classifier", tmp.resolve("repo"), "main");
        Path seen = tmp.resolve("seen.txt");

        Processes.Result train = repo.mlops(args(
                "train", "--set", "tracking.uri=" + server.uri(), "--set", "model=" + model, "--set", command(seen)));

        assertThat(train.exitCode()).as(train.toString()).isZero();
        String id = Files.readString(seen).strip();
        assertThat(idsOnStderr(train.stderr())).containsExactly(id);
        assertResultNames(read(repo.out("train", "result.json")), id);

        JsonNode info = TrackedRuns.info(server, id);
        assertThat(info.path("run_id").asText()).isEqualTo(id);
        assertThat(info.path("status").asText()).isEqualTo("FINISHED");
        assertThat(server.runs(model, null)).as("one run, no orphan").hasSize(1);
        assertThat(TrackedRuns.tags(server, id))
                .containsEntry("mlops.run.kind", "trained")
                .containsEntry("mlops.run.complete", "true")
                .doesNotContainKey("mlops.run.engine_id");
        // The report attached to the run names the same id.
        JsonNode attached = read(TrackedRuns.mlflowArtifacts(server, id).get("reports/train/result.json"));
        assertResultNames(attached, id);
    }

    @Test
    void localRegistryRunIdIsTheOnlyIdTheUserSees() throws IOException {
        Sandbox repo = Sandbox.of("jvm-classifier", tmp.resolve("repo"), "main");
        Path seen = tmp.resolve("seen.txt");

        Processes.Result train = repo.mlops(args("train", "--set", command(seen)));

        assertThat(train.exitCode()).as(train.toString()).isZero();
        String id = Files.readString(seen).strip();
        assertThat(idsOnStderr(train.stderr())).containsExactly(id);
        assertResultNames(read(repo.out("train", "result.json")), id);
        Path runs = repo.dir().resolve(".mlops/registry/runs");
        try (Stream<Path> s = Files.list(runs)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly(id);
        }
        JsonNode stored = read(runs.resolve(id).resolve("run.json"));
        assertThat(stored.path("runId").asText()).isEqualTo(id);
        assertThat(stored.path("tags").path("mlops.run.kind").asText()).isEqualTo("trained");
    }

    private static void assertResultNames(JsonNode result, String id) {
        assertThat(result.path("outputs").path("runId").asText()).isEqualTo(id);
        assertThat(result.path("outputs").path("invocationRunId").asText()).isEqualTo(id);
        assertThat(result.path("model").path("runId").asText()).isEqualTo(id);
        assertThat(result.path("cache").path("runId").asText()).isEqualTo(id);
        assertThat(result.path("summary").asText()).contains(id);
    }

    /** Every 32-hex-digit id on the engine's own stderr lines (the training's output aside). */
    private static Set<String> idsOnStderr(String stderr) {
        Set<String> ids = new LinkedHashSet<>();
        for (String line : stderr.split("\n")) {
            if (!line.startsWith("[mlops")) {
                continue;
            }
            Matcher m = RUN_ID.matcher(line);
            while (m.find()) {
                ids.add(m.group());
            }
        }
        return ids;
    }

    private static String command(Path seen) {
        return "train.command=[sh, -c, 'echo \"$MLOPS_RUN_ID\" > " + seen
                + "; exec java src/Train.java \"$@\"', sh, --train, \"${data.train}\", --eval, \"${data.eval}\","
                + " --out, \"${train.output}\"]";
    }
}
