package io.mlopsci.core.tracking;

import static io.mlopsci.core.tracking.TrackedRuns.args;
import static io.mlopsci.core.tracking.TrackedRuns.concat;
import static io.mlopsci.core.tracking.TrackedRuns.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.testing.MlflowServer;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, item 1, against a real MLflow server: the backends are checked before any work (a
 * server that is down stops the step before the training command starts, naming the server), and
 * a run trained while the server went away is kept and recorded later — by {@code --record-only}
 * or by the next {@code mlops train} — under the one id training was given.
 */
class TrackingPreflightIT {

    @TempDir
    Path tmp;

    @Test
    void aServerThatIsDownStopsTheStepBeforeTheTrainingCommandStarts() throws IOException {
        try (MlflowServer server = MlflowServer.start(tmp.resolve("server"), MlflowServer.Options.plain())) {
            String model = "pre-" + UUID.randomUUID().toString().substring(0, 8);
            server.stop();
            Sandbox repo = Sandbox.of("jvm-classifier", tmp.resolve("repo"), "main");
            Path started = tmp.resolve("started.txt");
            String[] mlflow = {
                "--set",
                "tracking.uri=" + server.uri(),
                "--set",
                "model=" + model,
                "--set",
                "tracking.retries=1",
                "--set",
                command(started, "")
            };

            Processes.Result train = repo.mlops(args("train", concat(mlflow, "--no-cache")));

            assertThat(train.exitCode()).as(train.toString()).isEqualTo(3);
            assertThat(train.stderr())
                    .contains("preflight: the tracking backend that train needs is not usable, so nothing was started")
                    .contains("MLflow at " + server.uri() + " is unavailable")
                    .doesNotContain("train | ");
            assertThat(started).as("the training command never started").doesNotExist();
            JsonNode result = read(repo.out("train", "result.json"));
            assertThat(result.path("exitCode").asInt()).isEqualTo(3);
            assertThat(result.path("error").path("kind").asText()).isEqualTo("infrastructure");
            assertThat(result.path("error").path("message").asText()).contains(server.uri());

            // `mlops run`: one preflight for every step, before the first (not even validate-data runs).
            Processes.Result run = repo.mlops(args("run", mlflow));
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            assertThat(run.stderr())
                    .contains("plan: validate-data (")
                    .contains("MLflow at " + server.uri() + " is unavailable")
                    .doesNotContain("[mlops validate-data");
            assertThat(started).doesNotExist();
            JsonNode summary = read(repo.out("result.json"));
            assertThat(summary.path("exitCode").asInt()).isEqualTo(3);
            assertThat(summary.path("error").path("message").asText()).contains("preflight");
            assertThat(summary.path("steps").findValuesAsText("summary"))
                    .contains("not run: the preflight failed")
                    .doesNotContain("all 64 criteria passed");
            assertThat(repo.out("validate-data", "result.json")).doesNotExist();
        }
    }

