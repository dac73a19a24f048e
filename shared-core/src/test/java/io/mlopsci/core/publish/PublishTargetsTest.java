package io.mlopsci.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.testing.GitHubEvents;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a result is published, from real event payloads, Jenkins' variables and flags. */
class PublishTargetsTest {

    @TempDir
    Path tmp;

    Map<String, String> actions(com.fasterxml.jackson.databind.node.ObjectNode event, String eventName) {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_REPOSITORY", GitHubEvents.REPOSITORY);
        env.put("GITHUB_EVENT_NAME", eventName);
        env.put("GITHUB_SHA", "1111111111111111111111111111111111111111");
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_RUN_ID", "77");
        env.put("GITHUB_EVENT_PATH", GitHubEvents.write(event, tmp).toString());
        return env;
    }

    @Test
    void pullRequestUsesTheHeadCommitNotTheMergeCommit() {
        PublishTarget t = PublishTargets.resolve(
                PublishTargets.Overrides.NONE, actions(GitHubEvents.load("pull_request.opened"), "pull_request"), null);
        assertThat(t.sha()).isEqualTo(GitHubEvents.PR_HEAD_SHA);
        assertThat(t.pullRequest()).isEqualTo(GitHubEvents.PR_NUMBER);
        assertThat(t.repository()).isEqualTo(GitHubEvents.REPOSITORY);
        assertThat(t.apiUrl()).isEqualTo("https://api.github.com");
        assertThat(t.detailsUrl()).isEqualTo("https://github.com/Codertocat/Hello-World/actions/runs/77");
        assertThat(t.readOnlyReason()).isNull();
        assertThat(t.verifyPullRequest()).isFalse();
    }

    @Test
    void forkPullRequestIsKnownToHaveAReadOnlyToken() {
        PublishTarget t = PublishTargets.resolve(
                PublishTargets.Overrides.NONE, actions(GitHubEvents.forkPullRequest(), "pull_request"), null);
        assertThat(t.readOnlyReason()).contains("fork", "fork-owner/Hello-World");
    }

    @Test
    void pushUsesGithubSha() {
        Map<String, String> env = actions(GitHubEvents.load("push"), "push");
        env.put("GITHUB_SHA", GitHubEvents.PUSH_SHA);
        env.put("GITHUB_API_URL", "https://ghe.example.com/api/v3/");
        PublishTarget t = PublishTargets.resolve(PublishTargets.Overrides.NONE, env, null);
        assertThat(t.sha()).isEqualTo(GitHubEvents.PUSH_SHA);
        assertThat(t.pullRequest()).isNull();
        assertThat(t.apiUrl()).isEqualTo("https://ghe.example.com/api/v3");
    }

    @Test
    void workflowRunTakesTheTriggeringHeadAndVerifiesAPullRequestOnlyTheResultNames() {
        String head = GitHubEvents.PR_HEAD_SHA;
        PublishTarget listed = PublishTargets.resolve(
                PublishTargets.Overrides.NONE,
                actions(GitHubEvents.workflowRunForPullRequest(head, 2), "workflow_run"),
                null);
        assertThat(listed.sha()).isEqualTo(head);
        assertThat(listed.pullRequest()).isEqualTo(2);
        assertThat(listed.verifyPullRequest()).isFalse();

        PublishTarget fromResult = PublishTargets.resolve(
                PublishTargets.Overrides.NONE,
                actions(GitHubEvents.workflowRunForPullRequest(head, null), "workflow_run"),
                SampleResults.failedGate());
        assertThat(fromResult.pullRequest()).isEqualTo(2);
        assertThat(fromResult.verifyPullRequest()).isTrue();

        PublishTarget otherCommit = PublishTargets.resolve(
                PublishTargets.Overrides.NONE,
                actions(
                        GitHubEvents.workflowRunForPullRequest("2222222222222222222222222222222222222222", null),
                        "workflow_run"),
                SampleResults.failedGate());
        assertThat(otherCommit.pullRequest())
                .as("a result computed on another commit names no pull request here")
                .isNull();
    }

    @Test
    void jenkinsNamesRepositoryPullRequestAndCommit() {
        Map<String, String> env = Map.of(
                "JENKINS_URL",
                "https://ci.example.com/",
                "BUILD_URL",
                "https://ci.example.com/job/x/5/",
                "CHANGE_ID",
                "17",
                "CHANGE_URL",
                "https://github.com/acme/fraud-model/pull/17",
                "GIT_COMMIT",
                "abcdefabcdefabcdefabcdefabcdefabcdefabcd");
        PublishTarget t = PublishTargets.resolve(PublishTargets.Overrides.NONE, env, null);
        assertThat(t.repository()).isEqualTo("acme/fraud-model");
        assertThat(t.pullRequest()).isEqualTo(17);
        assertThat(t.sha()).isEqualTo("abcdefabcdefabcdefabcdefabcdefabcdefabcd");
        assertThat(t.detailsUrl()).isEqualTo("https://ci.example.com/job/x/5/");

        Map<String, String> branch = Map.of(
                "JENKINS_URL",
                "https://ci.example.com/",
                "GIT_URL",
                "git@github.com:acme/fraud-model.git",
                "GIT_COMMIT",
                "abcdefabcdefabcdefabcdefabcdefabcdefabcd");
        assertThat(PublishTargets.resolve(PublishTargets.Overrides.NONE, branch, null)
                        .repository())
                .isEqualTo("acme/fraud-model");
    }

    @Test
    void flagsWinAndBadValuesAreUsageErrors() {
        Map<String, String> env = actions(GitHubEvents.load("pull_request.opened"), "pull_request");
        PublishTarget t = PublishTargets.resolve(
                new PublishTargets.Overrides(
                        "other/repo", 9, "3333333333333333333333333333333333333333", "https://example.com/report"),
                env,
                null);
        assertThat(t)
                .extracting(
                        PublishTarget::repository,
                        PublishTarget::pullRequest,
                        PublishTarget::sha,
                        PublishTarget::detailsUrl)
                .containsExactly(
                        "other/repo", 9, "3333333333333333333333333333333333333333", "https://example.com/report");
        assertThatThrownBy(() ->
                        PublishTargets.resolve(new PublishTargets.Overrides("not a repo", null, null, null), env, null))
                .isInstanceOfSatisfying(
                        MlopsException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("OWNER/NAME");
        assertThatThrownBy(() ->
                        PublishTargets.resolve(new PublishTargets.Overrides(null, null, "$(id)", null), env, null))
                .hasMessageContaining("40-character");
        assertThatThrownBy(() -> PublishTargets.resolve(PublishTargets.Overrides.NONE, Map.of(), null))
                .hasMessageContaining("--repository");
    }
}
