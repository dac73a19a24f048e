package io.mlopsci.core.report;

import io.mlopsci.contract.Layout;
import io.mlopsci.contract.result.Artifact;
import io.mlopsci.contract.result.ResultJson;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.concurrent.BackgroundTask;
import io.mlopsci.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a step's reports and, last, its {@code result.json} (the file front ends read), each
 * atomically: a crash leaves the previous files, never half a file.
 */
public final class ReportWriter {

    public static final String RESULT = Layout.RESULT;
    public static final String MARKDOWN = Layout.MARKDOWN;
    public static final String JUNIT = Layout.JUNIT;
    public static final String HTML = Layout.HTML;

    private ReportWriter() {}

    /** Adds the report files to the result's artifacts, writes everything, returns the final result. */
    public static StepResult write(StepResult result, Path dir) throws IOException {
        StepResult withReports = result.toBuilder()
                .artifact(new Artifact("report-markdown", MARKDOWN, "text/markdown"))
                .artifact(new Artifact("report-junit", JUNIT, "application/xml"))
                .artifact(new Artifact("report-html", HTML, "text/html"))
                .build();
        // result.json is serialized on a thread of its own while the reports are rendered: the
        // step's work is done, so the second processor is idle, and a run's first serialization
        // (Jackson building its serializers) is the largest part of writing.
        BackgroundTask<byte[]> json = BackgroundTask.start("mlops-result-json", () -> ResultJson.bytes(withReports));
        String md = MarkdownReport.render(withReports);
        String xml = JUnitReport.render(withReports);
        String html = HtmlReport.render(withReports);
        AtomicFiles.write(dir.resolve(MARKDOWN), md);
        AtomicFiles.write(dir.resolve(JUNIT), xml);
        AtomicFiles.write(dir.resolve(HTML), html);
        AtomicFiles.write(dir.resolve(RESULT), json.join());
        return withReports;
    }
}
