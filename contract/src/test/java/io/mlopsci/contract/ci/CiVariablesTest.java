package io.mlopsci.contract.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One reading of the CI variables for the engine's context, its publisher and the Jenkins plugin. */
class CiVariablesTest {

    private static final String HEAD = "1111111111111111111111111111111111111111";
    private static final String MERGE = "2222222222222222222222222222222222222222";

    @TempDir
    Path tmp;

    @Test
    void aGitHubPullRequestIsItsHeadNotTheMergeCommit() throws IOException {
        Path event = tmp.resolve("event.json");
        Files.writeString(event, """
                {"pull_request": {"number": 7, "head": {"sha": "%s", "ref": "feature",
                  "repo": {"full_name": "fork/fraud"}}, "base": {"repo": {"full_name": "acme/fraud"}},
                  "user": {"login": "someone"}}}
                """.formatted(HEAD));
        CiVariables v = CiVariables.read(Map.of(
                "GITHUB_ACTIONS", "true",
                "GITHUB_REPOSITORY", "acme/fraud",
                "GITHUB_SHA", MERGE,
                "GITHUB_REF_NAME", "7/merge",
                "GITHUB_EVENT_PATH", event.toString(),
                "GITHUB_SERVER_URL", "https://github.com/",
                "GITHUB_RUN_ID", "99"));
        assertThat(v.system()).isEqualTo(CiVariables.GITHUB_ACTIONS);
        assertThat(v.sha()).isEqualTo(HEAD);
        assertThat(v.branch()).isEqualTo("feature");
        assertThat(v.pullRequest()).isEqualTo(7);
        assertThat(v.repository()).isEqualTo("acme/fraud");
        assertThat(v.buildUrl()).isEqualTo("https://github.com/acme/fraud/actions/runs/99");
        assertThat(v.event().pullRequest().headRepository()).isEqualTo("fork/fraud");
        assertThat(v.eventProblem()).isNull();

        Files.writeString(event, "{broken");
        assertThat(CiVariables.read(Map.of("GITHUB_ACTIONS", "true", "GITHUB_EVENT_PATH", event.toString()))
                        .eventProblem())
                .startsWith("cannot read the event payload " + event);
    }

    @Test
    void aJenkinsMultibranchBuild() {
        CiVariables v = CiVariables.read(Map.of(
                "JENKINS_URL", "https://ci/",
                "BUILD_URL", "https://ci/job/x/PR-42/3/",
                "CHANGE_ID", "42",
                "CHANGE_BRANCH", "feature",
                "CHANGE_URL", "https://github.com/acme/fraud/pull/42",
                "GIT_URL", "https://github.com/someone/fork.git",
                "GIT_COMMIT", HEAD));
        assertThat(v.system()).isEqualTo(CiVariables.JENKINS);
        assertThat(v.repository())
                .as("the pull request's repository wins over the remote")
                .isEqualTo("acme/fraud");
        assertThat(v.pullRequest()).isEqualTo(42);
        assertThat(v.branch()).isEqualTo("feature");
        assertThat(v.fullSha()).isEqualTo(HEAD);
        assertThat(v.buildUrl()).isEqualTo("https://ci/job/x/PR-42/3/");

        CiVariables branch = CiVariables.jenkins(
                Map.of("GIT_BRANCH", "origin/main", "GIT_COMMIT", "abc1234", "CHANGE_ID", "99999999999"));
        assertThat(branch.branch()).isEqualTo("main");
        assertThat(branch.sha()).isEqualTo("abc1234");
        assertThat(branch.fullSha())
                .as("an abbreviated commit is not one GitHub's API takes")
                .isNull();
        assertThat(branch.pullRequest()).as("not a number an int holds").isNull();
    }

    @Test
    void elsewhereNothingIsKnown() {
        CiVariables v = CiVariables.read(Map.of("BUILD_URL", "https://x/"));
        assertThat(v.system()).isEqualTo(CiVariables.LOCAL);
        assertThat(v.sha()).isNull();
        assertThat(CiVariables.repository(" acme/x.y ")).isEqualTo("acme/x.y");
        assertThat(CiVariables.repository("acme/$(id)")).isNull();
        assertThat(CiVariables.repository("-acme/x")).isNull();
    }
}
