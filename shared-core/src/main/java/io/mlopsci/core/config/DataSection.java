package io.mlopsci.core.config;

import io.mlopsci.contract.result.Severity;
import io.mlopsci.core.config.DataConfig.ColumnDrift;
import io.mlopsci.core.config.DataConfig.ColumnSpec;
import io.mlopsci.core.config.DataConfig.Drift;
import io.mlopsci.core.config.DataConfig.Engine;
import io.mlopsci.core.config.DataConfig.FileFormat;
import io.mlopsci.core.config.DataConfig.Leakage;
import io.mlopsci.core.config.DataConfig.Method;
import io.mlopsci.core.config.DataConfig.Policy;
import io.mlopsci.core.config.DataConfig.Role;
import io.mlopsci.core.config.DataConfig.SchemaPolicy;
import io.mlopsci.core.config.DataConfig.Source;
import io.mlopsci.core.config.DataConfig.Spark;
import io.mlopsci.core.config.DataConfig.TableRules;
import io.mlopsci.core.config.DataConfig.Thresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the {@code data} section: the files, how to read them, and the checks validate-data runs
 * (the schema file, per-column rules, table rules, leakage, drift).
 */
final class DataSection {

    static final List<String> KEYS = List.of(
            "train",
            "eval",
            "reference",
            "schema",
            "label",
            "format",
            "csv",
            "validate",
            "columns",
            "table",
            "leakage",
            "drift",
            "engine",
            "spark");
    static final List<String> CSV_KEYS = List.of("delimiter", "nulls");
    static final List<String> TABLE_KEYS = List.of("rows", "max_duplicate_fraction", "class_balance", "severity");
    static final List<String> BOUNDS_KEYS = List.of("min", "max");
    static final List<String> LEAKAGE_KEYS = List.of("keys", "rows", "ignore", "max_fraction", "severity");
    static final List<String> DRIFT_KEYS = List.of(
            "reference",
            "current",
            "method",
            "warn",
            "fail",
            "p_value",
            "bins",
            "max_categories",
            "columns",
            "exclude",
            "per_column",
            "share",
            "severity");
    /** The drift keys a section between fixed files accepts (monitor's: training data → live records). */
    static final List<String> DRIFT_MEASURE_KEYS = DRIFT_KEYS.subList(2, DRIFT_KEYS.size());

    static final List<String> COLUMN_DRIFT_KEYS = List.of("method", "warn", "fail", "p_value");
    static final List<String> P_VALUE_KEYS = List.of("warn", "fail");

    static final double DEFAULT_WARN = 0.1;
    static final double DEFAULT_FAIL = 0.2;
    static final double DEFAULT_P_WARN = 0.05;
    static final double DEFAULT_P_FAIL = 0.01;
    static final double DEFAULT_SHARE_FAIL = 0.5;
    static final int DEFAULT_BINS = 10;
    static final int DEFAULT_MAX_CATEGORIES = 100;

    private static final Map<String, Role> ROLES =
            SchemaFile.ordered("train", Role.TRAIN, "eval", Role.EVAL, "reference", Role.REFERENCE);
    private static final Map<String, Method> METHODS = methods();
    /** Other common spellings of drift methods (scipy's, Evidently's, the papers'), as the canonical keys. */
    static final Map<String, String> METHOD_ALIASES = Map.of(
            "js", "jensenshannon",
            "jensen-shannon", "jensenshannon",
            "jensen_shannon", "jensenshannon",
            "chi2", "chisquare",
            "chi-square", "chisquare",
            "chi_square", "chisquare",
            "kolmogorov-smirnov", "ks");

    private static final Map<String, FileFormat.Kind> FORMATS = formats();

    private DataSection() {}

