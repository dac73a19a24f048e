package io.mlopsci.core.config;

import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.Severity;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.core.metrics.MetricCatalog;
import java.util.List;

/**
 * The {@code gate} section: rules per metric, per slice, against absolute bounds and against the
 * baseline, and what to do when something cannot be evaluated.
 *
 * @param baseline          registry alias of the baseline model ({@code champion}), or null for none
 * @param onMissingBaseline what to do when the alias points nowhere (first run)
 * @param task              classification or regression; inferred from the metrics when null
 * @param positiveLabel     the positive class for binary precision/recall/F1/ROC AUC
 * @param metrics           one rule set per metric
 * @param slices            rule sets per value of a column
 * @param confidence        paired bootstrap settings, or null
 * @param promote           when a passing candidate becomes the champion
 * @param evaluate          the command that re-scores the baseline model on this run's eval data, or null
 * @param ranking           how ranking metrics treat queries without a relevant item
 * @param examples          how many regressed examples the reports list per change rule
 * @param location          where the section is written
 */
public record GateConfig(
        String baseline,
        MissingBaseline onMissingBaseline,
        MetricCatalog.Task task,
        String positiveLabel,
        List<MetricRule> metrics,
        List<SliceRule> slices,
        Confidence confidence,
        Promote promote,
        Evaluate evaluate,
        Ranking ranking,
        Examples examples,
        SourceLocation location) {

    public GateConfig {
        metrics = List.copyOf(metrics);
        slices = List.copyOf(slices);
        ranking = ranking == null ? Ranking.DEFAULT : ranking;
        examples = examples == null ? Examples.DEFAULT : examples;
    }

    /** First run, no champion: evaluate absolute rules only (change rules say "no baseline"), or fail. */
    public enum MissingBaseline {
        ABSOLUTE_ONLY,
        FAIL
    }

    /** What an ERROR (metric missing, NaN, unusable baseline) does to the gate for one metric. */
    public enum OnError {
        FAIL,
        WARN
    }

    /** Where the candidate's value comes from. */
    public enum Source {
        /** Computed from predictions when the gate can, otherwise the reported metric. */
        AUTO,
        /** Always computed from predictions; an ERROR when there are none. */
        COMPUTED,
        /** The number the training command reported. */
        REPORTED
    }

    /**
     * The rules of one metric.
     *
     * @param name              metric name
     * @param direction         which way is better
     * @param min               inclusive lower bound, or null
     * @param max               inclusive upper bound, or null
     * @param change            rules against the baseline, or null
     * @param severity          fail or warn when violated
     * @param onError           what an ERROR does
     * @param source            where the candidate's value comes from
     * @param score             how the value is aggregated from a per-example column, or null for
     *                          a metric the engine knows or the training reports
     * @param location          where the metric's rules are written
     * @param minLocation       where {@code min} is written
     * @param maxLocation       where {@code max} is written
     */
    public record MetricRule(
            String name,
            Direction direction,
            Double min,
            Double max,
            Change change,
            Severity severity,
            OnError onError,
            Source source,
            ScoreColumn score,
            SourceLocation location,
            SourceLocation minLocation,
            SourceLocation maxLocation) {

        /** Whether the gate computes the value from predictions (always so for a score column). */
        public boolean fromPredictions() {
            return score != null || (source != Source.REPORTED && MetricCatalog.computable(name));
        }
    }

    /** How a score column's values become one number. */
    public enum Aggregate {
        /** The arithmetic mean. */
        MEAN,
        /** The share of rows where the value is true, or where {@code where} holds. */
        RATE,
        /** The sum. */
        SUM,
        /** A quantile ({@code p50}, {@code p95}, ...), linear interpolation as numpy's default. */
        QUANTILE
    }

    /**
     * A metric aggregated from one per-example field of the predictions: {@code mean}, {@code rate}
     * (of a boolean, or of rows where {@code where} holds), {@code sum} or a quantile.
     *
     * @param column    the field: a CSV column, or a dotted path into each JSON line
     *                  ({@code scores.judge}; a number selects an array element, {@code a.0.b})
     * @param aggregate how the values are combined
     * @param quantile  for {@link Aggregate#QUANTILE}, the quantile in [0, 1]; else null
     * @param where     for {@link Aggregate#RATE}, the condition counted; null counts true booleans
     * @param text      how the aggregate was written ({@code mean}, {@code p95}), for reports
     * @param location  where {@code column} is written
     */
    public record ScoreColumn(
            String column,
            Aggregate aggregate,
            Double quantile,
            Condition where,
            String text,
            SourceLocation location) {

        /** What the value is, in words: {@code mean of scores.judge}, {@code share of rows where x >= 4}. */
        public String describe() {
            return switch (aggregate) {
                case RATE ->
                    where == null
                            ? "share of rows where " + column + " is true"
                            : "share of rows where " + column + " " + where.text();
                case MEAN -> "mean of " + column;
                case SUM -> "sum of " + column;
                case QUANTILE -> text + " of " + column;
            };
        }

        /** The kind of value each row must hold. */
        public FieldKind kind() {
            if (aggregate != Aggregate.RATE) {
                return FieldKind.NUMBER;
            }
            if (where == null) {
                return FieldKind.BOOLEAN;
            }
            return where.number() != null ? FieldKind.NUMBER : FieldKind.TEXT;
        }
    }

    /** What a per-example field must hold in every row. */
    public enum FieldKind {
        /** A finite number. */
        NUMBER,
        /** A finite number ≥ 0: a graded relevance (0 = not relevant). */
        RELEVANCE,
        /** true/false (JSON booleans, or those words in any case), or 1/0. */
        BOOLEAN,
        /** Any value, as text. */
        TEXT
    }

    /**
     * A comparison a row's value is tested with for a {@code rate}: {@code >= 4}, {@code < 0.5},
     * {@code == 3}, {@code != 0} against a number, or {@code == yes} / {@code != no} against a text.
     *
     * @param op     one of {@code >=, >, <=, <, ==, !=}
     * @param number the number compared with, or null for a text comparison
     * @param value  the text compared with (for numbers: as written)
     */
    public record Condition(String op, Double number, String value) {

        public boolean test(double x) {
            double n = number;
            return switch (op) {
                case ">=" -> x >= n;
                case ">" -> x > n;
                case "<=" -> x <= n;
                case "<" -> x < n;
                case "==" -> x == n;
                default -> x != n;
            };
        }

        public boolean test(String s) {
            return op.equals("==") == s.equals(value);
        }

        public String text() {
            return op + " " + value;
        }
    }

    /**
     * Ranking metrics ({@code ndcg@k}, {@code map@k}, {@code mrr}, {@code recall@k}) are computed per
     * query and averaged; a query without any relevant item is scored 0 and counted ({@code zero},
     * scikit-learn's and trec_eval's convention), left out of the average ({@code skip}), or refused
     * as bad input ({@code error}).
     */
    public record Ranking(NoRelevant noRelevant, SourceLocation location) {
        public static final Ranking DEFAULT = new Ranking(NoRelevant.ZERO, null);
    }

    /** What a query with no relevant item does to a ranking metric. */
    public enum NoRelevant {
        ZERO,
        SKIP,
        ERROR
    }

    /**
     * The per-example comparison with the baseline each change rule reports: counts of examples
     * improved, regressed and unchanged, and the {@code show} that regressed most.
     */
    public record Examples(int show, SourceLocation location) {
        public static final Examples DEFAULT = new Examples(10, null);
    }

    /**
     * Tolerances against the baseline, in the metric's better direction. With
     * improvement = candidate − baseline (higher is better) or baseline − candidate (lower is
     * better) and relative improvement = improvement / |baseline|:
     * {@code max_drop: x} requires improvement ≥ −x; {@code max_relative_drop: r} requires
     * relative improvement ≥ −r; {@code min_gain: x} requires improvement ≥ x;
     * {@code min_relative_gain: r} requires relative improvement ≥ r. All given rules must hold.
     */
    public record Change(
            Double maxDrop,
            Double maxRelativeDrop,
            Double minGain,
            Double minRelativeGain,
            SourceLocation location,
            java.util.Map<String, SourceLocation> ruleLocations) {
        public Change {
            ruleLocations = ruleLocations == null ? java.util.Map.of() : java.util.Map.copyOf(ruleLocations);
        }

        /** Where one rule (e.g. {@code max_drop}) is written, or the change mapping's location. */
        public SourceLocation locationOf(String rule) {
            return ruleLocations.getOrDefault(rule, location);
        }

        public boolean isEmpty() {
            return maxDrop == null && maxRelativeDrop == null && minGain == null && minRelativeGain == null;
        }
    }

    /**
     * Rules per value of {@code column} in the predictions. Slices with fewer than
     * {@code minRows} rows are ERROR unless {@code allowSmall} is true (then reported as WARN and
     * not gated).
     */
    public record SliceRule(
            String column,
            int minRows,
            boolean allowSmall,
            List<String> values,
            List<MetricRule> metrics,
            SourceLocation location) {
        public SliceRule {
            values = List.copyOf(values);
            metrics = List.copyOf(metrics);
        }
    }

    /**
     * Paired bootstrap of candidate vs baseline predictions on the same rows: an interval for each
     * change rule's improvement, PASS / FAIL / INCONCLUSIVE, seeded and reproducible.
     */
    public record Confidence(int resamples, double level, long seed, Severity inconclusive, SourceLocation location) {}

    /** A passing gate on one of {@code branches} (never on a pull request) moves {@code alias} to the candidate. */
    public record Promote(boolean enabled, List<String> branches, String alias) {

        /** The branches that promote when gate.promote.branches does not say. */
        public static final List<String> DEFAULT_BRANCHES = List.of("main", "master");

        public Promote {
            branches = List.copyOf(branches);
        }
    }

    /**
     * Re-scores the baseline model on this run's eval data, so candidate and baseline are compared
     * on identical rows. The command may use the late variables {@code ${baseline.model_dir}} (the
     * baseline's model artifacts, downloaded), {@code ${baseline.predictions}} (where it must write
     * the predictions CSV, same columns as {@code train.predictions}), {@code ${baseline.metrics}}
     * (where it may write a metrics JSON), {@code ${baseline.version}} and {@code ${baseline.run_id}}.
     * Results are cached per (baseline run, eval data hash, command) among the baseline run's artifacts.
     */
    public record Evaluate(
            List<String> command,
            java.time.Duration timeout,
            java.util.Map<String, String> env,
            SourceLocation location) {
        public Evaluate {
            command = List.copyOf(command);
            env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        }
    }
}
