package io.mlopsci.core.step;

import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Attaches a step's result.json and reports to the run they are about, under {@code reports/<step>/}. */
public final class RunReports {

    private static final List<String> FILES =
            List.of(ReportWriter.RESULT, ReportWriter.MARKDOWN, ReportWriter.JUNIT, ReportWriter.HTML);

    private RunReports() {}

    /** Uploads the reports when the step recorded or evaluated a run; a failure is reported as an exception. */
    public static void attach(StepContext ctx, StepId step, StepResult written) {
        String runId = written.model() == null ? null : written.model().runId();
        if (runId == null) {
            return;
        }
        Path dir = ctx.stepOut(step);
        Path staging = null;
        try {
            staging = Files.createTempDirectory("mlops-reports");
            for (String f : FILES) {
                if (Files.isRegularFile(dir.resolve(f))) {
                    Files.copy(dir.resolve(f), staging.resolve(f));
                }
            }
            ctx.registry().logArtifacts(runId, "reports/" + step.id(), staging);
        } catch (IOException | MlopsException e) {
            throw new IllegalStateException("attaching them to run " + runId + " failed: " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                try {
                    AtomicFiles.deleteTree(staging);
                } catch (IOException e) {
                    // a temporary directory
                }
            }
        }
    }
}
