package io.mlopsci.core.console;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Progress for humans, on stderr: the step, the phase and the elapsed time. stdout stays free for
 * requested output ({@code --json}). Every line goes through a {@link Console}: masked and escaped.
 */
public final class Progress {

    private final PrintStream err;
    private final Console console;
    private final String step;
    private final long startNanos;
    private final boolean quiet;
    private final SecretMask mask;

    public Progress(PrintStream err, String step, boolean quiet) {
        this(err, step, quiet, SecretMask.NONE);
    }

    public Progress(PrintStream err, String step, boolean quiet, SecretMask mask) {
        this.err = err;
        this.console = new Console(null, err, mask);
        this.step = step;
        this.startNanos = System.nanoTime();
        this.quiet = quiet;
        this.mask = mask;
    }

    /** Announces the phase the step is entering. */
    public void phase(String what) {
        if (!quiet) {
            console.error(String.format(Locale.ROOT, "[mlops %s %6.1fs] %s", step, elapsedSeconds(), what));
        }
    }

    /** One line of a child process's output, prefixed so it is told apart from the engine's own. */
    public void output(String prefix, String line) {
        if (!quiet) {
            console.error(prefix + " | " + line);
        }
    }

    /** Lines that belong to the last phase (e.g. each failed criterion under the verdict), indented under it. */
    public void details(List<String> lines) {
        if (!quiet && !lines.isEmpty()) {
            console.error(lines.stream().map(l -> "[mlops " + step + "]   " + l).toList());
        }
    }

    /** A warning that must be seen even in quiet mode. */
    public void warn(String what) {
        console.error("[mlops " + step + "] warning: " + what);
    }

    /** A warning with details (e.g. a stack trace), each detail on a line of its own. */
    public void warn(String what, List<String> details) {
        List<String> lines = new ArrayList<>();
        lines.add("[mlops " + step + "] warning: " + what);
        details.forEach(d -> lines.add("[mlops " + step + "]   " + d));
        console.error(lines);
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The mask this sink applies, for messages written elsewhere (result.json). */
    public SecretMask mask() {
        return mask;
    }

    public String step() {
        return step;
    }

    /** The same sink, for another step of the same invocation. */
    public Progress forStep(String otherStep) {
        return new Progress(err, otherStep, quiet, mask);
    }
}