    static DataConfig read(MapView root, SectionContext ctx) {
        if (!root.has("data")) {
            return null;
        }
        MapView d = root.map("data", KEYS);
        Engine engine = DataSources.engine(d);
        Map<Role, Source> files = new LinkedHashMap<>();
        for (Role role : List.of(Role.TRAIN, Role.EVAL, Role.REFERENCE)) {
            Source source = DataSources.source(d, role.key(), role, ctx, engine.kind(), FORMATS);
            if (source != null) {
                files.put(role, source);
            }
        }
        Path train = DataSources.localFile(files.get(Role.TRAIN));
        Path eval = DataSources.localFile(files.get(Role.EVAL));
        Path reference = DataSources.localFile(files.get(Role.REFERENCE));
        Path schema = ctx.path(d.string("schema"));
        String label = d.string("label");
        Spark spark = DataSources.spark(d, engine.kind());

        FileFormat format = format(d);
        List<Role> validate = validate(d, files);

        Map<String, ColumnSpec> columns = new LinkedHashMap<>();
        SchemaPolicy policy = new SchemaPolicy(Policy.ALLOW, Policy.FAIL, d.location("columns"));
        if (schema != null) {
            SchemaPolicy fromFile = readSchemaFile(schema, d, ctx, columns);
            if (fromFile != null) {
                policy = fromFile;
            }
        }
        MapView columnsView = d.map("columns", null);
        for (String name : columnsView.keys()) {
            ColumnSpec spec = ColumnRules.read(name, columnsView, columnsView.problems());
            columns.merge(name, spec, ColumnRules::override);
        }

        TableRules table = table(d, label);
        Leakage leakage = leakage(d, files);
        Drift drift = drift(d, files);
        if ((d.has("columns") || schema != null || table != null) && validate.isEmpty() && d.present()) {
            d.problems()
                    .add(
                            d.location(),
                            d.path(),
                            "schema, column and table checks need a file to run on:"
                                    + " set 'train' or 'eval' (or list the files in 'validate')");
        }
        return new DataConfig(
                train,
                eval,
                reference,
                schema,
                label,
                root.raw("data"),
                d.declaredAt(),
                format,
                validate,
                columns,
                policy,
                table,
                leakage,
                drift,
                engine,
                files,
                spark);
    }

    static FileFormat format(MapView d) {
        FileFormat.Kind kind = "auto".equals(d.string("format")) ? null : d.choice("format", FORMATS, null);
        MapView csv = d.map("csv", CSV_KEYS);
        String delimiter = csv.string("delimiter");
        if (delimiter != null && !delimiter.equals("\\t") && delimiter.length() != 1) {
            csv.problem("delimiter", "expected one character such as ',' ';' '|' or \\t, got '" + delimiter + "'");
            delimiter = null;
        }
        if ("\\t".equals(delimiter)) {
            delimiter = "\t";
        }
        List<String> nulls = csv.has("nulls") ? csv.stringList("nulls") : List.of("");
        return new FileFormat(kind, delimiter, nulls);
    }

