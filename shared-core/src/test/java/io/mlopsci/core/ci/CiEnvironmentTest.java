package io.mlopsci.core.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlopsci.contract.result.CiInfo;
import io.mlopsci.core.testing.GitHubEvents;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whether a build may promote is decided here, once: every event that concerns a pull request
 * never promotes, whatever branch {@code GITHUB_REF_NAME} or {@code BRANCH_NAME} names.
 */
class CiEnvironmentTest {

    static final List<String> MAIN = List.of("main", "master");

    @TempDir
    Path tmp;

    Map<String, String> github(String eventName, ObjectNode payload) {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_REPOSITORY", GitHubEvents.REPOSITORY);
        env.put("GITHUB_EVENT_NAME", eventName);
        env.put(
                "GITHUB_EVENT_PATH",
                GitHubEvents.write(payload, tmp.resolve(eventName)).toString());
        // Events about pull requests that run workflows on the default branch say so here.
        env.put("GITHUB_REF_NAME", "main");
        env.put("GITHUB_SHA", "6113728f27ae82c7b1a177c8d03f9e96e0adf246");
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_RUN_ID", "9");
        return env;
    }

    static Stream<Arguments> pullRequestEvents() {
        return Stream.of(
                Arguments.of("issue_comment", GitHubEvents.issueCommentOnPullRequest(), 2),
                Arguments.of("pull_request_review", GitHubEvents.load("pull_request_review.submitted"), 2),
                Arguments.of(
                        "pull_request_review_comment", GitHubEvents.load("pull_request_review_comment.created"), 2),
                Arguments.of("pull_request_target", GitHubEvents.load("pull_request.opened"), 2),
                Arguments.of("pull_request", GitHubEvents.load("pull_request.opened"), 2),
                Arguments.of("merge_group", GitHubEvents.load("merge_group.checks_requested"), null),
                Arguments.of(
                        "workflow_run",
                        GitHubEvents.workflowRunForPullRequest(GitHubEvents.PR_HEAD_SHA, GitHubEvents.PR_NUMBER),
                        2),
                Arguments.of(
                        "workflow_run", GitHubEvents.workflowRunForPullRequest(GitHubEvents.PR_HEAD_SHA, null), null));
    }

    @ParameterizedTest(name = "{0} (pull request {2})")
    @MethodSource("pullRequestEvents")
    void anEventAboutAPullRequestNeverPromotesWhateverTheBranch(String event, ObjectNode payload, Integer number) {
        CiInfo ci = CiEnvironment.detect(github(event, payload), tmp, MAIN);

        assertThat(ci.forPullRequest()).as("concerns a pull request").isTrue();
        assertThat(ci.mainBranch()).as("may promote").isFalse();
        assertThat(ci.pullRequest()).isEqualTo(number);
        assertThat(ci.event()).startsWith(event);
        assertThat(ci.pullRequestContext()).startsWith("a pull request (").contains("event " + event);
    }

    @Test
    void aPushToMainAndACommentOnAPlainIssuePromote() {
        CiInfo push = CiEnvironment.detect(github("push", GitHubEvents.load("push")), tmp, MAIN);
        assertThat(push.mainBranch()).isTrue();
        assertThat(push.forPullRequest()).isFalse();
        assertThat(push.pullRequestContext()).isNull();

        CiInfo issue =
                CiEnvironment.detect(github("issue_comment", GitHubEvents.load("issue_comment.created")), tmp, MAIN);
        assertThat(issue.forPullRequest())
                .as("an issue that is not a pull request")
                .isFalse();
        assertThat(issue.mainBranch()).isTrue();
    }

    @Test
    void anActionsRunWithoutEventNameOrPayloadIsNoPullRequest() {
        Map<String, String> env = Map.of("GITHUB_ACTIONS", "true", "GITHUB_REF_NAME", "main");
        CiInfo ci = CiEnvironment.detect(env, tmp, MAIN);
        assertThat(ci.forPullRequest()).isFalse();
        assertThat(ci.mainBranch()).isTrue();
    }

    @Test
    void theHeadRefOfAPullRequestRunAloneMarksIt() {
        Map<String, String> env = github("workflow_dispatch", GitHubEvents.load("push"));
        env.put("GITHUB_HEAD_REF", "feature");
        assertThat(CiEnvironment.detect(env, tmp, MAIN).mainBranch()).isFalse();
    }

    @Test
    void aJenkinsChangeRequestNeverPromotesNumberedOrNot() {
        for (String changeId : List.of("17", "PR-17", "I8473b95934b5732ac55d26311a706c9c2bde9940")) {
            Map<String, String> env = Map.of(
                    "JENKINS_URL", "https://ci.example.com/",
                    "BUILD_URL", "https://ci.example.com/job/x/1/",
                    "BRANCH_NAME", "main",
                    "CHANGE_BRANCH", "main",
                    "CHANGE_ID", changeId,
                    "GIT_COMMIT", "6113728f27ae82c7b1a177c8d03f9e96e0adf246");
            CiInfo ci = CiEnvironment.detect(env, tmp, MAIN);
            assertThat(ci.mainBranch()).as("CHANGE_ID=" + changeId).isFalse();
            assertThat(ci.forPullRequest()).isTrue();
            assertThat(ci.pullRequestContext()).startsWith("a change request");
        }
        Map<String, String> branch = Map.of(
                "JENKINS_URL", "https://ci.example.com/",
                "BRANCH_NAME", "main",
                "GIT_COMMIT", "6113728f27ae82c7b1a177c8d03f9e96e0adf246");
        assertThat(CiEnvironment.detect(branch, tmp, MAIN).mainBranch()).isTrue();
    }

    @Test
    void aChangeIdOutsideARecognisedCiStillBlocksPromotion() {
        CiInfo ci = CiEnvironment.detect(Map.of("CHANGE_ID", "5"), tmp, MAIN);
        assertThat(ci.system()).isEqualTo("local");
        assertThat(ci.forPullRequest()).isTrue();
        assertThat(ci.mainBranch()).isFalse();
    }
}
