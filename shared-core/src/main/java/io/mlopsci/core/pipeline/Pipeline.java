package io.mlopsci.core.pipeline;

import io.mlopsci.contract.ExitCodes;
import io.mlopsci.contract.RunOptions;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.ErrorInfo;
import io.mlopsci.contract.result.ModelRef;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.StepSummary;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.config.ConfigException;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.preflight.Need;
import io.mlopsci.core.report.ReportWriter;
import io.mlopsci.core.step.EngineVersion;
import io.mlopsci.core.step.StepContext;
import io.mlopsci.core.step.StepDefinition;
import io.mlopsci.core.step.StepRunner;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code mlops run}: every configured step of the {@link StepCatalog} in order, stopping at the
 * first that does not pass, then a summary in {@code <out>/result.json} and reports beside it. Steps
 * the configuration does not ask for are reported as not run; a recovery step (rollback) runs only
 * when the step it recovers from failed (undoing only what is still in flight), and its failure
 * outranks that step's.
 */
public final class Pipeline {

    private Pipeline() {}

    public static StepResult run(StepContext ctx, RunOptions options) {
        long start = System.nanoTime();
        StepResult.Builder summary = StepResult.builder(StepId.RUN.id())
                .tool(EngineVersion.tool())
                .invocation(ctx.invocationId())
                .startedAt(Instant.now().toString())
                .configFile(ctx.config().relative(ctx.config().file()))
                .ci(ctx.ci());
        ModelRef model = new ModelRef(ctx.config().model(), null, null);
        RunPlan plan = RunPlan.of(ctx.config());
        ctx.progress().phase("plan: " + plan.line());
        summary.output(RunPlan.OUTPUT, plan.entries());
        MlopsException before = null;
        if (!plan.problems().isEmpty()) {
            before = new ConfigException(plan.problems());
        } else {
            try {
                List<Need> needs = new ArrayList<>();
                for (StepDefinition<?> step : StepCatalog.steps()) {
                    if (step.recovery().isEmpty() && step.isConfigured(ctx.config())) {
                        needs.addAll(
                                step.needs(ctx.forStep(step.id()), step.inRun().apply(options)));
                    }
                }
                StepRunner.preflight(needs, ctx, summary);
            } catch (MlopsException e) {
                before = e;
            }
        }
        if (before != null) {
            return notStarted(ctx, summary, model, plan, before, start);
        }
        StepResult failed = null;
        for (StepDefinition<?> step : StepCatalog.pipeline()) {
            StepId name = step.id();
            if (step.recovery().isPresent()) {
                StepDefinition.Recovery<?> recovery = step.recovery().get();
                if (failed != null && failed.step().equals(recovery.after().id())) {
                    // The failed step cleans up after itself; this makes sure nothing of it is left in flight.
                    StepResult r = step.run(ctx.forStep(name), recovery.options());
                    summary.stepSummary(new StepSummary(
                            name.id(),
                            r.verdict(),
                            r.exitCode(),
                            r.summary(),
                            ctx.config().relative(ctx.stepOut(name).resolve(ReportWriter.RESULT)),
                            r.durationMs()));
                    if (r.exitCode() != ExitCodes.PASSED) {
                        failed = r;
                    }
                }
                continue;
            }
            if (failed != null) {
                summary.stepSummary(new StepSummary(
                        name.id(), Verdict.SKIPPED, 0, "not run: " + failed.step() + " did not pass", null, null));
                continue;
            }
            if (!step.isConfigured(ctx.config())) {
                summary.stepSummary(
                        new StepSummary(name.id(), Verdict.SKIPPED, 0, "not run: not configured", null, null));
                continue;
            }
            StepResult r = step.run(ctx.forStep(name), step.inRun().apply(options));
            summary.stepSummary(new StepSummary(
                    name.id(),
                    r.verdict(),
                    r.exitCode(),
                    r.summary(),
                    ctx.config().relative(ctx.stepOut(name).resolve(ReportWriter.RESULT)),
                    r.durationMs()));
            for (Criterion c : r.criteria()) {
                summary.criterion(c);
            }
            for (ReportSection s : r.sections()) {
                summary.section(new ReportSection(name + ": " + s.title(), s.text(), s.table(), s.chart(), true));
            }
            r.notes().forEach(n -> summary.note(name + ": " + n));
            if (r.model() != null && r.model().runId() != null) {
                model = r.model();
            }
            if (!r.verdict().passed()) {
                failed = r;
            }
        }
        summary.model(model);
        if (failed == null) {
            StepResult partial = summary.build();
            summary.verdict(partial.verdictFromStepsOrCriteria())
                    .exitCode(ExitCodes.PASSED)
                    .summary("all configured steps passed");
        } else {
            summary.verdict(failed.verdict())
                    .exitCode(failed.exitCode())
                    .summary(failed.step() + ": " + failed.summary());
            if (failed.error() != null) {
                summary.error(new ErrorInfo(
                        failed.error().kind(),
                        failed.step() + ": " + failed.error().message(),
                        failed.error().location()));
            }
        }
        summary.durationMs((System.nanoTime() - start) / 1_000_000)
                .finishedAt(Instant.now().toString());
        StepResult result = ctx.progress().mask().apply(summary.build());
        try {
            return ReportWriter.write(result, ctx.config().outDir());
        } catch (IOException e) {
            ctx.progress()
                    .warn("cannot write the run summary to " + ctx.config().outDir() + ": " + e.getMessage());
            return result.toBuilder()
                    .verdict(Verdict.ERROR)
                    .exitCode(ExitCodes.INFRASTRUCTURE_ERROR)
                    .build();
        }
    }

    /** The summary of a run that stopped before its first step: a configuration problem or a backend down. */
    private static StepResult notStarted(
            StepContext ctx, StepResult.Builder summary, ModelRef model, RunPlan plan, MlopsException e, long start) {
        String message = ctx.progress().mask().apply(e.getMessage());
        String why = e instanceof ConfigException ? "the configuration has problems" : "the preflight failed";
        for (RunPlan.Entry entry : plan.entries()) {
            summary.stepSummary(new StepSummary(
                    entry.step(),
                    Verdict.SKIPPED,
                    0,
                    entry.runs() ? "not run: " + why : "not run: not configured",
                    null,
                    null));
        }
        summary.model(model)
                .verdict(Verdict.ERROR)
                .exitCode(e.exitCode())
                .error(new ErrorInfo(e.kind(), message, e.location()))
                .summary(e.kind() + " error before any step: " + firstLine(message))
                .durationMs((System.nanoTime() - start) / 1_000_000)
                .finishedAt(Instant.now().toString());
        StepResult result = summary.build();
        try {
            return ReportWriter.write(result, ctx.config().outDir());
        } catch (IOException io) {
            ctx.progress()
                    .warn("cannot write the run summary to " + ctx.config().outDir() + ": " + io.getMessage());
            return result;
        }
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }
}
