package io.mlopsci.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.step.EngineVersion;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI contract: help, version, exit codes, stdout for requested output only, result.json always. */
class CliIT {

    @TempDir
    Path tmp;

    Sandbox sandbox(String yaml) {
        return Sandbox.inline(tmp, "p", "main", Map.of("mlops.yaml", yaml));
    }

    static final String OK = """
            model: m
            train:
              command: [sh, -c, 'echo "{\\"accuracy\\": 0.95}" > "$MLOPS_METRICS_FILE"']
            gate:
              metrics:
                accuracy: {min: 0.9}
            """;

    @Test
    void versionPrintsTheEngineVersion() {
        Processes.Result r = sandbox(OK).mlops("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout().trim()).isEqualTo(EngineVersion.tool());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "validate-data",
                "train",
                "evaluate-gate",
                "package",
                "deploy-canary",
                "rollback",
                "run",
                "validate-config"
            })
    void everyCommandHasHelp(String command) {
        Processes.Result r = sandbox(OK).mlops(command, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("Usage: mlops " + command).contains("--config");
    }

    @Test
    void aTypoIsAUsageErrorWithASuggestion() {
        Processes.Result r = sandbox(OK).mlops("evalute-gate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("evaluate-gate");
        assertThat(sandbox2().mlops("train", "--no-cahce").exitCode()).isEqualTo(2);
    }

    Sandbox sandbox2() {
        return Sandbox.inline(tmp, "q", "main", Map.of("mlops.yaml", OK));
    }

    @Test
    void stdoutCarriesOnlyTheRequestedJson() throws IOException {
        Sandbox s = sandbox(OK);
        Processes.Result train = s.mlops("train");
        assertThat(train.stdout()).isEmpty();
        assertThat(train.stderr()).contains("[mlops train").contains("recording run");
        Processes.Result gate = s.mlops("evaluate-gate", "--json");
        assertThat(gate.exitCode()).isZero();
        JsonNode printed = Json.mapper().readTree(gate.stdout());
        JsonNode written =
                Json.mapper().readTree(s.out("evaluate-gate", "result.json").toFile());
        assertThat(printed).isEqualTo(written);
        assertThat(printed.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(printed.path("step").asText()).isEqualTo("evaluate-gate");
        assertThat(s.mlops("train", "-q").stderr()).doesNotContain("[mlops train");
    }

    @Test
    void validateConfigChecksWithoutRunning() {
        Sandbox s = sandbox(OK);
        Processes.Result ok = s.mlops("validate-config");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.stderr()).contains("mlops.yaml is valid: model 'm', steps: train, evaluate-gate");
        assertThat(s.out()).doesNotExist();
        s.write("bad.yaml", "model: m\ngate:\n  metrics:\n    acuracy: {mn: 0.9}\n");
        Processes.Result bad = s.mlops("validate-config", "--config", "bad.yaml", "--json");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr())
                .contains("bad.yaml:4:15: 'gate.metrics.acuracy.mn': unknown key 'mn'; did you mean 'min'?");
        assertThat(bad.stdout()).contains("\"valid\":false");
    }

    @Test
    void aBadConfigStillWritesResultJsonForTheFrontEnds() throws IOException {
        Sandbox s = sandbox("model: m\ntrain:\n  comand: [x]\n");
        Processes.Result r = s.mlops("train");
        assertThat(r.exitCode()).isEqualTo(2);
        JsonNode res = Json.mapper().readTree(s.out("train", "result.json").toFile());
        assertThat(res.path("verdict").asText()).isEqualTo("ERROR");
        assertThat(res.path("exitCode").asInt()).isEqualTo(2);
        assertThat(res.path("error").path("kind").asText()).isEqualTo("config");
        assertThat(res.path("error").path("location").path("line").asInt()).isEqualTo(3);
        assertThat(s.out("train", "report.md")).exists();
    }

    @Test
    void theGateNeedsATrainResultFirst() {
        Processes.Result r = sandbox(OK).mlops("evaluate-gate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("run `mlops train` first");
    }

    @Test
    void outAndWorkdirAreHonoured() {
        Sandbox s = sandbox(OK);
        Path out = tmp.resolve("elsewhere");
        assertThat(s.mlops("run", "--out", out.toString()).exitCode()).isZero();
        assertThat(out.resolve("result.json")).exists();
        assertThat(out.resolve("train/result.json")).exists();
        assertThat(s.dir().resolve(".mlops/registry")).exists();
    }
}
