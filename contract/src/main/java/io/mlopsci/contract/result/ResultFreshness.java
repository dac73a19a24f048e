package io.mlopsci.contract.result;

import io.mlopsci.contract.ExitCodes;
import io.mlopsci.contract.Layout;
import io.mlopsci.contract.StepId;
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
 * run: the front end reports ERROR instead.
 */
public final class ResultFreshness {

    /** The CLI switch that names the invocation. */
    public static final String OPTION = "--invocation-id";

    /** What {@code --invocation-id} accepts: 1 to 128 letters, digits, {@code . _ : -}, starting with a letter or digit. */
    public static final Pattern INVOCATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private static final List<String> FILES = List.of(Layout.RESULT, Layout.MARKDOWN, Layout.JUNIT, Layout.HTML);

    private ResultFreshness() {}

    /** A new id for one invocation: {@code prefix} (e.g. the CI run) and a random part. */
    public static String newInvocationId(String prefix) {
        String p = prefix == null ? "" : prefix.replaceAll("[^A-Za-z0-9._:-]", "_");
        String id = (p.isEmpty() ? "" : p + "-") + UUID.randomUUID();
        id = id.length() > 128 ? id.substring(id.length() - 128) : id;
        return Character.isLetterOrDigit(id.charAt(0)) ? id : "i" + id.substring(1);
    }

    /** Why {@code id} is not an invocation id, for {@code --invocation-id}'s error; empty when it is one. */
    public static Optional<String> invalidId(String id) {
        if (id != null && INVOCATION_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return Optional.of(OPTION + ": expected 1 to 128 letters, digits, '.', '_', ':' or '-' (starting with a letter"
                + " or digit), got '" + id + "'");
    }

    /**
     * The files a call of {@code step} writes below the output directory {@code out}: its
     * result.json and reports, and for {@code run} the summary's and every step's. Slash-separated,
     * relative to whatever {@code out} is relative to (a front end's workspace).
     */
    public static List<String> previousResults(String out, StepId step) {
        List<String> files = new ArrayList<>();
        List<StepId> steps = step == StepId.RUN ? allWithRun() : List.of(step);
        for (StepId s : steps) {
            FILES.forEach(f -> files.add(Layout.join(Layout.stepDir(out, s), f)));
        }
        return files;
    }

    /** As {@link #previousResults(String, StepId)}, as paths below {@code out}. */
    public static List<Path> previousResults(Path out, StepId step) {
        List<Path> files = new ArrayList<>();
        List<StepId> steps = step == StepId.RUN ? allWithRun() : List.of(step);
        for (StepId s : steps) {
            FILES.forEach(f -> files.add(Layout.stepDir(out, s).resolve(f)));
        }
        return files;
    }

    /**
     * Removes {@link #previousResults(Path, StepId)}; a file that cannot be removed is an error (it
     * could be read as this run's).
     */
    public static void removePrevious(Path out, StepId step) throws IOException {
        for (Path p : previousResults(out, step)) {
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
                    + " repository, and this run wrote none (engine exit code " + exitCode + ": "
                    + ExitCodes.describe(exitCode) + ")");
        }
        return disagreement(result, exitCode);
    }

    /**
     * Why {@code result} does not agree with the exit code {@code exitCode} of the process that
     * wrote it (a different code, or a verdict the contract does not allow with it); empty when it
     * agrees.
     */
    public static Optional<String> disagreement(StepResult result, int exitCode) {
        if (result.exitCode() != exitCode) {
            return Optional.of("the engine exited with code " + exitCode + " but its result.json of " + result.step()
                    + " says exit code " + result.exitCode() + " (" + result.verdict() + "); the exit code says "
                    + ExitCodes.describe(exitCode));
        }
        if (!agrees(result.verdict(), exitCode)) {
            return Optional.of("the result.json of " + result.step() + " says " + result.verdict() + " with exit code "
                    + exitCode + ", which the contract does not allow");
        }
        return Optional.empty();
    }

    /** PASS, WARN and SKIPPED exit 0; FAIL exits 1; ERROR exits 2 or 3. */
    public static boolean agrees(Verdict v, int exitCode) {
        return switch (v) {
            case PASS, WARN, SKIPPED -> exitCode == ExitCodes.PASSED;
            case FAIL -> exitCode == ExitCodes.QUALITY_FAILED;
            case ERROR -> exitCode == ExitCodes.USER_ERROR || exitCode == ExitCodes.INFRASTRUCTURE_ERROR;
        };
    }

    private static List<StepId> allWithRun() {
        List<StepId> all = new ArrayList<>();
        all.add(StepId.RUN);
        all.addAll(StepId.pipeline());
        return all;
    }
}
