package io.mlopsci.core.monitor;

import io.mlopsci.core.config.MonitorConfig;
import io.mlopsci.core.registry.MonitorRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The time window a monitor run checks: {@code [start, end)} over the records' timestamp column.
 * It ends now (or at {@code --at}) and is either of fixed length ({@code window: 24h}) or starts
 * where the last recorded window ended ({@code window: since-last-run}; the first one is
 * {@code first_window} long).
 *
 * @param start the first instant, inclusive
 * @param end   the end, exclusive
 * @param how   in words, for the report
 */
public record Window(Instant start, Instant end, String how) {

    /** The window of this run. */
    static Window resolve(MonitorConfig config, Instant at, List<MonitorRecord> history) {
        if (config.window() != null) {
            return new Window(at.minus(config.window()), at, "the " + human(config.window()) + " before " + at);
        }
        Instant last = null;
        for (MonitorRecord r : history) {
            Instant e = instant(r.windowEnd());
            if (e != null && !e.isAfter(at) && (last == null || e.isAfter(last))) {
                last = e;
            }
        }
        if (last == null) {
            return new Window(
                    at.minus(config.firstWindow()),
                    at,
                    "no earlier monitor run: the first " + human(config.firstWindow()) + " before " + at
                            + " (first_window)");
        }
        if (!last.isBefore(at)) {
            return new Window(at, at, "the last monitor run already covered up to " + last);
        }
        return new Window(last, at, "since the last monitor run (" + last + ")");
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + (s == 86_400 ? " day" : " days");
        }
        if (s % 3600 == 0) {
            return s / 3600 + (s == 3600 ? " hour" : " hours");
        }
        if (s % 60 == 0) {
            return s / 60 + " min";
        }
        return s + " s";
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
