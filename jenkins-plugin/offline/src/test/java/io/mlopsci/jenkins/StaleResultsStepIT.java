package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsci.core.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persistent workspace holds an earlier build's results: the step removes them before the
 * engine runs, calls the engine with an invocation id, and what it reads and shows is this
 * build's own result.
 */
class StaleResultsStepIT {

    @TempDir
    Path tmp;

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void anEarlierBuildsResultAndReportsAreRemovedAndTheEngineEchoesThisBuildsInvocation() throws Exception {
        OfflineJenkins.requireEngine();
        OfflineJenkins jenkins = OfflineJenkins.withSample("jvm-classifier", tmp);
        Sandbox ws = jenkins.sandbox;
        jenkins.execute(new MlopsTrainStep()).map();

        Path dir = ws.dir().resolve(".mlops/out/evaluate-gate");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("result.json"),
                "{\"schemaVersion\":1,\"invocation\":\"jenkins-earlier\",\"step\":\"evaluate-gate\","
                        + "\"verdict\":\"PASS\",\"exitCode\":0,\"summary\":\"STALE\"}");
        Files.writeString(dir.resolve("report.html"), "<p>STALE</p>");

        OfflineJenkins.StepRun r = jenkins.execute(new MlopsEvaluateGateStep());
        r.map();

        List<String> cmd = jenkins.launched.stream()
                .map(OfflineJenkins.Launched::command)
                .filter(c -> c.contains("evaluate-gate"))
                .findFirst()
                .orElseThrow();
        String id = cmd.get(cmd.indexOf("--invocation-id") + 1);
        assertThat(id).startsWith("jenkins-");
        JsonNode written =
                new ObjectMapper().readTree(dir.resolve("result.json").toFile());
        assertThat(written.path("invocation").asText()).isEqualTo(id);
        assertThat(written.path("summary").asText()).isNotEqualTo("STALE");
        assertThat(Files.readString(dir.resolve("report.html"))).doesNotContain("<p>STALE</p>");
    }
}
