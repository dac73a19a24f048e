package io.mlopsci.core.ci;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.result.CiInfo;
import io.mlopsci.core.step.MlopsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the engine runs, read from the environment the CI system sets: GitHub Actions
 * ({@code GITHUB_*}, the event payload), Jenkins ({@code JENKINS_URL}, {@code BRANCH_NAME},
 * {@code CHANGE_ID}, ...) or a developer's machine (the {@code .git} directory). The engine reads
 * these variables as plain data; it links nothing from either CI system.
 */
public final class CiEnvironment {

    private CiEnvironment() {}

    /**
     * GitHub events that concern a pull request. A workflow they trigger may run on the default
     * branch ({@code GITHUB_REF_NAME=main} for {@code issue_comment}, {@code pull_request_target}),
     * but it builds or discusses a pull request's code, so it never promotes.
     */
    static final Set<String> PULL_REQUEST_EVENTS = Set.of(
            "pull_request",
            "pull_request_target",
            "pull_request_review",
            "pull_request_review_comment",
            "pull_request_review_thread",
            "merge_group");

    /**
     * Detects the CI context. {@code mainBranches} decides {@link CiInfo#mainBranch()}: true when
     * the branch is one of them and the build does not concern a pull request. This is the one
     * place that decides whether a build concerns a pull request: on GitHub Actions any event about
     * one ({@link #PULL_REQUEST_EVENTS}, an {@code issue_comment} on a pull request, a
     * {@code workflow_run} of a pull request's run, any payload naming a pull request); on Jenkins
     * (or anywhere) a {@code CHANGE_ID}.
     */
    public static CiInfo detect(Map<String, String> env, Path workdir, List<String> mainBranches) {
        String system;
        String branch;
        String sha;
        Integer pr = null;
        boolean forPullRequest = false;
        String trigger = null;
        String buildUrl = null;
        String repository = null;
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            system = "github-actions";
            repository = env.get("GITHUB_REPOSITORY");
            sha = env.get("GITHUB_SHA");
            branch = env.get("GITHUB_REF_NAME");
            trigger = blankToNull(env.get("GITHUB_EVENT_NAME"));
            JsonNode event = readEvent(env.get("GITHUB_EVENT_PATH"));
            JsonNode pull = event == null ? null : event.get("pull_request");
            JsonNode issue = event == null ? null : event.get("issue");
            JsonNode run = event == null ? null : event.get("workflow_run");
            forPullRequest = pullRequestEvent(trigger) || blankToNull(env.get("GITHUB_HEAD_REF")) != null;
            if (pull != null && pull.isObject()) {
                forPullRequest = true;
                pr = number(pull.path("number"));
                // GITHUB_SHA is the merge commit on pull_request events; reviewers see the head.
                sha = textOr(pull.path("head").path("sha"), sha);
                branch = textOr(pull.path("head").path("ref"), env.getOrDefault("GITHUB_HEAD_REF", branch));
            } else if (issue != null
                    && issue.isObject()
                    && issue.path("pull_request").isObject()) {
                // issue_comment (ChatOps) on a pull request: the workflow runs on the default branch.
                forPullRequest = true;
                pr = number(issue.path("number"));
            } else if (run != null && run.isObject()) {
                String runEvent = textOr(run.path("event"), null);
                if (pullRequestEvent(runEvent) || !run.path("pull_requests").isEmpty()) {
                    forPullRequest = true;
                    trigger = trigger + " of " + runEvent;
                    String head = textOr(run.path("head_sha"), null);
                    for (JsonNode p : run.path("pull_requests")) {
                        if (head != null && head.equals(textOr(p.path("head").path("sha"), null))) {
                            pr = number(p.path("number"));
                        }
                    }
                }
            }
            if (env.get("GITHUB_SERVER_URL") != null && repository != null && env.get("GITHUB_RUN_ID") != null) {
                buildUrl =
                        env.get("GITHUB_SERVER_URL") + "/" + repository + "/actions/runs/" + env.get("GITHUB_RUN_ID");
            }
        } else if (env.get("JENKINS_URL") != null || env.get("BUILD_URL") != null && env.get("JOB_NAME") != null) {
            system = "jenkins";
            buildUrl = env.get("BUILD_URL");
            sha = env.get("GIT_COMMIT");
            String changeId = blankToNull(env.get("CHANGE_ID"));
            if (changeId != null) {
                forPullRequest = true;
                trigger = "change-request";
                pr = changeId.matches("\\d{1,9}") ? Integer.valueOf(changeId) : null;
                branch = env.getOrDefault("CHANGE_BRANCH", env.get("BRANCH_NAME"));
            } else {
                branch = firstNonNull(env.get("BRANCH_NAME"), stripOrigin(env.get("GIT_BRANCH")));
            }
        } else {
            system = "local";
            sha = null;
            branch = null;
            // A change request's build whose CI system is not recognised still never promotes.
            if (blankToNull(env.get("CHANGE_ID")) != null) {
                forPullRequest = true;
                trigger = "change-request";
            }
        }
        if (sha == null || branch == null) {
            GitInfo git = GitInfo.read(workdir);
            sha = firstNonNull(sha, git.sha());
            branch = firstNonNull(branch, git.branch());
        }
        boolean main = !forPullRequest && branch != null && mainBranches.contains(branch);
        return new CiInfo(system, branch, sha, pr, buildUrl, repository, main, trigger, forPullRequest);
    }

    private static boolean pullRequestEvent(String name) {
        return name != null && PULL_REQUEST_EVENTS.contains(name);
    }

    private static Integer number(JsonNode n) {
        return n.canConvertToInt() && n.asInt() > 0 ? n.asInt() : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static JsonNode readEvent(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            return null;
        }
        try {
            return Json.readUserFile(p);
        } catch (Json.Malformed e) {
            // Read leniently (or not at all), a payload would say "no pull request": never guess.
            throw MlopsException.input("the event payload " + e.describe(path) + " (GITHUB_EVENT_PATH)", e);
        } catch (IOException e) {
            throw MlopsException.input("cannot read the event payload " + path + ": " + e.getMessage(), e);
        }
    }

    private static String textOr(JsonNode n, String fallback) {
        return n != null && n.isTextual() && !n.asText().isEmpty() ? n.asText() : fallback;
    }

    private static String stripOrigin(String gitBranch) {
        if (gitBranch == null) {
            return null;
        }
        return gitBranch.startsWith("origin/") ? gitBranch.substring("origin/".length()) : gitBranch;
    }

    private static String firstNonNull(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
