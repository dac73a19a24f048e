package io.mlopsci.core.step;

import io.mlopsci.core.config.ConfigException;
import io.mlopsci.core.report.ReportWriter;
import io.mlopsci.core.result.Criterion;
import io.mlopsci.core.result.ErrorInfo;
import io.mlopsci.core.result.ModelRef;
import io.mlopsci.core.result.ReportSection;
import io.mlopsci.core.result.StepResult;
import io.mlopsci.core.result.StepSummary;
import io.mlopsci.core.result.Verdict;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code mlops run}: every configured step in order, stopping at the first that does not pass,
 * then a summary in {@code <out>/result.json} and reports beside it. Steps the configuration does
 * not ask for are reported as not run; rollback runs only when a canary failed (undoing only what is still
 * in flight), and its failure outranks the canary's.
 */
public final class Pipeline {

    public static final String NAME = "run";

    private Pipeline() {}

    public static StepResult run(StepContext ctx) {
        long start = System.nanoTime();
        StepResult.Builder summary = StepResult.builder(NAME)
                .tool(EngineVersion.tool())
                .startedAt(Instant.now().toString())
                .configFile(ctx.config().relative(ctx.config().file()))
                .ci(ctx.ci());
        ModelRef model = new ModelRef(ctx.config().model(), null, null);
        RunPlan plan = RunPlan.of(ctx.config());
        ctx.progress().phase("plan: " + plan.line());
        summary.output("plan", plan.entries());
        MlopsException before = null;
        if (!plan.problems().isEmpty()) {
            before = new ConfigException(plan.problems());
        } else {
            try {
                StepRunner.preflight(
                        plan.steps().stream()
                                .flatMap(n -> Steps.byName(n).stream())
                                .toList(),
                        ctx,
                        summary);
            } catch (MlopsException e) {
                before = e;
            }
        }
        if (before != null) {
            return notStarted(ctx, summary, model, plan, before, start);
        }
        StepResult failed = null;
        for (String name : Steps.ORDER) {
            Optional<Step> step = Steps.byName(name);
            if (name.equals("rollback")) {
                if (failed != null && failed.step().equals("deploy-canary") && step.isPresent()) {
                    // The canary rolls itself back; this makes sure nothing of it is left in flight.
                    StepOptions inFlightOnly = new StepOptions(
                            ctx.options().noCache(),
                            ctx.options().quiet(),
                            java.util.Map.of("rollback.in-flight-only", "true"));
                    StepResult r = StepRunner.run(step.get(), ctx.forStep(name, inFlightOnly));
                    summary.stepSummary(new StepSummary(
                            name,
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
            boolean configured = step.map(s -> s.configured(ctx.config())).orElse(configuredSection(ctx, name));
            if (failed != null) {
                summary.stepSummary(new StepSummary(
                        name, Verdict.SKIPPED, 0, "not run: " + failed.step() + " did not pass", null, null));
                continue;
            }
            if (!configured) {
                summary.stepSummary(new StepSummary(name, Verdict.SKIPPED, 0, "not run: not configured", null, null));
                continue;
            }
            if (step.isEmpty()) {
                summary.stepSummary(new StepSummary(
                        name,
                        Verdict.SKIPPED,
                        0,
                        "not run: configured and validated, but this engine version does not run " + name,
                        null,
                        null));
                summary.note("Step " + name + " is configured but not available in " + EngineVersion.tool() + ".");
                continue;
            }
            StepResult r = StepRunner.run(step.get(), ctx.forStep(name));
            summary.stepSummary(new StepSummary(
                    name,
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

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    private static boolean configuredSection(StepContext ctx, String name) {
        return switch (name) {
            case "validate-data" -> ctx.config().data() != null;
            case "package" -> ctx.config().packaging() != null;
            case "deploy-canary" -> ctx.config().deploy() != null;
            default -> false;
        };
    }

    /** For tests and front ends: the names of the steps a summary lists, in order. */
    public static List<String> stepNames(StepResult summary) {
        List<String> out = new ArrayList<>();
        if (summary.steps() != null) {
            summary.steps().forEach(s -> out.add(s.step()));
        }
        return out;
    }
}
