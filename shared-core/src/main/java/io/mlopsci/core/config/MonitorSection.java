package io.mlopsci.core.config;

import io.mlopsci.contract.result.Severity;
import io.mlopsci.core.config.DataConfig.Role;
import io.mlopsci.core.metrics.MetricCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the {@code monitor} section. What it shares with other sections comes from them: the drift
 * measures default to {@code data.drift}'s, the live metrics' bounds and bootstrap are
 * {@code gate.metrics}' and {@code gate.confidence}'s, the records default to what the deploy
 * router writes, the alias to the one deploy and the gate promote.
 */
final class MonitorSection {

    static final List<String> KEYS = List.of(
            "data",
            "format",
            "csv",
            "window",
            "first_window",
            "alias",
            "columns",
            "labels",
            "drift",
            "prediction_drift",
            "rules",
            "unseen_categories",
            "metrics",
            "volume",
            "freshness",
            "unknown_versions",
            "retrain_on",
            "reference",
            "experiment",
            "history");
    static final List<String> COLUMN_KEYS =
            List.of("timestamp", "id", "model_version", "prediction", "score", "features");
    static final List<String> LABEL_KEYS = List.of("data", "format", "csv", "id", "label", "window", "unknown_ids");
    static final List<String> RULES_KEYS = List.of("exclude");
    static final List<String> UNSEEN_KEYS = List.of("max_fraction", "severity");
    static final List<String> METRICS_KEYS = List.of("use", "min_rows", "inconclusive");
    static final List<String> VOLUME_KEYS = List.of("min_rows", "max_rows", "severity");
    static final List<String> FRESHNESS_KEYS = List.of("max_age", "severity");

    static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    static final int DEFAULT_MIN_LABELLED = 100;
    static final int DEFAULT_HISTORY = 14;
    static final double DEFAULT_UNSEEN = 0.01;

    private static final Map<String, MonitorConfig.OnUnknown> ON_UNKNOWN = SchemaFile.ordered(
            "error",
            MonitorConfig.OnUnknown.ERROR,
            "fail",
            MonitorConfig.OnUnknown.FAIL,
            "warn",
            MonitorConfig.OnUnknown.WARN,
            "ignore",
            MonitorConfig.OnUnknown.IGNORE);
    private static final Map<String, Severity> SEVERITIES =
            SchemaFile.ordered("fail", Severity.FAIL, "warn", Severity.WARN);

    private MonitorSection() {}

