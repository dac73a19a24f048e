package io.mlopsci.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.testing.GitHubEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner ignores every workflow command between {@code ::stop-commands::TOKEN} and
 * {@code ::TOKEN::}: the action's own errors must never be printed inside such a block, or they
 * are lost (no annotation, no red line), whatever goes wrong while the engine runs.
 */
class StopCommandsTest {

    @TempDir
    Path tmp;

    /** The workflow commands the runner acts on: those outside stop-commands blocks. */
    static List<String> activeCommands(String stdout) {
        List<String> active = new ArrayList<>();
        String stop = null;
        for (String line : stdout.lines().toList()) {
            if (stop != null) {
                if (line.equals("::" + stop + "::")) {
                    stop = null;
                }
                continue;
            }
            if (line.startsWith("::stop-commands::")) {
                stop = line.substring("::stop-commands::".length());
            } else if (line.startsWith("::")) {
                active.add(line);
            }
        }
        return active;
    }

    @Test
    void anEngineThatCannotStartIsReportedAsAnErrorTheRunnerSees() {
        SimulatedRunner r = new SimulatedRunner(
                        tmp.resolve("ws"), tmp.resolve("runner"), "push", GitHubEvents.load("push"))
                .input("step", "evaluate-gate")
                .input("comment", "off")
                .input("check_run", "false");

        SimulatedRunner.Run run = r.run((args, env, cwd) -> {
            throw new IOException("Cannot run program \"/opt/java/bin/java\": error=12, Not enough space");
        });

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(activeCommands(run.stdout()))
                .as(run.stdout())
                .anyMatch(c -> c.startsWith("::error::") && c.contains("cannot start the engine"));
        assertThat(activeCommands(run.stdout())).contains("::endgroup::");
        assertThat(run.outputs()).containsEntry("verdict", "ERROR");
    }
}
