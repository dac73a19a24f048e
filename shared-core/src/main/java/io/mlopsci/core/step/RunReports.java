package io.mlopsci.core.step;

import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.CiInfo;
import io.mlopsci.contract.result.GateOutputs;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.TrainOutputs;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.registry.Registry;
import io.mlopsci.core.registry.RunRecord;
import io.mlopsci.core.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where an invocation's reports go. A run's artifacts are written once: the run that trained a
 * model gets the reports of the invocation that trained it; a later invocation that reuses the run
 * (a run cache hit, the gate run again) records its reports under a run of its own, tagged
 * {@value RunRecord#TAG_REUSED_RUN} with the run it reused, so the registry's history shows both.
 */
public final class RunReports {

    private static final List<String> FILES =
            List.of(ReportWriter.RESULT, ReportWriter.MARKDOWN, ReportWriter.JUNIT, ReportWriter.HTML);

    private RunReports() {}

    /** The git and CI tags every run an invocation records carries. */
    public static Map<String, String> ciTags(CiInfo ci) {
        Map<String, String> tags = new LinkedHashMap<>();
        put(tags, "mlops.git.sha", ci.sha());
        put(tags, "mlops.git.branch", ci.branch());
        put(tags, "mlops.ci.system", ci.system());
        put(tags, "mlops.ci.build_url", ci.buildUrl());
        put(
                tags,
                "mlops.ci.pull_request",
                ci.pullRequest() == null ? null : ci.pullRequest().toString());
        return tags;
    }

    /**
     * Records a run for this invocation that reuses {@code reused}: no params, metrics or artifacts
     * of its own (those stay with the reused run), the invocation's git and CI tags, and the link.
     */
    public static RunRecord recordReuse(StepContext ctx, Registry registry, RunRecord reused) {
        Map<String, String> tags = ciTags(ctx.ci());
        tags.put(RunRecord.TAG_KIND, RunRecord.KIND_REUSED);
        tags.put(RunRecord.TAG_REUSED_RUN, reused.runId());
        return registry.logRun(
                new RunRecord(
                        null,
                        reused.model(),
                        Instant.now().toString(),
                        0,
                        Map.of(),
                        Map.of(),
                        tags,
                        Map.of(),
                        null,
                        List.of(),
                        null,
                        null),
                Map.of());
    }

    /** The run a step's reports belong to: the invocation's own run, else the model's run. */
    public static @Nullable String invocationRun(StepId step, StepResult written) {
        String own = switch (step) {
            case TRAIN -> written.outputs(TrainOutputs.class).invocationRunId();
            case EVALUATE_GATE -> written.outputs(GateOutputs.class).invocationRunId();
            default -> null;
        };
        if (own != null) {
            return own;
        }
        return written.model() == null ? null : written.model().runId();
    }

    /** Uploads the reports when the step recorded or evaluated a run; a failure is reported as an exception. */
    public static void attach(StepContext ctx, StepId step, StepResult written) {
        String runId = invocationRun(step, written);
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

    private static void put(Map<String, String> tags, String k, @Nullable String v) {
        if (v != null) {
            tags.put(k, v);
        }
    }
}
