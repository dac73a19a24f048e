package io.mlopsci.core.gate;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.ExampleDiff;
import io.mlopsci.contract.result.Interval;
import io.mlopsci.contract.result.Numbers;
import io.mlopsci.contract.result.Severity;
import io.mlopsci.contract.result.SliceRef;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.concurrent.BackgroundTask;
import io.mlopsci.core.config.GateConfig;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.metrics.MetricCatalog;
import io.mlopsci.core.scoring.MetricComputer;
import io.mlopsci.core.scoring.MetricDefinitions;
import io.mlopsci.core.scoring.MetricUnavailableException;
import io.mlopsci.core.scoring.PairedBootstrap;
import io.mlopsci.core.scoring.Predictions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a gate: every configured rule of every metric (and of every slice) becomes one
 * criterion with actual, threshold, baseline, delta and direction. Fails closed: a missing or
 * non-finite value, a missing baseline where the policy needs one, a relative change against a
 * zero baseline, a slice below its minimum size — each is an ERROR that fails the gate unless the
 * configuration says otherwise for that metric.
 *
 * <p>Rules (improvement = candidate − baseline when higher is better, baseline − candidate when
 * lower is better; relative improvement = improvement / |baseline|; all bounds inclusive):
 * {@code min}: candidate ≥ min; {@code max}: candidate ≤ max; {@code max_drop: x}: improvement ≥ −x;
 * {@code max_relative_drop: r}: relative improvement ≥ −r; {@code min_gain: x}: improvement ≥ x;
 * {@code min_relative_gain: r}: relative improvement ≥ r. Whenever both sides have predictions, a
 * change is measured on the rows both scored, paired by id ({@link Pairing}): no row in common, or
 * common rows with different labels, is an ERROR; rows only one side has are left out and counted.
 * With {@code confidence}, change rules are
 * decided by the paired-bootstrap interval of the improvement: PASS when its lower end meets the
 * bound, FAIL when its upper end misses it, INCONCLUSIVE otherwise.
 */
public final class GateEvaluator {

    /** The candidate: the metrics its training reported, and its predictions (or null). */
    public record Candidate(Map<String, Double> reported, Predictions predictions) {}

    /** The baseline: a registered version, its reported metrics and predictions (or null). */
    public record Baseline(String label, String version, Map<String, Double> reported, Predictions predictions) {}

    /**
     * How absolute bounds are decided: by the value itself (the gate), or — with a confidence
     * setting — by the bootstrap interval of the value, PASS when it lies within the bound, FAIL when
     * entirely beyond it, else INCONCLUSIVE with the effect {@code inconclusive} says (monitor's live
     * metrics, which have no baseline to pair with).
     */
    public record Options(boolean absoluteByInterval, Severity inconclusive) {
        public static final Options GATE = new Options(false, Severity.FAIL);
    }

    /** Criteria, notes for the reviewer, and the values used. */
    public record Outcome(
            List<Criterion> criteria,
            List<String> notes,
            Map<String, Double> candidateValues,
            Map<String, Double> baselineValues) {}

    private final GateConfig config;
    private final MetricDefinitions definitions;
    private final Candidate candidate;
    private final Baseline baseline;
    private final MetricComputer candidateComputer;
    /** Candidate and baseline rows paired by id; null unless both have predictions. */
    private final Pairing pairing;
    /** The candidate on the paired rows; null without a pairing. */
    private final MetricComputer pairedCandidate;
    /** The baseline on the same rows, in the same order; null without a pairing. */
    private final MetricComputer pairedBaseline;

    private final PairedBootstrap bootstrap;
    /** Bootstrap draws per scope (the whole set, or one slice), computed once for all its metrics. */
    private final Map<String, Map<String, Object>> bootstrapDraws = new HashMap<>();
    /** The whole set's draws, started before its rules are evaluated; null when not started. */
    private BackgroundTask<Map<String, Object>> earlyDraws;

    private final List<String> notes = new ArrayList<>();
    private final Map<String, Double> candidateValues = new LinkedHashMap<>();
    private final Map<String, Double> baselineValues = new LinkedHashMap<>();

    private final Options options;

