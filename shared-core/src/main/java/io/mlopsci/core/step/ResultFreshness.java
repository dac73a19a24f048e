package io.mlopsci.core.step;

import io.mlopsci.core.report.ReportWriter;
import io.mlopsci.core.result.StepResult;
import io.mlopsci.core.result.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The front ends' half of the CLI contract on stale results. A front end removes a step's previous
 * results before running it, passes {@code --invocation-id ID}, and then accepts a result.json only
 * when it carries that id as {@code invocation} and agrees with the process's exit code. A result
 * an earlier run left in a persistent workspace, one committed to the repository, or the previous
 * one still in place because this run could not write its own (a full disk) never stands for this
 * run: the front end reports ERROR, exit 3, instead.
 */
public final class ResultFreshness {

    /** What {@code --invocation-id} accepts: 1 to 128 letters, digits, {@code . _ : -}. */
    public static final Pattern INVOCATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private static final List<String> FILES =
            List.of(ReportWriter.RESULT, ReportWriter.MARKDOWN, ReportWriter.JUNIT, ReportWriter.HTML);

    private ResultFreshness() {}

    /** A new id for one invocation: {@code prefix} (e.g. the CI run) and a random part. */
    public static String newInvocationId(String prefix) {
        String p = prefix == null ? "" : prefix.replaceAll("[^A-Za-z0-9._:-]", "_");
        String id = (p.isEmpty() ? "" : p + "-") + UUID.randomUUID();
        id = id.length() > 128 ? id.substring(id.length() - 128) : id;
        return Character.isLetterOrDigit(id.charAt(0)) ? id : "i" + id.substring(1);
    }

    /**
     * The files a run of {@code step} writes in {@code outDir}: its result.json and reports, and for
     * {@code run} the summary's and every step's.
     */
    public static List<Path> previousResults(Path outDir, String step) {
        List<Path> out = new ArrayList<>();
        if (step.equals(Pipeline.NAME)) {
            FILES.forEach(f -> out.add(outDir.resolve(f)));
            for (String s : Steps.ORDER) {
                FILES.forEach(f -> out.add(outDir.resolve(s).resolve(f)));
            }
        } else {
            FILES.forEach(f -> out.add(outDir.resolve(step).resolve(f)));
        }
        return out;
    }

    /** Removes {@link #previousResults}; a file that cannot be removed is an error (it could be read as this run's). */
    public static void removePrevious(Path outDir, String step) throws IOException {
        for (Path p : previousResults(outDir, step)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new IOException(
                        "cannot remove the previous result " + p + " before running " + step + ": " + e, e);
            }
        }
    }

    /**
     * Why {@code result} cannot stand for the invocation {@code invocationId} whose process exited
     * with {@code exitCode}; empty when it can.
     */
    public static Optional<String> problem(StepResult result, String invocationId, int exitCode) {
        if (result.invocation() == null || !result.invocation().equals(invocationId)) {
            return Optional.of("the result.json of " + result.step() + " was not written by this run (it names "
                    + (result.invocation() == null ? "no invocation" : "invocation " + result.invocation())
                    + ", this run is " + invocationId + "): a stale result from an earlier run or from the"
                    + " repository, and this run wrote none (engine exit code " + exitCode + ")");
        }
        if (result.exitCode() != exitCode) {
            return Optional.of("the engine exited with code " + exitCode + " but its result.json of " + result.step()
                    + " says exit code " + result.exitCode() + " (" + result.verdict() + ")");
        }
        if (!agrees(result.verdict(), exitCode)) {
            return Optional.of("the result.json of " + result.step() + " says " + result.verdict() + " with exit code "
                    + exitCode + ", which the contract does not allow");
        }
        return Optional.empty();
    }

    /** PASS, WARN and SKIPPED exit 0; FAIL exits 1; ERROR exits 2 or 3. */
    static boolean agrees(Verdict v, int exitCode) {
        return switch (v) {
            case PASS, WARN, SKIPPED -> exitCode == ExitCodes.PASSED;
            case FAIL -> exitCode == ExitCodes.QUALITY_FAILED;
            case ERROR -> exitCode == ExitCodes.USER_ERROR || exitCode == ExitCodes.INFRASTRUCTURE_ERROR;
        };
    }
}
