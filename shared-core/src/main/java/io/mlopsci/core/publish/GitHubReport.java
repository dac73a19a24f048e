package io.mlopsci.core.publish;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.report.MarkdownReport;
import io.mlopsci.core.report.MarkdownTruncation;
import io.mlopsci.core.report.MarkdownTruncation.Measure;
import io.mlopsci.core.report.ReportText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What GitHub shows, rendered from result.json alone with the engine's Markdown report and kept
 * within GitHub's limits: comment bodies 65,536 characters, check-run summaries 65,535, commit
 * status descriptions 140. Shortened text ends with a pointer to the full report.
 */
public final class GitHubReport {

    public static final int COMMENT_LIMIT = 65_536;
    public static final int CHECK_SUMMARY_LIMIT = 65_535;
    public static final int ANNOTATIONS_PER_REQUEST = 50;
    public static final int STATUS_DESCRIPTION_LIMIT = 140;
    static final int CHECK_TITLE_LIMIT = 255;
    static final int ANNOTATION_MESSAGE_LIMIT = 2_000;

    private GitHubReport() {}

    /** The hidden first line that identifies the sticky comment of one gate ({@code key}: the check name). */
    public static String marker(String key) {
        String k = key.replaceAll("[^A-Za-z0-9 ._:/()+-]", "_").replace("--", "__");
        return "<!-- mlops-ci:report " + k + " -->";
    }

    /** The sticky comment: marker, the report, a footer; at most {@link #COMMENT_LIMIT} characters. */
    public static String comment(StepResult r, String key, String detailsUrl, String notice) {
        String footer = footer(detailsUrl);
        StringBuilder body = new StringBuilder(marker(key)).append('\n');
        if (notice != null) {
            body.append("> ")
                    .append(io.mlopsci.core.report.Markdown.text(notice))
                    .append("\n\n");
        }
        body.append(MarkdownReport.render(r));
        return MarkdownTruncation.fit(
                        body.toString(),
                        COMMENT_LIMIT - footer.length(),
                        Measure.CHARS,
                        shortened("comment", COMMENT_LIMIT, detailsUrl))
                + footer;
    }

    /** The check run's summary: the report, at most {@link #CHECK_SUMMARY_LIMIT} characters. */
    public static String checkSummary(StepResult r, String detailsUrl) {
        String footer = footer(detailsUrl);
        return MarkdownTruncation.fit(
                        MarkdownReport.render(r),
                        CHECK_SUMMARY_LIMIT - footer.length(),
                        Measure.CHARS,
                        shortened("check run summary", CHECK_SUMMARY_LIMIT, detailsUrl))
                + footer;
    }

    /** The check run's title: the headline and the step's one-line summary. */
    public static String checkTitle(StepResult r) {
        String t = ReportText.headline(r) + (r.summary() == null ? "" : " — " + r.summary());
        t = t.replaceAll("[\\r\\n]+", " ");
        return t.length() <= CHECK_TITLE_LIMIT ? t : t.substring(0, CHECK_TITLE_LIMIT - 1) + "…";
    }

    /** A commit status description (used where a check run may not be created). */
    public static String statusDescription(StepResult r) {
        String t = (r.verdict() + (r.summary() == null ? "" : ": " + r.summary())).replaceAll("[\\r\\n]+", " ");
        return t.length() <= STATUS_DESCRIPTION_LIMIT ? t : t.substring(0, STATUS_DESCRIPTION_LIMIT - 1) + "…";
    }

    /** The check-run conclusion: PASS success, WARN neutral, FAIL and ERROR failure, SKIPPED skipped. */
    public static String conclusion(Verdict v) {
        return switch (v) {
            case PASS -> "success";
            case WARN -> "neutral";
            case FAIL, ERROR -> "failure";
            case SKIPPED -> "skipped";
        };
    }

    /** Whether a result counts as a failure for {@link CommentMode#ON_FAILURE}. */
    public static boolean failed(StepResult r) {
        return r.verdict() == Verdict.FAIL || r.verdict() == Verdict.ERROR;
    }

    /**
     * Annotations on the mlops.yaml lines of the criteria that fail (failure) or warn (warning), in
     * report order. Paths must be repository-relative: absolute ones are made relative to the CI
     * workspace ({@code GITHUB_WORKSPACE}, {@code WORKSPACE}); others are left out.
     */
    public static List<CheckAnnotation> annotations(StepResult r, Map<String, String> env) {
        List<CheckAnnotation> out = new ArrayList<>();
        for (Criterion c : ReportText.ordered(r.criteria())) {
            if (c.effect() == Effect.PASS
                    || c.location() == null
                    || c.location().line() == null) {
                continue;
            }
            String path = repositoryPath(c.location().file(), env);
            if (path == null) {
                continue;
            }
            String level = c.effect() == Effect.FAIL ? "failure" : "warning";
            String observed = c.observed() != null ? c.observed() : c.actual() == null ? "no value" : c.shownActual();
            StringBuilder msg = new StringBuilder()
                    .append(ReportText.label(c))
                    .append(' ')
                    .append(c.rule() == null ? "" : c.rule().replace('_', ' '))
                    .append(": ")
                    .append(c.status())
                    .append(" — candidate ")
                    .append(observed);
            if (c.expected() != null) {
                msg.append(", expected ").append(c.expected());
            }
            if (c.baseline() != null) {
                msg.append(", baseline ").append(c.shownBaseline());
            }
            if (c.message() != null) {
                msg.append(". ").append(c.message());
            }
            String m = msg.length() <= ANNOTATION_MESSAGE_LIMIT
                    ? msg.toString()
                    : msg.substring(0, ANNOTATION_MESSAGE_LIMIT - 1) + "…";
            int line = Math.max(1, c.location().line());
            out.add(new CheckAnnotation(path, line, line, level, c.id(), m));
        }
        return out;
    }

    /** {@code file} relative to the repository's workspace, or null when it is not a file in it. */
    public static String repositoryPath(String file, Map<String, String> env) {
        if (file == null || file.isBlank() || file.startsWith("--set")) {
            return null;
        }
        String f = file.replace('\\', '/');
        Path p = Path.of(f).normalize();
        if (p.isAbsolute()) {
            for (String root : new String[] {env.get("GITHUB_WORKSPACE"), env.get("WORKSPACE")}) {
                if (root != null
                        && !root.isBlank()
                        && p.startsWith(Path.of(root).normalize())) {
                    return Path.of(root).normalize().relativize(p).toString().replace('\\', '/');
                }
            }
            return null;
        }
        String rel = p.toString().replace('\\', '/');
        return rel.isEmpty() || rel.startsWith("..") ? null : rel;
    }

    private static String footer(String detailsUrl) {
        return detailsUrl == null
                        || !PublishTargets.SAFE_URL.matcher(detailsUrl).matches()
                ? ""
                : "\n<sub>[Full report and logs](<" + detailsUrl + ">)</sub>\n";
    }

    private static String shortened(String what, int limit, String detailsUrl) {
        return String.format(
                Locale.ROOT,
                "> ⚠️ **Report shortened** to fit GitHub's %s limit (%,d characters). The full report"
                        + " is report.md beside result.json%s.",
                what,
                limit,
                detailsUrl == null ? "" : " in the run linked below");
    }
}
