package io.mlopsci.core.publish;

import java.util.Objects;

/**
 * Where a result is published: the API, the repository, the commit the check run and status go on
 * (the pull request's head, never the merge commit), and the pull request the comment goes on.
 *
 * @param apiUrl             REST API base, e.g. {@code https://api.github.com}
 * @param repository         {@code owner/name}
 * @param sha                the commit to attach the check run (or status) to
 * @param pullRequest        the pull request to comment on; null for none
 * @param verifyPullRequest  the pull request number came from an untrusted place (an uploaded
 *                           result.json); comment only if that pull request's head is {@code sha}
 * @param detailsUrl         the page with the full report (the CI run), or null
 * @param readOnlyReason     why the token is expected to be read-only (fork or Dependabot pull
 *                           request), or null; used to word the notice when a write is refused
 */
public record PublishTarget(
        String apiUrl,
        String repository,
        String sha,
        Integer pullRequest,
        boolean verifyPullRequest,
        String detailsUrl,
        String readOnlyReason) {

    public PublishTarget {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(sha, "sha");
    }
}
