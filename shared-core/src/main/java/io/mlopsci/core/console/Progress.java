package io.mlopsci.core.console;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress for humans, on stderr: the step, the phase and the elapsed time. stdout stays free for
 * requested output ({@code --json}).
 */
public final class Progress {

    private final PrintStream err;
    private final String step;
    private final long startNanos;
    private final boolean quiet;
    private final SecretMask mask;

    public Progress(PrintStream err, String step, boolean quiet) {
        this(err, step, quiet, SecretMask.NONE);
    }

    public Progress(PrintStream err, String step, boolean quiet, SecretMask mask) {
        this.err = err;
        this.step = step;
        this.startNanos = System.nanoTime();
        this.quiet = quiet;
        this.mask = mask;
    }

    /** Announces the phase the step is entering. */
    public void phase(String what) {
        if (!quiet) {
            err.printf(Locale.ROOT, "[mlops %s %6.1fs] %s%n", step, elapsedSeconds(), mask.apply(what));
            err.flush();
        }
    }

    /** One line of a child process's output, prefixed so it is told apart from the engine's own. */
    public void output(String prefix, String line) {
        if (!quiet) {
            err.println(prefix + " | " + mask.apply(line));
            err.flush();
        }
    }

    /** A warning that must be seen even in quiet mode. */
    public void warn(String what) {
        err.println("[mlops " + step + "] warning: " + mask.apply(what));
        err.flush();
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
