package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where the step ran: CI system, branch, commit, pull request, build URL. {@code branchSource} says
 * what decided the branch ({@code --branch}, {@code MLOPS_BRANCH}, the CI system's variable, or the
 * git checkout), so that a promotion or its refusal can be traced to it.
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
        String branchSource) {

    /** Without a recorded branch source (results written before it was recorded, tests). */
    public CiInfo(
            String system,
            String branch,
            String sha,
            Integer pullRequest,
            String buildUrl,
            String repository,
            boolean mainBranch) {
        this(system, branch, sha, pullRequest, buildUrl, repository, mainBranch, null);
    }

    /** The branch and what decided it, for messages: {@code 'main' (from MLOPS_BRANCH)}. */
    public String describeBranch() {
        if (branch == null) {
            return "unknown (no --branch, MLOPS_BRANCH, CI variable or git checkout names it)";
        }
        return "'" + branch + "'" + (branchSource == null ? "" : " (from " + branchSource + ")");
    }
}
