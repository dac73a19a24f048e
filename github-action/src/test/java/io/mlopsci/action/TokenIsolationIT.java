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
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    static final int RUNNER_UID = 1001;

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
        int socketGid = (Integer) Files.getAttribute(Path.of(host.replaceFirst("^unix://", "")), "unix:gid");

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
        Path runner = Files.createDirectories(tmp.resolve("runner"));
        Path home = Files.createDirectories(runner.resolve("_github_home"));
        Path workflow = Files.createDirectories(runner.resolve("_github_workflow"));
        Path fileCommands = Files.createDirectories(runner.resolve("_runner_file_commands"));
        GitHubEvents.write(GitHubEvents.load("pull_request.opened"), workflow);
        Files.writeString(fileCommands.resolve("set_output_1"), "");
        Files.writeString(fileCommands.resolve("step_summary_1"), "");
        // GitHub's hosted runners: the workspace belongs to runner (1001), primary group docker.
        for (Path p : List.of(ws, home)) {
            Processes.Result chown = Processes.run(
                    List.of("chown", "-R", RUNNER_UID + ":" + socketGid, p.toString()),
                    tmp,
                    Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
                    Duration.ofSeconds(30));
            assertThat(chown.exitCode()).as(chown.toString()).isZero();
        }

        try (GitHubApiMock github = GitHubApiMock.start(GitHubEvents.REPOSITORY)) {
            github.github().pull(GitHubEvents.PR_NUMBER, GitHubEvents.PR_HEAD_SHA);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("INPUT_STEP", "run");
            env.put("INPUT_GITHUB_TOKEN", TOKEN);
            env.put("INPUT_COMMENT", "off");
            env.put("INPUT_CHECK_RUN", "false");
            env.put("HOME", "/github/home");
            env.put("CI", "true");
            env.put("GITHUB_ACTIONS", "true");
            env.put("GITHUB_WORKSPACE", "/github/workspace");
            env.put("GITHUB_EVENT_NAME", "pull_request");
            env.put("GITHUB_EVENT_PATH", "/github/workflow/event.json");
            env.put("GITHUB_OUTPUT", "/github/file_commands/set_output_1");
            env.put("GITHUB_STEP_SUMMARY", "/github/file_commands/step_summary_1");
            env.put("GITHUB_REPOSITORY", GitHubEvents.REPOSITORY);
            env.put("GITHUB_SHA", "5555555555555555555555555555555555555555");
            env.put("GITHUB_REF_NAME", "2/merge");
            env.put("GITHUB_SERVER_URL", "https://github.com");
            env.put("GITHUB_RUN_ID", "31338");
            env.put("GITHUB_API_URL", github.apiUrl());
            List<String> cmd = new ArrayList<>(List.of(
                    "docker",
                    "-H",
                    host,
                    "run",
                    "--rm",
                    "--network",
                    "host",
                    "--workdir",
                    "/github/workspace",
                    "-v",
                    ws + ":/github/workspace",
                    "-v",
                    home + ":/github/home",
                    "-v",
                    workflow + ":/github/workflow",
                    "-v",
                    fileCommands + ":/github/file_commands",
                    "-v",
                    host.replaceFirst("^unix://", "") + ":/var/run/docker.sock"));
            env.forEach((k, v) -> cmd.addAll(List.of("-e", k + "=" + v)));
            cmd.add(ActionImage.IMAGE);

            Processes.Result run = Processes.run(
                    cmd,
                    tmp,
                    Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
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
            assertThat(report).doesNotContainPattern("Gid: [0-9 ]*\\b" + socketGid + "\\b");
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
