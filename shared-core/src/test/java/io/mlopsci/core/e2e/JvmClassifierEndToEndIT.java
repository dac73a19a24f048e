package io.mlopsci.core.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.ResultSchema;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job: `mlops run` on the JVM-only sample, end to end, with the real CLI. */
class JvmClassifierEndToEndIT {

    @TempDir
    Path tmp;

    @Test
    void passesOnMainThenHitsTheCacheThenFailsADegradedModelAgainstTheChampion() throws IOException {
        Sandbox repo = Sandbox.of("jvm-classifier", tmp, "main");

        Processes.Result first = repo.mlops("run", "--config", "mlops.yaml");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        for (String f : new String[] {"result.json", "report.md", "report.xml", "report.html"}) {
            assertThat(repo.out(f)).exists();
            assertThat(repo.out("train", f)).exists();
            assertThat(repo.out("evaluate-gate", f)).exists();
        }
        JsonNode gate =
                Json.mapper().readTree(repo.out("evaluate-gate", "result.json").toFile());
        assertThat(gate.path("verdict").asText()).isEqualTo("PASS");
        assertThat(gate.path("outputs").path("promoted").asBoolean())
                .as("with a deploy section, the canary promotes")
                .isFalse();
        assertThat(gate.path("model").path("version").asText()).isEqualTo("1");
        JsonNode pkg = Json.mapper().readTree(repo.out("package", "result.json").toFile());
        assertThat(pkg.path("verdict").asText()).isEqualTo("PASS");
        assertThat(pkg.path("outputs").path("digest").asText()).startsWith("sha256:");
        assertThat(repo.out("package", "image", "index.json")).exists();
        JsonNode deploy =
                Json.mapper().readTree(repo.out("deploy-canary", "result.json").toFile());
        assertThat(deploy.path("verdict").asText()).as(deploy.toString()).isEqualTo("PASS");
        assertThat(deploy.path("outputs").path("decision").asText()).isEqualTo("promoted");
        JsonNode registry = Json.mapper()
                .readTree(repo.dir()
                        .resolve(".mlops/registry/models/jvm-fraud.json")
                        .toFile());
        assertThat(registry.path("aliases").path("champion").asText()).isEqualTo("1");
        JsonNode run = Json.mapper().readTree(repo.out("result.json").toFile());
        assertThat(run.path("steps").findValuesAsText("step")).contains("package", "deploy-canary");

        Processes.Result second = repo.mlops("run", "--config", "mlops.yaml");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        JsonNode train = Json.mapper().readTree(repo.out("train", "result.json").toFile());
        assertThat(train.path("cache").path("hit").asBoolean())
                .as("rerun with nothing changed hits the cache")
                .isTrue();
        assertThat(second.stderr()).doesNotContain("train | epoch");
        assertThat(Files.readString(repo.out("train", "report.md"))).contains("Run cache hit");
        JsonNode unchanged =
                Json.mapper().readTree(repo.out("deploy-canary", "result.json").toFile());
        assertThat(unchanged.path("outputs").path("decision").asText())
                .as("the same version is already champion")
                .isEqualTo("unchanged");

        Processes.Result degraded = repo.mlops("run", "--config", "mlops.yaml", "--set", "train.params.features=1");
        assertThat(degraded.exitCode()).as(degraded.toString()).isEqualTo(1);
        JsonNode failed =
                Json.mapper().readTree(repo.out("evaluate-gate", "result.json").toFile());
        assertThat(failed.path("verdict").asText()).isEqualTo("FAIL");
        JsonNode drop = null;
        for (JsonNode c : failed.path("criteria")) {
            if (c.path("id").asText().equals("roc_auc.max_drop")) {
                drop = c;
            }
        }
        assertThat(drop).isNotNull();
        assertThat(drop.path("status").asText()).isEqualTo("FAIL");
        assertThat(drop.path("baseline").asDouble())
                .isGreaterThan(drop.path("actual").asDouble());
        assertThat(drop.has("threshold")).isTrue();
        assertThat(Files.readString(repo.out("evaluate-gate", "report.md")))
                .contains("roc\\_auc")
                .contains("max drop");
        JsonNode summary = Json.mapper().readTree(repo.out("result.json").toFile());
        assertThat(summary.path("exitCode").asInt()).isEqualTo(1);
        assertThat(ResultSchema.assertAllValid(repo.out()))
                .as("every step's result.json and the run summary follow the contract's schema")
                .isGreaterThanOrEqualTo(6);
    }
}