    static MonitorConfig read(
            MapView root,
            SectionContext ctx,
            String model,
            DataConfig data,
            GateConfig gate,
            DeployConfig deploy,
            TrackingConfig tracking) {
        if (!root.has("monitor")) {
            return null;
        }
        MapView m = root.map("monitor", KEYS);
        boolean fromDeploy = false;
        List<String> files = patterns(m, "data");
        if (files.isEmpty() && !m.has("data")) {
            if (deploy != null && deploy.records().enabled()) {
                files = List.of(relative(ctx, deploy.records().dir()));
                fromDeploy = true;
            } else {
                m.problems()
                        .add(
                                m.location(),
                                m.child("data"),
                                "missing required field 'data' (the production records: files, globs or directories"
                                        + " of JSON lines, CSV or Parquet); it defaults to the records the deploy"
                                        + " router writes only with a deploy section of target local or docker");
            }
        }
        DataConfig.FileFormat format = DataSection.format(m);

        Duration window = DEFAULT_WINDOW;
        if (m.has("window")) {
            String w = m.string("window");
            if (MonitorConfig.SINCE_LAST_RUN.equals(w)) {
                window = null;
            } else {
                window = m.duration("window", DEFAULT_WINDOW);
                if (window.isZero() || window.isNegative()) {
                    m.problem(
                            "window",
                            "expected a positive duration such as 24h, or '" + MonitorConfig.SINCE_LAST_RUN + "'");
                    window = DEFAULT_WINDOW;
                }
            }
        }
        Duration firstWindow = positive(m, "first_window", window == null ? DEFAULT_WINDOW : window);
        if (window != null && m.has("first_window")) {
            m.problem("first_window", "applies only to 'window: " + MonitorConfig.SINCE_LAST_RUN + "'");
        }

        String alias = m.string(
                "alias",
                deploy != null ? deploy.alias() : gate != null ? gate.promote().alias() : "champion");

        MapView c = m.map("columns", COLUMN_KEYS);
        MonitorConfig.Columns columns = new MonitorConfig.Columns(
                c.string("timestamp", "timestamp"),
                c.string("id", "id"),
                c.string("model_version", "model_version"),
                c.string("prediction", "prediction"),
                c.string("score", "score"),
                c.string("features", "features"));

        MonitorConfig.Labels labels = labels(m, ctx, columns);

        DataConfig.Drift drift = measures(m, "drift", Role.TRAIN, data == null ? null : data.drift());
        DataConfig.Drift predictionDrift = measures(m, "prediction_drift", Role.PREDICTIONS, drift);
        MonitorConfig.Rules rules = rules(m, data);
        MonitorConfig.Unseen unseen = unseen(m);
        MonitorConfig.Metrics metrics = metrics(m, gate, labels);

        MapView v = m.map("volume", VOLUME_KEYS);
        Integer minRows = v.integer("min_rows", 0, Integer.MAX_VALUE);
        Integer maxRowsValue = v.integer("max_rows", 1, Integer.MAX_VALUE);
        Long maxRows = maxRowsValue == null ? null : maxRowsValue.longValue();
        if (minRows != null && maxRows != null && minRows > maxRows) {
            v.problem("min_rows", "min_rows (" + minRows + ") is above max_rows (" + maxRows + ")");
        }
        MonitorConfig.Volume volume = new MonitorConfig.Volume(
                minRows == null ? 1 : minRows,
                maxRows,
                v.choice("severity", SEVERITIES, Severity.FAIL),
                v.declaredAt());

        MapView f = m.map("freshness", FRESHNESS_KEYS);
        MonitorConfig.Freshness freshness = new MonitorConfig.Freshness(
                positive(f, "max_age", window != null ? window : firstWindow),
                f.choice("severity", SEVERITIES, Severity.FAIL),
                f.declaredAt());

        MonitorConfig.OnUnknown unknownVersions =
                m.choice("unknown_versions", ON_UNKNOWN, MonitorConfig.OnUnknown.ERROR);

        List<MonitorConfig.RetrainOn> retrainOn = new ArrayList<>();
        Map<String, MonitorConfig.RetrainOn> kinds = new LinkedHashMap<>();
        for (MonitorConfig.RetrainOn r : MonitorConfig.RetrainOn.values()) {
            kinds.put(r.key(), r);
        }
        if (m.has("retrain_on")) {
            List<String> names = m.stringList("retrain_on");
            for (int i = 0; i < names.size(); i++) {
                MonitorConfig.RetrainOn r = kinds.get(names.get(i));
                if (r == null) {
                    String hint = Suggestions.closest(names.get(i), kinds.keySet())
                            .map(x -> " (did you mean '" + x + "'?)")
                            .orElse("");
                    m.problems()
                            .add(
                                    m.raw("retrain_on").items().get(i).location(),
                                    m.child("retrain_on") + "[" + i + "]",
                                    "expected one of " + String.join(", ", kinds.keySet()) + ", got '" + names.get(i)
                                            + "'" + hint);
                } else if (!retrainOn.contains(r)) {
                    retrainOn.add(r);
                }
            }
        } else {
            retrainOn.add(MonitorConfig.RetrainOn.DRIFT);
            retrainOn.add(MonitorConfig.RetrainOn.METRIC);
        }

        Integer history = m.integer("history", 1, 1000);
        String experiment = m.string("experiment");
        if (experiment != null && (tracking == null || tracking.isLocal())) {
            m.problem("experiment", "applies only to an MLflow tracking.uri (the local registry keeps no experiments)");
        }
        return new MonitorConfig(
                files,
                fromDeploy,
                format,
                window,
                firstWindow,
                alias,
                columns,
                labels,
                drift,
                predictionDrift,
                rules,
                unseen,
                metrics,
                volume,
                freshness,
                unknownVersions,
                retrainOn,
                ctx.path(m.string("reference")),
                experiment,
                history == null ? DEFAULT_HISTORY : history,
                m.declaredAt());
    }

