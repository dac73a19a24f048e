package io.mlopsci.jenkins;

import io.mlopsci.jenkins.engine.EngineResult;
import io.mlopsci.jenkins.engine.Numbers;

/**
 * One line of the gate table on the build page, formatted for display. A class with bean getters
 * rather than a record because Jelly's expression language reads {@code getX()} properties.
 */
public final class CriterionRow {

    private final EngineResult.Criterion c;

    CriterionRow(EngineResult.Criterion c) {
        this.c = c;
    }

    public String getId() {
        return c.id();
    }

    public String getMetric() {
        return c.metric() == null ? c.id() : c.metric();
    }

    public String getSlice() {
        return c.slice() == null ? "" : c.slice();
    }

    public String getStatus() {
        return c.status();
    }

    public String getEffect() {
        return c.effect();
    }

    public String getActual() {
        return c.observed() != null ? c.observed() : Numbers.format(c.actual());
    }

    public String getExpected() {
        return c.expected() != null ? c.expected() : Numbers.format(c.threshold());
    }

    public String getBaseline() {
        return Numbers.format(c.baseline());
    }

    public String getDelta() {
        return Numbers.signed(c.delta());
    }

    public String getDirection() {
        return c.direction() == null ? "" : c.direction();
    }

    public String getMessage() {
        return c.message() == null ? "" : c.message();
    }

    /** A Jenkins colour class for the status cell. */
    public String getStatusClass() {
        return switch (c.effect() == null ? "" : c.effect()) {
            case "PASS" -> "jenkins-!-success-color";
            case "WARN" -> "jenkins-!-warning-color";
            default -> "jenkins-!-error-color";
        };
    }
}
