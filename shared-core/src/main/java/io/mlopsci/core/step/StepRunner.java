package io.mlopsci.core.step;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.contract.ExitCodes;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.StepOptions;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.ErrorInfo;
import io.mlopsci.contract.result.ModelRef;
import io.mlopsci.contract.result.PreflightCheck;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Timing;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.preflight.Need;
import io.mlopsci.core.preflight.Preflight;
import io.mlopsci.core.report.ConsoleLines;
import io.mlopsci.core.report.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Runs one step and turns whatever happens into the contract: a verdict, an exit code,
 * {@code result.json} and reports, written atomically. Errors become exit 2 or 3 with a message
 * for the user; an unexpected exception is exit 3 with its stack trace on stderr.
 */
public final class StepRunner {

    private StepRunner() {}

    /** Runs a step the catalog defines, with its options. */
    public static <O extends StepOptions> StepResult run(StepDefinition<O> definition, O options, StepContext ctx) {
        StepId id = definition.id();
        Step<O> step = definition.factory().get();
        StepResult.Builder b = StepResult.builder(id.id())
                .tool(EngineVersion.tool())
                .invocation(ctx.invocationId())
                .startedAt(Instant.now().toString())
                .configFile(ctx.config().relative(ctx.config().file()))
                .ci(ctx.ci())
                .model(new ModelRef(ctx.config().model(), null, null));
        long start = System.nanoTime();
        ctx.progress().phase("starting");
        try {
            preflight(step.needs(ctx, options), ctx, b);
            step.execute(ctx, options, b);
            finishVerdict(b);
        } catch (MlopsException e) {
            fail(b, e.kind(), ctx.progress().mask().apply(e.getMessage()), e);
        } catch (Exception | LinkageError | StackOverflowError e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            ctx.progress()
                    .warn(
                            "internal error; please report it with this trace:",
                            List.of(trace.toString().split("\\R")));
            fail(b, ErrorKind.INTERNAL, ctx.progress().mask().apply("internal error: " + e), null);
        }
        b.durationMs((System.nanoTime() - start) / 1_000_000)
                .finishedAt(Instant.now().toString());
        // Every output is written from the masked result: result.json, the reports, --json.
        StepResult result = ctx.progress().mask().apply(b.build());
        try {
            result = ReportWriter.write(result, ctx.stepOut(id));
        } catch (IOException e) {
            ctx.progress().warn("cannot write results to " + ctx.stepOut(id) + ": " + e.getMessage());
            return result.toBuilder()
                    .verdict(Verdict.ERROR)
                    .exitCode(ExitCodes.INFRASTRUCTURE_ERROR)
                    .error(new ErrorInfo(ErrorKind.INFRASTRUCTURE, "cannot write results: " + e.getMessage(), null))
                    .build();
        }
        try {
            step.afterReports(ctx, result);
        } catch (RuntimeException e) {
            ctx.progress().warn("the reports are written, but " + e.getMessage());
        }
        ctx.progress()
                .phase(result.verdict() + " (exit " + result.exitCode() + ")"
                        + (result.summary() == null ? "" : ": " + result.summary()));
        ctx.progress().details(ConsoleLines.failures(result));
        ctx.progress().details(ConsoleLines.notEvaluated(result));
        return result;
    }

    /**
     * Checks every backend the steps will use, once per invocation, before any of them starts
     * work; records what answered in the result. Throws (nothing started) when one does not.
     */
    public static void preflight(List<Need> needs, StepContext ctx, StepResult.Builder b) {
        if (ctx.preflightDone()) {
            return;
        }
        long t0 = System.nanoTime();
        List<PreflightCheck> checks =
                Preflight.run(needs, ctx::registry, ctx.config().model(), ctx.env(), ctx.progress());
        ctx.markPreflightDone();
        if (!checks.isEmpty()) {
            b.timing(new Timing("preflight", (System.nanoTime() - t0) / 1_000_000));
            b.output(PreflightCheck.OUTPUT, checks);
        }
    }

    private static void finishVerdict(StepResult.Builder b) {
        StepResult current = b.build();
        Verdict v = current.verdict();
        b.verdict(v);
        b.exitCode(
                switch (v) {
                    case PASS, WARN, SKIPPED -> ExitCodes.PASSED;
                    case FAIL -> ExitCodes.QUALITY_FAILED;
                    case ERROR -> current.exitCode() != 0 ? current.exitCode() : ExitCodes.INFRASTRUCTURE_ERROR;
                });
        if (current.summary() == null) {
            b.summary(summarize(current.criteria(), v));
        }
    }

    /** E.g. "2 of 7 criteria failed: roc_auc.max_drop, f1.min; 1 warning". */
    public static String summarize(List<Criterion> criteria, Verdict v) {
        if (criteria.isEmpty()) {
            return v == Verdict.SKIPPED ? "not run" : "no criteria";
        }
        List<Criterion> failed =
                criteria.stream().filter(c -> c.effect() == Effect.FAIL).toList();
        long warned = criteria.stream().filter(c -> c.effect() == Effect.WARN).count();
        long notEvaluated = criteria.stream()
                .filter(c -> c.status() == Status.NOT_EVALUATED)
                .count();
        long notGated = criteria.stream()
                .filter(c ->
                        c.effect() == Effect.PASS && c.status() != Status.PASS && c.status() != Status.NOT_EVALUATED)
                .count();
        String warnings = (warned == 0 ? "" : "; " + warned + (warned == 1 ? " warning" : " warnings"))
                + (notGated == 0 ? "" : "; " + notGated + " not gated")
                + (notEvaluated == 0 ? "" : "; " + notEvaluated + " not evaluated");
        if (failed.isEmpty()) {
            long passed = criteria.size() - warned - notGated - notEvaluated;
            return passed == criteria.size()
                    ? "all " + criteria.size() + " criteria passed"
                    : passed + " of " + criteria.size() + " criteria passed" + warnings;
        }
        String names = failed.stream().limit(5).map(Criterion::id).collect(Collectors.joining(", "))
                + (failed.size() > 5 ? ", …" : "");
        return failed.size() + " of " + criteria.size() + " criteria failed: " + names + warnings;
    }

    private static void fail(
            StepResult.Builder b, ErrorKind kind, @Nullable String message, @Nullable MlopsException e) {
        b.verdict(Verdict.ERROR)
                .exitCode(kind.exitCode())
                .error(new ErrorInfo(kind, message, e == null ? null : e.location()))
                .summary(kind + " error: " + firstLine(message));
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }
}
