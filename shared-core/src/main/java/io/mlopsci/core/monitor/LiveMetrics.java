package io.mlopsci.core.monitor;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Severity;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.GateConfig;
import io.mlopsci.core.config.MonitorConfig;
import io.mlopsci.core.data.checks.Texts;
import io.mlopsci.core.data.scan.DataFiles;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.Sql;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.gate.GateEvaluator;
import io.mlopsci.core.scoring.Predictions;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live metrics: the labels (files of id and label, arriving later) joined to the watched version's
 * records by id, then the gate's own evaluation of its absolute rules on those rows — the metrics
 * computed as the gate computes them, each bound decided by the gate's bootstrap interval when
 * {@code gate.confidence} is set. Too few labelled records make every rule INCONCLUSIVE. Labels
 * that match no record, duplicate labels and duplicate record ids are bad input, named by file and
 * line.
 */
final class LiveMetrics {

    /** What the live metrics found. */
    record Outcome(List<Criterion> criteria, long labelledRows, Map<String, Double> values, List<String> notes) {}

    private final MonitorConfig monitor;
    private final GateConfig gate;
    private final LiveRecords records;
    private final DuckDb db;

    LiveMetrics(MonitorConfig monitor, GateConfig gate, LiveRecords records, DuckDb db) {
        this.monitor = monitor;
        this.gate = gate;
        this.records = records;
        this.db = db;
    }

