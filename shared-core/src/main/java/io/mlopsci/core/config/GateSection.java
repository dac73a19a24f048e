package io.mlopsci.core.config;

import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.Severity;
import io.mlopsci.core.metrics.MetricCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Binds the {@code gate} section and checks that its rules make sense. */
final class GateSection {

    static final List<String> KEYS = List.of(
            "baseline",
            "on_missing_baseline",
            "task",
            "positive_label",
            "metrics",
            "slices",
            "confidence",
            "promote",
            "evaluate",
            "ranking",
            "examples");
    static final List<String> METRIC_KEYS = List.of(
            "direction", "min", "max", "change", "severity", "on_error", "source", "column", "aggregate", "where");
    static final List<String> CHANGE_KEYS = List.of("max_drop", "max_relative_drop", "min_gain", "min_relative_gain");
    static final List<String> SLICE_KEYS = List.of("column", "min_rows", "allow_small", "values", "metrics");
    static final List<String> CONFIDENCE_KEYS = List.of("method", "resamples", "level", "seed", "inconclusive");
    static final List<String> PROMOTE_KEYS = List.of("enabled", "branches", "alias");
    static final List<String> EVALUATE_KEYS = List.of("command", "timeout", "env");
    static final List<String> RANKING_KEYS = List.of("no_relevant");
    static final List<String> EXAMPLES_KEYS = List.of("show");
    private static final java.util.regex.Pattern PERCENTILE =
            java.util.regex.Pattern.compile("p(100|[0-9]{1,2}(\\.[0-9]+)?)");
    private static final java.util.regex.Pattern CONDITION =
            java.util.regex.Pattern.compile("\\s*(>=|<=|==|!=|>|<)\\s*(.*?)\\s*");

    private static final Map<String, Direction> DIRECTIONS =
            Map.of("higher", Direction.HIGHER, "lower", Direction.LOWER);
    private static final Map<String, Severity> SEVERITIES = Map.of("fail", Severity.FAIL, "warn", Severity.WARN);

    private GateSection() {}

    static GateConfig read(MapView root, TrainConfig train) {
        if (!root.has("gate")) {
            return null;
        }
        MapView g = root.map("gate", KEYS);
        String baseline = g.string("baseline", "champion");
        if ("none".equals(baseline)) {
            baseline = null;
        } else if (baseline != null && !baseline.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            g.problem(
                    "baseline",
                    "expected a registry alias such as 'champion' (letters, digits, '_' or '-'), or 'none'");
        }
        GateConfig.MissingBaseline onMissing = g.choice(
                "on_missing_baseline",
                Map.of(
                        "absolute-only",
                        GateConfig.MissingBaseline.ABSOLUTE_ONLY,
                        "fail",
                        GateConfig.MissingBaseline.FAIL),
                GateConfig.MissingBaseline.ABSOLUTE_ONLY);
        MetricCatalog.Task task = g.choice(
                "task",
                Map.of(
                        "classification",
                        MetricCatalog.Task.CLASSIFICATION,
                        "regression",
                        MetricCatalog.Task.REGRESSION),
                null);

        TrainConfig.PredictionsConfig predictionsConfig = train == null ? null : train.predictions();
        String query = predictionsConfig == null ? null : predictionsConfig.query();
        List<GateConfig.MetricRule> metrics = metricRules(g, "metrics", Map.of(), query);
        if (metrics.isEmpty() && g.present()) {
            g.require("metrics", "at least one metric with its rules, e.g. accuracy: {min: 0.9}");
        }
        Map<String, GateConfig.MetricRule> scoreMetrics = new java.util.LinkedHashMap<>();
        metrics.stream().filter(m -> m.score() != null).forEach(m -> scoreMetrics.put(m.name(), m));
        List<GateConfig.SliceRule> slices = slices(g, scoreMetrics, query);
        GateConfig.Confidence confidence = confidence(g);
        GateConfig.Promote promote = promote(g);
        GateConfig.Evaluate evaluate = evaluate(g);

        boolean predictions = train != null && train.predictions() != null;
        if (!predictions) {
            if (!slices.isEmpty()) {
                g.problem("slices", "slice rules need per-example predictions: set 'train.predictions'");
            }
            if (confidence != null) {
                g.problem("confidence", "a paired bootstrap needs per-example predictions: set 'train.predictions'");
            }
            if (evaluate != null) {
                g.problem(
                        "evaluate",
                        "re-scoring the baseline compares predictions row by row: set 'train.predictions'"
                                + " (the evaluate command writes the same columns)");
            }
            for (GateConfig.MetricRule m : metrics) {
                if (m.score() != null) {
                    g.problems()
                            .add(
                                    m.score().location(),
                                    "gate.metrics." + m.name() + ".column",
                                    "a metric aggregated from a column needs per-example predictions: set"
                                            + " 'train.predictions'");
                } else if (m.source() == GateConfig.Source.COMPUTED) {
                    g.problems()
                            .add(
                                    m.location(),
                                    "gate.metrics." + m.name() + ".source",
                                    "'source: computed' needs per-example predictions: set 'train.predictions'");
                }
            }
        }
        if (task == null) {
            task = inferTask(metrics, slices);
        }
        if (evaluate != null && baseline == null) {
            g.problem("evaluate", "there is no baseline to re-score ('baseline: none')");
        }
        return new GateConfig(
                baseline,
                onMissing,
                task,
                g.string("positive_label"),
                metrics,
                slices,
                confidence,
                promote,
                evaluate,
                ranking(g),
                examples(g),
                g.location());
    }

