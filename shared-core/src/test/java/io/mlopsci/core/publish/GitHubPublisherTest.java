package io.mlopsci.core.publish;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.FakeGitHub;
import io.mlopsci.core.testing.GitHubApiMock;
import io.mlopsci.core.testing.GitHubEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The publisher against a simulated GitHub whose every request is checked against GitHub's OpenAPI description. */
class GitHubPublisherTest {

    static final String TOKEN = "ghs_secretTokenValue0123456789";
    static final String REPO = GitHubEvents.REPOSITORY;
    static final String SHA = GitHubEvents.PR_HEAD_SHA;
    static final int PR = GitHubEvents.PR_NUMBER;

    GitHubApiMock github;

    @BeforeEach
    void start() {
        github = GitHubApiMock.start(REPO);
        github.github().pull(PR, SHA);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    PublishOptions options(CommentMode mode) {
        return new PublishOptions(
                mode, true, "mlops-ci", true, 3, Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    PublishTarget target(String readOnlyReason) {
        return new PublishTarget(
                github.apiUrl(),
                REPO,
                SHA,
                PR,
                false,
                "https://github.com/" + REPO + "/actions/runs/42",
                readOnlyReason);
    }

    PublishOutcome publish(StepResult r, PublishOptions o, PublishTarget t) {
        return GitHubPublisher.connect(github.apiUrl(), TOKEN, o, Map.of()).publish(r, t);
    }

    @Test
    void secondRunFindsTheStickyCommentAndEditsItInPlace() {
        PublishOutcome first = publish(SampleResults.failedGate(), options(CommentMode.ALWAYS), target(null));
        PublishOutcome second = publish(SampleResults.passedGate(), options(CommentMode.ALWAYS), target(null));

        List<FakeGitHub.Comment> comments = github.github().comments(PR);
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).body())
                .startsWith(GitHubReport.marker("mlops-ci"))
                .contains("PASS")
                .doesNotContain("roc\\_auc");
        assertThat(second.commentUrl())
                .isEqualTo(first.commentUrl())
                .contains("#issuecomment-" + comments.get(0).id());
        assertThat(github.calls())
                .containsSubsequence(
                        "POST /repos/" + REPO + "/issues/" + PR + "/comments",
                        "PATCH /repos/" + REPO + "/issues/comments/"
                                + comments.get(0).id());
        assertThat(github.calls())
                .filteredOn(c -> c.startsWith("POST") && c.endsWith("/comments"))
                .hasSize(1);

        List<FakeGitHub.CheckRun> runs = github.github().checkRuns();
        assertThat(runs).extracting(FakeGitHub.CheckRun::conclusion).containsExactly("failure", "success");
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.headSha()).isEqualTo(SHA);
            assertThat(r.status()).isEqualTo("completed");
            assertThat(r.detailsUrl()).endsWith("/actions/runs/42");
        });
        List<JsonNode> annotations = runs.get(0).annotations();
        assertThat(annotations)
                .extracting(a ->
                        a.path("path").asText() + ":" + a.path("start_line").asInt() + ":"
                                + a.path("annotation_level").asText())
                .containsExactly(
                        "test-repos/jvm-classifier/mlops.yaml:27:failure",
                        "test-repos/jvm-classifier/mlops.yaml:29:warning");
        assertThat(annotations.get(0).path("message").asText()).contains("roc_auc", "0.81", "drop ≤ 0.0100", "0.86");
        assertThat(first.checkRunId()).isEqualTo(runs.get(0).id());
        assertThat(first.degraded()).isFalse();
        github.assertAllRequestsValid();
    }

    @Test
    void findsTheMarkerOnALaterPageAndLeavesAHumanQuotingItAlone() {
        for (int i = 0; i < 130; i++) {
            github.github().addComment(PR, "comment " + i, "octocat");
        }
        github.github().addComment(PR, "> " + GitHubReport.marker("mlops-ci") + "\nquoting the bot", "octocat");
        FakeGitHub.Comment sticky =
                github.github().addComment(PR, GitHubReport.marker("mlops-ci") + "\nold report", FakeGitHub.BOT);

        publish(SampleResults.failedGate(), options(CommentMode.ALWAYS), target(null));

        assertThat(github.github().comments(PR)).hasSize(132);
        assertThat(github.github().comments(PR).get(131).body())
                .contains("FAIL")
                .doesNotContain("old report");
        assertThat(github.github().comments(PR).get(130).body()).contains("quoting the bot");
        assertThat(github.calls())
                .contains("PATCH /repos/" + REPO + "/issues/comments/" + sticky.id())
                .noneMatch(c -> c.startsWith("POST") && c.endsWith("/comments"));
        assertThat(github.requests()).anyMatch(r -> r.getUrl().contains("page=2"));
        github.assertAllRequestsValid();
    }

    @Test
    void onFailureCommentsOnlyOnFailureButStillUpdatesAnExistingComment() {
        publish(SampleResults.passedGate(), options(CommentMode.ON_FAILURE), target(null));
        assertThat(github.github().comments(PR)).isEmpty();
        publish(SampleResults.failedGate(), options(CommentMode.ON_FAILURE), target(null));
        publish(SampleResults.passedGate(), options(CommentMode.ON_FAILURE), target(null));
        assertThat(github.github().comments(PR))
                .singleElement()
                .satisfies(c -> assertThat(c.body()).contains("PASS"));
        github.assertAllRequestsValid();
    }

    @Test
    void readOnlyTokenOfAForkPullRequestDegradesWithANotice() {
        String refused = "{\"message\":\"Resource not accessible by integration\","
                + "\"documentation_url\":\"https://docs.github.com/rest\"}";
        github.server()
                .stubFor(post(urlPathMatching("/repos/.*/(issues/\\d+/comments|check-runs|statuses/.*)"))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withStatus(403)
                                .withHeader("Content-Type", "application/json")
                                .withHeader(GitHubApiMock.INJECTED, "1")
                                .withBody(refused)));

        PublishOutcome o = publish(
                SampleResults.failedGate(),
                options(CommentMode.ALWAYS),
                target("the pull request comes from a fork (fork-owner/Hello-World)"));

        assertThat(o.degraded()).isTrue();
        assertThat(o.commentUrl()).isNull();
        assertThat(o.checkRunId()).isNull();
        assertThat(o.notice()).contains("read-only", "fork", "workflow_run").doesNotContain(TOKEN);
        assertThat(github.calls()).noneMatch(c -> c.contains("/statuses/"));
        github.assertAllRequestsValid();
    }

    @Test
    void aTokenThatMayNotCreateCheckRunsSetsACommitStatusInstead() {
        github.server()
                .stubFor(post(urlPathEqualTo("/repos/" + REPO + "/check-runs"))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withStatus(403)
                                .withHeader("Content-Type", "application/json")
                                .withHeader(GitHubApiMock.INJECTED, "1")
                                .withBody("{\"message\":\"You must authenticate via a GitHub App.\"}")));

        PublishOutcome o = publish(SampleResults.failedGate(), options(CommentMode.OFF), target(null));

        assertThat(o.degraded()).isFalse();
        assertThat(o.statusContext()).isEqualTo("mlops-ci");
        assertThat(o.notice()).contains("commit status", "GitHub App");
        assertThat(github.github().statuses()).singleElement().satisfies(s -> {
            assertThat(s.sha()).isEqualTo(SHA);
            assertThat(s.state()).isEqualTo("failure");
            assertThat(s.description()).hasSizeLessThanOrEqualTo(140).startsWith("FAIL");
        });
        github.assertAllRequestsValid();
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimes() {
        String url = "/repos/" + REPO + "/check-runs";
        github.server()
                .stubFor(post(urlPathEqualTo(url))
                        .atPriority(1)
                        .inScenario("flaky")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willSetStateTo("once")
                        .willReturn(aResponse()
                                .withStatus(502)
                                .withHeader(GitHubApiMock.INJECTED, "1")
                                .withBody("Bad gateway")));
        github.server()
                .stubFor(post(urlPathEqualTo(url))
                        .atPriority(1)
                        .inScenario("flaky")
                        .whenScenarioStateIs("once")
                        .willSetStateTo("recovered")
                        .willReturn(aResponse()
                                .withStatus(503)
                                .withHeader(GitHubApiMock.INJECTED, "1")
                                .withBody("Unavailable")));

        PublishOutcome o = publish(SampleResults.failedGate(), options(CommentMode.OFF), target(null));

        assertThat(o.checkRunId()).isNotNull();
        assertThat(github.calls()).filteredOn(c -> c.equals("POST " + url)).hasSize(3);
        assertThat(github.github().checkRuns()).hasSize(1);
        github.assertAllRequestsValid();
    }

    @Test
    void persistentServerErrorsFailWithExit3AfterTheLastTry() {
        github.server()
                .stubFor(post(urlPathEqualTo("/repos/" + REPO + "/check-runs"))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withStatus(503)
                                .withHeader(GitHubApiMock.INJECTED, "1")
                                .withBody("Unavailable")));

        assertThatThrownBy(() -> publish(SampleResults.failedGate(), options(CommentMode.ALWAYS), target(null)))
                .isInstanceOfSatisfying(GitHubPublishException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.getMessage())
                            .contains("check run", "HTTP 503", "3 tries")
                            .doesNotContain(TOKEN);
                    assertThat(e.partial().commentUrl())
                            .as("the comment was written before")
                            .isNotNull();
                });
        assertThat(github.calls())
                .filteredOn(c -> c.equals("POST /repos/" + REPO + "/check-runs"))
                .hasSize(3);
        github.assertAllRequestsValid();
    }

    @Test
    void aSecondaryRateLimitAskingForAMinuteFailsFastWithAClearMessage() {
        github.server()
                .stubFor(post(urlPathMatching("/repos/.*/issues/\\d+/comments"))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withStatus(429)
                                .withHeader("Retry-After", "60")
                                .withHeader(GitHubApiMock.INJECTED, "1")
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}")));
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> publish(SampleResults.failedGate(), options(CommentMode.ALWAYS), target(null)))
                .isInstanceOfSatisfying(GitHubPublishException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.getMessage())
                            .contains("secondary rate limit", "HTTP 429", "retry after 60 s", "Rerun later");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .as("never waits the minute")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(github.calls())
                .filteredOn(c -> c.startsWith("POST") && c.endsWith("/comments"))
                .hasSize(1);
        assertThat(github.github().checkRuns()).isEmpty();
        github.assertAllRequestsValid();
    }

    @Test
    void aShortSecondaryRateLimitIsWaitedOutAtMostTwice() {
        String url = "/repos/" + REPO + "/check-runs";
        github.server()
                .stubFor(post(urlPathEqualTo(url))
                        .atPriority(1)
                        .inScenario("limited")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willSetStateTo("ok")
                        .willReturn(aResponse()
                                .withStatus(429)
                                .withHeader("Retry-After", "1")
                                .withHeader(GitHubApiMock.INJECTED, "1")));
        PublishOutcome o = publish(SampleResults.passedGate(), options(CommentMode.OFF), target(null));
        assertThat(o.checkRunId()).isNotNull();

        github.server()
                .stubFor(post(urlPathEqualTo(url))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withStatus(429)
                                .withHeader("Retry-After", "1")
                                .withHeader(GitHubApiMock.INJECTED, "1")));
        github.server().resetRequests();
        assertThatThrownBy(() -> publish(SampleResults.passedGate(), options(CommentMode.OFF), target(null)))
                .isInstanceOfSatisfying(
                        GitHubPublishException.class,
                        e -> assertThat(e.getMessage()).contains("3 times"));
        assertThat(github.calls()).filteredOn(c -> c.equals("POST " + url)).hasSize(3);
        github.assertAllRequestsValid();
    }

    @Test
    void anExhaustedPrimaryRateLimitFailsAtOnce() {
        github.server()
                .stubFor(
                        post(urlPathMatching("/repos/.*/issues/\\d+/comments"))
                                .atPriority(1)
                                .willReturn(
                                        aResponse()
                                                .withStatus(403)
                                                .withHeader("X-RateLimit-Remaining", "0")
                                                .withHeader("X-RateLimit-Reset", "1900000000")
                                                .withHeader(GitHubApiMock.INJECTED, "1")
                                                .withHeader("Content-Type", "application/json")
                                                .withBody(
                                                        "{\"message\":\"API rate limit exceeded\",\"documentation_url\":\"https://docs.github.com\"}")));
        assertThatThrownBy(() -> publish(SampleResults.failedGate(), options(CommentMode.ALWAYS), target(null)))
                .isInstanceOfSatisfying(GitHubPublishException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("rate limit", "2030-03-17");
                });
        assertThat(github.calls())
                .filteredOn(c -> c.startsWith("POST") && c.endsWith("/comments"))
                .hasSize(1);
    }

    @Test
    void oversizedReportsAreShortenedWithinGitHubsLimitsAndAnnotationsGoInBatchesOf50() {
        StepResult huge = SampleResults.hugeFailedGate(1200);
        PublishOutcome o = publish(huge, options(CommentMode.ALWAYS), target(null));

        String body = github.github().comments(PR).get(0).body();
        assertThat(body.length())
                .isLessThanOrEqualTo(GitHubReport.COMMENT_LIMIT)
                .isGreaterThan(60_000);
        assertThat(body)
                .startsWith(GitHubReport.marker("mlops-ci"))
                .contains("Report shortened")
                .endsWith("</sub>\n");
        assertThat(count(body, "<details")).isEqualTo(count(body, "</details>"));
        FakeGitHub.CheckRun run = github.github().checkRuns().get(0);
        assertThat(run.summary().length()).isLessThanOrEqualTo(GitHubReport.CHECK_SUMMARY_LIMIT);
        assertThat(run.summary()).contains("Report shortened");
        assertThat(run.annotations()).hasSize(1200);
        assertThat(github.calls())
                .filteredOn(c -> c.startsWith("PATCH /repos/" + REPO + "/check-runs/"))
                .hasSize(23);
        github.requests().stream()
                .filter(r -> r.getUrl().contains("/check-runs"))
                .forEach(r -> assertThat(Json.mapper()
                                .valueToTree(readTree(r.getBodyAsString()))
                                .path("output")
                                .path("annotations")
                                .size())
                        .isLessThanOrEqualTo(50));
        assertThat(o.truncated()).isTrue();
        github.assertAllRequestsValid();
    }

    @Test
    void aPullRequestNamedOnlyByAnUploadedResultIsVerifiedAgainstItsHead() {
        PublishTarget t = new PublishTarget(
                github.apiUrl(), REPO, "0123456789abcdef0123456789abcdef01234567", PR, true, null, null);
        PublishOutcome o = publish(SampleResults.failedGate(), options(CommentMode.ALWAYS), t);
        assertThat(o.commentUrl()).isNull();
        assertThat(o.notice()).contains("No comment written", "#" + PR);
        assertThat(github.github().comments(PR)).isEmpty();
        assertThat(github.github().checkRuns())
                .singleElement()
                .satisfies(r -> assertThat(r.headSha()).isEqualTo("0123456789abcdef0123456789abcdef01234567"));
        github.assertAllRequestsValid();
    }

    @Test
    void aWrongTokenIsAUsageErrorThatNeverShowsTheToken() {
        github.server()
                .stubFor(
                        com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/repos/" + REPO))
                                .atPriority(1)
                                .willReturn(
                                        aResponse()
                                                .withStatus(401)
                                                .withHeader("Content-Type", "application/json")
                                                .withHeader(GitHubApiMock.INJECTED, "1")
                                                .withBody(
                                                        "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}")));
        assertThatThrownBy(() -> publish(SampleResults.failedGate(), options(CommentMode.ALWAYS), target(null)))
                .isInstanceOfSatisfying(GitHubPublishException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("401").doesNotContain(TOKEN);
                });
    }

    private static JsonNode readTree(String s) {
        try {
            return Json.mapper().readTree(s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