    private GateEvaluator(
            GateConfig config, MetricDefinitions definitions, Candidate candidate, Baseline baseline, Options options) {
        this.config = config;
        this.definitions = definitions;
        this.options = options;
        this.candidate = candidate;
        this.baseline = baseline;
        this.candidateComputer = candidate.predictions() == null
                ? null
                : new MetricComputer(candidate.predictions(), config.task(), config.positiveLabel(), definitions);
        Pairing paired = null;
        MetricComputer cand = null;
        MetricComputer base = null;
        if (baseline != null && baseline.predictions() != null && candidateComputer != null) {
            // Whenever both sides have predictions, a change is measured on the rows both scored.
            paired = Pairing.of(candidate.predictions(), baseline.predictions(), baseline.label());
            if (paired.problem() == null) {
                cand = paired.complete()
                        ? candidateComputer
                        : new MetricComputer(
                                paired.candidate(), candidateComputer.task(), config.positiveLabel(), definitions);
                base = new MetricComputer(
                        paired.baseline(), candidateComputer.task(), config.positiveLabel(), definitions);
            }
            notes.add(paired.note());
        }
        this.pairing = paired;
        this.pairedCandidate = cand;
        this.pairedBaseline = base;
        this.bootstrap = config.confidence() == null
                ? null
                : new PairedBootstrap(
                        config.confidence().resamples(),
                        config.confidence().level(),
                        config.confidence().seed());
    }

    public static Outcome evaluate(GateConfig config, Candidate candidate, Baseline baseline) {
        return evaluate(config, null, candidate, baseline, Options.GATE);
    }

    /** As the gate, with {@code options} (monitor's live metrics decide absolute bounds by interval). */
    public static Outcome evaluate(GateConfig config, Candidate candidate, Baseline baseline, Options options) {
        return evaluate(config, null, candidate, baseline, options);
    }

    /**
     * @param predictions the predictions' fields (query id, input), or null for the default names
     */
    public static Outcome evaluate(
            GateConfig config, TrainConfig.PredictionsConfig predictions, Candidate candidate, Baseline baseline) {
        return evaluate(config, predictions, candidate, baseline, Options.GATE);
    }

    /**
     * @param predictions the predictions' fields (query id, input), or null for the default names
     * @param options     how absolute bounds are decided
     */
    public static Outcome evaluate(
            GateConfig config,
            TrainConfig.PredictionsConfig predictions,
            Candidate candidate,
            Baseline baseline,
            Options options) {
        GateEvaluator e =
                new GateEvaluator(config, MetricDefinitions.of(config, predictions), candidate, baseline, options);
        List<Criterion> criteria = new ArrayList<>();
        e.startDraws(config.metrics());
        if (baseline == null && config.baseline() != null && hasChangeRules(config)) {
            e.notes.add(
                    config.onMissingBaseline() == GateConfig.MissingBaseline.ABSOLUTE_ONLY
                            ? "No baseline: no version has the alias '" + config.baseline()
                                    + "' yet (first run?). Absolute rules"
                                    + " are checked; change rules are not (on_missing_baseline: absolute-only)."
                            : "No baseline: no version has the alias '" + config.baseline()
                                    + "' and on_missing_baseline is fail.");
        }
        for (GateConfig.MetricRule rule : config.metrics()) {
            criteria.addAll(e.metric(rule, null, null, config.metrics()));
        }
        for (GateConfig.SliceRule slice : config.slices()) {
            criteria.addAll(e.slices(slice));
        }
        return new Outcome(criteria, e.notes, e.candidateValues, e.baselineValues);
    }

    private static boolean hasChangeRules(GateConfig c) {
        return c.metrics().stream()
                        .anyMatch(m -> m.change() != null && !m.change().isEmpty())
                || c.slices().stream()
                        .flatMap(s -> s.metrics().stream())
                        .anyMatch(m -> m.change() != null && !m.change().isEmpty());
    }

    /** A value, or why there is none. */
    private static final String COMPUTED = "computed from predictions";

    private record Value(Double value, String source, String error) {
        static Value of(double v, String source) {
            return new Value(v, source, null);
        }

        static Value error(String why) {
            return new Value(null, null, why);
        }
    }

    // ---- one metric ------------------------------------------------------------------------------