    /** A string or a list of strings: files, globs or directories. */
    private static List<String> patterns(MapView m, String key) {
        YNode v = m.raw(key);
        if (v == null) {
            return List.of();
        }
        if (v.kind() == YNode.Kind.SCALAR) {
            return List.of(v.text());
        }
        List<String> out = m.stringList(key);
        if (out.isEmpty() && v.kind() == YNode.Kind.LIST) {
            m.problem(key, "expected at least one file, glob or directory");
        }
        return out;
    }

    private static MonitorConfig.Labels labels(MapView m, SectionContext ctx, MonitorConfig.Columns columns) {
        if (!m.has("labels")) {
            return null;
        }
        MapView l = m.map("labels", LABEL_KEYS);
        List<String> files = patterns(l, "data");
        if (!l.has("data")) {
            l.require("data", "the files, globs or directories the labels are in");
        }
        Duration window = null;
        if (l.has("window")) {
            window = positive(l, "window", null);
        }
        return new MonitorConfig.Labels(
                files,
                DataSection.format(l),
                l.string("id", columns.id()),
                l.string("label", "label"),
                window,
                l.choice("unknown_ids", ON_UNKNOWN, MonitorConfig.OnUnknown.ERROR),
                l.declaredAt());
    }

    /** A drift mapping (or {@code false}: off), its defaults taken from another. */
    private static DataConfig.Drift measures(MapView m, String key, Role reference, DataConfig.Drift defaults) {
        YNode v = m.raw(key);
        if (v != null && v.kind() == YNode.Kind.SCALAR && v.scalarType() == YNode.ScalarType.BOOL) {
            if (!m.bool(key, true)) {
                return null;
            }
            v = null;
        }
        MapView d = MapView.of(v, m.child(key), m.problems(), DataSection.DRIFT_MEASURE_KEYS, m.keyLocation(key));
        DataConfig.Drift drift = DataSection.drift(d, reference, Role.LIVE, defaults);
        if (reference == Role.PREDICTIONS && !d.has("share")) {
            // Two columns (score, prediction) make no "share of drifting columns" worth a rule of its own.
            drift = new DataConfig.Drift(
                    drift.reference(),
                    drift.current(),
                    drift.method(),
                    drift.thresholds(),
                    drift.bins(),
                    drift.maxCategories(),
                    List.of(),
                    List.of(),
                    Map.of(),
                    null,
                    null,
                    drift.severity(),
                    d.present() ? d.declaredAt() : m.keyLocation(key),
                    null);
        }
        return drift;
    }

    /** {@code true} (the default), {@code false}, or {@code {exclude: [columns]}}. */
    private static MonitorConfig.Rules rules(MapView m, DataConfig data) {
        YNode v = m.raw("rules");
        boolean any = data != null && !data.columns().isEmpty();
        if (v != null && v.kind() == YNode.Kind.SCALAR && v.scalarType() == YNode.ScalarType.BOOL) {
            if (!m.bool("rules", true)) {
                return null;
            }
            v = null;
        }
        MapView r = MapView.of(v, m.child("rules"), m.problems(), RULES_KEYS, m.keyLocation("rules"));
        List<String> exclude = r.stringList("exclude");
        if (m.has("rules") && !any) {
            m.problem("rules", "there are no rules to run: data.columns (or data.schema) lists none");
        }
        for (String c : exclude) {
            if (any && !data.columns().containsKey(c)) {
                r.problem("exclude", "'" + c + "' has no rules in data.columns");
            }
        }
        return any ? new MonitorConfig.Rules(exclude, r.declaredAt()) : null;
    }