    /**
     * The fields of the predictions the gate reads, each with the kind of value every row must
     * hold, so the reader can name the file, line and field of a missing or malformed value.
     */
    static List<TrainConfig.Field> fields(GateConfig gate, TrainConfig.PredictionsConfig p) {
        java.util.List<TrainConfig.Field> out = new ArrayList<>();
        if (p == null) {
            return out;
        }
        if (p.input() != null) {
            out.add(new TrainConfig.Field(p.input(), GateConfig.FieldKind.TEXT, "train.predictions.input"));
        }
        if (gate == null) {
            return out;
        }
        List<GateConfig.MetricRule> all = new ArrayList<>(gate.metrics());
        gate.slices().forEach(s -> all.addAll(s.metrics()));
        for (GateConfig.MetricRule r : all) {
            String by = "gate.metrics." + r.name();
            if (r.score() != null) {
                out.add(new TrainConfig.Field(r.score().column(), r.score().kind(), by + ".column"));
            } else if (r.fromPredictions() && MetricCatalog.ranking(r.name())) {
                out.add(new TrainConfig.Field(p.query(), GateConfig.FieldKind.TEXT, by + " (the query id)"));
                out.add(new TrainConfig.Field(p.label(), GateConfig.FieldKind.RELEVANCE, by + " (the relevance)"));
                out.add(new TrainConfig.Field(p.score(), GateConfig.FieldKind.NUMBER, by + " (the ranking score)"));
            } else if (r.fromPredictions()) {
                out.add(new TrainConfig.Field(p.label(), GateConfig.FieldKind.TEXT, by + " (the true label)"));
                out.add(new TrainConfig.Field(p.prediction(), GateConfig.FieldKind.TEXT, by + " (the prediction)"));
            }
        }
        for (GateConfig.SliceRule s : gate.slices()) {
            out.add(new TrainConfig.Field(s.column(), GateConfig.FieldKind.TEXT, "gate.slices.column"));
        }
        return out.stream().distinct().toList();
    }

