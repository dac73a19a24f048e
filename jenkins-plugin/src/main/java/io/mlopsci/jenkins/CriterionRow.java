package io.mlopsci.jenkins;

import io.mlopsci.contract.result.Criterion;

/**
 * One line of the gate table on the build page, formatted for display. A class with bean getters
 * rather than a record because Jelly's expression language reads {@code getX()} properties.
 */
public final class CriterionRow {

    private final Criterion c;

    CriterionRow(Criterion c) {
        this.c = c;
    }

    public String getId() {
        return c.id();
    }

    public String getMetric() {
        return c.metric() == null ? c.id() : c.metric();
    }

    public String getSlice() {
        return c.slice() == null ? "" : c.slice().toString();
    }

    public String getStatus() {
        return c.status().name();
    }

    public String getEffect() {
        return c.effect().name();
    }

    public String getActual() {
        return c.shownActual();
    }

    public String getExpected() {
        return c.expected() != null ? c.expected() : c.shownThreshold();
    }

    public String getBaseline() {
        return c.shownBaseline();
    }

    public String getDelta() {
        return c.shownDelta();
    }

    public String getDirection() {
        return c.direction() == null ? "" : c.direction().json();
    }

    public String getMessage() {
        return c.message() == null ? "" : c.message();
    }

    /** A Jenkins colour class for the status cell. */
    public String getStatusClass() {
        return switch (c.effect()) {
            case PASS -> "jenkins-!-success-color";
            case WARN -> "jenkins-!-warning-color";
            case FAIL -> "jenkins-!-error-color";
        };
    }
}
