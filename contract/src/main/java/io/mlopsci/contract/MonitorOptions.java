package io.mlopsci.contract;

import java.time.Instant;
import java.util.List;

/**
 * {@code monitor}: {@code --at INSTANT} checks the window that ends at that instant (ISO-8601, e.g.
 * {@code 2026-01-05T00:00:00Z}) instead of now — to re-check a past window once its labels have
 * arrived, or to backfill. Null: now.
 */
public record MonitorOptions(Instant at) implements StepOptions {

    public static final String AT = "--at";

    /** Now. */
    public static final MonitorOptions NOW = new MonitorOptions(null);

    @Override
    public List<String> arguments() {
        return at == null ? List.of() : List.of(AT, at.toString());
    }
}
