package io.mlopsci.jenkins.stubs;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Launcher;
import hudson.util.StreamTaskListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stub launcher behaves like the real one where the plugin depends on it (with real processes):
 * environment values expand unless escaped, and kill finds processes by their environment.
 */
class StubProcessesIT {

    @TempDir
    Path tmp;

    @Test
    void theLauncherExpandsEnvironmentValuesUnlessEscaped() throws Exception {
        String raw = "pa$$w0rd-$HOME-${HOME}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Launcher launcher = new Launcher.LocalLauncher(new StreamTaskListener(out, StandardCharsets.UTF_8));
        int code = launcher.launch()
                .cmds("sh", "-c", "printf '%s|%s' \"$$RAW\" \"$$ESCAPED\"") // arguments expand too: $$ is $
                .envs(Map.of("RAW", raw, "ESCAPED", raw.replace("$", "$$"), "HOME", "/h"))
                .stdout(out)
                .quiet(true)
                .join();
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("pa$w0rd-/h-/h|" + raw);
    }

    @Test
    void killFindsProcessesByTheirEnvironmentAndTheirChildren() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")));
        Launcher launcher = new Launcher.LocalLauncher(new StreamTaskListener(System.out, StandardCharsets.UTF_8));
        Path pid = tmp.resolve("child.pid");
        launcher.launch()
                .cmds("sh", "-c", "sleep 300 & echo $! > " + pid + "; wait")
                .envs(Map.of("COOKIE", "c-1"))
                .quiet(true)
                .start();
        while (!Files.exists(pid) || Files.readString(pid).isBlank()) {
            Thread.sleep(50);
        }
        long child = Long.parseLong(Files.readString(pid).trim());
        launcher.kill(Map.of("COOKIE", "c-1"));
        ProcessHandle.of(child)
                .ifPresent(h -> h.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }
}