    /**
     * @param group the rules evaluated on the same rows (all top-level rules, or one slice's), so the
     *     bootstrap draws its resamples once for all of them
     */
    private List<Criterion> metric(
            GateConfig.MetricRule rule, SliceRef slice, double[] weights, List<GateConfig.MetricRule> group) {
        Value cand = candidateValue(rule, weights);
        Value base = baselineValue(rule, slice, weights);
        Double reported = slice == null ? reportedDiffering(rule.name(), cand) : null;
        if (slice == null) {
            if (cand.value() != null) {
                if (reported != null && !candidateValues.containsKey(rule.name())) {
                    notes.add(rule.name() + ": the gate computed " + Numbers.value(cand.value(), digits(cand, reported))
                            + " from the predictions, the training command reported "
                            + Numbers.value(reported, digits(cand, reported))
                            + "; the gate judges the computed value (source: reported judges the reported one)");
                }
                candidateValues.put(rule.name(), cand.value());
            }
            if (base != null && base.value() != null) {
                baselineValues.put(rule.name(), base.value());
            }
        }
        List<Criterion> out = new ArrayList<>();
        if (rule.min() != null) {
            out.add(absolute(rule, slice, weights, cand, base, "min", rule.min(), rule.minLocation()));
        }
        if (rule.max() != null) {
            out.add(absolute(rule, slice, weights, cand, base, "max", rule.max(), rule.maxLocation()));
        }
        GateConfig.Change ch = rule.change();
        if (ch != null) {
            if (ch.maxDrop() != null) {
                out.add(change(rule, slice, weights, group, cand, base, "max_drop", -ch.maxDrop(), false));
            }
            if (ch.maxRelativeDrop() != null) {
                out.add(change(
                        rule, slice, weights, group, cand, base, "max_relative_drop", -ch.maxRelativeDrop(), true));
            }
            if (ch.minGain() != null) {
                out.add(change(rule, slice, weights, group, cand, base, "min_gain", ch.minGain(), false));
            }
            if (ch.minRelativeGain() != null) {
                out.add(change(
                        rule, slice, weights, group, cand, base, "min_relative_gain", ch.minRelativeGain(), true));
            }
        }
        if (reported != null) {
            // Both numbers in each criterion: the computed one is `actual`.
            out.replaceAll(c -> {
                Map<String, Object> details =
                        c.details() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(c.details());
                details.put("reportedByTraining", reported);
                return c.toBuilder().details(details).build();
            });
        }
        return out;
    }

    /** Whether the rule's value comes from predictions rather than the training's report. */
    private boolean computed(GateConfig.MetricRule rule, double[] weights) {
        return weights != null
                || rule.score() != null
                || rule.source() == GateConfig.Source.COMPUTED
                || (rule.source() == GateConfig.Source.AUTO && candidateComputer != null && rule.fromPredictions());
    }

    /**
     * The value the training command reported for a metric the gate computed, when the two differ
     * by more than the reported number's own rounding (0.9123 reported for 0.912345 computed is the
     * same number); else null.
     */
    private Double reportedDiffering(String metric, Value cand) {
        Double r = candidate.reported().get(metric);
        if (r == null || cand.value() == null || !COMPUTED.equals(cand.source()) || !Double.isFinite(r)) {
            return null;
        }
        double c = cand.value();
        if (!Double.isFinite(c) || c == r) {
            return null;
        }
        java.math.BigDecimal written = new java.math.BigDecimal(Double.toString(r));
        java.math.BigDecimal rounded = new java.math.BigDecimal(Double.toString(c))
                .setScale(Math.max(0, written.scale()), java.math.RoundingMode.HALF_EVEN);
        return rounded.compareTo(written) == 0 ? null : r;
    }

    private static int digits(Value cand, double reported) {
        return Numbers.digitsApart(cand.value(), reported);
    }

    private Value candidateValue(GateConfig.MetricRule rule, double[] weights) {
        String name = rule.name();
        if (computed(rule, weights)) {
            if (candidateComputer == null) {
                return Value.error("'" + name + "' must be computed from predictions, and there are none");
            }
            try {
                return Value.of(candidateComputer.compute(name, weights), COMPUTED);
            } catch (MetricUnavailableException e) {
                return Value.error("cannot compute '" + name + "' from the candidate's predictions: " + e.getMessage());
            }
        }
        Double v = candidate.reported().get(name);
        if (v == null) {
            return Value.error("'" + name + "' is not in the candidate's metrics"
                    + (MetricCatalog.ranking(name) && rule.source() == GateConfig.Source.REPORTED
                            ? " (to compute it from predictions, set train.predictions.query to the query-id field)"
                            : MetricCatalog.computable(name) ? " and there are no predictions to compute it from" : "")
                    + (candidate.reported().isEmpty()
                            ? ""
                            : "; reported: "
                                    + String.join(", ", candidate.reported().keySet())));
        }
        return Value.of(v, "reported by training");
    }

