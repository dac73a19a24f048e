package io.mlopsci.core.monitor;

import io.mlopsci.contract.MonitorOptions;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.ModelRef;
import io.mlopsci.contract.result.MonitorOutputs;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Timing;
import io.mlopsci.contract.result.ValidateDataOutputs;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.Role;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.config.MonitorConfig;
import io.mlopsci.core.data.checks.Texts;
import io.mlopsci.core.data.drift.DriftCheck;
import io.mlopsci.core.data.drift.DriftOutcome;
import io.mlopsci.core.data.report.DataReport;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DataFiles;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.DuckDbScanner;
import io.mlopsci.core.data.scan.FusedScans;
import io.mlopsci.core.data.scan.ScanParticipant;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.metrics.MetricCatalog;
import io.mlopsci.core.registry.ModelVersion;
import io.mlopsci.core.registry.MonitorRecord;
import io.mlopsci.core.registry.Registry;
import io.mlopsci.core.report.ReportWriter;
import io.mlopsci.core.step.Step;
import io.mlopsci.core.step.StepContext;
import io.mlopsci.core.step.StepDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The monitor step: one window of the watched version's production records, checked with the
 * other steps' rules and engines — feature drift against the data it was trained on and prediction
 * drift against its eval predictions (validate-data's drift check, in one fused DuckDB scan of the
 * window with the rules of {@code data.columns} and the window's own statistics), live metrics from
 * late labels (the gate's evaluation and bootstrap), volume and freshness — then recorded in the
 * registry and reported with the trends of past windows. Whether to retrain is an output.
 */
public final class MonitorStep implements Step<MonitorOptions> {

    public static final StepDefinition<MonitorOptions> DEFINITION = StepDefinition.of(
            StepId.MONITOR, MonitorOptions.class, MonitorOptions.NOW, c -> c.monitor() != null, MonitorStep::new);
    private static final StepId ID = StepId.MONITOR;
    private static final List<String> REPORTS =
            List.of(ReportWriter.RESULT, ReportWriter.MARKDOWN, ReportWriter.JUNIT, ReportWriter.HTML);

    private String recorded;

    @Override
    public void execute(StepContext ctx, MonitorOptions options, StepResult.Builder result) throws Exception {
        MlopsConfig config = ctx.config();
        MonitorConfig m = config.monitor();
        if (m == null) {
            throw MlopsException.config(
                    "there is no 'monitor' section in " + config.displayName()
                            + " (the production records to watch: monitor.data, window, ...)",
                    null);
        }
        Instant at = options.at() != null ? options.at() : Instant.now();
        Registry registry = ctx.registry();
        long t0 = System.nanoTime();
        List<MonitorRecord> history = registry.monitorHistory(config.model(), m.history());
        Window window = Window.resolve(m, at, history);
        ChampionData.Champion champion = ChampionData.resolve(registry, config.model(), m.alias());
        String version = champion.version().version();
        result.model(new ModelRef(config.model(), version, champion.run().runId()));
        result.outputs(MonitorOutputs.window(
                m.alias(), version, window.start().toString(), window.end().toString()));
        result.note("Window " + window + ": " + window.how() + ".");
        result.timing(new Timing("registry: history and " + m.alias(), millis(t0)));

        RecordFiles files = RecordFiles.expand("monitor.data", m.data(), config.workdir(), m.format(), config.outDir());
        DataConfig data = config.data();
        // The window is read locally with DuckDB whatever data.engine says (its resources apply).
        DataConfig.Engine engine = data != null
                ? new DataConfig.Engine(
                        DataConfig.EngineKind.DUCKDB,
                        data.engine().memoryLimit(),
                        data.engine().threads(),
                        data.engine().location())
                : new DataConfig.Engine(DataConfig.EngineKind.DUCKDB, null, null, null);
        boolean predictionAsText = config.gate() == null || config.gate().task() != MetricCatalog.Task.REGRESSION;
        Path work = ctx.stepOut(ID).resolve(".work");
        List<Criterion> criteria = new ArrayList<>();
        List<ReportSection> sections = new ArrayList<>();
        try (DuckDb db = DuckDb.open(work, engine.memoryLimit(), engine.threads(), ctx.progress())) {
            db.execute("SET TimeZone = 'UTC'", "setting the time zone", 0);
            ctx.progress().phase("reading " + files.describe());
            LiveRecords records = LiveRecords.open(db, files, m.columns(), m.format(), predictionAsText);
            records.requireReadableTimestamps();
            if (!records.hasVersion()) {
                result.note("The records have no column '" + m.columns().modelVersion()
                        + "' (monitor.columns.model_version): every record is taken as version " + version + "'s.");
            }
            DataFile live = records.window(window, records.hasVersion() ? version : null, "live_window");

            ChampionData.Training training =
                    m.drift() != null || m.unseen() != null ? ChampionData.trainingData(config, champion) : null;
            if (training != null && training.note() != null) {
                result.note(training.note());
            }
            DataFile predictions = null;
            if (m.predictionDrift() != null) {
                Set<String> wanted = new LinkedHashSet<>();
                if (records.hasPrediction()) {
                    wanted.add(LiveRecords.PREDICTION);
                }
                if (records.hasScore()) {
                    wanted.add(LiveRecords.SCORE);
                }
                predictions = wanted.isEmpty()
                        ? null
                        : ChampionData.evalPredictions(
                                config,
                                registry,
                                champion,
                                db,
                                ctx.stepOut(ID).resolve(".artifacts"),
                                wanted,
                                predictionAsText);
                if (predictions == null) {
                    result.note("Prediction drift is not checked: "
                            + (wanted.isEmpty()
                                    ? "the records have neither '" + m.columns().prediction() + "' nor '"
                                            + m.columns().score() + "'"
                                    : "version " + version + "'s run recorded no eval predictions (train.predictions)")
                            + ".");
                }
            }
            Scans scans = null;
            boolean ingestTraining = false;
            while (scans == null) {
                List<Timing> timings = new ArrayList<>();
                try {
                    scans = Scans.run(ctx, m, data, db, work, training, ingestTraining, predictions, live, timings);
                    timings.forEach(result::timing);
                } catch (DataFiles.Reread e) {
                    if (e.role() != Role.TRAIN || ingestTraining) {
                        throw MlopsException.input(
                                e.getMessage() + " (a column changed type after the first records DuckDB sampled)");
                    }
                    // As validate-data does: read the training data again, parsed up front, the column as text.
                    ctx.progress().phase(training.display() + ": " + e.getMessage() + "; reading it again");
                    ingestTraining = true;
                    live = records.window(window, records.hasVersion() ? version : null, "live_window");
                }
            }
            DataFile train = scans.train();
            WindowStats stats = scans.stats();
            DriftCheck featureDrift = scans.featureDrift();
            DriftCheck predictionDrift = scans.predictionDrift();
            LiveRules rules = scans.rules();

            long rows = stats.rows();
            Map<String, Long> versions = stats.versions();
            long t2 = System.nanoTime();
            criteria.addAll(versions(m, registry, config.model(), records, versions, rows, result));
            Instant newest = rows > 0 ? stats.newest() : records.newestBefore(window.end());
            criteria.addAll(VolumeChecks.judge(m, window, rows, newest, files.describe()));

            DriftOutcome features = null;
            DriftOutcome scores = null;
            if (rows == 0) {
                result.note("The window holds no record: drift, rules and prediction drift are not checked.");
            } else {
                if (featureDrift != null) {
                    ctx.progress().phase("feature drift against " + train.display());
                    features = featureDrift.evaluate();
                    criteria.addAll(features.criteria());
                    features = featureDrift.withCharts(
                            features, DataReport.chartedColumns(features.views(), features.criteria()));
                    featureDrift.skipped().forEach(n -> result.note("drift: " + n));
                    sections.addAll(DataReport.driftSections(featureDrift, features, features.criteria()));
                }
                if (m.unseen() != null && features != null) {
                    UnseenCategories.Outcome u = UnseenCategories.judge(m.unseen(), features, live, train, db);
                    criteria.addAll(u.criteria());
                    u.notes().forEach(n -> result.note("unseen categories: " + n));
                }
                if (predictionDrift != null) {
                    long champRows = versions.isEmpty() ? rows : versions.getOrDefault(version, 0L);
                    if (champRows == 0) {
                        result.note(
                                "Prediction drift is not checked: no record of version " + version + " in the window.");
                    } else {
                        scores = predictionDrift.evaluate();
                        criteria.addAll(scores.criteria());
                        scores = predictionDrift.withCharts(
                                scores, DataReport.chartedColumns(scores.views(), scores.criteria()));
                        sections.addAll(DataReport.driftSections(predictionDrift, scores, scores.criteria()));
                    }
                }
                if (rules != null) {
                    criteria.addAll(rules.evaluate());
                }
            }
            result.timing(new Timing("drift, rules, volume", millis(t2)));

            Long labelled = null;
            Map<String, Double> liveValues = Map.of();
            if (m.labels() != null) {
                long t3 = System.nanoTime();
                ctx.progress().phase("joining the labels");
                RecordFiles labelFiles = RecordFiles.expand(
                        "monitor.labels.data",
                        m.labels().data(),
                        config.workdir(),
                        m.labels().format(),
                        config.outDir());
                LiveMetrics.Outcome o = new LiveMetrics(m, config.gate(), records, db)
                        .evaluate(labelFiles, window, live.table(), records.hasVersion() ? version : null);
                criteria.addAll(o.criteria());
                o.notes().forEach(result::note);
                labelled = o.labelledRows();
                liveValues = o.values();
                result.timing(new Timing("live metrics", millis(t3)));
            }

            result.criteria(criteria);
            Retrain retrain = Retrain.decide(m.retrainOn(), criteria);
            List<String> drifting = drifting(features);
            Map<String, ValidateDataOutputs.ColumnDrift> driftOut =
                    features == null ? null : DataReport.driftOutputs(features);
            Map<String, ValidateDataOutputs.ColumnDrift> scoreOut =
                    scores == null ? null : DataReport.driftOutputs(scores);
            Long newestAge = newest == null
                    ? null
                    : java.time.Duration.between(newest, window.end()).getSeconds();
            result.outputs(new MonitorOutputs(
                    null,
                    null,
                    null,
                    null,
                    rows,
                    versions,
                    newest == null ? null : newest.toString(),
                    newestAge,
                    labelled,
                    driftOut,
                    features == null ? null : features.share(),
                    scoreOut,
                    liveValues.isEmpty() ? null : liveValues,
                    drifting,
                    retrain.retrain(),
                    retrain.reasons(),
                    null));
            if (retrain.retrain()) {
                result.note("Retrain: " + String.join("; ", retrain.reasons()) + " (monitor.retrain_on).");
            }

            MonitorRecord current = new MonitorRecord(
                    null,
                    config.model(),
                    m.alias(),
                    version,
                    window.start().toString(),
                    window.end().toString(),
                    Instant.now().toString(),
                    result.verdictFromCriteria().name(),
                    rows,
                    newestAge,
                    labelled,
                    measures(features),
                    features == null ? null : features.share(),
                    measures(scores),
                    liveValues,
                    retrain.retrain(),
                    tags(ctx));
            List<MonitorRecord> windows = new ArrayList<>(history);
            windows.add(current);
            windows = io.mlopsci.core.registry.MonitorTags.latestPerWindow(windows, m.history());
            sections.add(0, summary(window, files, live, rows, versions, version, newest, retrain));
            sections.addAll(Trends.sections(windows, drifting, thresholds(features)));
            sections.forEach(result::section);

            long t4 = System.nanoTime();
            ctx.progress().phase("recording the window in the " + registry.describe());
            MonitorRecord stored = registry.logMonitorWindow(current, Map.of());
            recorded = stored.id();
            result.outputs(MonitorOutputs.recorded(stored.id()));
            result.timing(new Timing("record the window", millis(t4)));
        } catch (SQLException e) {
            throw MlopsException.infrastructure("DuckDB failed while checking the records: " + e.getMessage(), e);
        }
    }

    /** The window's reports join its record in the registry (a failure is a warning: the window is recorded). */
    @Override
    public void afterReports(StepContext ctx, StepResult written) {
        if (recorded == null) {
            return;
        }
        Path dir = ctx.stepOut(ID);
        Path staging = null;
        try {
            staging = Files.createTempDirectory("mlops-monitor-reports");
            for (String f : REPORTS) {
                if (Files.isRegularFile(dir.resolve(f))) {
                    Files.copy(dir.resolve(f), staging.resolve(f));
                }
            }
            ctx.registry().logMonitorArtifacts(ctx.config().model(), recorded, "reports/" + ID.id(), staging);
        } catch (IOException | MlopsException e) {
            throw new IllegalStateException(
                    "attaching them to the window's record " + recorded + " failed: " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                try {
                    AtomicFiles.deleteTree(staging);
                } catch (IOException e) {
                    // a temporary directory
                }
            }
        }
    }

    /** The checks that take part in the fused scans, once the scans have run. */
    private record Scans(
            DataFile train, WindowStats stats, DriftCheck featureDrift, DriftCheck predictionDrift, LiveRules rules) {

        /** Opens the training data, plans every check into the files' fused scans and runs them. */
        static Scans run(
                StepContext ctx,
                MonitorConfig m,
                DataConfig data,
                DuckDb db,
                Path work,
                ChampionData.Training training,
                boolean ingestTraining,
                DataFile predictions,
                DataFile live,
                List<Timing> timings)
                throws SQLException {
            DataFile train = null;
            if (training != null) {
                ctx.progress().phase("opening the training data " + training.display());
                long t1 = System.nanoTime();
                train = DataFiles.open(
                        db,
                        Role.TRAIN,
                        training.path(),
                        training.display(),
                        data != null ? data.format() : new DataConfig.FileFormat(null, null, List.of("")),
                        ChampionData.textColumns(data),
                        "champion_train",
                        ingestTraining);
                timings.add(new Timing("open training data", millis(t1)));
            }
            WindowStats stats = new WindowStats(live);
            List<ScanParticipant> participants = new ArrayList<>(List.of(stats));
            DriftCheck featureDrift = train != null && m.drift() != null
                    ? new DriftCheck(m.drift(), train, live, db, ctx.progress(), work, CheckKind.DRIFT)
                    : null;
            DriftCheck predictionDrift = predictions != null
                    ? new DriftCheck(
                            m.predictionDrift(),
                            predictions,
                            live,
                            db,
                            ctx.progress(),
                            work,
                            CheckKind.PREDICTION_DRIFT)
                    : null;
            LiveRules rules =
                    m.rules() != null && data != null ? new LiveRules(data, m.rules(), m.columns(), live, db) : null;
            if (featureDrift != null) {
                participants.add(featureDrift);
            }
            if (predictionDrift != null) {
                participants.add(predictionDrift);
            }
            if (rules != null) {
                participants.add(rules);
            }
            List<DataFile> scanned = new ArrayList<>();
            if (train != null) {
                scanned.add(train);
            }
            if (predictions != null) {
                scanned.add(predictions);
            }
            scanned.add(live);
            FusedScans.run(scanned, participants, new DuckDbScanner(db, ctx.progress(), timings, Set.of(Role.LIVE)));
            return new Scans(train, stats, featureDrift, predictionDrift, rules);
        }
    }

    /** Records of versions the registry does not know: bad input, a failure, a warning or ignored. */
    private static List<Criterion> versions(
            MonitorConfig m,
            Registry registry,
            String model,
            LiveRecords records,
            Map<String, Long> versions,
            long rows,
            StepResult.Builder result)
            throws SQLException {
        if (!records.hasVersion() || rows == 0) {
            return List.of();
        }
        Set<String> known = new TreeSet<>();
        for (ModelVersion v : registry.versions(model)) {
            known.add(v.version());
        }
        Map<String, Long> unknown = new LinkedHashMap<>();
        versions.forEach((v, n) -> {
            if (!known.contains(v)) {
                unknown.put(v, n);
            }
        });
        long missing =
                rows - versions.values().stream().mapToLong(Long::longValue).sum();
        String column = m.columns().modelVersion();
        if (unknown.isEmpty() && missing == 0) {
            return List.of();
        }
        String first = unknown.isEmpty() ? null : unknown.keySet().iterator().next();
        String what = (first != null
                        ? Texts.count(unknown.get(first)) + " records of the window are of version '" + first
                                + "', which " + model + " does not have in the " + registry.describe()
                        : Texts.count(missing) + " records of the window have no '" + column + "'")
                + " (known versions: " + (known.isEmpty() ? "none" : String.join(", ", known)) + ")"
                + (unknown.size() > 1
                        ? "; other unknown versions: "
                                + String.join(
                                        ", ", unknown.keySet().stream().skip(1).toList())
                        : "");
        String predicate = first != null ? records.equalsPredicate(column, first) : records.nullPredicate(column);
        switch (m.unknownVersions()) {
            case ERROR:
                throw MlopsException.input(records.locate(predicate) + ": " + what
                        + ". The records must come from this model (monitor.data, monitor.columns.model_version);"
                        + " set monitor.unknown_versions to warn or ignore to let them through");
            case IGNORE:
                result.note(what + "; they count in feature drift and volume only (unknown_versions: ignore).");
                return List.of();
            default:
                return List.of(Criterion.builder(CheckKind.VERSIONS + ".unknown")
                        .metric(column)
                        .rule("unknown_versions")
                        .status(m.unknownVersions() == MonitorConfig.OnUnknown.FAIL ? Status.FAIL : Status.WARN)
                        .actual((double) (unknown.values().stream()
                                        .mapToLong(Long::longValue)
                                        .sum()
                                + missing))
                        .threshold(0.0)
                        .expected("every record of a registered version")
                        .message(what + " (first at " + records.locate(predicate) + ")")
                        .location(m.location())
                        .build());
        }
    }

    private static ReportSection summary(
            Window w,
            RecordFiles files,
            DataFile live,
            long rows,
            Map<String, Long> versions,
            String version,
            Instant newest,
            Retrain retrain) {
        List<List<String>> rows1 = new ArrayList<>();
        rows1.add(List.of("Window", w.toString()));
        rows1.add(List.of("Records", files.describe()));
        rows1.add(List.of("Records in the window", Texts.count(rows)));
        if (!versions.isEmpty()) {
            List<String> per = new ArrayList<>();
            versions.forEach(
                    (v, n) -> per.add("v" + v + (v.equals(version) ? " (watched)" : "") + ": " + Texts.count(n)));
            rows1.add(List.of("Per version", String.join(", ", per)));
        }
        rows1.add(List.of("Newest record", newest == null ? "none" : newest.toString()));
        rows1.add(List.of(
                "Features",
                String.valueOf(live.columns().stream()
                        .filter(c -> !c.name().startsWith("__mlops_")
                                && !c.name().equals(LiveRecords.PREDICTION)
                                && !c.name().equals(LiveRecords.SCORE))
                        .count())));
        rows1.add(List.of("Retrain", retrain.retrain() ? "yes: " + String.join("; ", retrain.reasons()) : "no"));
        return new ReportSection("Window", null, new ReportSection.Table(List.of("", ""), rows1), null, false);
    }

    /** Drifting features, worst first. */
    private static List<String> drifting(DriftOutcome features) {
        if (features == null) {
            return List.of();
        }
        return features.views().stream()
                .filter(v -> v.status() == Status.FAIL || v.status() == Status.WARN)
                .sorted(Comparator.comparingDouble(DriftOutcome.ColumnView::severityRank)
                        .reversed())
                .map(DriftOutcome.ColumnView::column)
                .toList();
    }

    private static Map<String, MonitorRecord.Measure> measures(DriftOutcome o) {
        Map<String, MonitorRecord.Measure> out = new LinkedHashMap<>();
        if (o != null) {
            o.views()
                    .forEach(v -> out.put(
                            v.column(),
                            new MonitorRecord.Measure(
                                    v.method(), v.value(), v.status().name())));
        }
        return out;
    }

    /** Each drifting column's fail threshold, from its criterion. */
    private static Map<String, Double> thresholds(DriftOutcome o) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (o != null) {
            for (Criterion c : o.criteria()) {
                if (c.threshold() != null && c.metric() != null) {
                    out.put(c.metric(), c.threshold());
                }
            }
        }
        return out;
    }

    private static Map<String, String> tags(StepContext ctx) {
        Map<String, String> t = new LinkedHashMap<>();
        if (ctx.ci().system() != null) {
            t.put("mlops.ci.system", ctx.ci().system());
        }
        if (ctx.ci().buildUrl() != null) {
            t.put("mlops.ci.build_url", ctx.ci().buildUrl());
        }
        if (ctx.ci().sha() != null) {
            t.put("mlops.git.sha", ctx.ci().sha());
        }
        return t;
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
