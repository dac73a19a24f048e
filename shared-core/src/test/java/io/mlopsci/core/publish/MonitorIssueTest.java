package io.mlopsci.core.publish;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.ModelRef;
import io.mlopsci.contract.result.MonitorOutputs;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.testing.FakeIssues;
import io.mlopsci.core.testing.GitHubApiMock;
import io.mlopsci.core.testing.GitHubEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor step's issue on a simulated GitHub whose every request (and every answer of the
 * fake) is checked against GitHub's OpenAPI description: opened once by a failing window, updated
 * in place by the next ones, closed with a comment when a window passes, opened again later.
 */
class MonitorIssueTest {

    static final String REPO = GitHubEvents.REPOSITORY;
    static final String SHA = GitHubEvents.PR_HEAD_SHA;

    GitHubApiMock github;

    @BeforeEach
    void start() {
        github = GitHubApiMock.start(REPO);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    PublishOutcome publish(StepResult r) {
        PublishOptions o = new PublishOptions(
                CommentMode.ALWAYS,
                true,
                "mlops-ci",
                true,
                3,
                Duration.ofMillis(20),
                Duration.ofSeconds(2),
                Duration.ofSeconds(10));
        PublishTarget t = new PublishTarget(
                github.apiUrl(), REPO, SHA, null, false, "https://github.com/" + REPO + "/actions/runs/7", null);
        return GitHubPublisher.connect(github.apiUrl(), "ghs_token0123456789", o, Map.of())
                .publish(r, t);
    }

    static StepResult window(String model, int day, Verdict verdict, boolean retrain, List<String> drifting) {
        String start = "2026-01-0" + day + "T00:00:00Z";
        String end = "2026-01-0" + (day + 1) + "T00:00:00Z";
        return StepResult.builder("monitor")
                .verdict(verdict)
                .summary(verdict == Verdict.PASS ? "every criterion passed" : drifting.size() + " columns drift")
                .model(new ModelRef(model, "3", null))
                .outputs(MonitorOutputs.window("champion", "3", start, end))
                .outputs(new MonitorOutputs(
                        null,
                        null,
                        null,
                        null,
                        24_000L,
                        Map.of("3", 24_000L),
                        end,
                        60L,
                        0L,
                        null,
                        null,
                        null,
                        null,
                        drifting,
                        null,
                        null,
                        null))
                .outputs(MonitorOutputs.retrain(retrain, retrain ? List.of("drift: " + drifting) : List.of()))
                .build();
    }

    @Test
    void oneIssuePerModelOpenedOnceUpdatedInPlaceAndClosedWhenHealthy() {
        PublishOutcome healthy = publish(window("fraud", 1, Verdict.PASS, false, List.of()));
        assertThat(healthy.issueUrl()).as("nothing to close, nothing opened").isNull();
        assertThat(github.github().issues()).isEmpty();

        PublishOutcome opened = publish(window("fraud", 2, Verdict.FAIL, true, List.of("amount", "segment")));
        assertThat(github.github().issues()).hasSize(1);
        FakeIssues.Issue issue = github.github().issues().get(0);
        assertThat(opened.issueUrl()).isEqualTo("https://github.com/" + REPO + "/issues/" + issue.number());
        assertThat(opened.checkRunId())
                .as("no check run: monitoring is not about a commit")
                .isNull();
        assertThat(opened.commentUrl()).isNull();
        assertThat(issue.state()).isEqualTo("open");
        assertThat(issue.labels()).containsExactly(MonitorIssue.LABEL);
        assertThat(issue.title()).isEqualTo("fraud v3 in production: FAIL, retrain — drift in amount, segment");
        assertThat(issue.body())
                .startsWith("<!-- mlops-ci:report monitor fraud -->")
                .contains("actions/runs/7");
        assertThat(opened.notice()).contains("Opened issue #" + issue.number());

        publish(window("fraud", 3, Verdict.FAIL, true, List.of("amount")));
        PublishOutcome warned = publish(window("fraud", 4, Verdict.WARN, false, List.of("segment")));
        assertThat(github.github().issues())
                .as("updated in place, never a second issue")
                .hasSize(1);
        issue = github.github().issues().get(0);
        assertThat(issue.title()).isEqualTo("fraud v3 in production: WARN — drift in segment");
        assertThat(warned.notice()).contains("Updated issue #" + issue.number());
        assertThat(github.github().comments(issue.number()))
                .as("updates edit the issue, they do not comment")
                .isEmpty();

        PublishOutcome closed = publish(window("fraud", 5, Verdict.PASS, false, List.of()));
        issue = github.github().issues().get(0);
        assertThat(issue.state()).isEqualTo("closed");
        assertThat(issue.stateReason()).isEqualTo("completed");
        assertThat(closed.issueUrl()).isEqualTo(opened.issueUrl());
        assertThat(github.github().comments(issue.number()))
                .singleElement()
                .satisfies(c -> assertThat(c.body())
                        .startsWith("The window 2026-01-05T00:00:00Z to 2026-01-06T00:00:00Z passed")
                        .contains("fraud is healthy again"));

        publish(window("fraud", 6, Verdict.WARN, false, List.of("amount")));
        assertThat(github.github().issues()).as("a warning opens nothing").hasSize(1);
        publish(window("other-model", 6, Verdict.ERROR, false, List.of()));
        publish(window("fraud", 7, Verdict.FAIL, false, List.of("amount")));
        assertThat(github.github().issues())
                .as("a new issue for the model once the old one is closed, and one per model")
                .hasSize(3)
                .extracting(FakeIssues.Issue::state)
                .containsExactly("closed", "open", "open");
        github.assertAllRequestsValid();
        assertThat(github.calls())
                .contains(
                        "GET /repos/" + REPO + "/issues",
                        "POST /repos/" + REPO + "/issues",
                        "PATCH /repos/" + REPO + "/issues/" + issue.number(),
                        "POST /repos/" + REPO + "/issues/" + issue.number() + "/comments")
                .noneMatch(c -> c.contains("check-runs") || c.contains("statuses"));
    }

    @Test
    void aTokenThatMayNotWriteIssuesDegradesWithThePermissionNamed() {
        github.server()
                .stubFor(post(urlPathEqualTo("/repos/" + REPO + "/issues"))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withStatus(403)
                                .withHeader("Content-Type", "application/json")
                                .withHeader(GitHubApiMock.INJECTED, "true")
                                .withBody("{\"message\":\"Resource not accessible by integration\"}")));
        PublishOutcome o = publish(window("fraud", 2, Verdict.FAIL, false, List.of("amount")));
        assertThat(o.degraded()).isTrue();
        assertThat(o.notice()).contains("issues: write").contains("Resource not accessible by integration");
        assertThat(github.github().issues()).isEmpty();
    }
}