    private static List<Role> validate(MapView d, Map<Role, Source> files) {
        if (!d.has("validate")) {
            List<Role> out = new ArrayList<>();
            for (Role r : List.of(Role.TRAIN, Role.EVAL)) {
                if (files.containsKey(r)) {
                    out.add(r);
                }
            }
            return out;
        }
        List<Role> out = new ArrayList<>();
        for (String s : d.stringList("validate")) {
            Role r = role(d, "validate", s);
            if (r != null && !files.containsKey(r)) {
                d.problem("validate", "'" + s + "' is listed but 'data." + s + "' is not set");
            } else if (r != null && !out.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private static Role role(MapView v, String key, String s) {
        Role r = ROLES.get(s);
        if (r == null) {
            String hint = Suggestions.closest(s, ROLES.keySet())
                    .map(x -> " (did you mean '" + x + "'?)")
                    .orElse("");
            v.problem(key, "expected one of train, eval, reference, got '" + s + "'" + hint);
        }
        return r;
    }

    /** Reads the schema file's rules into {@code columns}; returns its policy (null when unreadable). */
    private static SchemaPolicy readSchemaFile(
            Path schema, MapView d, SectionContext ctx, Map<String, ColumnSpec> columns) {
        String display = displayName(schema, ctx.workdir());
        if (!Files.isRegularFile(schema)) {
            d.problem(
                    "schema",
                    "schema file " + display + " not found (write one with `mlops infer-schema DATA --out " + display
                            + "`)");
            return null;
        }
        YNode doc;
        try {
            doc = YamlParser.parse(schema, display);
        } catch (ConfigException e) {
            e.problems().forEach(p -> ctx.problems().add(p.location(), p.path(), p.message()));
            return null;
        }
        MapView s = MapView.of(doc, "", ctx.problems(), SchemaFile.KEYS, doc.location());
        if (!s.present()) {
            return null;
        }
        return SchemaFile.read(s, columns);
    }

    static String displayName(Path file, Path workdir) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(workdir) ? workdir.relativize(abs).toString() : abs.toString();
    }

    private static TableRules table(MapView d, String label) {
        if (!d.has("table")) {
            return null;
        }
        MapView t = d.map("table", TABLE_KEYS);
        Long minRows = null;
        Long maxRows = null;
        if (t.has("rows")) {
            MapView rows = t.map("rows", BOUNDS_KEYS);
            Integer min = rows.integer("min", 0, Integer.MAX_VALUE);
            Integer max = rows.integer("max", 0, Integer.MAX_VALUE);
            minRows = min == null ? null : min.longValue();
            maxRows = max == null ? null : max.longValue();
            if (minRows != null && maxRows != null && minRows > maxRows) {
                rows.problem("min", "min (" + minRows + ") is greater than max (" + maxRows + "): no file can pass");
            }
            if (minRows == null && maxRows == null && rows.present()) {
                rows.problems().add(rows.location(), rows.path(), "expected min, max or both");
            }
        }
        Double dup = t.number("max_duplicate_fraction", 0, 1);
        DataConfig.ClassBalance balance = null;
        if (t.has("class_balance")) {
            MapView b = t.map("class_balance", BOUNDS_KEYS);
            Double min = b.number("min", 0, 1);
            Double max = b.number("max", 0, 1);
            if (min == null && max == null && b.present()) {
                b.problems()
                        .add(
                                b.location(),
                                b.path(),
                                "expected min (share of the rarest class), max (share of the"
                                        + " most common class) or both");
            }
            if (label == null) {
                t.problem("class_balance", "class balance needs the label column: set 'data.label'");
            }
            balance = new DataConfig.ClassBalance(min, max, t.keyLocation("class_balance"));
        }
        if (minRows == null && maxRows == null && dup == null && balance == null && t.present()) {
            t.problems()
                    .add(
                            t.location(),
                            t.path(),
                            "expected at least one of: rows, max_duplicate_fraction, class_balance");
        }
        return new TableRules(
                minRows,
                maxRows,
                t.keyLocation("rows"),
                dup,
                t.keyLocation("max_duplicate_fraction"),
                balance,
                severity(t),
                t.declaredAt());
    }

    private static Leakage leakage(MapView d, Map<Role, Source> files) {
        if (!d.has("leakage")) {
            return null;
        }
        MapView l = d.map("leakage", LEAKAGE_KEYS);
        List<String> keys = l.stringList("keys");
        boolean rows = l.bool("rows", false);
        if (keys.isEmpty() && !rows && l.present()) {
            l.problems().add(l.location(), l.path(), "expected 'keys' (the id columns) and/or 'rows: true'");
        }
        List<String> ignore = l.has("ignore") ? l.stringList("ignore") : keys;
        Double max = l.number("max_fraction", 0, 1);
        if (!files.containsKey(Role.TRAIN) || !files.containsKey(Role.EVAL)) {
            d.problem("leakage", "leakage compares train and eval data: set both 'data.train' and 'data.eval'");
        }
        return new Leakage(
                keys,
                rows,
                ignore,
                max == null ? 0 : max,
                severity(l),
                l.declaredAt(),
                l.keyLocation("keys"),
                l.keyLocation("rows"));
    }

    private static Drift drift(MapView d, Map<Role, Source> files) {
        if (!d.has("drift")) {
            return null;
        }
        MapView v = d.map("drift", DRIFT_KEYS);
        Role reference = v.has("reference")
                ? role(v, "reference", v.string("reference"))
                : files.containsKey(Role.REFERENCE) ? Role.REFERENCE : Role.TRAIN;
        Role current = v.has("current")
                ? role(v, "current", v.string("current"))
                : files.containsKey(Role.EVAL) ? Role.EVAL : Role.TRAIN;
        if (reference != null && !files.containsKey(reference)) {
            v.problems()
                    .add(
                            v.has("reference") ? v.location("reference") : v.location(),
                            v.child("reference"),
                            "the drift reference is '" + reference.key() + "' but 'data." + reference.key()
                                    + "' is not set");
        }
        if (current != null && !files.containsKey(current)) {
            v.problems()
                    .add(
                            v.has("current") ? v.location("current") : v.location(),
                            v.child("current"),
                            "drift compares '" + current.key() + "' but 'data." + current.key() + "' is not set");
        }
        if (reference != null && reference == current && files.containsKey(reference)) {
            v.problems()
                    .add(
                            v.location(),
                            v.path(),
                            "drift needs two different files: reference and current are both '" + reference.key()
                                    + "' (set data.eval or data.reference)");
        }
        return drift(v, reference, current, null);
    }

    /**
     * The measures of a drift mapping — method, thresholds, bins, columns, per-column settings,
     * the dataset share and severity — between two roles; what validate-data's {@code data.drift}
     * and monitor's {@code monitor.drift} have in common. Unset values come from {@code defaults}
     * (another drift section) or, without one, from the built-in defaults.
     */
    static Drift drift(MapView v, Role reference, Role current, Drift defaultsFrom) {
        Method method =
                v.choice("method", METHODS, METHOD_ALIASES, defaultsFrom == null ? Method.PSI : defaultsFrom.method());
        Thresholds defaults = thresholds(
                v,
                defaultsFrom == null
                        ? new Thresholds(DEFAULT_WARN, DEFAULT_FAIL, DEFAULT_P_WARN, DEFAULT_P_FAIL)
                        : defaultsFrom.thresholds());
        Integer bins = v.integer("bins", 2, 1000);
        Integer maxCategories = v.integer("max_categories", 2, 100_000);
        List<String> columns =
                v.has("columns") || defaultsFrom == null ? v.stringList("columns") : defaultsFrom.columns();
        List<String> exclude =
                v.has("exclude") || defaultsFrom == null ? v.stringList("exclude") : defaultsFrom.exclude();
        Map<String, ColumnDrift> perColumn = new LinkedHashMap<>();
        for (Map.Entry<String, MapView> e :
                v.namedMaps("per_column", COLUMN_DRIFT_KEYS).entrySet()) {
            MapView c = e.getValue();
            Method m = c.choice("method", METHODS, METHOD_ALIASES, method);
            perColumn.put(e.getKey(), new ColumnDrift(m, thresholds(c, defaults), c.declaredAt()));
            if (exclude.contains(e.getKey())) {
                c.problems().add(c.declaredAt(), c.path(), "'" + e.getKey() + "' is also listed in drift.exclude");
            }
        }
        if (!v.has("per_column") && defaultsFrom != null) {
            perColumn.putAll(defaultsFrom.perColumn());
        }
        Double shareWarn = defaultsFrom == null ? null : defaultsFrom.shareWarn();
        Double shareFail = defaultsFrom == null ? DEFAULT_SHARE_FAIL : defaultsFrom.shareFail();
        YNode share = v.raw("share");
        if (share != null && share.kind() == YNode.Kind.MAP) {
            MapView s = v.map("share", P_VALUE_KEYS);
            shareWarn = s.number("warn", 0, 1);
            shareFail = s.number("fail", 0, 1);
            if (shareWarn != null && shareFail != null && shareWarn > shareFail) {
                s.problem("warn", "warn (" + shareWarn + ") is above fail (" + shareFail + ")");
            }
        } else if (share != null) {
            shareFail = v.number("share", 0, 1);
        }
        return new Drift(
                reference,
                current,
                method,
                defaults,
                bins != null ? bins : defaultsFrom == null ? DEFAULT_BINS : defaultsFrom.bins(),
                maxCategories != null
                        ? maxCategories
                        : defaultsFrom == null ? DEFAULT_MAX_CATEGORIES : defaultsFrom.maxCategories(),
                columns,
                exclude,
                perColumn,
                shareWarn,
                shareFail,
                v.has("severity") || defaultsFrom == null ? severity(v) : defaultsFrom.severity(),
                v.present() || defaultsFrom == null ? v.declaredAt() : defaultsFrom.location(),
                v.has("share") || defaultsFrom == null ? v.keyLocation("share") : defaultsFrom.shareAt());
    }

    static Thresholds thresholds(MapView v, Thresholds defaults) {
        Double warn = v.number("warn", 0, Double.MAX_VALUE);
        Double fail = v.number("fail", 0, Double.MAX_VALUE);
        double w = warn != null ? warn : defaults.warn();
        double f = fail != null ? fail : defaults.fail();
        if (warn != null && fail == null && w > f) {
            f = w;
        } else if (fail != null && warn == null && w > f) {
            w = f;
        }
        if (w > f) {
            v.problem(
                    "warn",
                    "warn (" + MapView.fmt(w) + ") is above fail (" + MapView.fmt(f) + "): distances drift"
                            + " when at or above a threshold, so warn must not exceed fail");
        }
        double pw = defaults.pWarn();
        double pf = defaults.pFail();
        if (v.has("p_value")) {
            MapView p = v.map("p_value", P_VALUE_KEYS);
            Double pWarn = p.number("warn", 0, 1);
            Double pFail = p.number("fail", 0, 1);
            pw = pWarn != null ? pWarn : pw;
            pf = pFail != null ? pFail : pf;
            if (pWarn != null && pFail == null && pf > pw) {
                pf = pw;
            } else if (pFail != null && pWarn == null && pf > pw) {
                pw = pf;
            }
            if (pf > pw) {
                p.problem(
                        "fail",
                        "fail (" + MapView.fmt(pf) + ") is above warn (" + MapView.fmt(pw) + "): p-values drift"
                                + " when below a threshold, so fail must not exceed warn");
            }
        }
        return new Thresholds(w, f, pw, pf);
    }

    static Severity severity(MapView v) {
        return v.choice("severity", SchemaFile.ordered("fail", Severity.FAIL, "warn", Severity.WARN), Severity.FAIL);
    }

    private static Map<String, Method> methods() {
        Map<String, Method> m = new LinkedHashMap<>();
        for (Method x : Method.values()) {
            m.put(x.key(), x);
        }
        return m;
    }

    private static Map<String, FileFormat.Kind> formats() {
        Map<String, FileFormat.Kind> m = new LinkedHashMap<>();
        m.put("csv", FileFormat.Kind.CSV);
        m.put("parquet", FileFormat.Kind.PARQUET);
        m.put("jsonl", FileFormat.Kind.JSONL);
        return m;
    }
}
