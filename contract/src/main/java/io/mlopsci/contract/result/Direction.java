package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a higher or a lower value of a metric is better. */
public enum Direction {
    HIGHER,
    LOWER;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Direction parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * The improvement of {@code candidate} over {@code baseline}: positive when the candidate is
     * better, whatever the direction.
     */
    public double improvement(double candidate, double baseline) {
        return this == HIGHER ? candidate - baseline : baseline - candidate;
    }
}
