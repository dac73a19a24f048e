package io.mlopsci.core.report;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Numbers;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the console prints under a step's verdict line: each criterion that failed the step, with
 * metric, actual, threshold, baseline and delta, in one line a reviewer reads in the Jenkins or
 * Actions log without opening a file.
 */
public final class ConsoleLines {

    /** Lines printed at most; the rest are counted (the reports list them all). */
    static final int MAX = 10;

    private ConsoleLines() {}

    /** One line per criterion whose effect is FAIL, in reading order; empty when none failed. */
    public static List<String> failures(StepResult r) {
        List<Criterion> failed = ReportText.ordered(r.criteria()).stream()
                .filter(c -> c.effect() == Effect.FAIL)
                .toList();
        List<String> out = new ArrayList<>();
        for (Criterion c : failed.subList(0, Math.min(MAX, failed.size()))) {
            out.add(line(c));
        }
        if (failed.size() > MAX) {
            out.add("… and " + (failed.size() - MAX) + " more failed criteria (see the report)");
        }
        return out;
    }

    /** One line per criterion that was not evaluated, with the reason (counted apart in the summary). */
    public static List<String> notEvaluated(StepResult r) {
        List<Criterion> skipped = r.criteria().stream()
                .filter(c -> c.status() == Status.NOT_EVALUATED)
                .toList();
        List<String> out = new ArrayList<>();
        for (Criterion c : skipped.subList(0, Math.min(MAX, skipped.size()))) {
            out.add("➖ NOT EVALUATED " + c.id() + (c.message() == null ? "" : ": " + c.message()));
        }
        if (skipped.size() > MAX) {
            out.add("… and " + (skipped.size() - MAX) + " more not evaluated (see the report)");
        }
        return out;
    }

    /**
     * E.g. {@code ✗ FAIL roc_auc.max_drop: metric roc_auc, actual 0.8812, threshold drop ≤ 0.0100 (≥
     * 0.8900), baseline 0.9000, delta −0.0188 (−2.09%)}, then the interval or the reason when the
     * numbers alone do not say it.
     */
    static String line(Criterion c) {
        StringBuilder b = new StringBuilder("✗ ")
                .append(c.status())
                .append(' ')
                .append(c.id())
                .append(':');
        List<String> parts = new ArrayList<>();
        if (c.metric() != null) {
            parts.add("metric " + c.metric());
        }
        if (c.actual() != null || c.observed() != null) {
            parts.add("actual " + c.shownActual());
        }
        if (c.expected() != null) {
            parts.add("threshold " + c.expected());
        } else if (c.threshold() != null) {
            parts.add("threshold " + c.shownThreshold());
        }
        if (c.baseline() != null) {
            parts.add("baseline " + c.shownBaseline());
        }
        if (c.delta() != null) {
            parts.add("delta " + c.shownDelta()
                    + (c.relativeDelta() == null ? "" : " (" + Numbers.percent(c.relativeDelta()) + ")"));
        }
        if (c.interval() != null) {
            parts.add(String.format(
                    Locale.ROOT,
                    "interval [%s, %s] at %.0f%%",
                    Numbers.delta(c.interval().low()),
                    Numbers.delta(c.interval().high()),
                    c.interval().level() * 100));
        }
        b.append(' ').append(String.join(", ", parts));
        // The reason, when the numbers do not say it already (an error, an undecided interval).
        if (c.message() != null && (c.status() != Status.FAIL || c.actual() == null || parts.size() <= 2)) {
            b.append(parts.isEmpty() ? "" : " — ").append(c.message());
        }
        return b.toString();
    }
}
