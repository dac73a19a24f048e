package io.mlopsci.core.report;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Numbers;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import java.util.Comparator;
import java.util.List;

/** Words and orderings every renderer shares, so that all reports say the same thing. */
public final class ReportText {

    private ReportText() {}

    /** Criteria in reading order: what fails first, then what warns, then what passed. */
    public static List<Criterion> ordered(List<Criterion> criteria) {
        return criteria.stream()
                .sorted(Comparator.comparingInt(ReportText::rank))
                .toList();
    }

    static int rank(Criterion c) {
        if (c.effect() == Effect.FAIL) {
            return c.status() == Status.ERROR ? 0 : 1;
        }
        if (c.effect() == Effect.WARN) {
            return 2;
        }
        return c.status() == Status.PASS ? 4 : 3;
    }

    public static String icon(Verdict v) {
        return switch (v) {
            case PASS -> "✅";
            case WARN -> "⚠️";
            case FAIL -> "❌";
            case ERROR -> "💥";
            case SKIPPED -> "⏭️";
        };
    }

    public static String icon(Criterion c) {
        return switch (c.status()) {
            case PASS -> "✅";
            case WARN -> "⚠️";
            case FAIL -> c.effect() == Effect.FAIL ? "❌" : "⚠️";
            case ERROR -> c.effect() == Effect.FAIL ? "💥" : "⚠️";
            case INCONCLUSIVE -> "❔";
            case NOT_EVALUATED -> "➖";
        };
    }

    /** The status as a reviewer reads it, with the effect when it differs. */
    public static String statusText(Criterion c) {
        String s = c.status() == Status.NOT_EVALUATED
                ? "NOT EVALUATED"
                : c.status().name();
        boolean differs = switch (c.status()) {
            case PASS -> c.effect() != Effect.PASS;
            case WARN -> c.effect() != Effect.WARN;
            case FAIL, ERROR, INCONCLUSIVE -> c.effect() != Effect.FAIL;
            case NOT_EVALUATED -> false;
        };
        if (!differs) {
            return s;
        }
        return s
                + switch (c.effect()) {
                    case PASS -> " (not gated)";
                    case WARN -> " (warning only)";
                    case FAIL -> " (fails the gate)";
                };
    }

    /** One line for the whole step. */
    public static String headline(StepResult r) {
        String model = r.model() == null
                ? ""
                : " — " + r.model().name()
                        + (r.model().version() == null ? "" : " v" + r.model().version());
        return icon(r.verdict()) + " mlops " + r.step() + ": " + r.verdict() + model;
    }

    /** A criterion's display name: metric, slice and rule. */
    public static String label(Criterion c) {
        String m = c.metric() == null ? c.id() : c.metric();
        if (c.slice() != null) {
            m += " [" + c.slice().column() + "=" + c.slice().value() + "]";
        }
        return m;
    }

    /** The "run details" every rendering lists: label and value, empty values left out. */
    public static java.util.List<String[]> detailRows(StepResult r) {
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        java.util.function.BiConsumer<String, String> add = (k, v) -> {
            if (v != null && !v.isEmpty()) {
                rows.add(new String[] {k, v});
            }
        };
        add.accept("step", r.step());
        add.accept("exit code", r.exitCode() + " (" + io.mlopsci.contract.ExitCodes.describe(r.exitCode()) + ")");
        if (r.model() != null) {
            add.accept("model", r.model().name());
            add.accept("version", r.model().version());
            add.accept("run", r.model().runId());
        }
        if (r.cache() != null) {
            add.accept(
                    "run cache",
                    (r.cache().hit() ? "hit" : "miss")
                            + (r.cache().reason() == null
                                    ? ""
                                    : " — " + r.cache().reason()));
        }
        if (r.ci() != null) {
            add.accept("CI", r.ci().system());
            add.accept("branch", r.ci().branch());
            add.accept("commit", r.ci().sha());
            add.accept("pull request", r.ci().pullRequest() == null ? null : "#" + r.ci().pullRequest());
            add.accept("build", r.ci().buildUrl());
        }
        add.accept("config", r.configFile());
        add.accept("started", r.startedAt());
        add.accept("duration", Numbers.duration(r.durationMs()));
        for (io.mlopsci.contract.result.Timing t : r.timings()) {
            add.accept("· " + t.phase(), Numbers.duration(t.millis()));
        }
        add.accept("engine", r.tool());
        return rows;
    }

    /**
     * A criterion's confidence interval as the reports show it, e.g. {@code [0.81, 0.86] at 95%}: of
     * the value itself for an absolute bound (min, max), of the change for a change rule (signed).
     */
    static String interval(Criterion c) {
        boolean ofValue = "min".equals(c.rule()) || "max".equals(c.rule());
        return String.format(
                java.util.Locale.ROOT,
                "[%s, %s] at %.0f%%",
                ofValue
                        ? Numbers.value(c.interval().low())
                        : Numbers.delta(c.interval().low()),
                ofValue
                        ? Numbers.value(c.interval().high())
                        : Numbers.delta(c.interval().high()),
                c.interval().level() * 100);
    }
}