    /** The baseline's value; null when there is no baseline at all. */
    private Value baselineValue(GateConfig.MetricRule rule, SliceRef slice, double[] weights) {
        if (baseline == null) {
            return null;
        }
        String name = rule.name();
        if (pairing != null && pairing.problem() != null) {
            // The predictions show that the two were scored on different rows: no number of the
            // baseline's, reported or computed, measures a change.
            return Value.error(pairing.problem());
        }
        boolean wantComputed = slice != null || computed(rule, null);
        if (wantComputed && pairedBaseline != null) {
            try {
                return Value.of(pairedBaseline.compute(name, pairing.restrict(weights)), "computed on the same rows");
            } catch (MetricUnavailableException e) {
                return Value.error("cannot compute '" + name + "' from the " + baseline.label() + "'s predictions: "
                        + e.getMessage());
            }
        }
        if (slice != null) {
            return Value.error(
                    "the " + baseline.label() + " (version " + baseline.version() + ") has no predictions to slice");
        }
        Double v = baseline.reported().get(name);
        if (v == null) {
            return Value.error("the " + baseline.label() + " (version " + baseline.version()
                    + ") has no recorded value of '" + name + "'");
        }
        return Value.of(v, "recorded");
    }

    /**
     * The candidate's value on the rows paired with the baseline's, when those are not all its
     * rows and the value is computed from predictions; else {@code cand} as it is.
     */
    private Value pairedCandidateValue(GateConfig.MetricRule rule, double[] weights, Value cand) {
        if (pairedCandidate == null || pairing.complete() || cand.error() != null || !computed(rule, weights)) {
            return cand;
        }
        try {
            return Value.of(
                    pairedCandidate.compute(rule.name(), pairing.restrict(weights)), "computed on the paired rows");
        } catch (MetricUnavailableException e) {
            return Value.error(
                    "cannot compute '" + rule.name() + "' from the candidate's paired rows: " + e.getMessage());
        }
    }

    private Criterion absolute(
            GateConfig.MetricRule rule,
            SliceRef slice,
            double[] weights,
            Value cand,
            Value base,
            String kind,
            double bound,
            SourceLocation location) {
        Criterion.Builder b = start(rule, slice, kind, location)
                .threshold(bound)
                .expected((kind.equals("min") ? "≥ " : "≤ ") + Numbers.value(bound));
        withBaseline(b, cand, base);
        if (cand.error() != null) {
            return error(b, rule, cand.error());
        }
        double v = cand.value();
        if (!Double.isFinite(v)) {
            return error(
                    b.observed(Numbers.value(v)), rule, "the candidate's " + rule.name() + " is " + Numbers.value(v));
        }
        // As many digits as it takes to tell the value from the bound (never "0.9000 is below 0.9000").
        int digits = Numbers.digitsApart(v, bound, base == null ? null : base.value());
        b.expected((kind.equals("min") ? "≥ " : "≤ ") + Numbers.value(bound, digits));
        boolean min = kind.equals("min");
        if (options.absoluteByInterval()
                && bootstrap != null
                && candidateComputer != null
                && MetricCatalog.computable(rule.name())
                && rule.source() != GateConfig.Source.REPORTED) {
            Interval interval;
            try {
                interval = bootstrap.interval(
                        w -> candidateComputer.compute(rule.name(), w),
                        rows(weights, candidateComputer.rows()),
                        candidateComputer.rows());
            } catch (MetricUnavailableException e) {
                return error(b, rule, "bootstrap: " + e.getMessage());
            }
            b.interval(interval);
            String range = "[" + Numbers.value(interval.low()) + ", " + Numbers.value(interval.high()) + "] at "
                    + Math.round(interval.level() * 100) + "%";
            // The whole interval must meet the bound to pass, and miss it entirely to fail.
            double near = min ? interval.low() : interval.high();
            double far = min ? interval.high() : interval.low();
            if (min ? geq(near, bound) : geq(bound, near)) {
                return b.status(Status.PASS)
                        .message(rule.name() + " " + Numbers.value(v) + ", interval " + range + " within the bound")
                        .build();
            }
            if (!(min ? geq(far, bound) : geq(bound, far))) {
                return violated(
                        b,
                        rule,
                        rule.name() + " " + Numbers.value(v) + ", interval " + range + " entirely "
                                + (min ? "below the minimum " : "above the maximum ") + Numbers.value(bound));
            }
            Effect effect = options.inconclusive() == Severity.WARN || rule.severity() == Severity.WARN
                    ? Effect.WARN
                    : Effect.FAIL;
            return b.status(Status.INCONCLUSIVE)
                    .effect(effect)
                    .message(rule.name() + " " + Numbers.value(v) + ", interval " + range + " straddles "
                            + Numbers.value(bound) + ": the evidence cannot decide (inconclusive: "
                            + options.inconclusive().json() + ")")
                    .build();
        }
        boolean ok = kind.equals("min") ? geq(v, bound) : geq(bound, v);
        if (ok) {
            return b.status(Status.PASS).message(null).build();
        }
        String msg = Numbers.value(v, digits)
                + (kind.equals("min") ? " is below the minimum " : " is above the maximum ")
                + Numbers.value(bound, digits);
        return violated(b, rule, msg);
    }

