package io.mlopsci.core.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real webhook payloads (from {@code @octokit/webhooks-examples}, see
 * {@code github-events/README.md}) and the variants tests need, derived in code.
 */
public final class GitHubEvents {

    /** The repository the payloads are about. */
    public static final String REPOSITORY = "Codertocat/Hello-World";

    public static final int PR_NUMBER = 2;
    public static final String PR_HEAD_SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    public static final String PUSH_SHA = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";

    private GitHubEvents() {}

    public static ObjectNode load(String name) {
        try (InputStream in = GitHubEvents.class.getResourceAsStream("/github-events/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no payload github-events/" + name + ".json");
            }
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pull_request payload opened from a fork ({@code fork/Hello-World}). */
    public static ObjectNode forkPullRequest() {
        ObjectNode e = load("pull_request.opened");
        ObjectNode headRepo = (ObjectNode) e.path("pull_request").path("head").path("repo");
        headRepo.put("full_name", "fork-owner/Hello-World");
        headRepo.put("fork", true);
        ((ObjectNode) headRepo.path("owner")).put("login", "fork-owner");
        ((ObjectNode) e.path("pull_request").path("head")).put("label", "fork-owner:changes");
        return e;
    }

    /** A pull_request payload whose title and branch name try to inject shell and workflow commands. */
    public static ObjectNode hostilePullRequest(String title, String branch) {
        ObjectNode e = load("pull_request.opened");
        ObjectNode pr = (ObjectNode) e.path("pull_request");
        pr.put("title", title);
        pr.put("body", title);
        ((ObjectNode) pr.path("head")).put("ref", branch);
        ((ObjectNode) pr.path("head")).put("label", "Codertocat:" + branch);
        return e;
    }

    /**
     * A workflow_run (completed) for a pull_request run on {@code headSha}; {@code number} is listed
     * in {@code pull_requests}, or not at all when null (as for pull requests from forks).
     */
    public static ObjectNode workflowRunForPullRequest(String headSha, Integer number) {
        ObjectNode e = load("workflow_run.completed");
        ObjectNode run = (ObjectNode) e.path("workflow_run");
        run.put("event", "pull_request");
        run.put("head_sha", headSha);
        ArrayNode prs = run.putArray("pull_requests");
        if (number != null) {
            ObjectNode p = prs.addObject();
            p.put("number", number);
            p.put("id", 1);
            p.put("url", "https://api.github.com/repos/" + REPOSITORY + "/pulls/" + number);
            p.putObject("head").put("sha", headSha).put("ref", "changes");
            p.putObject("base")
                    .put("sha", "f95f852bd8fca8fcc58a9a2d6c842781e32a215e")
                    .put("ref", "main");
        }
        return e;
    }

    /**
     * An issue_comment (created) on pull request #{@value #PR_NUMBER}: GitHub's payload for a
     * comment on a pull request is the issue payload whose {@code issue.pull_request} links the pull
     * request (the package's examples are all on plain issues, so the link is added here).
     */
    public static ObjectNode issueCommentOnPullRequest() {
        ObjectNode e = load("issue_comment.created");
        ObjectNode issue = (ObjectNode) e.path("issue");
        issue.put("number", PR_NUMBER);
        String api = "https://api.github.com/repos/" + REPOSITORY + "/pulls/" + PR_NUMBER;
        String html = "https://github.com/" + REPOSITORY + "/pull/" + PR_NUMBER;
        issue.putObject("pull_request")
                .put("url", api)
                .put("html_url", html)
                .put("diff_url", html + ".diff")
                .put("patch_url", html + ".patch")
                .putNull("merged_at");
        return e;
    }

    /** Writes a payload to {@code dir/event.json} and returns the path. */
    public static Path write(ObjectNode event, Path dir) {
        try {
            Path p = dir.resolve("event.json");
            Files.createDirectories(dir);
            Files.write(p, Json.bytes(event));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
