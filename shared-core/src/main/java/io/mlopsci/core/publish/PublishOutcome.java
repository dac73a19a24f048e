package io.mlopsci.core.publish;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What publishing did; the CLI prints it with {@code --json}.
 *
 * @param commentUrl  the sticky comment's page, when one was written
 * @param checkRunId  the check run's id, when one was created
 * @param checkRunUrl the check run's page
 * @param statusContext the commit status context, when a status was set instead of a check run
 * @param degraded    something could not be published because the token may not write (fork or
 *                    Dependabot pull request, missing permission); the job should not fail for it
 * @param notice      what was left out and why, in words for the job log and summary
 * @param truncated   the comment or check-run summary was shortened to GitHub's limits
 * @param issueUrl    the monitor step's issue for the model, when one was opened, updated or closed
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PublishOutcome(
        String commentUrl,
        Long checkRunId,
        String checkRunUrl,
        String statusContext,
        boolean degraded,
        String notice,
        boolean truncated,
        String issueUrl) {}
