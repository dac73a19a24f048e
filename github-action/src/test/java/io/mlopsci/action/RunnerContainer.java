package io.mlopsci.action;

import io.mlopsci.core.testing.GitHubEvents;
import io.mlopsci.core.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The action's image run as GitHub's runner runs a container action on a {@code pull_request}:
 * the workspace, {@code /github/home}, {@code /github/workflow/event.json} and the file commands
 * mounted from the runner's directories, the Docker socket mounted, {@code GITHUB_*} and the
 * step's {@code INPUT_*} in the environment; the workspace and home owned by the runner's user
 * (uid 1001) whose primary group is the Docker socket's, as on GitHub's hosted runners.
 */
final class RunnerContainer {

    static final int RUNNER_UID = 1001;
    private static final Map<String, String> PATH_ONLY =
            Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));

    private final String host;
    private final Path workspace;
    private final Path home;
    private final Path workflow;
    private final Path fileCommands;
    private final int socketGid;

    private RunnerContainer(String host, Path workspace, Path runnerDir) throws IOException {
        this.host = host;
        this.workspace = workspace;
        this.home = Files.createDirectories(runnerDir.resolve("_github_home"));
        this.workflow = Files.createDirectories(runnerDir.resolve("_github_workflow"));
        this.fileCommands = Files.createDirectories(runnerDir.resolve("_runner_file_commands"));
        this.socketGid = (Integer) Files.getAttribute(socket(), "unix:gid");
    }

    /**
     * The runner's directories under {@code runnerDir}, the pull request's event written, and the
     * workspace and home given to the runner's user (which needs root).
     */
    static RunnerContainer prepare(String dockerHost, Path workspace, Path runnerDir) throws IOException {
        RunnerContainer c = new RunnerContainer(dockerHost, workspace, runnerDir);
        GitHubEvents.write(GitHubEvents.load("pull_request.opened"), c.workflow);
        Files.writeString(c.fileCommands.resolve("set_output_1"), "");
        Files.writeString(c.fileCommands.resolve("step_summary_1"), "");
        for (Path p : List.of(workspace, c.home)) {
            Processes.Result chown = Processes.run(
                    List.of("chown", "-R", RUNNER_UID + ":" + c.socketGid, p.toString()),
                    runnerDir,
                    PATH_ONLY,
                    Duration.ofSeconds(30));
            if (chown.exitCode() != 0) {
                throw new IllegalStateException("cannot give " + p + " to uid " + RUNNER_UID + ": " + chown);
            }
        }
        return c;
    }

    /** The Docker socket's group: the runner user's primary group. */
    int socketGid() {
        return socketGid;
    }

    /** The step's {@code $GITHUB_OUTPUT} file after the run. */
    Path outputFile() {
        return fileCommands.resolve("set_output_1");
    }

    /** The step's {@code $GITHUB_STEP_SUMMARY} file after the run. */
    Path summaryFile() {
        return fileCommands.resolve("step_summary_1");
    }

    /**
     * Runs the image with the step's inputs ({@code INPUT_<NAME>} as the runner upper-cases them),
     * the GitHub API at {@code apiUrl}, in workflow run {@code runId}.
     */
    Processes.Result run(Map<String, String> inputs, String apiUrl, String runId, Duration timeout) {
        Map<String, String> env = new LinkedHashMap<>();
        inputs.forEach((name, value) -> env.put("INPUT_" + name.toUpperCase(java.util.Locale.ROOT), value));
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
        env.put("GITHUB_RUN_ID", runId);
        env.put("GITHUB_API_URL", apiUrl);
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
                workspace + ":/github/workspace",
                "-v",
                home + ":/github/home",
                "-v",
                workflow + ":/github/workflow",
                "-v",
                fileCommands + ":/github/file_commands",
                "-v",
                socket() + ":/var/run/docker.sock"));
        env.forEach((k, v) -> cmd.addAll(List.of("-e", k + "=" + v)));
        cmd.add(ActionImage.IMAGE);
        return Processes.run(cmd, workspace.getParent(), PATH_ONLY, timeout);
    }

    private Path socket() {
        return Path.of(host.replaceFirst("^unix://", ""));
    }
}
