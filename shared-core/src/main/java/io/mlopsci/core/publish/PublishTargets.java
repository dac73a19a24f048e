package io.mlopsci.core.publish;

import io.mlopsci.contract.ci.CiVariables;
import io.mlopsci.contract.result.CiInfo;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.ci.CiEnvironment;
import io.mlopsci.core.error.MlopsException;
import java.util.Map;
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
        CiVariables vars = CiEnvironment.variables(env);

        String repository = first(o.repository(), vars.repository(), ci == null ? null : ci.repository());
        String sha = null;
        Integer pr = null;
        boolean verify = false;
        String readOnly = null;
        CiVariables.WorkflowRun run = vars.event() == null ? null : vars.event().workflowRun();
        CiVariables.PullRequest pull =
                vars.event() == null ? null : vars.event().pullRequest();
        if (run != null) {
            sha = run.headSha();
            for (CiVariables.PullRequestRef p : run.pullRequests()) {
                if (sha != null && sha.equals(p.headSha())) {
                    pr = p.number();
                    break;
                }
            }
            if (pr == null && ci != null && ci.pullRequest() != null && sha != null && sha.equals(ci.sha())) {
                // Fork pull requests are missing from workflow_run.pull_requests; the uploaded
                // result names the number, which GitHub must confirm before anything is written.
                pr = ci.pullRequest();
                verify = true;
            }
        } else if (pull != null) {
            sha = pull.headSha();
            pr = pull.number();
            readOnly = readOnlyReason(pull, env);
        } else if (vars.system().equals(CiVariables.GITHUB_ACTIONS)) {
            sha = vars.sha();
        } else if (vars.system().equals(CiVariables.JENKINS)) {
            sha = vars.sha();
            pr = vars.pullRequest();
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
        if (CiVariables.repository(repository) == null) {
            throw MlopsException.usage("--repository: expected OWNER/NAME, got '" + repository + "'");
        }
        if (sha == null) {
            throw MlopsException.usage("no commit to publish on: pass --sha SHA (GitHub Actions' event payload and"
                    + " Jenkins' GIT_COMMIT also name it)");
        }
        if (!CiVariables.isFullSha(sha)) {
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
                run == null ? null : onServer(run.htmlUrl(), env),
                vars.buildUrl(),
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
    static String readOnlyReason(CiVariables.PullRequest pull, Map<String, String> env) {
        String head = pull.headRepository();
        String base = pull.baseRepository();
        if (head == null || base != null && !base.equals(head)) {
            return "the pull request comes from a fork" + (head == null ? "" : " (" + head + ")");
        }
        if (DEPENDABOT.equals(pull.author()) || DEPENDABOT.equals(env.get("GITHUB_ACTOR"))) {
            return "the pull request was opened by Dependabot";
        }
        return null;
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