    /**
     * @param inherited score metrics defined in gate.metrics, which a slice may name without
     *                  repeating their column and aggregate
     * @param query     the predictions' query-id field, or null
     */
    private static List<GateConfig.MetricRule> metricRules(
            MapView parent, String key, Map<String, GateConfig.MetricRule> inherited, String query) {
        List<GateConfig.MetricRule> out = new ArrayList<>();
        for (Map.Entry<String, MapView> e : parent.namedMaps(key, METRIC_KEYS).entrySet()) {
            out.add(metricRule(e.getKey(), e.getValue(), inherited.get(e.getKey()), query));
        }
        return out;
    }

    private static GateConfig.MetricRule metricRule(
            String name, MapView m, GateConfig.MetricRule inherited, String query) {
        Optional<MetricCatalog.Known> known = MetricCatalog.lookup(name);
        GateConfig.ScoreColumn score = scoreColumn(name, m, known);
        if (score == null && inherited != null) {
            score = inherited.score();
        }
        Direction declared = m.choice("direction", DIRECTIONS, null);
        if (declared == null && inherited != null) {
            declared = inherited.direction();
        }
        Direction direction = declared;
        if (known.isPresent()) {
            Direction natural = known.get().direction();
            if (declared != null && declared != natural) {
                m.problem(
                        "direction",
                        name + " is " + natural.json() + "-is-better; 'direction: " + declared.json()
                                + "' contradicts it");
            }
            direction = natural;
        } else if (declared == null && score != null) {
            m.problems()
                    .add(
                            m.location(),
                            m.path(),
                            "'" + name + "' is aggregated from the column '" + score.column()
                                    + "': say which way is better with 'direction: higher' or 'direction: lower'");
        } else if (declared == null) {
            m.problems()
                    .add(
                            m.location(),
                            m.path(),
                            "'" + name + "' is not a metric the engine knows: add 'direction: higher'"
                                    + " or 'direction: lower'"
                                    + Suggestions.closest(
                                                    name, MetricCatalog.all().keySet())
                                            .map(s -> " (or did you mean '" + s + "'?)")
                                            .orElse(""));
        }
        Double min = m.number("min");
        Double max = m.number("max");
        if (min != null && max != null && min > max) {
            m.problem("min", "min (" + min + ") is greater than max (" + max + "): no value can pass");
        }
        if (direction == Direction.HIGHER && max != null && min == null) {
            m.problem(
                    "max",
                    name + " is higher-is-better, so 'max' alone would fail better models;"
                            + " use 'min', or set both to also bound suspicious improvements");
        }
        if (direction == Direction.LOWER && min != null && max == null) {
            m.problem(
                    "min",
                    name + " is lower-is-better, so 'min' alone would fail better models;"
                            + " use 'max', or set both to also bound suspicious improvements");
        }
        GateConfig.Change change = change(m);
        if (min == null && max == null && (change == null || change.isEmpty()) && m.present()) {
            m.problems().add(m.location(), m.path(), "no rule for '" + name + "': set min, max or change");
        }
        GateConfig.Source source = m.choice(
                "source",
                Map.of(
                        "auto",
                        GateConfig.Source.AUTO,
                        "computed",
                        GateConfig.Source.COMPUTED,
                        "reported",
                        GateConfig.Source.REPORTED),
                GateConfig.Source.AUTO);
        if (score != null && source == GateConfig.Source.REPORTED) {
            m.problem(
                    "source",
                    "'" + name + "' is aggregated from the column '" + score.column()
                            + "' of the predictions; 'source: reported' would ignore that (drop 'column' to gate the"
                            + " training's number)");
        }
        if (MetricCatalog.ranking(name) && source != GateConfig.Source.REPORTED && query == null) {
            if (source == GateConfig.Source.COMPUTED) {
                m.problem(
                        "source",
                        "ranking metrics are computed per query: set train.predictions.query to the query-id"
                                + " column");
            }
            // Without a query column the training's number is gated, as for any reported metric.
            source = GateConfig.Source.REPORTED;
        }
        if (source == GateConfig.Source.COMPUTED && score == null && !MetricCatalog.computable(name)) {
            m.problem(
                    "source",
                    "the gate cannot compute '" + name + "' from predictions; it can compute: "
                            + String.join(
                                    ", ",
                                    MetricCatalog.all().values().stream()
                                            .filter(MetricCatalog.Known::computable)
                                            .map(MetricCatalog.Known::name)
                                            .toList()));
        }
        return new GateConfig.MetricRule(
                name,
                direction,
                min,
                max,
                change,
                m.choice("severity", SEVERITIES, Severity.FAIL),
                m.choice(
                        "on_error",
                        Map.of("fail", GateConfig.OnError.FAIL, "warn", GateConfig.OnError.WARN),
                        GateConfig.OnError.FAIL),
                source,
                score,
                m.declaredAt(),
                m.keyLocation("min"),
                m.keyLocation("max"));
    }

