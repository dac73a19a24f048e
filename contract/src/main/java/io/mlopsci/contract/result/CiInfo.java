package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where the step ran: CI system, branch, commit, pull request, build URL. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CiInfo(
        String system,
        String branch,
        String sha,
        Integer pullRequest,
        String buildUrl,
        String repository,
        boolean mainBranch) {}