    private Criterion change(
            GateConfig.MetricRule rule,
            SliceRef slice,
            double[] weights,
            List<GateConfig.MetricRule> group,
            Value cand,
            Value base,
            String kind,
            double bound,
            boolean relative) {
        Direction dir = rule.direction();
        String label = baseline == null ? "baseline" : baseline.label() + " (v" + baseline.version() + ")";
        Criterion.Builder b = start(rule, slice, kind, rule.change().locationOf(kind));
        String limit = relative ? Numbers.percent(Math.abs(bound)).substring(1) : Numbers.value(Math.abs(bound));
        String words = (kind.startsWith("max") ? "drop ≤ " : "gain ≥ ") + limit;
        b.expected(words);
        // A computed value is compared on the rows both sides scored, and says so when those are
        // not all of them.
        String pairedRows =
                pairing != null && pairing.problem() == null && computed(rule, weights) ? pairing.suffix() : "";
        cand = pairedCandidateValue(rule, weights, cand);
        withBaseline(b, cand, base);
        if (cand.error() != null) {
            return error(b, rule, cand.error());
        }
        if (!Double.isFinite(cand.value())) {
            return error(
                    b.observed(Numbers.value(cand.value())),
                    rule,
                    "the candidate's " + rule.name() + " is " + Numbers.value(cand.value()));
        }
        if (base == null) {
            if (config.baseline() == null) {
                return error(b, rule, "change rules need a baseline, but gate.baseline is none");
            }
            if (config.onMissingBaseline() == GateConfig.MissingBaseline.ABSOLUTE_ONLY) {
                return b.status(Status.NOT_EVALUATED)
                        .effect(Effect.PASS)
                        .message("not evaluated: no baseline yet (no version has the alias '" + config.baseline()
                                + "'; on_missing_baseline: absolute-only)")
                        .build();
            }
            return error(
                    b,
                    rule,
                    "no baseline: no version has the alias '" + config.baseline() + "' (on_missing_baseline: fail)");
        }
        if (base.error() != null) {
            return error(b, rule, base.error());
        }
        double c = cand.value();
        double bv = base.value();
        if (!Double.isFinite(bv)) {
            return error(b, rule, "the " + label + "'s " + rule.name() + " is " + Numbers.value(bv));
        }
        // In decimal (Decimals): a change exactly on the bound the user wrote is that bound.
        double improvement = Decimals.improvement(dir, c, bv);
        if (relative && bv == 0) {
            return error(b, rule, "a relative change against a zero baseline is undefined; use an absolute rule");
        }
        double measured = relative ? Decimals.divide(improvement, Math.abs(bv)) : improvement;
        // The bound expressed on the metric's own scale, for the threshold column.
        double offset = relative ? Decimals.times(bound, Math.abs(bv)) : bound;
        double threshold = dir == Direction.HIGHER ? Decimals.plus(bv, offset) : Decimals.minus(bv, offset);
        // As many digits as it takes to tell apart the values, and the change from the limit.
        int digits = Math.max(
                Numbers.digitsApart(c, threshold, bv), Numbers.digitsApart(Math.abs(improvement), Math.abs(bound)));
        int percentDigits = relative ? Numbers.percentDigitsApart(measured, bound) : 0;
        words = (kind.startsWith("max") ? "drop ≤ " : "gain ≥ ")
                + (relative
                        ? Numbers.percent(Math.abs(bound), percentDigits).substring(1)
                        : Numbers.value(Math.abs(bound), digits));
        b.threshold(threshold)
                .expected(words + " (" + (dir == Direction.HIGHER ? "≥ " : "≤ ") + Numbers.value(threshold, digits)
                        + ")");

        if (pairedBaseline != null && rule.fromPredictions()) {
            b.examples(exampleDiff(rule, weights));
        }
        Interval interval = null;
        if (bootstrap != null && pairedBaseline != null && rule.fromPredictions()) {
            try {
                PairedBootstrap.Scale scale =
                        relative ? PairedBootstrap.Scale.RELATIVE : PairedBootstrap.Scale.ABSOLUTE;
                PairedBootstrap.Draws draws =
                        pairedCandidate.perQuery(rule.name()) ? null : draws(slice, weights, group, rule.name());
                interval = pairedCandidate.perQuery(rule.name())
                        ? queryInterval(rule.name(), pairing.restrict(weights), dir, relative)
                        : draws != null
                                ? bootstrap.interval(draws, dir, scale)
                                // Metrics of score columns: the same resamples, drawn one at a time.
                                : bootstrap.interval(
                                        w -> pairedCandidate.compute(rule.name(), w),
                                        w -> pairedBaseline.compute(rule.name(), w),
                                        rows(pairing.restrict(weights), pairedCandidate.rows()),
                                        pairedCandidate.rows(),
                                        dir,
                                        scale);
            } catch (MetricUnavailableException e) {
                return error(b, rule, "bootstrap: " + e.getMessage());
            }
            b.interval(interval);
        } else if (bootstrap != null && rule.fromPredictions()) {
            return error(
                    b,
                    rule,
                    "the confidence interval needs the " + label + "'s predictions on the same rows"
                            + (baseline.predictions() == null
                                    ? "; it has none"
                                    : "; its rows differ from the candidate's"));
        }
        String unit = relative ? "relative improvement" : "improvement";
        if (interval != null) {
            String range = "[" + fmt(interval.low(), relative) + ", " + fmt(interval.high(), relative) + "] at "
                    + Math.round(interval.level() * 100) + "%";
            if (geq(interval.low(), bound)) {
                return b.status(Status.PASS)
                        .message(
                                unit + " interval " + range + " is above " + fmt(bound, relative) + andRows(pairedRows))
                        .build();
            }
            if (!geq(interval.high(), bound)) {
                return violated(
                        b,
                        rule,
                        unit + " interval " + range + " is entirely below " + fmt(bound, relative) + " vs the " + label
                                + andRows(pairedRows));
            }
            Severity policy = config.confidence().inconclusive();
            Effect effect = policy == Severity.WARN || rule.severity() == Severity.WARN ? Effect.WARN : Effect.FAIL;
            return b.status(Status.INCONCLUSIVE)
                    .effect(effect)
                    .message(unit + " interval " + range + " straddles "
                            + fmt(bound, relative) + ": the evidence cannot decide (confidence.inconclusive: "
                            + policy.json() + ")" + andRows(pairedRows))
                    .build();
        }
        if (geq(measured, bound)) {
            return b.status(Status.PASS)
                    .message(pairedRows.isEmpty() ? null : pairedRows)
                    .build();
        }
        String moved = improvement < 0 ? "worse than" : "better than";
        String msg = Numbers.value(c, digits) + " is " + Numbers.value(Math.abs(improvement), digits)
                + (relative
                        ? " ("
                                + Numbers.percent(Math.abs(measured), percentDigits)
                                        .substring(1) + ")"
                        : "") + " " + moved
                + " the " + label + " " + Numbers.value(bv, digits) + "; required: " + words + andRows(pairedRows);
        return violated(b, rule, msg);
    }

