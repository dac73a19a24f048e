package io.mlopsci.core.publish;

import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.MonitorOutputs;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.report.Markdown;
import java.util.List;

/**
 * The monitor step's GitHub issue, one per model: what it says and when it is opened, updated or
 * closed. A window that fails (or errors), or whose retrain rule fires, opens the issue or updates
 * it in place; a window that passes closes an open one with a comment; a warning only updates an
 * open one. The issue is found again by its label and the hidden marker on its body's first line.
 */
public final class MonitorIssue {

    /** The label every monitoring issue carries (GitHub creates it on first use). */
    public static final String LABEL = "mlops-monitor";

    static final int TITLE_LIMIT = 256;

    /** What a window does to the model's issue. */
    public enum Action {
        /** Open one, or update the open one. */
        OPEN_OR_UPDATE,
        /** Update the open one; open none. */
        UPDATE,
        /** Close the open one with a comment. */
        CLOSE,
        /** Leave it alone (the step was skipped). */
        NONE
    }

    private MonitorIssue() {}

    /** Whether {@code result} is the monitor step's (published as an issue, not a comment and check run). */
    public static boolean applies(StepResult result) {
        return StepId.MONITOR.id().equals(result.step());
    }

    public static Action action(StepResult result) {
        MonitorOutputs o = result.outputs(MonitorOutputs.class);
        Verdict v = result.verdict();
        if (v == Verdict.FAIL || v == Verdict.ERROR || Boolean.TRUE.equals(o.retrain())) {
            return Action.OPEN_OR_UPDATE;
        }
        return switch (v) {
            case WARN -> Action.UPDATE;
            case PASS -> Action.CLOSE;
            default -> Action.NONE;
        };
    }

    /** The model the issue is about (the result's model, else the alias's; "model" when neither is known). */
    public static String model(StepResult result) {
        if (result.model() != null && result.model().name() != null) {
            return result.model().name();
        }
        return "model";
    }

    /** The marker key: one issue per model. */
    static String key(StepResult result) {
        return "monitor " + model(result);
    }

    /** The body: marker, the monitoring report (with its trends), a footer; within GitHub's limit. */
    public static String body(StepResult result, String detailsUrl) {
        return GitHubReport.comment(result, key(result), detailsUrl, null);
    }

    /** Whether {@code body} is this model's issue. */
    static boolean isFor(String body, StepResult result) {
        return body != null && body.startsWith(GitHubReport.marker(key(result)));
    }

    /** e.g. "jvm-fraud in production: FAIL, retrain — drift in amount, segment". */
    public static String title(StepResult result) {
        MonitorOutputs o = result.outputs(MonitorOutputs.class);
        StringBuilder t = new StringBuilder(model(result));
        if (o.modelVersion() != null) {
            t.append(" v").append(o.modelVersion());
        }
        t.append(" in production: ").append(result.verdict());
        if (Boolean.TRUE.equals(o.retrain())) {
            t.append(", retrain");
        }
        List<String> drifting = o.drifting() == null ? List.of() : o.drifting();
        if (!drifting.isEmpty()) {
            t.append(" — drift in ").append(String.join(", ", drifting));
        } else if (result.summary() != null) {
            t.append(" — ").append(result.summary());
        }
        String s = t.toString().replaceAll("[\\r\\n]+", " ");
        return s.length() <= TITLE_LIMIT ? s : s.substring(0, TITLE_LIMIT - 1) + "…";
    }

    /** The comment that closes the issue. */
    public static String closingComment(StepResult result, String detailsUrl) {
        MonitorOutputs o = result.outputs(MonitorOutputs.class);
        String window = o.windowStart() == null
                ? "The latest window"
                : "The window " + o.windowStart() + " to " + o.windowEnd();
        return window + " passed" + (result.summary() == null ? "" : " (" + Markdown.text(result.summary()) + ")")
                + ": " + model(result) + " is healthy again, so this issue is closed. It opens again when a window"
                + " fails or a retrain rule fires." + (detailsUrl == null ? "" : "\n\n[The run](" + detailsUrl + ")");
    }
}
