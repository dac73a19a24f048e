package io.mlopsci.jenkins;

import hudson.model.Result;
import io.mlopsci.contract.ExitCodes;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.StepResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a finished engine step does to the build: the result (SUCCESS, UNSTABLE or FAILURE) and
 * the sentence that says why. Fail closed: a step without a readable result, an exit code outside
 * the contract, or an exit code and verdict that disagree end as the worse of the two.
 *
 * @param result  the build result this step asks for
 * @param verdict the verdict the mapping used (PASS, WARN, FAIL, ERROR or SKIPPED)
 * @param message one line for the log, the stage warning or the failure
 */
public record BuildOutcome(Result result, String verdict, String message) {

    /**
     * Maps a step's process exit code and its result (null when no readable result.json exists)
     * to a build outcome under the step's {@code failOn}/{@code unstableOn} thresholds.
     */
    static BuildOutcome of(String step, int exitCode, StepResult result, Threshold failOn, Threshold unstableOn) {
        String label = "mlops " + step;
        if (exitCode == ExitCodes.USER_ERROR
                || exitCode == ExitCodes.INFRASTRUCTURE_ERROR
                || exitCode < 0
                || exitCode > ExitCodes.INFRASTRUCTURE_ERROR) {
            String why =
                    result != null && result.error() != null && result.error().message() != null
                            ? result.error().message()
                            : result != null && result.summary() != null ? result.summary() : "see the log above";
            return new BuildOutcome(
                    Result.FAILURE,
                    "ERROR",
                    label + ": " + ExitCodes.describe(exitCode) + " (exit " + exitCode + "): " + why.strip());
        }
        if (result == null) {
            return new BuildOutcome(
                    Result.FAILURE,
                    "ERROR",
                    label + ": the engine exited " + exitCode + " without writing its result.json; failing closed");
        }
        String verdict = effectiveVerdict(exitCode, result.verdict().name());
        return switch (verdict) {
            case "FAIL" ->
                thresholds(
                        label,
                        verdict,
                        failOn,
                        unstableOn,
                        ExitCodes.describe(ExitCodes.QUALITY_FAILED) + " — "
                                + names(result.failing(), result.summary()));
            case "WARN" ->
                thresholds(
                        label,
                        verdict,
                        failOn,
                        unstableOn,
                        "passed with warnings — " + names(result.warnings(), result.summary()));
            case "ERROR" ->
                new BuildOutcome(
                        Result.FAILURE,
                        verdict,
                        label + ": the step reported ERROR"
                                + (result.error() != null && result.error().message() != null
                                        ? ": " + result.error().message().strip()
                                        : ""));
            default ->
                new BuildOutcome(
                        Result.SUCCESS,
                        verdict,
                        label + ": " + verdict + (result.summary() != null ? " — " + result.summary() : ""));
        };
    }

    /** The worse of what the exit code says and what result.json says. */
    private static String effectiveVerdict(int exitCode, String verdict) {
        if (exitCode == ExitCodes.QUALITY_FAILED && !"FAIL".equals(verdict) && !"ERROR".equals(verdict)) {
            return "FAIL";
        }
        return verdict;
    }

    private static BuildOutcome thresholds(
            String label, String verdict, Threshold failOn, Threshold unstableOn, String what) {
        if (failOn.reachedBy(verdict)) {
            return new BuildOutcome(Result.FAILURE, verdict, label + ": " + what);
        }
        if (unstableOn.reachedBy(verdict)) {
            return new BuildOutcome(Result.UNSTABLE, verdict, label + ": " + what);
        }
        return new BuildOutcome(
                Result.SUCCESS,
                verdict,
                label + ": " + what + " (not failing the build: failOn " + failOn + ", unstableOn " + unstableOn + ")");
    }

    /** Criteria as {@code id (reason)}, separated by semicolons; the summary when there are none. */
    static String names(List<Criterion> criteria, String summary) {
        if (criteria.isEmpty()) {
            return summary == null ? "no criteria listed" : summary;
        }
        return criteria.size()
                + (criteria.size() == 1 ? " criterion: " : " criteria: ")
                + criteria.stream().map(c -> c.id() + " (" + c.reason() + ")").collect(Collectors.joining("; "));
    }
}
