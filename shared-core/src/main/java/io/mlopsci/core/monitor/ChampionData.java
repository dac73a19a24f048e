package io.mlopsci.core.monitor;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DataFiles;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.Sql;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.Hashing;
import io.mlopsci.core.registry.DatasetTags;
import io.mlopsci.core.registry.ModelVersion;
import io.mlopsci.core.registry.Registry;
import io.mlopsci.core.registry.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the watched version is compared with, found through the registry: the version the alias
 * names, its run, the data it was trained on (the run's {@code mlops.data.train} tags, checked by
 * SHA-256 — or {@code monitor.reference}) and its eval predictions (the run's predictions
 * artifact), opened as data files for the drift checks.
 */
final class ChampionData {

    /** The watched version and the run that produced it. */
    record Champion(ModelVersion version, RunRecord run) {}

    /** The training data file, how it was found, and what a reviewer should know about it. */
    record Training(Path path, String display, String note) {}

    private ChampionData() {}

    /**
     * The version {@code alias} names.
     *
     * @throws MlopsException exit 2 when no version has the alias (nothing to watch), 3 when its run is gone
     */
    static Champion resolve(Registry registry, String model, String alias) {
        ModelVersion v = registry.versionByAlias(model, alias)
                .orElseThrow(
                        () -> MlopsException.usage(
                                "no version of model '" + model + "' has the alias '" + alias
                                        + "' in the " + registry.describe()
                                        + ": there is no deployed model to monitor yet"
                                        + " (deploy-canary or a passing gate on the main branch sets it; monitor.alias picks another)"));
        RunRecord run = registry.findRun(v.runId())
                .orElseThrow(() -> MlopsException.infrastructure("version " + v.version() + " (" + alias
                        + ") points to run " + v.runId() + ", which is not in the " + registry.describe()));
        return new Champion(v, run);
    }

    /**
     * The data the champion was trained on: {@code monitor.reference} when set, else the file its
     * run records, which must still hold what it held then.
     */
    static Training trainingData(MlopsConfig config, Champion champion) {
        Path override = config.monitor().reference();
        String who = "version " + champion.version().version() + " (run "
                + champion.run().runId() + ")";
        var recorded = DatasetTags.read(champion.run(), DatasetTags.TRAIN);
        if (override != null) {
            String note = "Feature drift compares with monitor.reference (" + config.relative(override) + ")"
                    + recorded.map(d -> "; " + who + " was trained on " + d.path() + " (sha256 "
                                    + d.sha256().substring(0, 12) + ")")
                            .orElse("");
            return new Training(override, config.relative(override) + " (monitor.reference)", note);
        }
        DatasetTags.Dataset d = recorded.orElseThrow(() -> MlopsException.usage(who
                + " records no training data (its run predates mlops-ci recording it, or it was trained without"
                + " data.train); set monitor.reference to the file it was trained on"));
        Path path = config.workdir().resolve(d.path()).normalize();
        if (!Files.isRegularFile(path)) {
            throw MlopsException.input(who + " was trained on " + d.path() + ", which is not in " + config.workdir()
                    + "; check out the commit it was trained from, or set monitor.reference to a copy");
        }
        String now;
        try {
            now = Hashing.sha256(path);
        } catch (IOException e) {
            throw MlopsException.input("cannot read " + d.path() + ": " + e.getMessage(), e);
        }
        if (!now.equals(d.sha256())) {
            throw MlopsException.input(who + " was trained on " + d.path() + " with sha256 "
                    + d.sha256().substring(0, 12) + "…, but the file now has sha256 " + now.substring(0, 12)
                    + "… (it changed since); set monitor.reference to the data it was trained on, or retrain");
        }
        return new Training(path, d.path() + " (v" + champion.version().version() + "'s training data)", null);
    }

    /**
     * The champion's eval predictions as a data file with the prediction drift's two columns,
     * {@link LiveRecords#PREDICTION} and {@link LiveRecords#SCORE}, typed as the live ones; null
     * when its run recorded none.
     *
     * @param wanted the columns the live records have
     */
    static DataFile evalPredictions(
            MlopsConfig config,
            Registry registry,
            Champion champion,
            DuckDb db,
            Path cache,
            Set<String> wanted,
            boolean predictionAsText) {
        RunRecord run = champion.run();
        if (run.predictions() == null) {
            return null;
        }
        TrainConfig.PredictionsConfig cols = config.train() != null
                        && config.train().predictions() != null
                ? config.train().predictions()
                : new TrainConfig.PredictionsConfig(
                        null, null, "id", "label", "prediction", "score", "score_", null, null, null, null, null);
        Path local = registry.fetchArtifacts(run.runId(), run.predictions(), cache.resolve(run.runId()));
        String display = "v" + champion.version().version() + "'s eval predictions";
        DataFile base = DataFiles.open(
                db,
                DataConfig.Role.PREDICTIONS,
                local,
                display,
                new DataConfig.FileFormat(DataConfig.FileFormat.Kind.CSV, null, List.of("")),
                Set.of(),
                "champion_predictions",
                true);
        List<String> select = new ArrayList<>();
        List<DataFile.Column> columns = new ArrayList<>();
        DataFile.Column p = base.column(cols.prediction());
        if (p != null && wanted.contains(LiveRecords.PREDICTION)) {
            String sql =
                    predictionAsText ? LiveRecords.canonical(p.sql(), p.duckType()) : "CAST(" + p.sql() + " AS DOUBLE)";
            select.add(sql + " AS " + Sql.ident(LiveRecords.PREDICTION));
            String type = predictionAsText ? "VARCHAR" : "DOUBLE";
            columns.add(new DataFile.Column(LiveRecords.PREDICTION, type, DataFile.Kind.of(type)));
        }
        DataFile.Column s = base.column(cols.score());
        if (s != null && s.numeric() && wanted.contains(LiveRecords.SCORE)) {
            select.add("CAST(" + s.sql() + " AS DOUBLE) AS " + Sql.ident(LiveRecords.SCORE));
            columns.add(new DataFile.Column(LiveRecords.SCORE, "DOUBLE", DataFile.Kind.FLOAT));
        }
        if (select.isEmpty()) {
            return null;
        }
        String table;
        try {
            table = base.table();
        } catch (java.sql.SQLException e) {
            throw db.failure(e, "reading " + display);
        }
        String relation = "(SELECT " + String.join(", ", select) + " FROM " + table + ")";
        return new DataFile(
                DataConfig.Role.PREDICTIONS,
                local,
                display,
                DataConfig.FileFormat.Kind.CSV,
                base.bytes(),
                columns,
                relation,
                null,
                "(SELECT row_number() OVER () AS " + DataFile.ROW + ", * FROM " + relation + ")",
                null,
                base.rows(),
                List.of());
    }

    /** The text columns of the training data's rules (read as text whatever they look like). */
    static Set<String> textColumns(DataConfig data) {
        Set<String> out = new LinkedHashSet<>();
        if (data == null) {
            return out;
        }
        data.columns()
                .values()
                .forEach(spec -> spec.rule(DataConfig.TypeRule.class)
                        .filter(t -> t.type() == DataConfig.LogicalType.STRING)
                        .ifPresent(t -> out.add(spec.name())));
        return out;
    }
}
