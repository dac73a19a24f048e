package io.mlopsci.core.e2e;

import static io.mlopsci.core.e2e.MlflowEndToEndIT.alias;
import static io.mlopsci.core.e2e.MlflowEndToEndIT.args;
import static io.mlopsci.core.e2e.MlflowEndToEndIT.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.testing.MlflowServer;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLflow server is killed (SIGKILL) in the middle of a step, by the step's own command: the
 * step ends with exit 3 and a message saying what exists, and after a restart MLflow holds a
 * consistent state — no half-recorded run in the cache, no half-registered model — from which a
 * rerun carries on.
 */
class MlflowServerDownIT {

    @TempDir
    Path tmp;

    @Test
    void serverKilledDuringTrainingOrBeforeRegistrationLeavesAConsistentState() throws IOException {
        try (MlflowServer server = MlflowServer.start(tmp.resolve("server"), MlflowServer.Options.plain())) {
            String model = "down-" + UUID.randomUUID().toString().substring(0, 8);
            String[] mlflow = {
                "--set", "tracking.uri=" + server.uri(), "--set", "model=" + model, "--set", "tracking.retries=1"
            };
            Sandbox repo = Sandbox.of("jvm-classifier", tmp.resolve("repo"), "main");

            // A. Killed while training runs: the run training was given stays incomplete, nothing of it is recorded.
            Processes.Result train = repo.mlops(args(
                    "train",
                    "--config",
                    "mlops.yaml",
                    concat(
                            mlflow,
                            "--set",
                            "train.command=[sh, -c, '" + kill(server)
                                    + "; exec java src/Train.java \"$@\"', sh, --train,"
                                    + " \"${data.train}\", --eval, \"${data.eval}\", --out, \"${train.output}\"]")));
            assertThat(train.exitCode()).as(train.toString()).isEqualTo(3);
            assertThat(train.stderr())
                    .contains("MLflow at " + server.uri() + " is unavailable")
                    .contains("nothing of it is recorded")
                    .contains("The trained outputs are kept");
            JsonNode failed = read(repo.out("train", "result.json"));
            assertThat(failed.path("exitCode").asInt()).isEqualTo(3);
            assertThat(failed.path("error").path("kind").asText()).isEqualTo("infrastructure");
            server.restart();
            List<JsonNode> started = server.runs(model, null);
            assertThat(started)
                    .as("the run started for training, and nothing more")
                    .hasSize(1);
            assertThat(started.get(0).path("info").path("status").asText()).isEqualTo("RUNNING");
            assertThat(MlflowServer.tags(started.get(0).path("data").path("tags")))
                    .doesNotContainKey("mlops.run.complete");
            assertThat(server.runs(model, "tags.`mlops.run.complete` = 'true'"))
                    .as("no complete run")
                    .isEmpty();

            // The same pipeline with the server up (another command, so the kept outputs do not fit and are
            // discarded, their run marked FAILED): trains, registers and promotes version 1.
            Processes.Result first = repo.mlops(args("run", "--config", "mlops.yaml", mlflow));
            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(first.stderr()).contains("were discarded: the inputs changed since they were trained");
            assertThat(server.get(
                                    "runs/get",
                                    Map.of(
                                            "run_id",
                                            started.get(0)
                                                    .path("info")
                                                    .path("run_id")
                                                    .asText()))
                            .path("run")
                            .path("info")
                            .path("status")
                            .asText())
                    .isEqualTo("FAILED");
            assertThat(alias(server, model, "champion")).isEqualTo("1");

            // B. Killed after the candidate run is logged, while the gate re-scores the champion: no version is
            // registered.
            Processes.Result gate = repo.mlops(
                    args(
                            "run",
                            "--config",
                            "mlops.yaml",
                            concat(
                                    mlflow,
                                    "--set",
                                    "train.params.epochs=301",
                                    "--set",
                                    "gate.evaluate.command=[sh, -c, '" + kill(server)
                                            + "; exec java src/Score.java \"$@\"', sh,"
                                            + " --model, \"${baseline.model_dir}\", --data, \"${data.eval}\", --out, \"${baseline.predictions}\"]")));
            assertThat(gate.exitCode()).as(gate.toString()).isEqualTo(3);
            String candidateRun = read(repo.out("train", "result.json"))
                    .path("outputs")
                    .path("runId")
                    .asText();
            JsonNode gateResult = read(repo.out("evaluate-gate", "result.json"));
            String message = gateResult.path("error").path("message").asText();
            assertThat(message)
                    .contains("the gate passed")
                    .contains("registering the model failed")
                    .contains("run " + candidateRun + " is recorded")
                    .contains("no model version of it was registered")
                    .contains("aliases are unchanged");
            assertThat(read(repo.out("result.json")).path("exitCode").asInt()).isEqualTo(3);

            server.restart();
            JsonNode run =
                    server.get("runs/get", Map.of("run_id", candidateRun)).path("run");
            assertThat(run.path("info").path("status").asText()).isEqualTo("FINISHED");
            Map<String, String> tags = MlflowServer.tags(run.path("data").path("tags"));
            assertThat(tags).containsEntry("mlops.run.complete", "true").doesNotContainKey("mlops.gate.verdict");
            assertThat(versions(server, model)).containsExactly("1");
            assertThat(alias(server, model, "champion")).isEqualTo("1");
            assertThat(alias(server, model, "candidate")).isEqualTo("1");

            // The gate again, server up: the same run is registered once, as version 2, as the
            // candidate; the sample has a deploy section, so the champion moves only after a canary.
            Processes.Result rerun = repo.mlops(args(
                    "evaluate-gate", "--config", "mlops.yaml", concat(mlflow, "--set", "train.params.epochs=301")));
            assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
            assertThat(versions(server, model)).containsExactly("1", "2");
            assertThat(server.get("model-versions/get", Map.of("name", model, "version", "2"))
                            .path("model_version")
                            .path("run_id")
                            .asText())
                    .isEqualTo(candidateRun);
            assertThat(alias(server, model, "candidate")).isEqualTo("2");
            assertThat(alias(server, model, "champion")).isEqualTo("1");
            assertThat(read(repo.out("evaluate-gate", "result.json"))
                            .path("outputs")
                            .path("promoted")
                            .asBoolean())
                    .isFalse();
        }
    }

    /** A shell command that SIGKILLs the server and its workers. */
    private static String kill(MlflowServer server) {
        return "kill -9 " + server.pids().stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    private static List<String> versions(MlflowServer server, String model) {
        JsonNode r = server.get("model-versions/search", Map.of("filter", "name = '" + model + "'"));
        return r.path("model_versions").findValuesAsText("version").stream()
                .sorted()
                .toList();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
