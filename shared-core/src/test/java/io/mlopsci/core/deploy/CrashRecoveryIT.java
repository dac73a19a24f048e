package io.mlopsci.core.deploy;

import static io.mlopsci.core.deploy.DeployFixtures.alias;
import static io.mlopsci.core.deploy.DeployFixtures.history;
import static io.mlopsci.core.deploy.DeployFixtures.liveServers;
import static io.mlopsci.core.deploy.DeployFixtures.newVersion;
import static io.mlopsci.core.deploy.DeployFixtures.result;
import static io.mlopsci.core.deploy.DeployFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import io.mlopsci.core.testing.ScriptedModelProject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine dies at every phase of a canary (halted exactly like SIGKILL at each checkpoint, and
 * once by a real SIGKILL mid-traffic); {@code mlops rollback} then restores traffic, running
 * version and alias together, leaves no server process behind, and a second rollback changes
 * nothing. Champion v1 serves; v2 is the canary.
 */
class CrashRecoveryIT {

    @TempDir
    static Path tmp;

    static Sandbox template;
    static String v1;
    static String v2;
    static String bad;

    @BeforeAll
    static void championAndCandidates() {
        template = ScriptedModelProject.create(tmp, "template", "fraud", LocalCanaryIT.DEPLOY);
        v1 = newVersion(template);
        Processes.Result first = template.mlops("deploy-canary");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        bad = newVersion(template, "train.params.answer=0", "train.params.accuracy=0.97");
        v2 = newVersion(template, "train.params.accuracy=0.96");
        assertThat(alias(template, "fraud", "champion")).isEqualTo(v1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "started",
                "stable-ready",
                "canary-ready",
                "traffic-50",
                "analysis-50",
                "traffic-100",
                "promoting",
                "alias-moved"
            })
    void aCrashInFlightIsRolledBackCompletelyAndOnlyOnce(String checkpoint) throws IOException {
        Sandbox s = template.copy(tmp, "crash-" + checkpoint);
        Processes.Result crashed =
                s.env("MLOPS_DEBUG_HALT_AT", checkpoint).mlops("deploy-canary", "--model-version", v2);
        s.env("MLOPS_DEBUG_HALT_AT", "");
        assertThat(crashed.exitCode()).as(crashed.toString()).isEqualTo(137);
        assertThat(crashed.stderr()).contains("checkpoint " + checkpoint);
        JsonNode before = state(s, "fraud");
        assertThat(before.path("phase").asText())
                .as("the journal says the deployment is in flight")
                .isNotIn("PROMOTED", "ROLLED_BACK");
        if (checkpoint.equals("alias-moved")) {
            assertThat(alias(s, "fraud", "champion"))
                    .as("the crash came after the alias moved")
                    .isEqualTo(v2);
        }

        assertRolledBack(s, before, "recovered");
    }

    @Test
    void aCompletedPromotionIsUndoneToThePreviousVersion() throws IOException {
        Sandbox s = template.copy(tmp, "promoted");
        Processes.Result crashed =
                s.env("MLOPS_DEBUG_HALT_AT", "promoted").mlops("deploy-canary", "--model-version", v2);
        s.env("MLOPS_DEBUG_HALT_AT", "");
        assertThat(crashed.exitCode()).isEqualTo(137);
        JsonNode before = state(s, "fraud");
        assertThat(before.path("phase").asText()).isEqualTo("PROMOTED");
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v2);
        Processes.Result inFlightOnly = s.mlops("rollback", "--in-flight-only");
        assertThat(inFlightOnly.exitCode()).isZero();
        assertThat(result(s, "rollback").path("summary").asText()).startsWith("nothing in flight");
        assertThat(alias(s, "fraud", "champion"))
                .as("--in-flight-only keeps a promotion")
                .isEqualTo(v2);

        assertRolledBack(s, before, "rolled-back");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rolling-back", "restored"})
    void aCrashDuringTheAutomaticRollbackIsFinishedByTheNextRollback(String checkpoint) throws IOException {
        Sandbox s = template.copy(tmp, "crash-" + checkpoint);
        Processes.Result crashed =
                s.env("MLOPS_DEBUG_HALT_AT", checkpoint).mlops("deploy-canary", "--model-version", bad);
        s.env("MLOPS_DEBUG_HALT_AT", "");
        assertThat(crashed.exitCode()).as(crashed.toString()).isEqualTo(137);
        JsonNode before = state(s, "fraud");
        assertThat(before.path("phase").asText()).isEqualTo("ROLLING_BACK");
        assertThat(before.path("reason").asText()).contains("disagreement");

        assertRolledBack(s, before, "recovered");
    }

