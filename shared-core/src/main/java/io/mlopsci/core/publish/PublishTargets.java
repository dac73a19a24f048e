package io.mlopsci.core.publish;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.result.CiInfo;
import io.mlopsci.core.result.StepResult;
import io.mlopsci.core.step.MlopsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out where to publish from, in order: explicit options, the CI environment (GitHub Actions'
 * event payload; Jenkins' {@code CHANGE_ID}, {@code GIT_COMMIT}, {@code CHANGE_URL}, {@code GIT_URL}),
 * then the {@code ci} block of result.json. On {@code pull_request} the commit is the pull
 * request's head (GITHUB_SHA is the merge commit there); on {@code workflow_run} it is the
 * triggering run's head, and a pull-request number that only an uploaded result.json names is
 * marked for verification against that head.
 */
public final class PublishTargets {

    public static final String DEFAULT_API_URL = "https://api.github.com";
    private static final Pattern REPOSITORY =
            Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?");
    private static final Pattern REPO_IN_URL =
            Pattern.compile("[/:]([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+?)(?:\\.git)?/?$");
    private static final Pattern REPO_IN_CHANGE_URL =
            Pattern.compile("/([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+)/pull/\\d+/?$");
    private static final String DEPENDABOT = "dependabot[bot]";
    /** An http(s) URL that can stand in a Markdown link and a check run's details_url as it is. */
    static final Pattern SAFE_URL =
            Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~!$&'*+,;=:@%/?#-]*)?");

    /** Values given on the command line (or by a front end's inputs); null where not given. */
    public record Overrides(String repository, Integer pullRequest, String sha, String detailsUrl) {
        public static final Overrides NONE = new Overrides(null, null, null, null);
    }

    private PublishTargets() {}

    public static PublishTarget resolve(Overrides o, Map<String, String> env, StepResult result) {
        String api = blankToNull(env.get("GITHUB_API_URL"));
        api = api == null ? DEFAULT_API_URL : api.replaceAll("/+$", "");
        if (!api.startsWith("https://") && !api.startsWith("http://")) {
            throw MlopsException.usage("GITHUB_API_URL must be an http(s) URL, got '" + api + "'");
        }
        CiInfo ci = result == null ? null : result.ci();
        JsonNode event = readEvent(env.get("GITHUB_EVENT_PATH"));

        String repository = first(
                o.repository(),
                env.get("GITHUB_REPOSITORY"),
                jenkinsRepository(env),
                ci == null ? null : ci.repository());
        String sha = null;
        Integer pr = null;
        boolean verify = false;
        String readOnly = null;
        JsonNode run = event == null ? null : event.get("workflow_run");
        JsonNode pull = event == null ? null : event.get("pull_request");
        if (run != null && run.isObject()) {
            sha = text(run.path("head_sha"));
            for (JsonNode p : run.path("pull_requests")) {
                if (sha != null
                        && sha.equals(text(p.path("head").path("sha")))
                        && p.path("number").canConvertToInt()) {
                    pr = p.path("number").asInt();
                    break;
                }
            }
            if (pr == null && ci != null && ci.pullRequest() != null && sha != null && sha.equals(ci.sha())) {
                // Fork pull requests are missing from workflow_run.pull_requests; the uploaded
                // result names the number, which GitHub must confirm before anything is written.
                pr = ci.pullRequest();
                verify = true;
            }
        } else if (pull != null && pull.isObject()) {
            sha = text(pull.path("head").path("sha"));
            pr = pull.path("number").canConvertToInt() ? pull.path("number").asInt() : null;
            readOnly = readOnlyReason(pull, env);
        } else if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            sha = blankToNull(env.get("GITHUB_SHA"));
        } else if (env.get("JENKINS_URL") != null || env.get("BUILD_URL") != null) {
            sha = blankToNull(env.get("GIT_COMMIT"));
            String change = env.get("CHANGE_ID");
            pr = change != null && change.matches("\\d{1,9}") ? Integer.valueOf(change) : null;
        }
        if (sha == null && ci != null) {
            sha = ci.sha();
        }
        if (pr == null && ci != null && ci.pullRequest() != null && run == null) {
            pr = ci.pullRequest();
        }
        if (o.sha() != null) {
            sha = o.sha();
        }
        if (o.pullRequest() != null) {
            pr = o.pullRequest();
            verify = false;
        }
        if (repository == null) {
            throw MlopsException.usage("no repository to publish to: pass --repository OWNER/NAME (GitHub Actions sets"
                    + " GITHUB_REPOSITORY; Jenkins' CHANGE_URL or GIT_URL also name it)");
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            throw MlopsException.usage("--repository: expected OWNER/NAME, got '" + repository + "'");
        }
        if (sha == null) {
            throw MlopsException.usage("no commit to publish on: pass --sha SHA (GitHub Actions' event payload and"
                    + " Jenkins' GIT_COMMIT also name it)");
        }
        if (!SHA.matcher(sha).matches()) {
            throw MlopsException.usage("--sha: expected a full 40-character commit SHA, got '" + sha + "'");
        }
        if (pr != null && pr <= 0) {
            throw MlopsException.usage("--pr: expected a positive pull request number, got " + pr);
        }
        // The link to the full report comes from this workflow's own context, never from result.json
        // (an uploaded result is written by a pull request's code): the run that computed it as
        // GitHub's workflow_run payload names it, else this CI run.
        String details = first(
                o.detailsUrl(),
                run == null ? null : onServer(text(run.path("html_url")), env),
                actionsRunUrl(env),
                env.get("BUILD_URL"));
        if (details != null && !SAFE_URL.matcher(details).matches()) {
            if (o.detailsUrl() != null) {
                throw MlopsException.usage("--details-url: expected an http(s) URL without spaces, quotes or angle"
                        + " brackets, got '" + details + "'");
            }
            details = null;
        }
        return new PublishTarget(
                api, repository, sha.toLowerCase(java.util.Locale.ROOT), pr, verify, details, readOnly);
    }

    /** Why a pull_request event's token is read-only: a fork's or Dependabot's pull request; else null. */
    static String readOnlyReason(JsonNode pull, Map<String, String> env) {
        String head = text(pull.path("head").path("repo").path("full_name"));
        String base = text(pull.path("base").path("repo").path("full_name"));
        if (head == null || base != null && !base.equals(head)) {
            return "the pull request comes from a fork" + (head == null ? "" : " (" + head + ")");
        }
        if (DEPENDABOT.equals(text(pull.path("user").path("login"))) || DEPENDABOT.equals(env.get("GITHUB_ACTOR"))) {
            return "the pull request was opened by Dependabot";
        }
        return null;
    }

    static String jenkinsRepository(Map<String, String> env) {
        String change = env.get("CHANGE_URL");
        if (change != null) {
            Matcher m = REPO_IN_CHANGE_URL.matcher(change);
            if (m.find()) {
                return m.group(1) + "/" + m.group(2);
            }
        }
        String git = env.get("GIT_URL");
        if (git != null && (env.get("JENKINS_URL") != null || env.get("BUILD_URL") != null)) {
            Matcher m = REPO_IN_URL.matcher(git.strip());
            if (m.find()) {
                return m.group(1) + "/" + m.group(2);
            }
        }
        return null;
    }

    private static String actionsRunUrl(Map<String, String> env) {
        String server = env.get("GITHUB_SERVER_URL");
        String repo = env.get("GITHUB_REPOSITORY");
        String run = env.get("GITHUB_RUN_ID");
        if (server == null || repo == null || run == null || !run.matches("\\d+")) {
            return null;
        }
        return server.replaceAll("/+$", "") + "/" + repo + "/actions/runs/" + run;
    }

    /** {@code url} when it is a page of this workflow's GitHub server ({@code GITHUB_SERVER_URL}), else null. */
    private static String onServer(String url, Map<String, String> env) {
        String server = blankToNull(env.get("GITHUB_SERVER_URL"));
        if (url == null || server == null) {
            return null;
        }
        String base = server.replaceAll("/+$", "") + "/";
        return url.startsWith(base) ? url : null;
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
            JsonNode n = Json.mapper().readTree(p.toFile());
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            throw MlopsException.input("cannot read the event payload " + path + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
