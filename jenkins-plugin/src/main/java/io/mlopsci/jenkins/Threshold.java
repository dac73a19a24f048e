package io.mlopsci.jenkins;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The lowest step verdict that triggers a build result, as {@code failOn} and {@code unstableOn}
 * name it: {@code WARN} (warnings and failures), {@code FAIL} (failures only) or {@code NEVER}.
 * The same words as the GitHub Action's {@code fail_on} input, so one vocabulary serves both.
 */
public enum Threshold {
    WARN,
    FAIL,
    NEVER;

    /** Parses a parameter value, case-insensitively; the message names the parameter and the choices. */
    public static Threshold parse(String parameter, String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (Threshold t : values()) {
            if (t.name().equals(v)) {
                return t;
            }
        }
        throw new IllegalArgumentException(parameter + " must be one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))
                + ", got '" + value + "'");
    }

    /** Whether a step that ended with {@code verdict} (PASS, WARN or FAIL) reaches this threshold. */
    boolean reachedBy(String verdict) {
        return switch (this) {
            case WARN -> "WARN".equals(verdict) || "FAIL".equals(verdict);
            case FAIL -> "FAIL".equals(verdict);
            case NEVER -> false;
        };
    }
}