    @Test
    void aRealSigkillMidTrafficIsRecoveredByTheNextDeployment() throws Exception {
        Sandbox s = template.copy(tmp, "sigkill");
        ProcessBuilder pb = new ProcessBuilder(s.mlopsCommand("deploy-canary", "--model-version", v2))
                .directory(s.dir().toFile());
        pb.environment().clear();
        pb.environment().putAll(s.environment());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        List<String> seen = new ArrayList<>();
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                seen.add(line);
                if (line.contains("checkpoint traffic-50")) {
                    p.destroyForcibly(); // SIGKILL
                    break;
                }
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join("\n", seen)).isEqualTo(137);
        JsonNode before = state(s, "fraud");
        assertThat(before.path("phase").asText()).isEqualTo("TRAFFIC");
        assertThat(liveServers(before))
                .as("the killed engine's servers are orphans now")
                .isNotEmpty();

        Processes.Result next = s.mlops("deploy-canary", "--model-version", v2);
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(next.stderr()).contains("was interrupted at TRAFFIC; rolling it back first");
        assertThat(liveServers(before)).as("the orphans were stopped").isEmpty();
        JsonNode r = result(s, "deploy-canary");
        assertThat(r.path("notes").toString()).contains("had been interrupted at TRAFFIC");
        assertThat(r.path("outputs").path("decision").asText()).isEqualTo("promoted");
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v2);
        JsonNode h = history(s, "fraud");
        assertThat(h.get(h.size() - 2).path("action").asText()).isEqualTo("rolled-back");
        assertThat(h.get(h.size() - 1).path("action").asText()).isEqualTo("promoted");
    }

    /** Rollback restores v1 (alias, traffic, servers), records it once, and a second run only verifies. */
    private static void assertRolledBack(Sandbox s, JsonNode before, String action) throws IOException {
        int historyBefore = history(s, "fraud").size();
        Processes.Result rb = s.mlops("rollback");
        assertThat(rb.exitCode()).as(rb.toString()).isZero();
        JsonNode r = result(s, "rollback");
        assertThat(r.path("verdict").asText()).isEqualTo("PASS");
        assertThat(r.path("outputs").path("action").asText()).isEqualTo(action);
        assertThat(r.path("outputs").path("restoredVersion").asText()).isEqualTo(v1);
        assertThat(r.path("criteria"))
                .allSatisfy(c ->
                        assertThat(c.path("status").asText()).as(c.toString()).isEqualTo("PASS"));
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v1);
        JsonNode after = state(s, "fraud");
        assertThat(after.path("phase").asText()).isEqualTo("ROLLED_BACK");
        assertThat(liveServers(before))
                .as("no server of the crashed deployment is left")
                .isEmpty();
        assertThat(serversIn(s.dir())).as("no process runs in the project").isEmpty();
        JsonNode h = history(s, "fraud");
        assertThat(h.size()).isEqualTo(historyBefore + 1);
        assertThat(h.get(h.size() - 1).path("action").asText()).isEqualTo("rolled-back");
        assertThat(h.get(h.size() - 1).path("serving").path("version").asText()).isEqualTo(v1);

        Processes.Result again = s.mlops("rollback");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(result(s, "rollback").path("outputs").path("action").asText())
                .isEqualTo("verified");
        assertThat(result(s, "rollback").path("summary").asText()).startsWith("already rolled back: version " + v1);
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v1);
        assertThat(history(s, "fraud").size()).as("recorded once").isEqualTo(historyBefore + 1);
    }

    /** Processes whose working directory is the project (the local target starts servers there). */
    static List<Long> serversIn(Path dir) throws IOException {
        List<Long> out = new ArrayList<>();
        Path real = dir.toRealPath();
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            try {
                Path cwd = Path.of("/proc", String.valueOf(p.pid()), "cwd");
                if (p.isAlive() && Files.readSymbolicLink(cwd).equals(real)) {
                    out.add(p.pid());
                }
            } catch (IOException | SecurityException e) {
                // gone, or not ours to look at
            }
        }
        return out;
    }
}