    /** {@code column}, {@code aggregate} and {@code where}: a metric aggregated from a per-example field. */
    private static GateConfig.ScoreColumn scoreColumn(String name, MapView m, Optional<MetricCatalog.Known> known) {
        if (!m.has("column")) {
            for (String k : List.of("aggregate", "where")) {
                if (m.has(k)) {
                    m.problem(k, "'" + k + "' applies to a metric aggregated from a column: add 'column'");
                }
            }
            return null;
        }
        String column = m.string("column");
        if (column == null || column.isBlank()) {
            m.problem("column", "expected the name of a predictions column, or a dotted path such as scores.judge");
            return null;
        }
        if (known.isPresent() && known.get().computable()) {
            m.problem(
                    "column",
                    "'" + name + "' is a metric the gate computes itself from the predictions ("
                            + known.get().description()
                            + "); give the metric aggregated from '" + column + "' another name");
            return null;
        }
        String text = m.string("aggregate", "mean");
        GateConfig.Aggregate aggregate;
        Double quantile = null;
        java.util.regex.Matcher pct = PERCENTILE.matcher(text == null ? "" : text);
        switch (text == null ? "" : text) {
            case "mean" -> aggregate = GateConfig.Aggregate.MEAN;
            case "rate" -> aggregate = GateConfig.Aggregate.RATE;
            case "sum" -> aggregate = GateConfig.Aggregate.SUM;
            case "median" -> {
                aggregate = GateConfig.Aggregate.QUANTILE;
                quantile = 0.5;
            }
            default -> {
                if (pct.matches() && Double.parseDouble(pct.group(1)) <= 100) {
                    aggregate = GateConfig.Aggregate.QUANTILE;
                    quantile = Double.parseDouble(pct.group(1)) / 100;
                } else {
                    m.problem(
                            "aggregate",
                            "expected mean, rate, sum, median or a percentile p0..p100 such as p95, got '" + text
                                    + "'");
                    return null;
                }
            }
        }
        GateConfig.Condition where = null;
        if (m.has("where")) {
            if (aggregate != GateConfig.Aggregate.RATE) {
                m.problem(
                        "where",
                        "'where' counts the rows a condition holds for: it goes with 'aggregate: rate', not '" + text
                                + "'");
                return null;
            }
            where = condition(m);
            if (where == null) {
                return null;
            }
        }
        return new GateConfig.ScoreColumn(column, aggregate, quantile, where, text, m.location("column"));
    }

    private static GateConfig.Condition condition(MapView m) {
        String raw = m.string("where");
        java.util.regex.Matcher c = CONDITION.matcher(raw == null ? "" : raw);
        if (!c.matches() || c.group(2).isEmpty()) {
            m.problem(
                    "where",
                    "expected a comparison such as \">= 4\", \"< 0.5\", \"== 1\" or \"== yes\" (quoted: YAML"
                            + " reads a leading > or < itself), got '" + raw + "'");
            return null;
        }
        String op = c.group(1);
        String value = c.group(2);
        if (value.length() >= 2
                && (value.charAt(0) == '\'' || value.charAt(0) == '"')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return textCondition(m, op, value.substring(1, value.length() - 1));
        }
        try {
            double d = Double.parseDouble(value);
            if (Double.isFinite(d)) {
                return new GateConfig.Condition(op, d, value);
            }
        } catch (NumberFormatException e) {
            // a text comparison
        }
        return textCondition(m, op, value);
    }