    private static MonitorConfig.Unseen unseen(MapView m) {
        YNode v = m.raw("unseen_categories");
        if (v != null && v.kind() == YNode.Kind.SCALAR && v.scalarType() == YNode.ScalarType.BOOL) {
            if (!m.bool("unseen_categories", true)) {
                return null;
            }
            v = null;
        }
        MapView u = MapView.of(
                v, m.child("unseen_categories"), m.problems(), UNSEEN_KEYS, m.keyLocation("unseen_categories"));
        Double max = u.number("max_fraction", 0, 1);
        return new MonitorConfig.Unseen(
                max == null ? DEFAULT_UNSEEN : max, u.choice("severity", SEVERITIES, Severity.FAIL), u.declaredAt());
    }

    /** The gate's absolute rules the live metrics check, and the bootstrap that decides them. */
    private static MonitorConfig.Metrics metrics(MapView m, GateConfig gate, MonitorConfig.Labels labels) {
        MapView x = m.map("metrics", METRICS_KEYS);
        List<GateConfig.MetricRule> bounded = gate == null
                ? List.of()
                : gate.metrics().stream()
                        .filter(r -> r.min() != null || r.max() != null)
                        .filter(r -> MetricCatalog.computable(r.name()))
                        .toList();
        List<GateConfig.MetricRule> rules = bounded;
        if (x.has("use")) {
            List<String> use = x.stringList("use");
            List<GateConfig.MetricRule> chosen = new ArrayList<>();
            YNode items = x.raw("use");
            for (int i = 0; i < use.size(); i++) {
                String name = use.get(i);
                GateConfig.MetricRule r = bounded.stream()
                        .filter(b -> b.name().equals(name))
                        .findFirst()
                        .orElse(null);
                if (r == null) {
                    x.problems()
                            .add(
                                    items.items().get(i).location(),
                                    x.child("use") + "[" + i + "]",
                                    "'" + name + "' is not a gate metric with a min or max that can be computed from"
                                            + " predictions; live metrics use gate.metrics' bounds"
                                            + (bounded.isEmpty()
                                                    ? " (there are none)"
                                                    : "; candidates: "
                                                            + String.join(
                                                                    ", ",
                                                                    bounded.stream()
                                                                            .map(GateConfig.MetricRule::name)
                                                                            .toList())));
                } else {
                    chosen.add(r);
                }
            }
            rules = chosen;
        }
        if (labels != null && rules.isEmpty() && !x.has("use")) {
            m.problems()
                    .add(
                            labels.location(),
                            m.child("labels"),
                            "labels are joined to compute live metrics, whose bounds come from gate.metrics: add a"
                                    + " gate metric with min or max that can be computed from predictions (e.g."
                                    + " roc_auc: {min: 0.8})");
        }
        if (labels == null && x.present()) {
            x.problems().add(x.declaredAt(), x.path(), "live metrics need monitor.labels (the labels to join)");
        }
        Integer minRows = x.integer("min_rows", 1, Integer.MAX_VALUE);
        Severity inconclusive = x.choice("inconclusive", SEVERITIES, Severity.WARN);
        return new MonitorConfig.Metrics(
                rules,
                gate == null ? null : gate.confidence(),
                minRows == null ? DEFAULT_MIN_LABELLED : minRows,
                inconclusive,
                x.declaredAt());
    }

    private static Duration positive(MapView m, String key, Duration dflt) {
        Duration d = m.duration(key, dflt);
        if (d != null && (d.isZero() || d.isNegative())) {
            m.problem(key, "expected a positive duration");
            return dflt;
        }
        return d;
    }

    private static String relative(SectionContext ctx, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(ctx.workdir())
                ? ctx.workdir().relativize(abs).toString().replace('\\', '/')
                : abs.toString();
    }
}
