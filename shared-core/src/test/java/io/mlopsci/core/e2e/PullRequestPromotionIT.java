package io.mlopsci.core.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.GitHubEvents;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI on the JVM sample (gate only, so the gate itself promotes): a ChatOps comment on a
 * pull request, a review of it, or a Jenkins change request never moves {@code champion}, even
 * with {@code GITHUB_REF_NAME=main} / {@code BRANCH_NAME=main}; a push to main does.
 */
class PullRequestPromotionIT {

    @TempDir
    Path tmp;

    @Test
    void eventsAboutAPullRequestNeverMoveTheChampionAPushToMainDoes() throws IOException {
        Sandbox repo = Sandbox.of("jvm-classifier", tmp, "main");
        String yaml = repo.read("mlops.yaml");
        repo.write("mlops.yaml", yaml.substring(0, yaml.indexOf("\npackage:")) + "\n");
        Processes.Result train = repo.mlops("train", "--config", "mlops.yaml");
        assertThat(train.exitCode()).as(train.toString()).isZero();

        githubEvent(repo, "issue_comment", GitHubEvents.issueCommentOnPullRequest());
        assertNotPromoted(repo, "a pull request (#2, event issue_comment) never changes 'champion'");

        githubEvent(repo, "pull_request_review", GitHubEvents.load("pull_request_review.submitted"));
        assertNotPromoted(repo, "event pull_request_review");

        Sandbox jenkins = repo.copy(tmp, "jenkins");
        jenkins.env("GITHUB_ACTIONS", "false")
                .env("JENKINS_URL", "https://ci.example.com/")
                .env("BRANCH_NAME", "main")
                .env("CHANGE_ID", "PR-9");
        assertNotPromoted(jenkins, "a change request (event change-request)");

        githubEvent(repo, "push", GitHubEvents.load("push"));
        JsonNode pushed = gate(repo);
        assertThat(pushed.path("outputs").path("promoted").asBoolean())
                .as(pushed.path("notes").toString())
                .isTrue();
        assertThat(champion(repo))
                .isEqualTo(pushed.path("model").path("version").asText());
    }

    private void githubEvent(Sandbox repo, String name, ObjectNode payload) {
        repo.env("GITHUB_ACTIONS", "true")
                .env("GITHUB_REPOSITORY", GitHubEvents.REPOSITORY)
                .env("GITHUB_EVENT_NAME", name)
                .env(
                        "GITHUB_EVENT_PATH",
                        GitHubEvents.write(payload, tmp.resolve("events").resolve(name))
                                .toString())
                .env("GITHUB_REF_NAME", "main")
                .env("GITHUB_SHA", GitHubEvents.PUSH_SHA);
    }

    private static JsonNode gate(Sandbox repo) throws IOException {
        Processes.Result r = repo.mlops("evaluate-gate", "--config", "mlops.yaml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return Json.mapper().readTree(repo.out("evaluate-gate", "result.json").toFile());
    }

    private static void assertNotPromoted(Sandbox repo, String why) throws IOException {
        JsonNode result = gate(repo);
        assertThat(result.path("verdict").asText()).isIn("PASS", "WARN");
        assertThat(result.path("outputs").path("promoted").asBoolean()).isFalse();
        assertThat(result.path("notes").toString()).contains("not promoted", why);
        assertThat(result.path("ci").path("mainBranch").asBoolean()).isFalse();
        assertThat(result.path("ci").path("forPullRequest").asBoolean()).isTrue();
        assertThat(champion(repo)).as("champion unchanged").isNull();
    }

    private static String champion(Sandbox repo) throws IOException {
        Path models = repo.dir().resolve(".mlops/registry/models/jvm-fraud.json");
        if (!Files.isRegularFile(models)) {
            return null;
        }
        JsonNode c = Json.mapper().readTree(models.toFile()).path("aliases").path("champion");
        return c.isTextual() ? c.asText() : null;
    }
}