    /**
     * @param windowRecords the window's records relation (used when the labels look back no further)
     * @param version       the watched version (null: every record counts as its)
     */
    Outcome evaluate(RecordFiles labelFiles, Window window, String windowRecords, String version) throws SQLException {
        MonitorConfig.Labels cfg = monitor.labels();
        List<String> notes = new ArrayList<>();
        List<Criterion> criteria = new ArrayList<>();
        if (!records.hasId()) {
            throw MlopsException.input(records.files().describe() + ": no column '"
                    + records.names().id()
                    + "' (monitor.columns.id) to join the labels to; the records need the request's id");
        }
        String reader = LiveRecords.reader(labelFiles.files(), labelFiles.format(), cfg.format(), false);
        Map<String, String> types = new LinkedHashMap<>();
        try {
            for (Row r : db.all("DESCRIBE SELECT * FROM " + reader, "reading " + labelFiles.describe(), 0, 10_000)) {
                types.put(r.getString("column_name"), r.getString("column_type"));
            }
        } catch (SQLException e) {
            throw DataFiles.readError(db, DataConfig.Role.LIVE, labelFiles.describe(), e);
        }
        for (String[] c : new String[][] {{cfg.id(), "monitor.labels.id"}, {cfg.label(), "monitor.labels.label"}}) {
            if (!types.containsKey(c[0])) {
                throw MlopsException.input(labelFiles.describe() + ": no column '" + c[0] + "' (" + c[1]
                        + "); the labels have " + String.join(", ", types.keySet()));
            }
        }
        String id = LiveRecords.canonical(Sql.ident(cfg.id()), types.get(cfg.id()));
        String label = LiveRecords.canonical(Sql.ident(cfg.label()), types.get(cfg.label()));
        String labels = "(SELECT " + id + " AS id, " + label + " AS label FROM " + reader + " WHERE "
                + Sql.ident(cfg.id()) + " IS NOT NULL)";
        Locate inLabels = predicate -> Locator.locate(
                db,
                labelFiles,
                LiveRecords.reader(labelFiles.files(), labelFiles.format(), cfg.format(), true),
                cfg.format(),
                predicate);

        Row dup = first(
                "SELECT id, count(*) AS n FROM " + labels + " GROUP BY id HAVING count(*) > 1 ORDER BY id LIMIT 1",
                "checking the labels for duplicate ids",
                labelFiles.bytes());
        if (dup != null) {
            throw MlopsException.input(inLabels.at(id + " = " + Sql.string(dup.getString("id"))) + ": id '"
                    + dup.getString("id") + "' has " + dup.count("n") + " labels; each record needs one label");
        }
        Row unknown = db.one(
                "SELECT count(*) AS n, min(id) AS first FROM " + labels + " WHERE id NOT IN (SELECT id FROM "
                        + records.allIds() + ")",
                "matching the labels to the records",
                labelFiles.bytes() + records.files().bytes());
        long unmatched = unknown.count("n");
        if (unmatched > 0) {
            String first = unknown.getString("first");
            String what = Texts.count(unmatched) + (unmatched == 1 ? " label names an id" : " labels name ids")
                    + " that no record in " + records.files().describe() + " has, e.g. '" + first + "'";
            switch (cfg.unknownIds()) {
                case ERROR ->
                    throw MlopsException.input(inLabels.at(id + " = " + Sql.string(first)) + ": " + what
                            + "; labels must carry the record's id (monitor.labels.id → monitor.columns.id '"
                            + records.names().id() + "'). Set monitor.labels.unknown_ids to warn or ignore when"
                            + " records are rotated away before their labels arrive");
                case FAIL, WARN ->
                    criteria.add(Criterion.builder("labels.unknown_ids")
                            .metric("labels")
                            .rule("unknown_ids")
                            .status(cfg.unknownIds() == MonitorConfig.OnUnknown.FAIL ? Status.FAIL : Status.WARN)
                            .actual((double) unmatched)
                            .threshold(0.0)
                            .expected("every label matches a record")
                            .observed(Texts.count(unmatched) + " unmatched")
                            .message(what + " (first at " + inLabels.at(id + " = " + Sql.string(first)) + ")")
                            .location(cfg.location())
                            .build());
                case IGNORE -> notes.add(what + "; they are left out (labels.unknown_ids: ignore).");
            }
        }

        Instant start = cfg.window() == null ? window.start() : window.end().minus(cfg.window());
        String span = cfg.window() == null ? windowRecords : records.relation(start, window.end(), version);
        String watched = version == null ? "TRUE" : Sql.ident(LiveRecords.VERSION) + " = " + Sql.string(version);
        String joined = "(SELECT r." + Sql.ident(LiveRecords.ID) + " AS id, l.label AS label"
                + (records.hasPrediction() ? ", r." + Sql.ident(LiveRecords.PREDICTION_ALL) + " AS prediction" : "")
                + (records.hasScore() ? ", r." + Sql.ident(LiveRecords.SCORE_ALL) + " AS score" : "")
                + " FROM " + span + " r JOIN " + labels + " l ON r." + Sql.ident(LiveRecords.ID) + " = l.id WHERE "
                + watched + ")";
        Row twice = first(
                "SELECT id, count(*) AS n FROM " + joined + " GROUP BY id HAVING count(*) > 1 ORDER BY id LIMIT 1",
                "checking the labelled records for duplicate ids",
                records.files().bytes());
        if (twice != null) {
            throw MlopsException.input(
                    records.locate(records.equalsPredicate(records.names().id(), twice.getString("id")))
                            + ": "
                            + twice.count("n") + " records have the id '" + twice.getString("id")
                            + "' (monitor.columns.id); ids must be unique to join their labels");
        }
        if (!records.hasPrediction()) {
            throw MlopsException.input(records.files().describe() + ": no column '"
                    + records.names().prediction()
                    + "' (monitor.columns.prediction): live metrics need the model's predictions");
        }
        List<Row> rows = db.all(
                "SELECT * FROM " + joined + " ORDER BY id",
                "joining the labels to the records",
                records.files().bytes(),
                Integer.MAX_VALUE);
        long n = rows.size();
        String scope = "labelled records of version " + (version == null ? "(any)" : version) + " in [" + start + ", "
                + window.end() + ")";
        if (n < monitor.metrics().minRows()) {
            for (GateConfig.MetricRule r : monitor.metrics().rules()) {
                for (String kind : List.of("min", "max")) {
                    Double bound = kind.equals("min") ? r.min() : r.max();
                    if (bound == null) {
                        continue;
                    }
                    Severity policy = monitor.metrics().inconclusive();
                    criteria.add(Criterion.builder(CheckKind.METRIC + "." + r.name() + "." + kind)
                            .metric(r.name())
                            .rule(kind)
                            .direction(r.direction())
                            .severity(r.severity())
                            .threshold(bound)
                            .expected((kind.equals("min") ? "≥ " : "≤ ")
                                    + io.mlopsci.contract.result.Numbers.value(bound))
                            .status(Status.INCONCLUSIVE)
                            .effect(
                                    policy == Severity.WARN || r.severity() == Severity.WARN
                                            ? Effect.WARN
                                            : Effect.FAIL)
                            .observed(Texts.count(n) + " labelled")
                            .message(Texts.count(n) + " " + scope + ", fewer than metrics.min_rows "
                                    + monitor.metrics().minRows() + ": too few to judge (inconclusive: "
                                    + policy.json() + ")")
                            .location(kind.equals("min") ? r.minLocation() : r.maxLocation())
                            .build());
                }
            }
            return new Outcome(criteria, n, Map.of(), notes);
        }
        Predictions predictions = predictions(rows, scope);
        GateConfig live = new GateConfig(
                null,
                GateConfig.MissingBaseline.ABSOLUTE_ONLY,
                gate.task(),
                gate.positiveLabel(),
                monitor.metrics().rules().stream()
                        .map(r -> new GateConfig.MetricRule(
                                r.name(),
                                r.direction(),
                                r.min(),
                                r.max(),
                                null,
                                r.severity(),
                                r.onError(),
                                GateConfig.Source.COMPUTED,
                                r.score(),
                                r.location(),
                                r.minLocation(),
                                r.maxLocation()))
                        .toList(),
                List.of(),
                monitor.metrics().confidence(),
                gate.promote(),
                null,
                gate.ranking(),
                null,
                gate.location());
        GateEvaluator.Outcome o = GateEvaluator.evaluate(
                live,
                new GateEvaluator.Candidate(Map.of(), predictions),
                null,
                new GateEvaluator.Options(true, monitor.metrics().inconclusive()));
        for (Criterion c : o.criteria()) {
            criteria.add(renamed(c, CheckKind.METRIC + "." + c.id()));
        }
        notes.addAll(o.notes());
        notes.add("Live metrics are computed from " + Texts.count(n) + " " + scope + " joined to "
                + labelFiles.describe()
                + (monitor.metrics().confidence() == null
                        ? "; without gate.confidence each bound is decided by the value alone."
                        : "; each bound is decided by the bootstrap interval of the value ("
                                + monitor.metrics().confidence().resamples() + " resamples, "
                                + Math.round(monitor.metrics().confidence().level() * 100) + "%, seed "
                                + monitor.metrics().confidence().seed() + ")."));
        return new Outcome(criteria, n, o.candidateValues(), notes);
    }

