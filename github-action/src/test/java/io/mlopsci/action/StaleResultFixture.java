package io.mlopsci.action;

import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.testing.GitHubApiMock;
import io.mlopsci.core.testing.GitHubEvents;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the stale-result tests share: the action's {@code run} step on a pull request, in a
 * simulated runner whose workspace holds a copy of the ingest project under {@code models/demo},
 * against the validated GitHub API simulation.
 */
abstract class StaleResultFixture {

    static final String TOKEN = "ghs_staleResultTokenNeverShown1";

    @TempDir
    Path tmp;

    GitHubApiMock github;
    SimulatedRunner runner;
    Path project;

    @BeforeEach
    void start() throws IOException {
        github = GitHubApiMock.start(GitHubEvents.REPOSITORY);
        github.github().pull(GitHubEvents.PR_NUMBER, GitHubEvents.PR_HEAD_SHA);
        runner = new SimulatedRunner(
                        tmp.resolve("workspace"),
                        tmp.resolve("runner"),
                        "pull_request",
                        GitHubEvents.load("pull_request.opened"))
                .env("GITHUB_API_URL", github.apiUrl())
                .input("github_token", TOKEN)
                .input("step", "run")
                .input("working_directory", "models/demo");
        project = tmp.resolve("workspace/models/demo");
        AtomicFiles.copyRecursively(Path.of("src/test/resources/ingest-project").toAbsolutePath(), project);
    }

    @AfterEach
    void stop() {
        github.close();
    }
}