    private static GateConfig.Condition textCondition(MapView m, String op, String value) {
        if (!op.equals("==") && !op.equals("!=")) {
            m.problem(
                    "where",
                    "'" + op + "' compares numbers, and '" + value + "' is not one; compare text with == or !=");
            return null;
        }
        return new GateConfig.Condition(op, null, value);
    }

    private static GateConfig.Change change(MapView m) {
        if (!m.has("change")) {
            return null;
        }
        MapView c = m.map("change", CHANGE_KEYS);
        Double maxDrop = nonNegative(c, "max_drop", "to require an improvement use 'min_gain'");
        Double maxRelDrop = nonNegative(c, "max_relative_drop", "to require an improvement use 'min_relative_gain'");
        Double minGain = nonNegative(c, "min_gain", "to allow a regression use 'max_drop'");
        Double minRelGain = nonNegative(c, "min_relative_gain", "to allow a regression use 'max_relative_drop'");
        java.util.Map<String, io.mlopsci.contract.result.SourceLocation> at = new java.util.LinkedHashMap<>();
        for (String k : CHANGE_KEYS) {
            if (c.has(k)) {
                at.put(k, c.keyLocation(k));
            }
        }
        GateConfig.Change change = new GateConfig.Change(maxDrop, maxRelDrop, minGain, minRelGain, c.declaredAt(), at);
        if (change.isEmpty() && c.present()) {
            c.problems().add(c.location(), c.path(), "expected at least one of: " + String.join(", ", CHANGE_KEYS));
        }
        return change;
    }

    private static Double nonNegative(MapView c, String key, String hint) {
        Double v = c.number(key);
        if (v != null && v < 0) {
            c.problem(key, "expected a number ≥ 0, got " + v + "; " + hint);
            return null;
        }
        return v;
    }

    private static List<GateConfig.SliceRule> slices(
            MapView g, Map<String, GateConfig.MetricRule> scoreMetrics, String query) {
        YNode raw = g.raw("slices");
        if (raw == null) {
            return List.of();
        }
        List<MapView> views =
                raw.kind() == YNode.Kind.MAP ? List.of(g.map("slices", SLICE_KEYS)) : g.mapList("slices", SLICE_KEYS);
        List<GateConfig.SliceRule> out = new ArrayList<>();
        for (MapView s : views) {
            String column = s.requiredString("column", "the predictions column whose values define the slices");
            Integer minRows = s.integer("min_rows", 1, Integer.MAX_VALUE);
            List<GateConfig.MetricRule> rules = metricRules(s, "metrics", scoreMetrics, query);
            if (rules.isEmpty()) {
                s.require("metrics", "the rules every slice must meet, e.g. accuracy: {min: 0.8}");
            }
            for (GateConfig.MetricRule r : rules) {
                if (!r.fromPredictions()) {
                    s.problems()
                            .add(
                                    r.location(),
                                    s.child("metrics") + "." + r.name(),
                                    "slice metrics are computed from predictions; the gate cannot compute '" + r.name()
                                            + "' (define it from a column with 'column' and 'aggregate', here or in"
                                            + " gate.metrics)");
                }
            }
            out.add(new GateConfig.SliceRule(
                    column,
                    minRows == null ? 30 : minRows,
                    s.bool("allow_small", false),
                    s.stringList("values"),
                    rules,
                    s.location()));
        }
        return out;
    }

