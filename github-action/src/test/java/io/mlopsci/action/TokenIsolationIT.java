package io.mlopsci.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.testing.DockerDaemon;
import io.mlopsci.core.testing.GitHubApiMock;
import io.mlopsci.core.testing.GitHubEvents;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull request's training command, run by the engine inside the real action container as the
 * runner runs it (root container, the workspace owned by the runner's user 1001 whose primary group
 * is the Docker socket's, the socket mounted, the token in the adapter's environment), looks for
 * the token everywhere it could: every process's {@code /proc/<pid>/environ} (the adapter is
 * pid 1) and the Docker socket (which could inspect the container). It must find nothing, run as
 * uid 1001, and leave no root-owned file in the workspace.
 */
class TokenIsolationIT {

    static final String TOKEN = "ghs_isolationTokenNeverReadable9";
    static final int RUNNER_UID = RunnerContainer.RUNNER_UID;

    @TempDir
    Path tmp;

    /** The "training command": a probe that reports what it can read, then writes the metrics. */
    static final String PROBE = """
            import java.net.UnixDomainSocketAddress;
            import java.nio.channels.SocketChannel;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.stream.Stream;

            public class Probe {
                public static void main(String[] args) throws Exception {
                    StringBuilder r = new StringBuilder();
                    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                        if (line.startsWith("Uid:") || line.startsWith("Gid:") || line.startsWith("Groups:")) {
                            r.append(line.replaceAll("\\\\s+", " ")).append('\\n');
                        }
                    }
                    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                        for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\\\d+")).toList()) {
                            try {
                                String env = new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8);
                                boolean leak = env.contains("ghs_") || env.contains("GITHUB_TOKEN");
                                r.append(leak ? "LEAK " : "read ").append(p).append('\\n');
                            } catch (Exception e) {
                                r.append("denied ").append(p).append('\\n');
                            }
                        }
                    }
                    try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of("/var/run/docker.sock"))) {
                        r.append("docker connected\\n");
                    } catch (Exception e) {
                        r.append("docker denied: ").append(e.getMessage()).append('\\n');
                    }
                    Files.writeString(Path.of("probe-report.txt"), r.toString());
                    Files.writeString(Path.of(System.getenv("MLOPS_METRICS_FILE")), "{\\"accuracy\\": 0.9}");
                }
            }
            """;

    @Test
    void theTrainingCommandCannotReachTheTokenAndLeavesNoRootOwnedFiles() throws Exception {
        String host = DockerDaemon.host();
        ActionImage.build();
        Requirements.require(
                uid(Path.of("/proc/self")) == 0,
                "root, to give the workspace to uid " + RUNNER_UID + " as GitHub's runner has it");

        Path ws = Files.createDirectories(tmp.resolve("workspace"));
        Path probe = Files.createDirectories(ws.resolve("probe"));
        Files.writeString(probe.resolve("Probe.java"), PROBE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(
                        null,
                        null,
                        null,
                        "--release",
                        "17",
                        "-d",
                        probe.toString(),
                        probe.resolve("Probe.java").toString()))
                .isZero();
        Files.writeString(ws.resolve("mlops.yaml"), """
                version: 1
                model: probe
                train:
                  command: [/opt/java/bin/java, -cp, probe, Probe]
                  cache: false
                gate:
                  baseline: none
                  metrics:
                    accuracy: {min: 0.5}
                """);
        // GitHub's hosted runners: the workspace belongs to runner (1001), primary group docker.
        RunnerContainer container = RunnerContainer.prepare(host, ws, tmp.resolve("runner"));

        try (GitHubApiMock github = GitHubApiMock.start(GitHubEvents.REPOSITORY)) {
            github.github().pull(GitHubEvents.PR_NUMBER, GitHubEvents.PR_HEAD_SHA);
            Processes.Result run = container.run(
                    Map.of("step", "run", "github_token", TOKEN, "comment", "off", "check_run", "false"),
                    github.apiUrl(),
                    "31338",
                    Duration.ofMinutes(10));

            String report = Files.readString(ws.resolve("probe-report.txt"));
            assertThat(report)
                    .as(report)
                    .contains("Uid: " + RUNNER_UID + " " + RUNNER_UID + " " + RUNNER_UID + " " + RUNNER_UID)
                    .contains("denied /proc/1\n")
                    .contains("docker denied")
                    .doesNotContain("LEAK")
                    .doesNotContain("docker connected");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(report).doesNotContainPattern("Gid: [0-9 ]*\\b" + container.socketGid() + "\\b");
            assertThat(run.stdout())
                    .contains("the engine runs as the workspace owner (uid " + RUNNER_UID + ")")
                    .contains("without the Docker socket");
        }
        List<Path> rootOwned;
        try (Stream<Path> files = Files.walk(ws)) {
            rootOwned = files.filter(p -> !p.equals(ws))
                    .filter(p -> uid(p) != RUNNER_UID)
                    .toList();
        }
        assertThat(rootOwned)
                .as("files in the workspace not owned by the runner's user")
                .isEmpty();
        assertThat(ws.resolve(".mlops/out/result.json")).exists();
    }

    private static int uid(Path p) {
        try {
            return (Integer) Files.getAttribute(p, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return -1;
        }
    }
}
