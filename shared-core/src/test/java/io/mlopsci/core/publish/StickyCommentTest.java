package io.mlopsci.core.publish;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.core.testing.FakeGitHub;
import io.mlopsci.core.testing.GitHubApiMock;
import io.mlopsci.core.testing.GitHubEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sticky comment is the token's own: found by marker and author, never another user's
 * comment edited, never posted twice when a POST is answered 5xx after it landed; and a GitHub
 * that never answers is reported as what timed out.
 */
class StickyCommentTest {

    static final String TOKEN = "ghs_stickyCommentTokenValue012345";
    static final String PAT = "github_pat_11AAAAAAA0stickyCommentPatValue";
    static final String REPO = GitHubEvents.REPOSITORY;
    static final int PR = GitHubEvents.PR_NUMBER;
    static final String MARKER = GitHubReport.marker("mlops-ci");

    GitHubApiMock github;

    @BeforeEach
    void start() {
        github = GitHubApiMock.start(REPO);
        github.github().pull(PR, GitHubEvents.PR_HEAD_SHA);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    PublishOptions options(Duration timeout, int attempts) {
        return new PublishOptions(
                CommentMode.ALWAYS,
                false,
                "mlops-ci",
                true,
                attempts,
                Duration.ofMillis(20),
                Duration.ofSeconds(2),
                timeout);
    }

    PublishOutcome publish(String token, PublishOptions o) {
        PublishTarget t = new PublishTarget(github.apiUrl(), REPO, GitHubEvents.PR_HEAD_SHA, PR, false, null, null);
        return GitHubPublisher.connect(github.apiUrl(), token, o, Map.of()).publish(SampleResults.failedGate(), t);
    }

    PublishOutcome publish(String token) {
        return publish(token, options(Duration.ofSeconds(10), 3));
    }

    @Test
    void aMarkerPlantedByAnotherUserIsNeitherEditedNorInTheWay() {
        FakeGitHub.Comment planted =
                github.github().addComment(PR, MARKER + "\nplanted: everything passed, merge it", "mallory");

        PublishOutcome o = publish(TOKEN);

        List<FakeGitHub.Comment> comments = github.github().comments(PR);
        assertThat(comments).hasSize(2);
        assertThat(comments.get(0)).isEqualTo(planted);
        assertThat(comments.get(1).user()).isEqualTo(FakeGitHub.BOT);
        assertThat(comments.get(1).body()).startsWith(MARKER).contains("FAIL");
        assertThat(o.commentUrl()).endsWith("#issuecomment-" + comments.get(1).id());
        assertThat(o.notice()).contains("Left alone 1 comment", "mallory", "github-actions[bot]");
        assertThat(github.calls())
                .contains("POST /graphql")
                .doesNotContain("PATCH /repos/" + REPO + "/issues/comments/" + planted.id());
        github.assertAllRequestsValid();
    }

    @Test
    void theTokensOwnCommentIsEditedEvenBehindAPlantedOne() {
        FakeGitHub.Comment planted = github.github().addComment(PR, MARKER + "\nplanted", "mallory");
        FakeGitHub.Comment ours = github.github().addComment(PR, MARKER + "\nold report", FakeGitHub.BOT);

        publish(TOKEN);

        assertThat(github.github().comments(PR)).hasSize(2);
        assertThat(github.github().comments(PR).get(0).body()).isEqualTo(planted.body());
        assertThat(github.github().comments(PR).get(1).body()).contains("FAIL").doesNotContain("old report");
        assertThat(github.calls())
                .contains("PATCH /repos/" + REPO + "/issues/comments/" + ours.id())
                .noneMatch(c -> c.equals("POST /repos/" + REPO + "/issues/" + PR + "/comments"));
        github.assertAllRequestsValid();
    }

    @Test
    void aPersonalAccessTokenIsKnownByGetUserAndLeavesTheActionsBotsCommentAlone() {
        github.github().asUser("octo-maintainer");
        FakeGitHub.Comment bots = github.github().addComment(PR, MARKER + "\nby the Actions token", FakeGitHub.BOT);
        FakeGitHub.Comment mine = github.github().addComment(PR, MARKER + "\nold", "octo-maintainer");

        publish(PAT);

        assertThat(github.calls()).contains("GET /user").doesNotContain("POST /graphql");
        assertThat(github.calls())
                .contains("PATCH /repos/" + REPO + "/issues/comments/" + mine.id())
                .doesNotContain("PATCH /repos/" + REPO + "/issues/comments/" + bots.id());
        github.assertAllRequestsValid();
    }

    @Test
    void aGitHubAppsInstallationTokenIsKnownByGraphqlViewer() {
        github.github().asApp("mlops-reporter[bot]");
        github.github().addComment(PR, MARKER + "\nby the Actions token", FakeGitHub.BOT);
        FakeGitHub.Comment apps = github.github().addComment(PR, MARKER + "\nold", "mlops-reporter[bot]");

        publish(TOKEN);

        assertThat(github.calls()).contains("POST /graphql").doesNotContain("GET /user");
        assertThat(github.calls()).contains("PATCH /repos/" + REPO + "/issues/comments/" + apps.id());
        assertThat(github.requests())
                .filteredOn(r -> r.getUrl().equals("/graphql"))
                .singleElement()
                .satisfies(
                        r -> assertThat(r.getBodyAsString()).contains("viewer").contains("login"));
        github.assertAllRequestsValid();
    }

    @Test
    void whenGitHubWillNotSayWhoTheTokenIsNothingIsEdited() {
        github.server()
                .stubFor(post(urlPathEqualTo("/graphql"))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withStatus(401)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"message\":\"Bad credentials\"}")));
        FakeGitHub.Comment ours = github.github().addComment(PR, MARKER + "\nold", FakeGitHub.BOT);