    private static String andRows(String pairedRows) {
        return pairedRows.isEmpty() ? "" : "; " + pairedRows;
    }

    /**
     * The paired bootstrap of a ranking metric: resamples draw whole queries (the same for both
     * models), each model's metric is the weighted mean of its per-query values.
     *
     * @param weights weights over the paired rows, or null
     */
    private Interval queryInterval(String metric, double[] weights, Direction dir, boolean relative)
            throws MetricUnavailableException {
        String[] queries = pairedCandidate.queries();
        if (!Arrays.equals(queries, pairedBaseline.queries())) {
            throw new MetricUnavailableException("the candidate's and the " + baseline.label()
                    + "'s rows put the same ids in different queries, so queries cannot be paired");
        }
        Interval i = bootstrap.interval(
                w -> pairedCandidate.computeOverQueries(metric, w),
                w -> pairedBaseline.computeOverQueries(metric, w),
                pairedCandidate.queriesIn(weights),
                queries.length,
                dir,
                relative ? PairedBootstrap.Scale.RELATIVE : PairedBootstrap.Scale.ABSOLUTE);
        return new Interval(i.low(), i.high(), i.level(), i.resamples(), i.method() + ", whole queries resampled");
    }

    /**
     * The change rule's per-example comparison on the paired rows, or null when the metric has no
     * per-example measure here (it is then simply not shown).
     */
    private ExampleDiff exampleDiff(GateConfig.MetricRule rule, double[] weights) {
        try {
            return ExampleDiffs.of(
                    rule.name(),
                    rule.direction(),
                    pairedCandidate,
                    pairedBaseline,
                    pairing.restrict(weights),
                    definitions.input(),
                    config.examples().show());
        } catch (MetricUnavailableException e) {
            return null;
        }
    }

