package io.mlopsci.core.e2e;

import static io.mlopsci.core.e2e.MlflowEndToEndIT.auc;
import static io.mlopsci.core.e2e.MlflowEndToEndIT.criterion;
import static io.mlopsci.core.e2e.MlflowEndToEndIT.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-scoring the champion is engine logic: the same with the embedded local registry as with MLflow. */
class LocalRescoreEndToEndIT {

    @TempDir
    Path tmp;

    @Test
    void theChampionIsRescoredOnChangedEvalDataAndCachedInTheLocalRegistry() throws IOException {
        Sandbox repo = Sandbox.of("jvm-classifier", tmp, "main");
        Processes.Result first = repo.mlops("run", "--config", "mlops.yaml");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        String championRun = read(repo.out("train", "result.json"))
                .path("outputs")
                .path("runId")
                .asText();

        List<String> lines = Files.readAllLines(repo.dir().resolve("data/eval.csv"));
        Files.write(repo.dir().resolve("data/eval.csv"), lines.subList(0, 601));
        repo.git("checkout", "-q", "-b", "smaller-eval");
        Processes.Result second = repo.mlops("run", "--config", "mlops.yaml");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        JsonNode gate = read(repo.out("evaluate-gate", "result.json"));
        JsonNode rescored = gate.path("outputs").path("baselineRescored");
        assertThat(rescored.path("cached").asBoolean()).isFalse();
        assertThat(rescored.path("rows").asInt()).isEqualTo(600);
        assertThat(gate.path("notes").toString()).contains("compared on the same 600 rows");

        Path cached = repo.dir()
                .resolve(".mlops/registry/runs/" + championRun + "/artifacts/mlops-rescore/"
                        + rescored.path("key").asText() + "/predictions.csv");
        String predictions = Files.readString(cached);
        assertThat(predictions.strip().split("\n")).hasSize(601);
        assertThat(criterion(gate, "roc_auc.max_drop").path("baseline").asDouble())
                .isCloseTo(auc(predictions), Offset.offset(1e-9));

        Processes.Result third = repo.mlops("evaluate-gate", "--config", "mlops.yaml");
        assertThat(third.exitCode()).as(third.toString()).isZero();
        assertThat(read(repo.out("evaluate-gate", "result.json"))
                        .path("outputs")
                        .path("baselineRescored")
                        .path("cached")
                        .asBoolean())
                .isTrue();
        assertThat(third.stderr()).doesNotContain("re-scoring baseline");
    }
}
