package io.mlopsci.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's half of the stale-result contract, on the real CLI: {@code --invocation-id} is echoed
 * as {@code invocation} in every result.json the call writes (the run summary, each step's, a
 * configuration error's); a malformed id is a usage error.
 */
class InvocationIdIT {

    static final String PROJECT = """
            version: 1
            model: m
            train:
              metrics: metrics.json
            gate:
              baseline: none
              metrics:
                accuracy: {min: 0.9}
            """;

    @TempDir
    Path tmp;

    @Test
    void everyResultOfTheCallCarriesItsInvocationId() throws IOException {
        Sandbox p =
                Sandbox.inline(tmp, "p", "main", Map.of("mlops.yaml", PROJECT, "metrics.json", "{\"accuracy\": 0.95}"));
        Processes.Result r = p.mlops("run", "--invocation-id", "github-42.1-abc", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        for (Path f :
                new Path[] {p.out("result.json"), p.out("train", "result.json"), p.out("evaluate-gate", "result.json")
                }) {
            JsonNode n = Json.mapper().readTree(f.toFile());
            assertThat(n.path("invocation").asText()).as(f.toString()).isEqualTo("github-42.1-abc");
        }
        assertThat(Json.mapper().readTree(r.stdout()).path("invocation").asText())
                .isEqualTo("github-42.1-abc");

        Processes.Result gate = p.mlops("evaluate-gate", "--invocation-id", "second");
        assertThat(gate.exitCode()).isZero();
        assertThat(Json.mapper()
                        .readTree(p.out("evaluate-gate", "result.json").toFile())
                        .path("invocation")
                        .asText())
                .isEqualTo("second");
    }

    @Test
    void aConfigurationErrorStillNamesTheInvocationAndABadIdIsAUsageError() throws IOException {
        Sandbox p = Sandbox.inline(tmp, "q", "main", Map.of("mlops.yaml", "version: 1\nmodel: m\ngate: 7\n"));
        Processes.Result bad = p.mlops("evaluate-gate", "--invocation-id", "x1");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(Json.mapper()
                        .readTree(p.out("evaluate-gate", "result.json").toFile())
                        .path("invocation")
                        .asText())
                .isEqualTo("x1");

        Processes.Result id = p.mlops("evaluate-gate", "--invocation-id", "../x;rm -rf");
        assertThat(id.exitCode()).isEqualTo(2);
        assertThat(id.stderr()).contains("--invocation-id", "letters, digits");
    }
}