    /** The first row of a query, or null when it has none. */
    private Row first(String sql, String what, long bytes) throws SQLException {
        List<Row> rows = db.all(sql, what, bytes, 1);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static Predictions predictions(List<Row> rows, String scope) {
        int n = rows.size();
        String[] ids = new String[n];
        String[] labels = new String[n];
        String[] predicted = new String[n];
        boolean hasScore = !rows.isEmpty() && rows.get(0).values().containsKey("score");
        double[] score = hasScore ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            ids[i] = r.getString("id");
            labels[i] = Predictions.canonical(String.valueOf(r.get("label")));
            Object p = r.get("prediction");
            predicted[i] = p == null ? "" : Predictions.canonical(String.valueOf(p));
            if (score != null) {
                Double s = r.getDouble("score");
                if (s == null || !(s >= 0 && s <= 1)) {
                    // Not a probability: roc_auc and log_loss cannot use it; the gate says so.
                    score = null;
                } else {
                    score[i] = s;
                }
            }
        }
        // A record's position in the labelled window stands for its line (messages name records by id).
        int[] lines = new int[ids.length];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = i + 1;
        }
        return new Predictions(scope, ids, labels, predicted, score, Map.of(), Map.of(), Map.of(), lines, true);
    }

    private static Criterion renamed(Criterion c, String id) {
        return new Criterion(
                id,
                c.metric(),
                c.rule(),
                c.status(),
                c.effect(),
                c.severity(),
                c.direction(),
                c.actual(),
                c.threshold(),
                c.baseline(),
                c.delta(),
                c.relativeDelta(),
                c.expected(),
                c.observed(),
                c.message(),
                c.slice(),
                c.interval(),
                c.location(),
                c.details(),
                c.examples());
    }

    @FunctionalInterface
    private interface Locate {
        String at(String predicate) throws SQLException;
    }
}
