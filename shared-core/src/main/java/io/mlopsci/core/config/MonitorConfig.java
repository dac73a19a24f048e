package io.mlopsci.core.config;

import io.mlopsci.contract.result.Severity;
import io.mlopsci.contract.result.SourceLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code monitor} section: which production records to read, over which window, and the checks
 * on them — in the vocabulary of the other steps ({@code data.drift}'s measures, {@code data.columns}'
 * rules, {@code gate.metrics}' bounds and {@code gate.confidence}'s bootstrap).
 *
 * @param data            the records: files, globs or directories, relative to the workdir
 * @param dataFromDeploy  whether {@code data} is the deploy router's records directory (not written)
 * @param format          how to read them ({@code data.format}'s vocabulary; null kind: by extension)
 * @param window          the window's length, or null for "since the last monitor run"
 * @param firstWindow     the window when there is no last run yet
 * @param alias           the registry alias of the version watched
 * @param columns         the records' column names
 * @param labels          labels that arrive later, or null
 * @param drift           feature drift, training data → live records, or null when off
 * @param predictionDrift score and class drift, the champion's eval predictions → live records, or null
 * @param rules           {@code data.columns}' rules on the live records, or null when off
 * @param unseen          categories the training data never had, or null when off
 * @param metrics         live metrics from the labelled records
 * @param volume          bounds on the records in the window
 * @param freshness       the newest record's age at the window's end
 * @param unknownVersions what records of versions the registry does not know are
 * @param retrainOn       which failing checks ask for retraining
 * @param reference       the training data to compare with instead of the one the champion records, or null
 * @param experiment      the MLflow experiment of monitoring runs (null: {@code <experiment>-monitoring})
 * @param history         past windows shown in the report's trends
 * @param location        where the section is written
 */
public record MonitorConfig(
        List<String> data,
        boolean dataFromDeploy,
        DataConfig.FileFormat format,
        Duration window,
        Duration firstWindow,
        String alias,
        Columns columns,
        Labels labels,
        DataConfig.Drift drift,
        DataConfig.Drift predictionDrift,
        Rules rules,
        Unseen unseen,
        Metrics metrics,
        Volume volume,
        Freshness freshness,
        OnUnknown unknownVersions,
        List<RetrainOn> retrainOn,
        Path reference,
        String experiment,
        int history,
        SourceLocation location) {

    public MonitorConfig {
        data = List.copyOf(data);
        retrainOn = List.copyOf(retrainOn);
    }

    /** The words {@code window} accepts besides a duration. */
    public static final String SINCE_LAST_RUN = "since-last-run";

    /**
     * The records' columns. {@code features} names a column holding the features as an object (the
     * router's records); when the records have no such column, every column not named here is a
     * feature.
     */
    public record Columns(
            String timestamp, String id, String modelVersion, String prediction, String score, String features) {}

    /**
     * Labels joined to the records by id. {@code window} looks further back than the monitoring
     * window for labelled records (labels arrive late); null: the monitoring window.
     */
    public record Labels(
            List<String> data,
            DataConfig.FileFormat format,
            String id,
            String label,
            Duration window,
            OnUnknown unknownIds,
            SourceLocation location) {
        public Labels {
            data = List.copyOf(data);
        }
    }

    /** What records that cannot be attributed (an unknown version, a label for no record) are. */
    public enum OnUnknown {
        /** The input's fault: exit 2, naming file and line. */
        ERROR,
        /** A failing criterion. */
        FAIL,
        /** A warning criterion. */
        WARN,
        /** Left out, with a note. */
        IGNORE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The rules of {@code data.columns} that run on the live records: all but those on the label and
     * uniqueness (requests repeat), minus the {@code exclude} columns (e.g. ids the requests do not carry).
     */
    public record Rules(List<String> exclude, SourceLocation location) {
        public Rules {
            exclude = List.copyOf(exclude);
        }
    }

    /** Live values of a text column the training data never had: at most {@code maxFraction} of them. */
    public record Unseen(double maxFraction, Severity severity, SourceLocation location) {}

    /**
     * Live metrics: the gate's absolute rules ({@code min}, {@code max}) of {@code rules}, computed
     * from the labelled records, decided by the gate's bootstrap interval when {@code confidence} is
     * set; fewer than {@code minRows} labelled records are INCONCLUSIVE, whose effect is
     * {@code inconclusive}.
     */
    public record Metrics(
            List<GateConfig.MetricRule> rules,
            GateConfig.Confidence confidence,
            int minRows,
            Severity inconclusive,
            SourceLocation location) {
        public Metrics {
            rules = List.copyOf(rules);
        }
    }

    /** Records in the window: at least {@code minRows}, at most {@code maxRows} (null: unbounded). */
    public record Volume(long minRows, Long maxRows, Severity severity, SourceLocation location) {}

    /** The newest record may be at most {@code maxAge} old at the window's end. */
    public record Freshness(Duration maxAge, Severity severity, SourceLocation location) {}

    /** The kinds of check a retraining rule names. */
    public enum RetrainOn {
        DRIFT,
        PREDICTION_DRIFT,
        METRIC,
        RULES,
        VOLUME,
        FRESHNESS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
