package io.mlopsci.jenkins;

import hudson.model.Result;
import io.mlopsci.jenkins.engine.EngineResult;
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

    /** Words for an exit code, as the engine's {@code ExitCodes.describe} says them. */
    static String describeExitCode(int code) {
        return switch (code) {
            case 0 -> "passed";
            case 1 -> "quality gate failed";
            case 2 -> "usage or configuration error";
            case 3 -> "infrastructure or internal error";
            default -> "unknown exit code " + code;
        };
    }

    /**
     * Maps a step's process exit code and its result (null when no readable result.json exists)
     * to a build outcome under the step's {@code failOn}/{@code unstableOn} thresholds.
     */
    static BuildOutcome of(String step, int exitCode, EngineResult result, Threshold failOn, Threshold unstableOn) {
        String label = "mlops " + step;
        if (exitCode == 2 || exitCode == 3 || exitCode < 0 || exitCode > 3) {
            String why =
                    result != null && result.error() != null && result.error().message() != null
                            ? result.error().message()
                            : result != null && result.summary() != null ? result.summary() : "see the log above";
            return new BuildOutcome(
                    Result.FAILURE,
                    "ERROR",
                    label + ": " + describeExitCode(exitCode) + " (exit " + exitCode + "): " + why.strip());
        }
        if (result == null) {
            return new BuildOutcome(
                    Result.FAILURE,
                    "ERROR",
                    label + ": the engine exited " + exitCode + " without writing its result.json; failing closed");
        }
        String verdict = effectiveVerdict(exitCode, result.verdict());
        return switch (verdict) {
            case "FAIL" ->
                thresholds(
                        label,
                        verdict,
                        failOn,
                        unstableOn,
                        describeExitCode(1) + " — " + names(result.failing(), result.summary()));
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
        if (exitCode == 1 && !"FAIL".equals(verdict) && !"ERROR".equals(verdict)) {
            return "FAIL";
        }
        if (exitCode == 0
                && !List.of("PASS", "WARN", "FAIL", "ERROR", "SKIPPED").contains(verdict)) {
            return "ERROR";
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
    static String names(List<EngineResult.Criterion> criteria, String summary) {
        if (criteria.isEmpty()) {
            return summary == null ? "no criteria listed" : summary;
        }
        return criteria.size()
                + (criteria.size() == 1 ? " criterion: " : " criteria: ")
                + criteria.stream().map(c -> c.id() + " (" + c.reason() + ")").collect(Collectors.joining("; "));
    }
}
