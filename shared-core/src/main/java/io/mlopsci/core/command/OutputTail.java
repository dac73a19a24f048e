package io.mlopsci.core.command;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last lines of a command's output, kept for error messages. Thread-safe. */
final class OutputTail {

    private final int max;
    private final Deque<String> lines = new ArrayDeque<>();

    OutputTail(int max) {
        this.max = max;
    }

    synchronized void add(String line) {
        if (lines.size() == max) {
            lines.removeFirst();
        }
        lines.addLast(line.length() > 500 ? line.substring(0, 500) + "…" : line);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
