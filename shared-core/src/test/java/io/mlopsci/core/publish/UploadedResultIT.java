package io.mlopsci.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.testing.GitHubEvents;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything the real engine writes passes the checks an uploaded result.json must pass. */
class UploadedResultIT {

    static final Set<String> GITHUB = Set.of("github.com");

    @TempDir
    Path tmp;

    @Test
    void everyResultOfARealPipelineIsAccepted() throws IOException {
        // A real pipeline: data checks (sections, charts), training, the gate, the package step.
        Sandbox repo = Sandbox.of("jvm-classifier", tmp, "main");
        String yaml = repo.read("mlops.yaml");
        repo.write("mlops.yaml", yaml.substring(0, yaml.indexOf("\ndeploy:")) + "\n");
        repo.env("GITHUB_ACTIONS", "true")
                .env("GITHUB_SERVER_URL", "https://github.com")
                .env("GITHUB_REPOSITORY", GitHubEvents.REPOSITORY)
                .env("GITHUB_RUN_ID", "99")
                .env("GITHUB_REF_NAME", "main")
                .env("GITHUB_SHA", GitHubEvents.PUSH_SHA);
        Processes.Result run = repo.mlops("run", "--config", "mlops.yaml", "--invocation-id", "github-99.1-x");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<Path> results;
        try (Stream<Path> s = Files.walk(repo.dir().resolve(".mlops/out"))) {
            results = s.filter(p -> p.getFileName().toString().equals("result.json"))
                    .toList();
        }
        assertThat(results).hasSizeGreaterThanOrEqualTo(5);
        for (Path p : results) {
            StepResult r = UploadedResult.read(p, GITHUB);
            assertThat(r.invocation()).as(p.toString()).isEqualTo("github-99.1-x");
        }
    }
}
