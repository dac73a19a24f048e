package io.mlopsci.jenkins.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.contract.ci.CiVariables;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact call of the engine's GitHub publisher the steps make (its contract is fixed by the lead). */
class GitHubPublishCommandTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void aMultibranchPullRequestBuildNamesRepositoryPullRequestAndCommit() {
        Map<String, String> env = Map.of(
                "CHANGE_ID", "42",
                "CHANGE_URL", "https://github.com/acme/fraud-model/pull/42",
                "GIT_URL", "https://github.com/someone-else/fork.git",
                "GIT_COMMIT", SHA,
                "BUILD_URL", "https://ci.example/job/fraud/PR-42/3/");
        GitHubPublishCommand c = GitHubPublishCommand.of(
                new GitHubPublishCommand.Request(
                        ".mlops/out/evaluate-gate/result.json",
                        null,
                        "on-failure",
                        false,
                        "https://ci.example/job/fraud/PR-42/3/mlops-evaluate-gate/",
                        "ghp_secret",
                        null),
                env);
        assertThat(c.arguments())
                .containsExactly(
                        "publish",
                        "github",
                        "--result",
                        ".mlops/out/evaluate-gate/result.json",
                        "--repository",
                        "acme/fraud-model",
                        "--pr",
                        "42",
                        "--sha",
                        SHA,
                        "--comment",
                        "on-failure",
                        "--no-check-run",
                        "--details-url",
                        "https://ci.example/job/fraud/PR-42/3/mlops-evaluate-gate/");
        assertThat(c.env())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("GITHUB_TOKEN", "ghp_secret", "GITHUB_API_URL", "https://api.github.com"));
        assertThat(c.toString()).doesNotContain("ghp_secret").contains("GITHUB_TOKEN=****");
    }

    @Test
    void aBranchBuildHasNoPullRequestAndTheStepMayNameTheRepositoryAndApi() {
        GitHubPublishCommand c = GitHubPublishCommand.of(
                new GitHubPublishCommand.Request(
                        "out/run/result.json",
                        "acme/other",
                        null,
                        true,
                        null,
                        "t",
                        "https://github.example.com/api/v3"),
                Map.of(
                        "GIT_URL",
                        "git@github.com:acme/fraud-model.git",
                        "GIT_COMMIT",
                        "not-a-sha; rm -rf /",
                        "CHANGE_ID",
                        "PR-7"));
        assertThat(c.arguments())
                .containsExactly(
                        "publish",
                        "github",
                        "--result",
                        "out/run/result.json",
                        "--repository",
                        "acme/other",
                        "--check-run");
        assertThat(c.env()).containsEntry("GITHUB_API_URL", "https://github.example.com/api/v3");
    }

    @Test
    void anAbbreviatedCommitIsNotNamedBecauseTheEnginesPublisherWouldRefuseIt() {
        GitHubPublishCommand c = GitHubPublishCommand.of(
                new GitHubPublishCommand.Request("r.json", "acme/x", null, null, null, "t", null),
                Map.of("GIT_COMMIT", "0123abc", "CHANGE_ID", "7"));
        assertThat(c.arguments()).contains("--pr", "7").doesNotContain("--sha", "0123abc");
        assertThat(CiVariables.isFullSha("0123abc")).isFalse();
        assertThat(CiVariables.isFullSha(SHA)).isTrue();
    }

    @Test
    void theRepositoryComesFromTheGitRemoteInItsUsualForms() {
        for (String url : new String[] {
            "https://github.com/acme/fraud-model.git",
            "https://github.com/acme/fraud-model",
            "git@github.com:acme/fraud-model.git",
            "ssh://git@github.example.com/acme/fraud-model.git",
            "https://token@github.com/acme/fraud-model.git/"
        }) {
            assertThat(CiVariables.jenkins(Map.of("GIT_URL", url)).repository())
                    .as(url)
                    .isEqualTo("acme/fraud-model");
        }
        assertThat(CiVariables.jenkins(Map.of("GIT_URL", "/srv/git/repo")).repository())
                .isNull();
        assertThat(CiVariables.jenkins(Map.of()).repository()).isNull();
    }

    @Test
    void parameterValuesAreValidatedWithTheParameterNamed() {
        assertThat(GitHubPublishCommand.repository(" acme/x.y ")).isEqualTo("acme/x.y");
        assertThatThrownBy(() -> GitHubPublishCommand.repository("acme/x/y"))
                .hasMessage("githubRepository must be OWNER/NAME, got 'acme/x/y'");
        assertThatThrownBy(() -> GitHubPublishCommand.repository("acme/$(id)")).hasMessageContaining("OWNER/NAME");
        assertThatThrownBy(() -> GitHubPublishCommand.commentMode("sometimes"))
                .hasMessage("githubComment must be one of always, on-failure, off, got 'sometimes'");
    }
}