    private static String fmt(double v, boolean relative) {
        return relative ? Numbers.percent(v) : Numbers.delta(v);
    }

    // ---- slices ------------------------------------------------------------------------------

    private List<Criterion> slices(GateConfig.SliceRule rule) {
        List<Criterion> out = new ArrayList<>();
        String id = "slice[" + rule.column() + "]";
        if (candidate.predictions() == null) {
            out.add(sliceError(id, rule, "slices need the candidate's predictions"));
            return out;
        }
        String[] column = candidate.predictions().columns().get(rule.column());
        if (column == null) {
            out.add(sliceError(
                    id, rule, "the predictions have no column '" + rule.column() + "' (gate.slices.column)"));
            return out;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String v : column) {
            counts.merge(v, 1, Integer::sum);
        }
        List<String> values = new ArrayList<>(rule.values().isEmpty() ? counts.keySet() : rule.values());
        if (rule.values().isEmpty()) {
            values.sort((a, b) -> counts.get(b) - counts.get(a) != 0 ? counts.get(b) - counts.get(a) : a.compareTo(b));
        }
        if (values.size() > 1000) {
            out.add(sliceError(
                    id,
                    rule,
                    "column '" + rule.column() + "' has " + values.size()
                            + " distinct values; list the slices to gate in 'values'"));
            return out;
        }
        for (String value : values) {
            int rows = counts.getOrDefault(value, 0);
            SliceRef ref = new SliceRef(rule.column(), value, rows);
            if (rows < rule.minRows()) {
                Criterion.Builder b = Criterion.builder(rule.column() + "=" + value + ".min_rows")
                        .metric("rows")
                        .rule("min_rows")
                        .slice(ref)
                        .actual((double) rows)
                        .threshold((double) rule.minRows())
                        .expected("≥ " + rule.minRows() + " rows")
                        .location(rule.location());
                String why = rows == 0
                        ? "the slice has no rows"
                        : "the slice has " + rows + " rows, fewer than min_rows " + rule.minRows()
                                + ": too few to judge";
                out.add(
                        rule.allowSmall()
                                ? b.status(Status.WARN)
                                        .effect(Effect.PASS)
                                        .message(why + "; not gated (allow_small: true)")
                                        .build()
                                : b.status(Status.ERROR)
                                        .effect(Effect.FAIL)
                                        .message(why + " (set allow_small: true to skip small slices)")
                                        .build());
                continue;
            }
            double[] w = sliceWeights(candidate.predictions(), rule.column(), value);
            for (GateConfig.MetricRule m : rule.metrics()) {
                out.addAll(metric(m, ref, w, rule.metrics()));
            }
        }
        return out;
    }

    private static Criterion sliceError(String id, GateConfig.SliceRule rule, String message) {
        return Criterion.builder(id)
                .metric("slices")
                .rule("column")
                .status(Status.ERROR)
                .effect(Effect.FAIL)
                .message(message)
                .location(rule.location())
                .build();
    }

    private static double[] sliceWeights(Predictions p, String column, String value) {
        String[] col = p.columns().get(column);
        if (col == null) {
            return null;
        }
        double[] w = new double[col.length];
        for (int i = 0; i < col.length; i++) {
            w[i] = col[i].equals(value) ? 1 : 0;
        }
        return w;
    }

