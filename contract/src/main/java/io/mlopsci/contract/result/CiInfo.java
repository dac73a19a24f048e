package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where the step ran: CI system, branch, commit, pull request, build URL.
 *
 * @param system         {@code github-actions}, {@code jenkins} or {@code local}
 * @param branch         the branch the build is for (a pull request's head branch)
 * @param sha            the commit (a pull request's head, not its merge commit)
 * @param pullRequest    the pull request's number, when the build concerns one and it is known
 * @param buildUrl       the CI run's page
 * @param repository     {@code owner/name}
 * @param mainBranch     whether this build may promote: on one of the promotion branches and not
 *                       concerning a pull request
 * @param event          what triggered the build: GitHub's event name ({@code push},
 *                       {@code issue_comment}, ...), {@code change-request} for a Jenkins change
 *                       request; null when unknown
 * @param forPullRequest the build concerns a pull request (or a Jenkins change request), whatever
 *                       branch the CI system names: such a build never promotes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CiInfo(
        String system,
        String branch,
        String sha,
        Integer pullRequest,
        String buildUrl,
        String repository,
        boolean mainBranch,
        String event,
        boolean forPullRequest,
        String branchSource) {

    public CiInfo {
        forPullRequest |= pullRequest != null;
        mainBranch &= !forPullRequest;
    }

    /** Without the trigger: a build concerns a pull request exactly when it names one. */
    public CiInfo(
            String system,
            String branch,
            String sha,
            Integer pullRequest,
            String buildUrl,
            String repository,
            boolean mainBranch) {
        this(system, branch, sha, pullRequest, buildUrl, repository, mainBranch, null, pullRequest != null, null);
    }

    /** Without a recorded branch source. */
    public CiInfo(
            String system,
            String branch,
            String sha,
            Integer pullRequest,
            String buildUrl,
            String repository,
            boolean mainBranch,
            String event,
            boolean forPullRequest) {
        this(system, branch, sha, pullRequest, buildUrl, repository, mainBranch, event, forPullRequest, null);
    }

    /** The branch and what decided it, for messages: {@code 'main' (from MLOPS_BRANCH)}. */
    public String describeBranch() {
        if (branch == null) {
            return "unknown (no --branch, MLOPS_BRANCH, CI variable or git checkout names it)";
        }
        return "'" + branch + "'" + (branchSource == null ? "" : " (from " + branchSource + ")");
    }

    /** E.g. "a pull request (#2, event issue_comment)", for "... never changes 'champion'"; null when none. */
    public String pullRequestContext() {
        if (!forPullRequest) {
            return null;
        }
        String what = "jenkins".equals(system) ? "a change request" : "a pull request";
        String number = pullRequest == null ? null : "#" + pullRequest;
        String trigger = event == null ? null : "event " + event;
        if (number == null && trigger == null) {
            return what;
        }
        return what + " (" + (number == null ? trigger : trigger == null ? number : number + ", " + trigger) + ")";
    }
}
