package io.mlopsci.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.testing.DockerDaemon;
import io.mlopsci.core.testing.GitHubApiMock;
import io.mlopsci.core.testing.GitHubEvents;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real container, run as the Actions runner runs it: the image built from
 * github-action/Dockerfile, the workspace, /github/home, /github/workflow/event.json and the file
 * commands mounted, GITHUB_* and INPUT_* in the environment, the Docker socket mounted. The JVM
 * sample trains in a sibling container (the engine's docker runner) that must mount the HOST
 * path of /github/workspace; GitHub is the validated simulation.
 */
class ActionContainerIT {

    static final String TOKEN = "ghs_containerTokenNeverPrinted7";

    @TempDir
    Path tmp;

    @Test
    void runsTheJvmSampleLikeTheRunnerDoesAndReportsThroughOutputsSummaryAndGitHub() throws Exception {
        String host = DockerDaemon.host();
        String busybox = DockerDaemon.busyboxImage();
        ActionImage.build();

        Sandbox repo = Sandbox.of("jvm-classifier", tmp, "feature");
        Path ws = repo.dir();
        // Training itself runs on this machine first (the action's image has no JDK compiler); the
        // sibling container then "trains" by copying those outputs into place, inside the mounts.
        Processes.Result trained = Processes.run(
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "src/Train.java",
                        "--train",
                        "data/train.csv",
                        "--eval",
                        "data/eval.csv",
                        "--out",
                        "prepared"),
                ws,
                Map.of(
                        "MLOPS_PARAM_EPOCHS",
                        "300",
                        "MLOPS_PARAM_LEARNING_RATE",
                        "0.1",
                        "MLOPS_PARAM_L2",
                        "0.001",
                        "MLOPS_PARAM_FEATURES",
                        "5"),
                Duration.ofMinutes(3));
        assertThat(trained.exitCode()).as(trained.toString()).isZero();
        String sample = Files.readString(ws.resolve("mlops.yaml"));
        // The gate only: the sample's package and deploy sections start model servers with `java
        // src/Serve.java`, which needs a JDK compiler the action's image does not have.
        String gate = sample.substring(sample.indexOf("\ngate:"), sample.indexOf("\npackage:"));
        Files.writeString(ws.resolve("mlops.docker.yaml"), """
                version: 1
                model: jvm-fraud
                data:
                  train: data/train.csv
                  eval: data/eval.csv
                train:
                  runner: docker
                  docker: {image: %s, network: none}
                  command: [sh, -c, "cp prepared/metrics.json prepared/predictions.csv ${train.output}/ && echo trained in a sibling container"]
                  predictions: "${train.output}/predictions.csv"
                  cache: false
                """.formatted(busybox) + gate);

        // As on GitHub's runners: the workspace and home belong to the runner's user, whose primary
        // group is the Docker socket's; the engine runs as that user (it drops root).
        RunnerContainer container = RunnerContainer.prepare(host, ws, tmp.resolve("runner"));

        try (GitHubApiMock github = GitHubApiMock.start(GitHubEvents.REPOSITORY)) {
            github.github().pull(GitHubEvents.PR_NUMBER, GitHubEvents.PR_HEAD_SHA);
            Map<String, String> inputs = new LinkedHashMap<>();
            inputs.put("step", "run");
            inputs.put("config", "mlops.docker.yaml");
            inputs.put("working_directory", ".");
            inputs.put("github_token", TOKEN);
            inputs.put("comment", "always");
            inputs.put("check_run", "true");
            inputs.put("fail_on", "fail");
            inputs.put("docker_socket", "true"); // the training runs in a sibling container
            Processes.Result run = container.run(inputs, github.apiUrl(), "31337", Duration.ofMinutes(10));

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.stdout())
                    .startsWith("mlops-action ")
                    .contains("::add-mask::" + TOKEN)
                    .contains("the engine runs as the workspace owner (uid 1001), with the Docker socket")
                    .contains("mlops run: PASS — all configured steps passed");
            assertThat(run.stderr())
                    .as("the engine's progress, from the sibling container")
                    .contains("trained in a sibling container");
            assertThat((run.stdout() + run.stderr()).replace("::add-mask::" + TOKEN, ""))
                    .doesNotContain(TOKEN);
            Map<String, String> outputs = new LinkedHashMap<>();
            SimulatedRunner.parseOutputs(Files.readString(container.outputFile()), outputs, new ArrayList<>());
            assertThat(outputs)
                    .containsEntry("verdict", "PASS")
                    .containsEntry("exit_code", "0")
                    .containsEntry("result_json", ".mlops/out/result.json")
                    .containsEntry("report_md", ".mlops/out/report.md")
                    .containsEntry("model_version", "1");
            assertThat(outputs.get("comment_url")).contains("/pull/2#issuecomment-");
            assertThat(Files.readString(container.summaryFile())).contains("mlops run: PASS", "roc\\_auc");
            assertThat(ws.resolve(".mlops/out/evaluate-gate/result.json")).exists();
            assertThat(github.github().checkRuns()).singleElement().satisfies(c -> {
                assertThat(c.conclusion()).isEqualTo("success");
                assertThat(c.headSha()).isEqualTo(GitHubEvents.PR_HEAD_SHA);
            });
            github.assertAllRequestsValid();
        }

        String size = DockerDaemon.docker("image", "inspect", "-f", "{{.Size}}", ActionImage.IMAGE)
                .stdout()
                .strip();
        System.out.println("action image " + ActionImage.IMAGE + ": " + Long.parseLong(size) / 1_000_000 + " MB");
    }
}
