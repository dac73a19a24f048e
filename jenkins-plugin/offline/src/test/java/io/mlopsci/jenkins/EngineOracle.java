package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.AbortException;
import hudson.model.Result;
import io.mlopsci.contract.ExitCodes;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a step must do given what the engine wrote, stated independently of the plugin's mapping
 * code: PASS/SKIPPED → success, WARN → unstable, FAIL → failure naming the failed criteria, ERROR or
 * no result → failure naming the error class in the engine's own words ({@code ExitCodes.describe}).
 * Used for steps whose engine implementation lands separately, so the test holds whatever they return.
 */
final class EngineOracle {

    private EngineOracle() {}

    static void assertMappedAsTheEngineSays(OfflineJenkins.StepRun r, Path resultFile, String step) throws IOException {
        if (!Files.exists(resultFile)) {
            assertThat(r.error()).as(r.log()).isInstanceOf(AbortException.class);
            assertThat(r.error().getMessage())
                    .matches("mlops " + step + ": (" + ExitCodes.describe(2) + " \\(exit 2\\)|" + ExitCodes.describe(3)
                            + " \\(exit 3\\)): .*");
            return;
        }
        JsonNode json = Json.mapper().readTree(resultFile.toFile());
        String verdict = json.path("verdict").asText();
        int exit = json.path("exitCode").asInt();
        switch (verdict) {
            case "PASS", "SKIPPED" -> {
                assertThat(r.map()).containsEntry("verdict", verdict).containsEntry("buildResult", "SUCCESS");
                assertThat(r.buildResult()).isNull();
            }
            case "WARN" -> {
                assertThat(r.map()).containsEntry("buildResult", "UNSTABLE");
                assertThat(r.buildResult()).isEqualTo(Result.UNSTABLE);
            }
            case "FAIL" -> {
                assertThat(r.error()).as(r.log()).isInstanceOf(AbortException.class);
                assertThat(r.error().getMessage()).startsWith("mlops " + step + ": " + ExitCodes.describe(1));
                for (JsonNode c : json.path("criteria")) {
                    if ("FAIL".equals(c.path("effect").asText())) {
                        assertThat(r.error().getMessage()).contains(c.path("id").asText());
                    }
                }
            }
            default -> {
                assertThat(r.error()).as(r.log()).isInstanceOf(AbortException.class);
                assertThat(r.error().getMessage())
                        .startsWith("mlops " + step + ": " + ExitCodes.describe(exit) + " (exit " + exit + "): "
                                + json.path("error").path("message").asText().strip());
            }
        }
    }
}