    private static GateConfig.Confidence confidence(MapView g) {
        if (!g.has("confidence")) {
            return null;
        }
        MapView c = g.map("confidence", CONFIDENCE_KEYS);
        c.choice("method", Map.of("paired-bootstrap", "paired-bootstrap"), "paired-bootstrap");
        Integer resamples = c.integer("resamples", 100, 100_000);
        Double level = c.number("level", 0.5, 0.999);
        Integer seed = c.integer("seed", 0, Integer.MAX_VALUE);
        return new GateConfig.Confidence(
                resamples == null ? 1000 : resamples,
                level == null ? 0.95 : level,
                seed == null ? 0L : seed,
                c.choice("inconclusive", SEVERITIES, Severity.FAIL),
                c.location());
    }

    private static GateConfig.Ranking ranking(MapView g) {
        if (!g.has("ranking")) {
            return GateConfig.Ranking.DEFAULT;
        }
        MapView r = g.map("ranking", RANKING_KEYS);
        return new GateConfig.Ranking(
                r.choice(
                        "no_relevant",
                        Map.of(
                                "zero",
                                GateConfig.NoRelevant.ZERO,
                                "skip",
                                GateConfig.NoRelevant.SKIP,
                                "error",
                                GateConfig.NoRelevant.ERROR),
                        GateConfig.NoRelevant.ZERO),
                r.location("no_relevant"));
    }

    private static GateConfig.Examples examples(MapView g) {
        if (!g.has("examples")) {
            return GateConfig.Examples.DEFAULT;
        }
        MapView e = g.map("examples", EXAMPLES_KEYS);
        Integer show = e.integer("show", 0, 100);
        return new GateConfig.Examples(show == null ? GateConfig.Examples.DEFAULT.show() : show, e.location("show"));
    }

    private static GateConfig.Promote promote(MapView g) {
        YNode raw = g.raw("promote");
        if (raw != null && raw.kind() == YNode.Kind.SCALAR) {
            return new GateConfig.Promote(g.bool("promote", true), GateConfig.Promote.DEFAULT_BRANCHES, "champion");
        }
        MapView p = g.map("promote", PROMOTE_KEYS);
        List<String> branches = p.has("branches") ? p.stringList("branches") : GateConfig.Promote.DEFAULT_BRANCHES;
        return new GateConfig.Promote(p.bool("enabled", true), branches, p.string("alias", "champion"));
    }

    private static GateConfig.Evaluate evaluate(MapView g) {
        if (!g.has("evaluate")) {
            return null;
        }
        MapView e = g.map("evaluate", EVALUATE_KEYS);
        List<String> command = e.stringList("command");
        if (command.isEmpty()) {
            e.require(
                    "command",
                    "the command that scores ${baseline.model_dir} on ${data.eval} and writes"
                            + " ${baseline.predictions}, as a list, e.g. [python, score.py, ...]");
        }
        java.time.Duration timeout = e.duration("timeout", java.time.Duration.ofMinutes(30));
        if (timeout.isZero() || timeout.isNegative()) {
            e.problem("timeout", "expected a positive duration");
        }
        if (e.present() && command.stream().noneMatch(a -> a.contains("${baseline.predictions}"))) {
            e.problem(
                    "command",
                    "the command must be told where to write the baseline's predictions: pass"
                            + " ${baseline.predictions} as an argument");
        }
        return new GateConfig.Evaluate(command, timeout, e.stringMap("env"), e.declaredAt());
    }

    private static MetricCatalog.Task inferTask(
            List<GateConfig.MetricRule> metrics, List<GateConfig.SliceRule> slices) {
        List<GateConfig.MetricRule> all = new ArrayList<>(metrics);
        slices.forEach(s -> all.addAll(s.metrics()));
        for (GateConfig.MetricRule r : all) {
            Optional<MetricCatalog.Known> k = MetricCatalog.lookup(r.name());
            if (k.isPresent()
                    && k.get().task() != null
                    && k.get().task() != MetricCatalog.Task.RANKING
                    && k.get().computable()) {
                return k.get().task();
            }
        }
        return null;
    }
}
