package io.mlopsci.jenkins;

import hudson.model.Result;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksOutput;
import io.jenkins.plugins.checks.api.ChecksStatus;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.StepResult;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A step's result as a check (GitHub checks, Gitea, ... through whatever checks-api implementation
 * is installed): its conclusion follows the build outcome, its summary is the engine's Markdown
 * report.
 */
final class ChecksMapping {

    /** GitHub caps a check's summary at 65535 characters; keep well under it. */
    static final int MAX_SUMMARY = 60_000;

    private ChecksMapping() {}

    /**
     * The check's name: the one {@code withChecks} gave, else {@code mlops / <stage> / <step>}
     * ({@code mlops / <step>} outside stages), so the same step in two stages or parallel branches
     * makes two checks instead of overwriting one.
     */
    static String name(String withChecksName, String stagePath, StepId step) {
        if (withChecksName != null && !withChecksName.isBlank()) {
            return withChecksName;
        }
        return "mlops / " + (stagePath == null ? "" : stagePath + " / ") + step;
    }

    static ChecksConclusion conclusion(BuildOutcome outcome) {
        if (outcome.result() == Result.FAILURE) {
            return ChecksConclusion.FAILURE;
        }
        if (outcome.result() == Result.UNSTABLE
                || !"PASS".equals(outcome.verdict()) && !"SKIPPED".equals(outcome.verdict())) {
            return ChecksConclusion.NEUTRAL;
        }
        return ChecksConclusion.SUCCESS;
    }

    /**
     * @param markdown   the engine's report.md, or null when there is none
     * @param detailsUrl the step's page in this build, or null
     */
    static ChecksDetails details(
            String name, StepResult result, BuildOutcome outcome, String markdown, String detailsUrl) {
        String title = result == null
                ? outcome.message()
                : result.verdict() + (result.summary() == null ? "" : ": " + result.summary());
        String summary = markdown == null || markdown.isBlank() ? outcome.message() : markdown;
        if (summary.length() > MAX_SUMMARY) {
            summary = summary.substring(0, MAX_SUMMARY) + "\n\n… (truncated; the full report is on the build page)";
        }
        ChecksDetails.ChecksDetailsBuilder b = new ChecksDetails.ChecksDetailsBuilder()
                .withName(name)
                .withStatus(ChecksStatus.COMPLETED)
                .withConclusion(conclusion(outcome))
                .withCompletedAt(LocalDateTime.now(ZoneOffset.UTC))
                .withOutput(new ChecksOutput.ChecksOutputBuilder()
                        .withTitle(title)
                        .withSummary(summary)
                        .build());
        if (detailsUrl != null) {
            b.withDetailsURL(detailsUrl);
        }
        return b.build();
    }
}
