package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;

/**
 * One checked rule and its outcome. Numbers are {@code null} where they do not apply (no baseline,
 * not numeric); {@code expected} and {@code observed} carry the human-readable forms so that every
 * report line can say metric, actual, threshold, baseline, delta and direction.
 *
 * @param id            stable identifier, e.g. {@code roc_auc.min} or {@code roc_auc[country=DE].min}
 * @param metric        the metric or data property checked
 * @param rule          the kind of rule, e.g. {@code min}, {@code max_drop}, {@code null_fraction}
 * @param status        what the evaluation found
 * @param effect        what it does to the step once severity and policies apply
 * @param severity      configured severity
 * @param direction     which way is better, where it applies
 * @param actual        the candidate's value
 * @param threshold     the bound the rule compares against (in the unit of {@code actual} or of the delta)
 * @param baseline      the baseline's value
 * @param delta         actual − baseline
 * @param relativeDelta (actual − baseline) / |baseline|
 * @param expected      the rule in words, e.g. {@code ≥ 0.9000}
 * @param observed      the actual value in words when it is not a number
 * @param message       why the status is what it is
 * @param slice         the slice the criterion applies to
 * @param interval      confidence interval of the improvement, for statistical criteria
 * @param location      where the rule is written in mlops.yaml
 * @param details       further structured evidence (e.g. offending values)
 * @param examples      for a change rule measured on predictions: the examples compared one by one
 *                      with the baseline — how many improved, regressed, stayed — and those that
 *                      regressed most
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Criterion(
        String id,
        String metric,
        String rule,
        Status status,
        Effect effect,
        Severity severity,
        Direction direction,
        Double actual,
        Double threshold,
        Double baseline,
        Double delta,
        Double relativeDelta,
        String expected,
        String observed,
        String message,
        SliceRef slice,
        Interval interval,
        SourceLocation location,
        Map<String, Object> details,
        ExampleDiff examples) {

    public Criterion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(effect, "effect");
        details = details == null || details.isEmpty()
                ? null
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    /**
     * Why the criterion stands as it does, in one line: the engine's message, else the numbers
     * ({@code actual 0.7000, expected ≥ 0.8000, baseline 0.8500}).
     */
    public String reason() {
        if (message != null && !message.isBlank()) {
            return message;
        }
        StringBuilder b = new StringBuilder("actual ").append(shownActual());
        if (expected != null) {
            b.append(", expected ").append(expected);
        }
        if (baseline != null) {
            b.append(", baseline ").append(shownBaseline());
        }
        return b.toString();
    }

    /**
     * The actual value as reports show it: with the digits it takes to tell it from the threshold
     * and the baseline ({@link Numbers#digitsApart}); the observed words when it is not a number.
     */
    public String shownActual() {
        return observed != null ? observed : Numbers.value(actual, digits());
    }

    /** The threshold, with the digits of {@link #shownActual()}. */
    public String shownThreshold() {
        return Numbers.value(threshold, digits());
    }

    /** The baseline's value, with the digits of {@link #shownActual()}. */
    public String shownBaseline() {
        return Numbers.value(baseline, digits());
    }

    /** actual − baseline, signed, with the digits of {@link #shownActual()}. */
    public String shownDelta() {
        return Numbers.delta(delta, digits());
    }

    private int digits() {
        return Numbers.digitsApart(actual, threshold, baseline);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.metric = metric;
        b.rule = rule;
        b.status = status;
        b.effect = effect;
        b.severity = severity;
        b.direction = direction;
        b.actual = actual;
        b.threshold = threshold;
        b.baseline = baseline;
        b.delta = delta;
        b.relativeDelta = relativeDelta;
        b.expected = expected;
        b.observed = observed;
        b.message = message;
        b.slice = slice;
        b.interval = interval;
        b.location = location;
        b.details = details;
        b.examples = examples;
        return b;
    }

    /** Builder; {@code effect} defaults from status and severity when not set explicitly. */
    public static final class Builder {
        private final String id;
        private String metric;
        private String rule;
        private Status status;
        private Effect effect;
        private Severity severity = Severity.FAIL;
        private Direction direction;
        private Double actual;
        private Double threshold;
        private Double baseline;
        private Double delta;
        private Double relativeDelta;
        private String expected;
        private String observed;
        private String message;
        private SliceRef slice;
        private Interval interval;
        private SourceLocation location;
        private Map<String, Object> details;
        private ExampleDiff examples;

        private Builder(String id) {
            this.id = id;
        }

        public Builder metric(String v) {
            this.metric = v;
            return this;
        }

        public Builder rule(String v) {
            this.rule = v;
            return this;
        }

        public Builder status(Status v) {
            this.status = v;
            return this;
        }

        public Builder effect(Effect v) {
            this.effect = v;
            return this;
        }

        public Builder severity(Severity v) {
            this.severity = v;
            return this;
        }

        public Builder direction(Direction v) {
            this.direction = v;
            return this;
        }

        public Builder actual(Double v) {
            this.actual = v;
            return this;
        }

        public Builder threshold(Double v) {
            this.threshold = v;
            return this;
        }

        public Builder baseline(Double v) {
            this.baseline = v;
            return this;
        }

        public Builder delta(Double v) {
            this.delta = v;
            return this;
        }

        public Builder relativeDelta(Double v) {
            this.relativeDelta = v;
            return this;
        }

        public Builder expected(String v) {
            this.expected = v;
            return this;
        }

        public Builder observed(String v) {
            this.observed = v;
            return this;
        }

        public Builder message(String v) {
            this.message = v;
            return this;
        }

        public Builder slice(SliceRef v) {
            this.slice = v;
            return this;
        }

        public Builder interval(Interval v) {
            this.interval = v;
            return this;
        }

        public Builder location(SourceLocation v) {
            this.location = v;
            return this;
        }

        public Builder details(Map<String, Object> v) {
            this.details = v;
            return this;
        }

        public Builder examples(ExampleDiff v) {
            this.examples = v;
            return this;
        }

        public Criterion build() {
            Objects.requireNonNull(status, "status of " + id);
            Effect e = effect != null ? effect : defaultEffect(status, severity);
            return new Criterion(
                    id,
                    metric,
                    rule,
                    status,
                    e,
                    severity,
                    direction,
                    actual,
                    threshold,
                    baseline,
                    delta,
                    relativeDelta,
                    expected,
                    observed,
                    message,
                    slice,
                    interval,
                    location,
                    details,
                    examples);
        }

        private static Effect defaultEffect(Status status, Severity severity) {
            return switch (status) {
                case PASS, NOT_EVALUATED -> Effect.PASS;
                case WARN -> Effect.WARN;
                // ERROR and INCONCLUSIVE fail closed unless a policy says otherwise.
                case FAIL, ERROR, INCONCLUSIVE -> severity == Severity.WARN ? Effect.WARN : Effect.FAIL;
            };
        }
    }
}
