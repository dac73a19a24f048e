package io.mlopsci.core.config;

import io.mlopsci.contract.result.Severity;
import io.mlopsci.contract.result.SourceLocation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code data} section: the data files the pipeline uses and the checks validate-data runs on
 * them. Paths are absolute (resolved against the workdir). Rules from the schema file and from
 * {@code data.columns} are merged into {@link #columns()}; each rule remembers where it is written.
 *
 * @param train     training data, or null
 * @param eval      evaluation data, or null
 * @param reference reference data for drift, or null
 * @param schema    the schema file (from {@code mlops infer-schema}), or null
 * @param label     the label column, or null
 * @param raw       the section as written
 * @param location  where the section is written
 * @param format    how to read the files
 * @param validate  which files the schema, column and table checks run on
 * @param columns   per-column rules, by column name (schema file first, then mlops.yaml)
 * @param policy    what to do with columns the data has but the rules do not list, and vice versa
 * @param table     table rules, or null
 * @param leakage   train/eval leakage rules, or null
 * @param drift     drift rules, or null
 * @param engine    which engine reads the data, and DuckDB's resources
 * @param sources   what each role's data is, as the engine reads it (a local file, a URI, a table)
 * @param spark     the Spark Connect endpoint ({@code data.spark}), or null unless the engine is Spark
 */
public record DataConfig(
        Path train,
        Path eval,
        Path reference,
        Path schema,
        String label,
        YNode raw,
        SourceLocation location,
        FileFormat format,
        List<Role> validate,
        Map<String, ColumnSpec> columns,
        SchemaPolicy policy,
        TableRules table,
        Leakage leakage,
        Drift drift,
        Engine engine,
        Map<Role, Source> sources,
        Spark spark) {

    public DataConfig {
        validate = List.copyOf(validate);
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /** Whether a path is a URI with a scheme ({@code s3a://...}), read by a cluster as written. */
    public static boolean isUri(String path) {
        return DataSources.isUri(path);
    }

    /** The source of a role, or null. */
    public Source source(Role role) {
        return sources.get(role);
    }

    /** Whether there is anything for validate-data to check. */
    public boolean hasChecks() {
        return schema != null
                || !columns.isEmpty()
                || table != null
                || leakage != null
                || drift != null
                || (label != null && !validate.isEmpty());
    }

    /** The file of a role, or null (the monitor's roles have no file in this section). */
    public Path file(Role role) {
        return switch (role) {
            case TRAIN -> train;
            case EVAL -> eval;
            case REFERENCE -> reference;
            case LIVE, PREDICTIONS -> null;
        };
    }

    /**
     * The part a data file plays: the three files of this section, and what monitor reads — the
     * production records of a window ({@code live}) and the champion's eval predictions.
     */
    public enum Role {
        TRAIN("data.train"),
        EVAL("data.eval"),
        REFERENCE("data.reference"),
        LIVE("monitor.data"),
        PREDICTIONS("the champion's eval predictions");

        private final String setting;

        Role(String setting) {
            this.setting = setting;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** How messages name where the file comes from, e.g. {@code data.train} or {@code monitor.data}. */
        public String setting() {
            return setting;
        }
    }

    /**
     * How the data files are read. {@code kind} null means "from each file's extension".
     *
     * @param kind      csv, parquet or jsonl, or null for auto
     * @param delimiter the CSV field separator (null: ',' or, for .tsv files, tab)
     * @param nulls     CSV strings read as null
     */
    public record FileFormat(Kind kind, String delimiter, List<String> nulls) {
        public FileFormat {
            nulls = List.copyOf(nulls);
        }

        public enum Kind {
            CSV,
            PARQUET,
            JSONL
        }
    }

    /** The logical types a rule can require. {@code NUMBER} accepts integers too. */
    public enum LogicalType {
        INTEGER,
        NUMBER,
        STRING,
        BOOLEAN,
        DATE,
        TIMESTAMP,
        TIME;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What to do when a column is present on one side only. */
    public enum Policy {
        FAIL,
        WARN,
        ALLOW;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Which columns must be there and which may be.
     *
     * @param extra    columns in the data that no rule lists
     * @param missing  columns a rule lists that the data does not have
     * @param location where the policy is written (the schema file, or the data section)
     */
    public record SchemaPolicy(Policy extra, Policy missing, SourceLocation location) {}

    /**
     * Every rule on one column.
     *
     * @param name      the column
     * @param rules     the rules, at most one of each kind
     * @param mostly    the fraction of non-null values the value rules must hold for (1 = all)
     * @param severity  what a violation does
     * @param location  where the column's entry is written
     */
    public record ColumnSpec(
            String name, List<ColumnRule> rules, double mostly, Severity severity, SourceLocation location) {
        public ColumnSpec {
            rules = List.copyOf(rules);
        }

        public <T extends ColumnRule> java.util.Optional<T> rule(Class<T> kind) {
            return rules.stream().filter(kind::isInstance).map(kind::cast).findFirst();
        }
    }

    /** One rule on a column, with where it is written. */
    public sealed interface ColumnRule {
        SourceLocation location();

        /** The rule's short name, used in criterion ids, e.g. {@code range}. */
        String key();
    }

    /** The column's type. */
    public record TypeRule(LogicalType type, SourceLocation location) implements ColumnRule {
        public String key() {
            return "type";
        }
    }

    /** At most this fraction of rows may be null ({@code nullable: false} is 0). */
    public record NullRule(double maxFraction, SourceLocation location) implements ColumnRule {
        public String key() {
            return "nulls";
        }
    }

    /** Values within [min, max] (either may be null). */
    public record RangeRule(Bound min, Bound max, SourceLocation location) implements ColumnRule {
        public String key() {
            return "range";
        }
    }

    /** A bound as written: a number, or text compared in the column's own type (dates, timestamps). */
    public record Bound(String text, boolean number) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Values in a fixed set. */
    public record AllowedRule(List<Scalar> values, SourceLocation location) implements ColumnRule {
        public AllowedRule {
            values = List.copyOf(values);
        }

        public String key() {
            return "allowed";
        }
    }

    /** A scalar from YAML: its text and whether YAML typed it as a number or boolean. */
    public record Scalar(String text, YNode.ScalarType type) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** The whole value matches a regular expression (RE2 syntax, anchored at both ends). */
    public record PatternRule(String regex, SourceLocation location) implements ColumnRule {
        public String key() {
            return "regex";
        }
    }

    /** String length in characters within [min, max]. */
    public record LengthRule(Integer min, Integer max, SourceLocation location) implements ColumnRule {
        public String key() {
            return "length";
        }
    }

    /** No non-null value occurs twice. */
    public record UniqueRule(SourceLocation location) implements ColumnRule {
        public String key() {
            return "unique";
        }
    }

    /**
     * Rules on a whole file.
     *
     * @param minRows               at least this many rows, or null
     * @param maxRows               at most this many rows, or null
     * @param rowsAt                where the row bounds are written
     * @param maxDuplicateFraction  at most this fraction of rows repeat an earlier row, or null
     * @param duplicatesAt          where that rule is written
     * @param classBalance          share bounds for the label's classes, or null
     * @param severity              what a violation does
     * @param location              where the table section is written
     */
    public record TableRules(
            Long minRows,
            Long maxRows,
            SourceLocation rowsAt,
            Double maxDuplicateFraction,
            SourceLocation duplicatesAt,
            ClassBalance classBalance,
            Severity severity,
            SourceLocation location) {}

    /** Every class of the label has a share of at least {@code min} and at most {@code max}. */
    public record ClassBalance(Double min, Double max, SourceLocation location) {}

    /**
     * Train/eval leakage.
     *
     * @param keys        key columns: eval rows whose key also occurs in train leak
     * @param rows        also count eval rows identical to a train row (on the shared columns)
     * @param ignore      columns left out of the identical-row comparison (default: the keys)
     * @param maxFraction share of eval rows allowed to leak
     * @param severity    what a violation does
     * @param location    where the section is written
     * @param keysAt      where the keys are written
     * @param rowsAt      where {@code rows} is written
     */
    public record Leakage(
            List<String> keys,
            boolean rows,
            List<String> ignore,
            double maxFraction,
            Severity severity,
            SourceLocation location,
            SourceLocation keysAt,
            SourceLocation rowsAt) {
        public Leakage {
            keys = List.copyOf(keys);
            ignore = List.copyOf(ignore);
        }
    }

    /** The drift measures. {@code AUTO} chooses one per column by type and size, as Evidently does. */
    public enum Method {
        AUTO,
        PSI,
        KS,
        WASSERSTEIN,
        JENSENSHANNON,
        CHISQUARE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the criterion compares a p-value (drift when it is small) rather than a distance. */
        public boolean pValue() {
            return this == KS || this == CHISQUARE;
        }
    }

    /**
     * Thresholds of one column (or the defaults): distances drift when at or above {@code warn} /
     * {@code fail}; p-values when below {@code pWarn} / {@code pFail}.
     */
    public record Thresholds(double warn, double fail, double pWarn, double pFail) {}

    /**
     * Drift of the current file against the reference file.
     *
     * @param reference     the baseline file's role
     * @param current       the compared file's role
     * @param method        the default method
     * @param thresholds    the default thresholds
     * @param bins          quantile bins of numeric columns for psi, jensenshannon and chisquare
     * @param maxCategories categories compared per column before the rest are pooled
     * @param columns       the columns compared (empty: every column both files have, minus {@code exclude})
     * @param exclude       columns never compared
     * @param perColumn     per-column method and thresholds
     * @param shareWarn     dataset drift warns when at least this share of columns drift, or null
     * @param shareFail     dataset drift fails when at least this share of columns drift, or null
     * @param severity      what a violation does
     * @param location      where the section is written
     * @param shareAt       where the dataset share is written
     */
    public record Drift(
            Role reference,
            Role current,
            Method method,
            Thresholds thresholds,
            int bins,
            int maxCategories,
            List<String> columns,
            List<String> exclude,
            Map<String, ColumnDrift> perColumn,
            Double shareWarn,
            Double shareFail,
            Severity severity,
            SourceLocation location,
            SourceLocation shareAt) {
        public Drift {
            columns = List.copyOf(columns);
            exclude = List.copyOf(exclude);
            perColumn = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perColumn));
        }
    }

    /** One column's drift settings. */
    public record ColumnDrift(Method method, Thresholds thresholds, SourceLocation location) {}

    /**
     * The engine that reads the data, and DuckDB's resources: a memory limit (DuckDB spills sorts,
     * joins and aggregations beyond it to a temporary directory under the step's output) and a
     * thread count.
     *
     * @param kind        DuckDB (embedded, the default) or Spark (through Spark Connect, an add-on)
     * @param memoryLimit e.g. {@code 4GB}, or null for half of the machine's memory
     * @param threads     worker threads, or null for the available processors
     * @param location    where {@code data.engine} is written
     */
    public record Engine(EngineKind kind, String memoryLimit, Integer threads, SourceLocation location) {}

    /** Which engine reads the data. */
    public enum EngineKind {
        DUCKDB,
        SPARK;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What a role's data is, as written in {@code data.<role>}: a file path or URI, or a catalog
     * table (Spark only), with an optional row filter and the partition column whose newest value
     * alone is read (Spark only).
     *
     * @param role      the part the data plays
     * @param path      a local file (absolute, resolved against the workdir) or a URI the cluster
     *                  reads ({@code s3a://...}, {@code hdfs://...}, {@code file:/...}), or null for a table
     * @param table     a catalog table ({@code catalog.schema.name}, {@code schema.name}, {@code name}), or null
     * @param format    the file format when written for this source (else {@code data.format}, else the extension)
     * @param where     a SQL condition rows must meet (Spark SQL), or null
     * @param partition a column: only rows with its greatest value are read, or null
     * @param location  where the source is written
     */
    public record Source(
            Role role,
            String path,
            String table,
            FileFormat.Kind format,
            String where,
            String partition,
            SourceLocation location) {

        public boolean isTable() {
            return table != null;
        }

        /** How reports name it: the path or URI as given, or {@code table catalog.schema.name}. */
        public String describe() {
            String base = table != null ? "table " + table : path;
            if (partition != null) {
                base += " (newest " + partition + ")";
            }
            return where == null ? base : base + " where " + where;
        }
    }

    /**
     * The Spark Connect endpoint for {@code data.engine: spark}.
     *
     * @param remote   the Spark Connect URL, {@code sc://host:port/;use_ssl=true;...} (never a token)
     * @param tokenEnv the environment variable that holds the bearer token, or null for none
     * @param timeout  the longest the checks may run on Spark before they are cancelled, or null
     * @param location where {@code data.spark} is written
     */
    public record Spark(String remote, String tokenEnv, java.time.Duration timeout, SourceLocation location) {}
}