        PublishOutcome o = publish(TOKEN);

        assertThat(github.github().comments(PR)).hasSize(2);
        assertThat(github.github().comments(PR).get(0).body()).isEqualTo(ours.body());
        assertThat(o.notice()).contains("Could not tell who the token is", "401", "no existing comment was edited");
        assertThat(o.notice()).doesNotContain(TOKEN);
    }

    @Test
    void aCommentPostAnswered502AfterItLandedIsFoundNotPostedTwice() {
        String comments = "/repos/" + REPO + "/issues/" + PR + "/comments";
        github.github().failAfterApplying("POST", comments, 502, 1);

        PublishOutcome o = publish(TOKEN);

        assertThat(github.github().comments(PR))
                .as("one sticky comment")
                .singleElement()
                .satisfies(c -> assertThat(c.body()).startsWith(MARKER));
        assertThat(o.commentUrl())
                .endsWith("#issuecomment-" + github.github().comments(PR).get(0).id());
        assertThat(github.calls()).filteredOn(c -> c.equals("POST " + comments)).hasSize(1);
        assertThat(github.calls()).containsSubsequence("POST " + comments, "GET " + comments);
        github.assertAllRequestsValid();
    }

    @Test
    void aCommentPostThatReallyFailedIsTriedAgain() {
        String comments = "/repos/" + REPO + "/issues/" + PR + "/comments";
        github.server()
                .stubFor(post(urlPathEqualTo(comments))
                        .atPriority(1)
                        .inScenario("down once")
                        .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                        .willSetStateTo("up")
                        .willReturn(aResponse()
                                .withStatus(503)
                                .withHeader(GitHubApiMock.INJECTED, "1")
                                .withBody("unavailable")));

        publish(TOKEN);

        assertThat(github.github().comments(PR)).hasSize(1);
        assertThat(github.calls()).filteredOn(c -> c.equals("POST " + comments)).hasSize(2);
        github.assertAllRequestsValid();
    }

    @Test
    void aGitHubThatNeverAnswersIsReportedAsATimeoutOfThatRequest() {
        github.server()
                .stubFor(get(urlPathEqualTo("/repos/" + REPO))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withStatus(503)
                                .withHeader(GitHubApiMock.INJECTED, "1")
                                .withFixedDelay(3_000)));

        assertThatThrownBy(() -> publish(TOKEN, options(Duration.ofSeconds(1), 2)))
                .isInstanceOfSatisfying(GitHubPublishException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.getMessage())
                            .contains(
                                    "cannot read the repository " + REPO,
                                    "did not answer the request to /repos/" + REPO,
                                    "within 1 s (request timeout)",
                                    "2 tries")
                            .doesNotContain("-1")
                            .doesNotContain("null");
                });
    }

    @Test
    void aRefusedConnectionSaysSo() {
        String api = github.apiUrl();
        github.close();
        PublishTarget t = new PublishTarget(api, REPO, GitHubEvents.PR_HEAD_SHA, PR, false, null, null);
        assertThatThrownBy(() -> GitHubPublisher.connect(api, TOKEN, options(Duration.ofSeconds(2), 1), Map.of())
                        .publish(SampleResults.failedGate(), t))
                .isInstanceOfSatisfying(
                        GitHubPublishException.class,
                        e -> assertThat(e.getMessage())
                                .contains("cannot reach GitHub at " + api + ": connection refused")
                                .doesNotContain("-1"));
        github = GitHubApiMock.start(REPO);
    }
}
