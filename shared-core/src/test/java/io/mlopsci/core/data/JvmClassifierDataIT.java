package io.mlopsci.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample's data checks through the real CLI: they pass on its data and catch a leaked split. */
class JvmClassifierDataIT {

    @TempDir
    Path tmp;

    @Test
    void passesOnTheSampleAndFailsWhenEvalLeaksTrainRows() throws IOException {
        Sandbox repo = Sandbox.of("jvm-classifier", tmp, "main");
        Processes.Result ok = repo.mlops("validate-data");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        JsonNode r =
                Json.mapper().readTree(repo.out("validate-data", "result.json").toFile());
        assertThat(r.path("verdict").asText()).isEqualTo("PASS");
        List<String> ids = new ArrayList<>();
        r.path("criteria").forEach(c -> ids.add(c.path("id").asText()));
        assertThat(ids)
                .contains(
                        "train.id.unique",
                        "eval.segment.allowed",
                        "train.table.class_balance.min",
                        "leakage.keys",
                        "leakage.rows",
                        "drift.amount",
                        "drift.segment",
                        "drift.dataset");
        assertThat(ok.stderr()).contains("scanning data/train.csv").contains("aggregates in one pass");

        // Copy 40 train rows into eval: their ids and whole rows now leak.
        List<String> train = Files.readAllLines(repo.dir().resolve("data/train.csv"));
        List<String> eval = new ArrayList<>(Files.readAllLines(repo.dir().resolve("data/eval.csv")));
        eval.addAll(train.subList(1, 41));
        Files.write(repo.dir().resolve("data/eval.csv"), eval);
        Processes.Result leaked = repo.mlops("validate-data");
        assertThat(leaked.exitCode()).as(leaked.toString()).isEqualTo(1);
        JsonNode f =
                Json.mapper().readTree(repo.out("validate-data", "result.json").toFile());
        assertThat(f.path("summary").asText())
                .startsWith("2 of ")
                .contains("criteria failed: leakage.keys, leakage.rows");
        assertThat(Files.readString(repo.out("validate-data", "report.md")))
                .contains("40 eval rows share a key (id) with" + " train: eval row 1,001");
    }
}
