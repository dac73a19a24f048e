package io.mlopsci.core.publish;

import java.util.Locale;

/** When the sticky pull-request comment is written. */
public enum CommentMode {
    /** Every run creates or updates the comment. */
    ALWAYS("always"),
    /** Only a run that did not pass creates it; an existing comment is still updated, so it never goes stale. */
    ON_FAILURE("on-failure"),
    /** No comment. */
    OFF("off");

    private final String label;

    CommentMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses {@code always}, {@code on-failure} (or {@code on_failure}) and {@code off}. */
    public static CommentMode parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (CommentMode m : values()) {
            if (m.label.equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("expected always, on-failure or off, got '" + text + "'");
    }
}
