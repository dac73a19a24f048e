package io.mlopsci.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.contract.ExitCodes;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.testing.DockerDaemon;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docker runner against a real Docker engine, with an image built here (nothing can be pulled). */
class DockerCommandRunnerIT {

    static String host;
    static String image;

    @TempDir
    Path tmp;

    @BeforeAll
    static void engine() {
        host = DockerDaemon.host();
        image = DockerDaemon.busyboxImage();
    }

    static TrainConfig.DockerConfig docker(String image, Double cpus, Long memory) {
        return new TrainConfig.DockerConfig(image, cpus, memory, null, "none", false, null);
    }

    CommandOutcome run(
            DockerCommandRunner runner,
            List<String> argv,
            Map<String, String> env,
            Duration timeout,
            ByteArrayOutputStream log) {
        Progress progress = new Progress(new PrintStream(log, true, StandardCharsets.UTF_8), "train", false);
        return runner.run(new CommandSpec(argv, tmp, env, timeout, "train", List.of(tmp)), progress);
    }

    @Test
    void runsInTheImageWithTheWorkdirMountedAndOnlyTheDeclaredEnvironment() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DockerCommandRunner runner =
                new DockerCommandRunner(docker(image, 1.0, 64L * 1024 * 1024), Map.of("DOCKER_HOST", host));
        CommandOutcome o = run(
                runner,
                List.of(
                        "sh",
                        "-c",
                        "echo training in $(pwd); env | sort > env.txt; echo '{\"accuracy\": 0.9}' > \"$MLOPS_METRICS_FILE\"; exit 0"),
                Map.of("MLOPS_METRICS_FILE", tmp.resolve("metrics.json").toString()),
                Duration.ofMinutes(1),
                log);
        assertThat(o.exitCode()).isZero();
        assertThat(Files.readString(tmp.resolve("metrics.json"))).contains("0.9");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("train | training in " + tmp);
        String env = Files.readString(tmp.resolve("env.txt"));
        assertThat(env)
                .contains("MLOPS_METRICS_FILE=")
                .doesNotContain("JAVA_HOME")
                .doesNotContain("DOCKER_HOST");
        assertThat(containers()).as("the container is removed afterwards").isEmpty();
    }

    @Test
    void keepsTheExitCodeAndTheOutput() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DockerCommandRunner runner = new DockerCommandRunner(docker(image, null, null), Map.of("DOCKER_HOST", host));
        CommandOutcome o = run(
                runner,
                List.of("sh", "-c", "echo partial line; echo bad things >&2; exit 7"),
                Map.of(),
                Duration.ofMinutes(1),
                log);
        assertThat(o.exitCode()).isEqualTo(7);
        assertThat(o.tail()).contains("partial line", "bad things");
        assertThat(containers()).isEmpty();
    }

    @Test
    void aTimeoutKillsAndRemovesTheContainer() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DockerCommandRunner runner = new DockerCommandRunner(docker(image, null, null), Map.of("DOCKER_HOST", host));
        CommandOutcome o = run(runner, List.of("sleep", "60"), Map.of(), Duration.ofSeconds(2), log);
        assertThat(o.timedOut()).isTrue();
        assertThat(containers()).isEmpty();
    }

    @Test
    void anOutOfMemoryKillIsNamed() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DockerCommandRunner runner =
                new DockerCommandRunner(docker(image, null, 8L * 1024 * 1024), Map.of("DOCKER_HOST", host));
        // Fill memory through a pipe buffer held by awk until the 8 MiB limit is hit.
        CommandOutcome o = run(
                runner,
                List.of("sh", "-c", "yes 0123456789012345678901234567890123456789 | awk '{ a[NR] = $0 }'"),
                Map.of(),
                Duration.ofMinutes(1),
                log);
        assertThat(o.exitCode()).isNotZero();
        assertThat(o.reason()).contains("out of memory");
    }

    @Test
    void aMissingImageIsTheUsersErrorAndSaysWhatToDo() {
        DockerCommandRunner runner =
                new DockerCommandRunner(docker("mlops-test/does-not-exist:1", null, null), Map.of("DOCKER_HOST", host));
        assertThatThrownBy(() ->
                        run(runner, List.of("true"), Map.of(), Duration.ofMinutes(1), new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(MlopsException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
                    assertThat(e.getMessage())
                            .contains("is not on this Docker engine")
                            .contains("train.docker.pull");
                });
    }

    @Test
    void anUnreachableEngineIsAnInfrastructureError() {
        DockerCommandRunner runner = new DockerCommandRunner(
                docker(image, null, null), Map.of("DOCKER_HOST", "unix://" + tmp.resolve("no.sock")));
        assertThatThrownBy(() ->
                        run(runner, List.of("true"), Map.of(), Duration.ofMinutes(1), new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(MlopsException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.INFRASTRUCTURE_ERROR);
                    assertThat(e.getMessage()).contains("cannot reach the Docker engine");
                });
    }

    @Test
    void theTrainStepTrainsInAContainerEndToEnd() throws IOException {
        Sandbox s = Sandbox.inline(tmp, "p", "main", Map.of("mlops.yaml", """
                model: m
                train:
                  runner: docker
                  docker: {image: %s, memory: 64m, cpus: 1, network: none}
                  command: [sh, -c, 'echo "{\\"accuracy\\": 0.91}" > "$MLOPS_METRICS_FILE"; echo hello from the container']
                gate:
                  metrics:
                    accuracy: {min: 0.9}
                """.formatted(image)));
        s.env("DOCKER_HOST", host);
        Processes.Result train = s.mlops("train");
        assertThat(train.exitCode()).as(train.toString()).isZero();
        assertThat(train.stderr()).contains("train | hello from the container").contains("docker image " + image);
        assertThat(s.mlops("evaluate-gate").exitCode()).isZero();
    }

    static List<String> containers() {
        Processes.Result r = DockerDaemon.docker("ps", "-a", "-q", "--filter", "label=io.mlopsci.role=train");
        return r.stdout().lines().filter(l -> !l.isBlank()).toList();
    }
}
