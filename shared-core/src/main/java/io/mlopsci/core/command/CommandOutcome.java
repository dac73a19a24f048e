package io.mlopsci.core.command;

import java.util.List;

/**
 * How a command ended: its exit code, wall time, whether the timeout killed it, an extra reason
 * (e.g. "killed: out of memory"), and the last lines of its output for error messages.
 */
public record CommandOutcome(int exitCode, long durationMs, boolean timedOut, String reason, List<String> tail) {

    public CommandOutcome {
        tail = List.copyOf(tail);
    }

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
