package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The contract every front end reads: what {@code <out>/<step>/result.json} holds. The schema is
 * versioned by {@link #SCHEMA_VERSION}; fields are only ever added within a version.
 *
 * @param schemaVersion version of this document's schema
 * @param tool          name and version of the engine that wrote it
 * @param invocation    the id the front end gave this CLI invocation ({@code --invocation-id}); a
 *                      front end accepts a result only when it carries its own invocation's id
 * @param step          the step, e.g. {@code evaluate-gate}, or {@code run} for the summary
 * @param verdict       PASS, WARN, FAIL, ERROR or SKIPPED
 * @param exitCode      0 passed, 1 quality failure, 2 user error, 3 infrastructure or internal error
 * @param summary       one line for humans
 * @param model         model name, version and run
 * @param startedAt     ISO-8601 instant
 * @param finishedAt    ISO-8601 instant
 * @param durationMs    wall time
 * @param configFile    the mlops.yaml the step ran with (relative to the workdir)
 * @param criteria      every checked rule
 * @param artifacts     files produced
 * @param timings       wall time per phase
 * @param cache         run cache decision (train)
 * @param error         why the step could not complete (verdict ERROR)
 * @param ci            where it ran
 * @param notes         remarks a reviewer should read (e.g. "no baseline: absolute rules only")
 * @param sections      step-specific report sections
 * @param outputs       machine-readable values later steps and front ends use (metrics, paths, digests)
 * @param steps         for {@code run}: one line per step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "tool", "invocation", "step", "verdict", "exitCode", "summary", "model"})
