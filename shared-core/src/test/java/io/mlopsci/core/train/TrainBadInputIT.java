package io.mlopsci.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input of the train step, through the real CLI: a clear message, the right exit code, a
 * complete result.json, no stale outputs, nothing lost from the registry.
 */
class TrainBadInputIT {

    @TempDir
    Path tmp;

    /** A project whose training is a shell script: {@code script} runs with the MLOPS_* environment. */
    Sandbox project(String script, String extraTrain, String gate) {
        String yaml = "model: m\ntrain:\n  command: " + Json.string(script) + "\n  shell: true\n  timeout: 20s\n"
                + extraTrain + (gate == null ? "" : "gate:\n" + gate);
        return Sandbox.inline(tmp, "p", "main", Map.of("mlops.yaml", yaml));
    }

    static final String WRITE_METRICS = "echo '{\"accuracy\": 0.9}' > \"$MLOPS_METRICS_FILE\"";

    JsonNode result(Sandbox s, String step) throws IOException {
        return Json.mapper().readTree(s.out(step, "result.json").toFile());
    }

    @Test
    void commandNotFound() throws IOException {
        Sandbox s = Sandbox.inline(
                tmp, "p", "main", Map.of("mlops.yaml", "model: m\ntrain:\n  command: [no-such-trainer, --fast]\n"));
        Processes.Result r = s.mlops("train");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).contains("cannot start 'no-such-trainer'").contains("PATH");
        JsonNode res = result(s, "train");
        assertThat(res.path("verdict").asText()).isEqualTo("ERROR");
        assertThat(res.path("error").path("kind").asText()).isEqualTo("command");
    }

    @Test
    void nonZeroExitShowsTheCodeAndTheLastOutput() throws IOException {
        Sandbox s = project("echo loading data; echo 'CUDA out of patience' >&2; exit 3", "", null);
        Processes.Result r = s.mlops("train");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("exited with code 3").contains("CUDA out of patience");
        assertThat(r.stderr()).contains("train | loading data");
    }

    @Test
    void timeoutStopsTheWholeProcessTree() throws IOException, InterruptedException {
        // Durations no other process on the machine uses, so the check below finds only these.
        Sandbox s = project("(sleep 30.0417; touch late-child) & sleep 30.0419; touch late-parent", "", null);
        s.write("mlops.yaml", s.read("mlops.yaml").replace("timeout: 20s", "timeout: 2s"));
        Processes.Result r = s.mlops("train");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("did not finish within train.timeout (2.0 s)");
        Thread.sleep(1500);
        assertThat(s.dir().resolve("late-child")).doesNotExist();
        assertThat(s.dir().resolve("late-parent")).doesNotExist();
        assertThat(ProcessHandle.allProcesses()
                        .map(p -> p.info().commandLine().orElse(""))
                        .anyMatch(c -> c.contains("sleep 30.0417") || c.contains("sleep 30.0419")))
                .isFalse();
    }

    @Test
    void missingMetricsFileAndNoStaleFileFromAnEarlierRun() throws IOException {
        Sandbox s = project(WRITE_METRICS, "", null);
        assertThat(s.mlops("train").exitCode()).isZero();
        s.write(
                "mlops.yaml",
                s.read("mlops.yaml").replace(WRITE_METRICS.replace("\"", "\\\""), "echo forgot to write metrics"));
        Processes.Result r = s.mlops("train", "--no-cache");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).contains("no metrics file at .mlops/out/train/output/metrics.json");
    }

    @Test
    void metricsThatAreStringsAreRejected() throws IOException {
        Sandbox s = project("echo '{\"accuracy\": \"0.93\", \"f1\": true}' > \"$MLOPS_METRICS_FILE\"", "", null);
        Processes.Result r = s.mlops("train");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr())
                .contains("'accuracy' is a string (\"0.93\"); expected a number")
                .contains("'f1' is boolean");
    }

    @Test
    void metricsThatAreNotJsonNameLineAndColumn() throws IOException {
        Sandbox s = project("printf '{\\n  \"accuracy\": 0.9,\\n  oops\\n}' > \"$MLOPS_METRICS_FILE\"", "", null);
        Processes.Result r = s.mlops("train");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).containsPattern("metrics.json:3:\\d+: not valid JSON");
    }

    @Test
    void nanAndInfinityAreRecordedAndTheGateFailsClosed() throws IOException {
        Sandbox s = project(
                "echo '{\"accuracy\": NaN, \"loss\": Infinity}' > \"$MLOPS_METRICS_FILE\"",
                "",
                "  metrics:\n    accuracy: {min: 0.5}\n    loss: {direction: lower, max: 1}\n");
        Processes.Result train = s.mlops("train");
        assertThat(train.exitCode()).as(train.toString()).isZero();
        Processes.Result gate = s.mlops("evaluate-gate");
        assertThat(gate.exitCode()).as(gate.toString()).isEqualTo(1);
        JsonNode res = result(s, "evaluate-gate");
        assertThat(res.path("verdict").asText()).isEqualTo("FAIL");
        for (JsonNode c : res.path("criteria")) {
            assertThat(c.path("status").asText()).isEqualTo("ERROR");
            assertThat(c.path("message").asText()).containsAnyOf("is NaN", "is +∞");
        }
    }

    @Test
    void predictionsWithAMissingColumn() throws IOException {
        Sandbox s = project(
                WRITE_METRICS + "; printf 'id,label,pred\\n1,0,0\\n' > \"$MLOPS_OUTPUT_DIR/p.csv\"",
                "  predictions: \"${train.output}/p.csv\"\n",
                // The columns the gate reads are required (a score-only file needs no prediction).
                "  metrics:\n    accuracy: {min: 0.5, source: computed}\n");
        Processes.Result r = s.mlops("train");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr())
                .contains("p.csv:1: missing column 'prediction'")
                .contains("the header has: id, label, pred");
    }

    @Test
    void predictionsWithUnequalRowLengths() throws IOException {
        Sandbox s = project(
                WRITE_METRICS + "; printf 'id,label,prediction\\n1,0,0\\n2,1\\n' > \"$MLOPS_OUTPUT_DIR/p.csv\"",
                "  predictions: \"${train.output}/p.csv\"\n",
                null);
        Processes.Result r = s.mlops("train");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("p.csv:3: the row has 2 fields, the header has 3");
    }

    @Test
    void aCorruptRegistryIsAnInfrastructureErrorAndIsLeftAsItWas() throws IOException {
        Sandbox s = project(WRITE_METRICS, "", null);
        assertThat(s.mlops("train").exitCode()).isZero();
        Path format = s.dir().resolve(".mlops/registry/format.json");
        Files.writeString(format, "{ not json");
        Processes.Result r = s.mlops("train", "--no-cache");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stderr()).contains("format.json is corrupt");
        assertThat(result(s, "train").path("error").path("kind").asText()).isEqualTo("infrastructure");
        assertThat(Files.readString(format)).isEqualTo("{ not json");
        assertThat(Files.list(s.dir().resolve(".mlops/registry/runs")).count()).isEqualTo(1);
    }

    @Test
    void aReadOnlyRegistryIsAnInfrastructureError() throws IOException {
        Sandbox s = project(WRITE_METRICS, "", null);
        assertThat(s.mlops("train").exitCode()).isZero();
        Path registry = s.dir().resolve(".mlops/registry");
        // A read-only bind mount in a private mount namespace: what a read-only volume looks like, even to root.
        List<String> cmd = new ArrayList<>(List.of(
                "unshare",
                "-m",
                "sh",
                "-c",
                "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" && exec \"$@\"",
                registry.toString()));
        cmd.addAll(s.mlopsCommand("train", "--no-cache"));
        Processes.Result probe =
                Processes.run(List.of("unshare", "-m", "true"), null, Map.of(), Duration.ofSeconds(10));
        io.mlopsci.core.testing.Requirements.require(probe.exitCode() == 0, "unshare -m (mount namespaces)");
        Processes.Result r = s.exec(cmd);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stderr())
                .contains("cannot write the local registry .mlops/registry")
                .contains("Read-only file system");
        assertThat(Files.list(registry.resolve("runs")).count()).isEqualTo(1);
    }

    @Test
    void twoConcurrentTrainRunsOnOneRegistryBothLand() throws Exception {
        Sandbox s = project(WRITE_METRICS + "; sleep 1", "", "  metrics:\n    accuracy: {min: 0.5}\n");
        Path second = tmp.resolve("out2");
        CompletableFuture<Processes.Result> a = CompletableFuture.supplyAsync(() -> s.mlops("train", "--no-cache"));
        CompletableFuture<Processes.Result> b =
                CompletableFuture.supplyAsync(() -> s.mlops("train", "--no-cache", "--out", second.toString()));
        assertThat(a.get().exitCode()).as(a.get().toString()).isZero();
        assertThat(b.get().exitCode()).as(b.get().toString()).isZero();
        try (var runs = Files.list(s.dir().resolve(".mlops/registry/runs"))) {
            assertThat(runs.filter(d -> Files.isRegularFile(d.resolve("run.json")))
                            .count())
                    .isEqualTo(2);
        }
        assertThat(s.mlops("evaluate-gate").exitCode()).isZero();
        assertThat(s.mlops("evaluate-gate", "--out", second.toString()).exitCode())
                .isZero();
        JsonNode model = Json.mapper()
                .readTree(s.dir().resolve(".mlops/registry/models/m.json").toFile());
        assertThat(model.path("versions")).hasSize(2);
    }

    @Test
    void theCommandGetsPathsAndParamsAsEnvironmentNotThroughAShell() throws IOException {
        Sandbox s = Sandbox.inline(tmp, "p", "main", Map.of("mlops.yaml", """
                model: m
                train:
                  command: [sh, -c, 'printf "%s" "$1" > "$MLOPS_OUTPUT_DIR/arg"; env | grep ^MLOPS_ | sort > "$MLOPS_OUTPUT_DIR/env"; echo "{\\"accuracy\\": 1}" > "$MLOPS_METRICS_FILE"', x, "${env.HOSTILE}"]
                  params: {learning-rate: 0.1}
                """));
        s.env("HOSTILE", "$(touch pwned); `touch pwned2`");
        Processes.Result r = s.mlops("train");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(s.read(".mlops/out/train/output/arg")).isEqualTo("$(touch pwned); `touch pwned2`");
        assertThat(s.dir().resolve("pwned")).doesNotExist();
        assertThat(s.dir().resolve("pwned2")).doesNotExist();
        assertThat(s.read(".mlops/out/train/output/env"))
                .contains("MLOPS_PARAM_LEARNING_RATE=0.1")
                .contains("MLOPS_PARAMS_JSON={\"learning-rate\":\"0.1\"}")
                .contains("MLOPS_MODEL_NAME=m");
    }

    @Test
    void secretsInTheEnvironmentNeverReachTheLogOrTheResult() throws IOException {
        String token = "ghp_s3cr3tT0kenValue42";
        Sandbox s = project(
                "echo \"using $API_TOKEN and $DB_PASSWORD\"; echo \"failed with $API_TOKEN\" >&2; exit 1", "", null);
        s.env("API_TOKEN", token).env("DB_PASSWORD", "hunter2hunter2");
        Processes.Result r = s.mlops("train");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr())
                .contains("train | using *** and ***")
                .contains("failed with ***")
                .doesNotContain(token)
                .doesNotContain("hunter2hunter2");
        for (String f : new String[] {"result.json", "report.md", "report.xml", "report.html"}) {
            assertThat(Files.readString(s.out("train", f)))
                    .as(f)
                    .doesNotContain(token)
                    .doesNotContain("hunter2hunter2");
        }
        assertThat(Files.readString(s.out("train", "result.json"))).contains("failed with ***");
    }
}
