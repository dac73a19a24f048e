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

/**
 * Where the engine runs, read from the environment the CI system sets: GitHub Actions
 * ({@code GITHUB_*}, the event payload), Jenkins ({@code JENKINS_URL}, {@code BRANCH_NAME},
 * {@code CHANGE_ID}, ...) or a developer's machine (the {@code .git} directory). The engine reads
 * these variables as plain data; it links nothing from either CI system.
 */
public final class CiEnvironment {

    private CiEnvironment() {}

    /**
     * Detects the CI context. {@code mainBranches} decides {@link CiInfo#mainBranch()}: true when
     * the branch is one of them and the build is not for a pull request.
     */
    public static CiInfo detect(Map<String, String> env, Path workdir, List<String> mainBranches) {
        String system;
        String branch;
        String sha;
        Integer pr = null;
        String buildUrl = null;
        String repository = null;
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            system = "github-actions";
            repository = env.get("GITHUB_REPOSITORY");
            sha = env.get("GITHUB_SHA");
            branch = env.get("GITHUB_REF_NAME");
            JsonNode event = readEvent(env.get("GITHUB_EVENT_PATH"));
            JsonNode pull = event == null ? null : event.get("pull_request");
            if (pull != null && pull.isObject()) {
                pr = pull.path("number").isInt() ? pull.path("number").asInt() : null;
                // GITHUB_SHA is the merge commit on pull_request events; reviewers see the head.
                sha = textOr(pull.path("head").path("sha"), sha);
                branch = textOr(pull.path("head").path("ref"), env.getOrDefault("GITHUB_HEAD_REF", branch));
            }
            if (env.get("GITHUB_SERVER_URL") != null && repository != null && env.get("GITHUB_RUN_ID") != null) {
                buildUrl =
                        env.get("GITHUB_SERVER_URL") + "/" + repository + "/actions/runs/" + env.get("GITHUB_RUN_ID");
            }
        } else if (env.get("JENKINS_URL") != null || env.get("BUILD_URL") != null && env.get("JOB_NAME") != null) {
            system = "jenkins";
            buildUrl = env.get("BUILD_URL");
            sha = env.get("GIT_COMMIT");
            String changeId = env.get("CHANGE_ID");
            if (changeId != null && changeId.matches("\\d+")) {
                pr = Integer.parseInt(changeId);
                branch = env.getOrDefault("CHANGE_BRANCH", env.get("BRANCH_NAME"));
            } else {
                branch = firstNonNull(env.get("BRANCH_NAME"), stripOrigin(env.get("GIT_BRANCH")));
            }
        } else {
            system = "local";
            sha = null;
            branch = null;
        }
        if (sha == null || branch == null) {
            GitInfo git = GitInfo.read(workdir);
            sha = firstNonNull(sha, git.sha());
            branch = firstNonNull(branch, git.branch());
        }
        boolean main = pr == null && branch != null && mainBranches.contains(branch);
        return new CiInfo(system, branch, sha, pr, buildUrl, repository, main);
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