public record StepResult(
        int schemaVersion,
        String tool,
        String invocation,
        String step,
        Verdict verdict,
        int exitCode,
        String summary,
        ModelRef model,
        String startedAt,
        String finishedAt,
        long durationMs,
        String configFile,
        List<Criterion> criteria,
        List<Artifact> artifacts,
        List<Timing> timings,
        CacheInfo cache,
        ErrorInfo error,
        CiInfo ci,
        List<String> notes,
        List<ReportSection> sections,
        Map<String, Object> outputs,
        List<StepSummary> steps) {

    public static final int SCHEMA_VERSION = 1;

    public StepResult {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(verdict, "verdict");
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
        timings = timings == null ? List.of() : List.copyOf(timings);
        notes = notes == null ? List.of() : List.copyOf(notes);
        sections = sections == null ? List.of() : List.copyOf(sections);
        outputs = outputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        steps = steps == null || steps.isEmpty() ? null : List.copyOf(steps);
    }

    /** Criteria whose effect fails the step. */
    public List<Criterion> failing() {
        return criteria.stream().filter(c -> c.effect() == Effect.FAIL).toList();
    }

    /** Criteria whose effect is a warning. */
    public List<Criterion> warnings() {
        return criteria.stream().filter(c -> c.effect() == Effect.WARN).toList();
    }

    /**
     * This step's outputs as its typed record, e.g. {@code result.outputs(TrainOutputs.class).runId()};
     * components the document does not hold are null.
     */
    public <T extends StepOutputs> T outputs(Class<T> type) {
        return ResultJson.fromMap(outputs, type);
    }

    /** WARN when any step or criterion warned, else PASS (for a summary whose steps all passed). */
    public Verdict verdictFromStepsOrCriteria() {
        boolean warn = criteria.stream().anyMatch(c -> c.effect() == Effect.WARN)
                || (steps != null && steps.stream().anyMatch(s -> s.verdict() == Verdict.WARN));
        return warn ? Verdict.WARN : Verdict.PASS;
    }

    public Builder toBuilder() {
        Builder b = new Builder(step);
        b.tool = tool;
        b.invocation = invocation;
        b.verdict = verdict;
        b.exitCode = exitCode;
        b.summary = summary;
        b.model = model;
        b.startedAt = startedAt;
        b.finishedAt = finishedAt;
        b.durationMs = durationMs;
        b.configFile = configFile;
        b.criteria.addAll(criteria);
        b.artifacts.addAll(artifacts);
        b.timings.addAll(timings);
        b.cache = cache;
        b.error = error;
        b.ci = ci;
        b.notes.addAll(notes);
        b.sections.addAll(sections);
        b.outputs.putAll(outputs);
        if (steps != null) {
            b.steps.addAll(steps);
        }
        return b;
    }

    public static Builder builder(String step) {
        return new Builder(step);
    }

    /** Mutable builder; steps fill it while they work. */
    public static final class Builder {
        private final String step;
        private String tool;
        private String invocation;
        private Verdict verdict;
        private int exitCode;
        private String summary;
        private ModelRef model;
        private String startedAt;
        private String finishedAt;
        private long durationMs;
        private String configFile;
        private final List<Criterion> criteria = new ArrayList<>();
        private final List<Artifact> artifacts = new ArrayList<>();
        private final List<Timing> timings = new ArrayList<>();
        private CacheInfo cache;
        private ErrorInfo error;
        private CiInfo ci;
        private final List<String> notes = new ArrayList<>();
        private final List<ReportSection> sections = new ArrayList<>();
        private final Map<String, Object> outputs = new LinkedHashMap<>();
        private final List<StepSummary> steps = new ArrayList<>();

        private Builder(String step) {
            this.step = step;
        }

        public String step() {
            return step;
        }

        public Builder tool(String v) {
            this.tool = v;
            return this;
        }

        public Builder invocation(String v) {
            this.invocation = v;
            return this;
        }

        public Builder verdict(Verdict v) {
            this.verdict = v;
            return this;
        }

        public Builder exitCode(int v) {
            this.exitCode = v;
            return this;
        }

        public Builder summary(String v) {
            this.summary = v;
            return this;
        }

        public Builder model(ModelRef v) {
            this.model = v;
            return this;
        }

        public ModelRef model() {
            return model;
        }

        public Builder startedAt(String v) {
            this.startedAt = v;
            return this;
        }

        public Builder finishedAt(String v) {
            this.finishedAt = v;
            return this;
        }

        public Builder durationMs(long v) {
            this.durationMs = v;
            return this;
        }

        public Builder configFile(String v) {
            this.configFile = v;
            return this;
        }

        public Builder criterion(Criterion c) {
            this.criteria.add(c);
            return this;
        }

        public Builder criteria(List<Criterion> cs) {
            this.criteria.addAll(cs);
            return this;
        }

        public List<Criterion> criteria() {
            return criteria;
        }

        public Builder artifact(Artifact a) {
            this.artifacts.add(a);
            return this;
        }

        public Builder timing(Timing t) {
            this.timings.add(t);
            return this;
        }

        public Builder cache(CacheInfo v) {
            this.cache = v;
            return this;
        }

        public Builder error(ErrorInfo v) {
            this.error = v;
            return this;
        }

        public Builder ci(CiInfo v) {
            this.ci = v;
            return this;
        }

        public Builder note(String n) {
            this.notes.add(n);
            return this;
        }

        public Builder section(ReportSection s) {
            this.sections.add(s);
            return this;
        }

        public Builder output(String key, Object value) {
            if (value != null) {
                this.outputs.put(key, value);
            }
            return this;
        }

        /**
         * Records a step's typed outputs: each non-null component of the record, added to (or
         * replacing) what was recorded before, so a step may record them as it goes.
         */
        public Builder outputs(StepOutputs typed) {
            this.outputs.putAll(ResultJson.toMap(typed));
            return this;
        }

        public Map<String, Object> outputs() {
            return java.util.Collections.unmodifiableMap(outputs);
        }

        public Builder stepSummary(StepSummary s) {
            this.steps.add(s);
            return this;
        }

        /** Verdict from the criteria' effects, when no step-level verdict was set. */
        public Verdict verdictFromCriteria() {
            boolean warn = false;
            for (Criterion c : criteria) {
                if (c.effect() == Effect.FAIL) {
                    return Verdict.FAIL;
                }
                warn |= c.effect() == Effect.WARN;
            }
            return warn ? Verdict.WARN : Verdict.PASS;
        }

        public StepResult build() {
            Verdict v = verdict != null ? verdict : verdictFromCriteria();
            return new StepResult(
                    SCHEMA_VERSION,
                    tool,
                    invocation,
                    step,
                    v,
                    exitCode,
                    summary,
                    model,
                    startedAt,
                    finishedAt,
                    durationMs,
                    configFile,
                    criteria,
                    artifacts,
                    timings,
                    cache,
                    error,
                    ci,
                    notes,
                    sections,
                    outputs,
                    steps);
        }
    }
}