    @Test
    void aRunTrainedWhileTheServerWentAwayIsRecordedLaterUnderItsOneId() throws IOException {
        try (MlflowServer server = MlflowServer.start(tmp.resolve("server"), MlflowServer.Options.plain())) {
            String model = "kept-" + UUID.randomUUID().toString().substring(0, 8);
            Sandbox repo = Sandbox.of("jvm-classifier", tmp.resolve("repo"), "main");
            Path started = tmp.resolve("started.txt");
            String[] mlflow = {
                "--set", "tracking.uri=" + server.uri(), "--set", "model=" + model, "--set", "tracking.retries=1"
            };

            // 1. The server dies while the model trains: the step fails (exit 3), the outputs stay.
            String killing = command(started, kill(server));
            Processes.Result lost = repo.mlops(args("train", concat(mlflow, "--set", killing)));
            assertThat(lost.exitCode()).as(lost.toString()).isEqualTo(3);
            String runId = lines(started).get(0);
            assertThat(runId).matches("[0-9a-f]{32}");
            assertThat(lost.stderr())
                    .contains("MLflow at " + server.uri() + " is unavailable")
                    .contains("The trained outputs are kept")
                    .contains("`mlops train --record-only` records them as run " + runId + " without training again");
            Path pending = repo.out("train", "pending-run.json");
            assertThat(read(pending).path("runId").asText()).isEqualTo(runId);
            byte[] model1 = Files.readAllBytes(repo.out("train", "output", "model.json"));

            server.restart();
            JsonNode info = TrackedRuns.info(server, runId);
            assertThat(info.path("status").asText())
                    .as("the run MLOPS_RUN_ID named exists, started")
                    .isEqualTo("RUNNING");
            assertThat(TrackedRuns.tags(server, runId)).doesNotContainKey("mlops.run.complete");
            assertThat(server.runs(model, "tags.`mlops.run.complete` = 'true'")).isEmpty();

            // 2. --record-only records the kept outputs as that very run, without training.
            Processes.Result recorded = repo.mlops(args("train", concat(mlflow, "--record-only", "--set", killing)));
            assertThat(recorded.exitCode()).as(recorded.toString()).isZero();
            assertThat(lines(started)).as("no second training").hasSize(1);
            assertThat(recorded.stderr()).contains("recording run " + runId).doesNotContain("train | ");
            JsonNode result = read(repo.out("train", "result.json"));
            assertThat(result.path("outputs").path("runId").asText()).isEqualTo(runId);
            assertThat(result.path("model").path("runId").asText()).isEqualTo(runId);
            assertThat(result.path("cache").path("runId").asText()).isEqualTo(runId);
            assertThat(TrackedRuns.info(server, runId).path("status").asText()).isEqualTo("FINISHED");
            assertThat(TrackedRuns.tags(server, runId)).containsEntry("mlops.run.complete", "true");
            assertThat(TrackedRuns.mlflowArtifacts(server, runId).get("model/model.json"))
                    .isEqualTo(model1);
            assertThat(pending).doesNotExist();
            assertThat(server.runs(model, null)).hasSize(1);

            // 3. Again, other params: now a plain `mlops train` (same inputs) finds the kept outputs and records them.
            String[] epochs =
                    concat(mlflow, "--set", "train.params.epochs=301", "--set", command(started, kill(server)));
            Processes.Result lostAgain = repo.mlops(args("train", epochs));
            assertThat(lostAgain.exitCode()).as(lostAgain.toString()).isEqualTo(3);
            String second = lines(started).get(1);
            server.restart();
            Processes.Result again = repo.mlops(args("train", epochs));
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(lines(started))
                    .as("the kept outputs were recorded, not retrained")
                    .hasSize(2);
            assertThat(again.stderr())
                    .contains("run " + second + " was trained")
                    .contains("without training again");
            assertThat(read(repo.out("train", "result.json"))
                            .path("outputs")
                            .path("runId")
                            .asText())
                    .isEqualTo(second);
            assertThat(TrackedRuns.info(server, second).path("status").asText()).isEqualTo("FINISHED");
            assertThat(server.runs(model, null)).hasSize(2);

            // 4. With the same inputs, the next train is an ordinary run cache hit on that run.
            Processes.Result hit = repo.mlops(args("train", epochs));
            assertThat(hit.exitCode()).as(hit.toString()).isZero();
            assertThat(read(repo.out("train", "result.json"))
                            .path("cache")
                            .path("runId")
                            .asText())
                    .isEqualTo(second);
            assertThat(lines(started)).hasSize(2);
        }
    }

    /** train.command: note MLOPS_RUN_ID in {@code started}, run {@code before}, then train as the sample does. */
    private static String command(Path started, String before) {
        return "train.command=[sh, -c, 'echo \"$MLOPS_RUN_ID\" >> " + started + "; " + before
                + " exec java src/Train.java \"$@\"', sh, --train, \"${data.train}\", --eval, \"${data.eval}\","
                + " --out, \"${train.output}\"]";
    }

    /** A shell command (ending in ';') that SIGKILLs the server and its workers. */
    private static String kill(MlflowServer server) {
        return "kill -9 " + server.pids().stream().map(String::valueOf).collect(Collectors.joining(" ")) + ";";
    }

    private static List<String> lines(Path f) throws IOException {
        return Files.readAllLines(f).stream().filter(l -> !l.isBlank()).toList();
    }
}