    /**
     * The bootstrap draws of {@code metric} on the rows of a scope (all rows, or a slice's): on the
     * first request the resamples are drawn once for every metric of the scope that a change rule
     * decides by its interval.
     */
    private PairedBootstrap.Draws draws(
            SliceRef slice, double[] weights, List<GateConfig.MetricRule> group, String metric)
            throws MetricUnavailableException {
        String scope = slice == null ? "" : slice.column() + "=" + slice.value();
        Map<String, Object> byMetric = bootstrapDraws.computeIfAbsent(scope, k -> {
            if (slice == null && earlyDraws != null) {
                return earlyDraws.join();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            Map<String, PairedBootstrap.Paired> paired = kernels(group, out);
            int n = pairedCandidate.rows();
            out.putAll(bootstrap.draw(rows(pairing.restrict(weights), n), n, paired));
            return out;
        });
        Object d = byMetric.get(metric);
        if (d instanceof MetricUnavailableException e) {
            throw e;
        }
        return (PairedBootstrap.Draws) d;
    }

    /**
     * The paired kernels of the group's change rules decided by the bootstrap; a metric that cannot
     * have one goes into {@code unavailable} with the reason.
     */
    private Map<String, PairedBootstrap.Paired> kernels(
            List<GateConfig.MetricRule> group, Map<String, Object> unavailable) {
        Map<String, PairedBootstrap.Paired> paired = new LinkedHashMap<>();
        for (GateConfig.MetricRule r : group) {
            if (r.change() == null || r.change().isEmpty() || paired.containsKey(r.name()) || !byKernels(r)) {
                continue;
            }
            try {
                paired.put(r.name(), PairedBootstrap.Paired.of(pairedCandidate, pairedBaseline, r.name()));
            } catch (MetricUnavailableException e) {
                unavailable.put(r.name(), e);
            }
        }
        return paired;
    }

    /**
     * Starts drawing the whole set's resamples on a thread of its own, so that they are drawn while
     * this thread computes the rules' values and example diffs instead of after (on a 2-core CI
     * agent that was a sixth of a large gate's time). The kernels are built here, before the thread
     * starts: it only reads them. The draws, and so the intervals, are the same either way.
     */
    private void startDraws(List<GateConfig.MetricRule> group) {
        if (bootstrap == null || pairedBaseline == null) {
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, PairedBootstrap.Paired> paired = kernels(group, out);
        if (paired.isEmpty()) {
            return;
        }
        int n = pairedCandidate.rows();
        int[] rows = rows(null, n);
        earlyDraws = BackgroundTask.start("mlops-gate-bootstrap", () -> {
            out.putAll(bootstrap.draw(rows, n, paired));
            return out;
        });
    }

    /**
     * Whether the rule's metric is one of the catalog's, computed from labels and predictions (not
     * a score column's, not a ranking metric): those are drawn together, over the processors.
     */
    private boolean byKernels(GateConfig.MetricRule r) {
        return r.fromPredictions()
                && r.score() == null
                && MetricCatalog.computable(r.name())
                && !MetricCatalog.ranking(r.name())
                && pairedCandidate.scoreDefinition(r.name()) == null;
    }

    private static int[] rows(double[] weights, int n) {
        if (weights == null) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        return java.util.stream.IntStream.range(0, n)
                .filter(i -> weights[i] > 0)
                .toArray();
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Criterion.Builder start(GateConfig.MetricRule rule, SliceRef slice, String kind, SourceLocation location) {
        String id = (slice == null ? rule.name() : rule.name() + "[" + slice.column() + "=" + slice.value() + "]") + "."
                + kind;
        return Criterion.builder(id)
                .metric(rule.name())
                .rule(kind)
                .severity(rule.severity())
                .direction(rule.direction())
                .slice(slice)
                .location(location != null ? location : rule.location());
    }

    private static void withBaseline(Criterion.Builder b, Value cand, Value base) {
        if (cand.value() != null && Double.isFinite(cand.value())) {
            b.actual(cand.value());
        }
        if (base != null && base.value() != null && Double.isFinite(base.value())) {
            b.baseline(base.value());
            if (cand.value() != null && Double.isFinite(cand.value())) {
                double delta = Decimals.minus(cand.value(), base.value());
                b.delta(delta);
                if (base.value() != 0) {
                    b.relativeDelta(Decimals.divide(delta, Math.abs(base.value())));
                }
            }
        }
    }

    private static Criterion violated(Criterion.Builder b, GateConfig.MetricRule rule, String message) {
        return rule.severity() == Severity.WARN
                ? b.status(Status.WARN)
                        .effect(Effect.WARN)
                        .message(message + " (severity: warn)")
                        .build()
                : b.status(Status.FAIL).effect(Effect.FAIL).message(message).build();
    }

    private static Criterion error(Criterion.Builder b, GateConfig.MetricRule rule, String message) {
        boolean tolerated = rule.onError() == GateConfig.OnError.WARN;
        return b.status(Status.ERROR)
                .effect(tolerated ? Effect.WARN : Effect.FAIL)
                .message(message + (tolerated ? " (on_error: warn)" : ""))
                .build();
    }

    /** a ≥ b, allowing for the rounding of values written with a few decimals (relative 1e-12). */
    static boolean geq(double a, double b) {
        return a >= b - 1e-12 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
