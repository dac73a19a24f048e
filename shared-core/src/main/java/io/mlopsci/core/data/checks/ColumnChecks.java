package io.mlopsci.core.data.checks;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Severity;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.AllowedRule;
import io.mlopsci.core.config.DataConfig.Bound;
import io.mlopsci.core.config.DataConfig.ColumnRule;
import io.mlopsci.core.config.DataConfig.ColumnSpec;
import io.mlopsci.core.config.DataConfig.LengthRule;
import io.mlopsci.core.config.DataConfig.LogicalType;
import io.mlopsci.core.config.DataConfig.NullRule;
import io.mlopsci.core.config.DataConfig.PatternRule;
import io.mlopsci.core.config.DataConfig.RangeRule;
import io.mlopsci.core.config.DataConfig.Scalar;
import io.mlopsci.core.config.DataConfig.TypeRule;
import io.mlopsci.core.config.DataConfig.UniqueRule;
import io.mlopsci.core.config.YNode;
import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.CheckDialect;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DataFile.Column;
import io.mlopsci.core.data.scan.DataFile.Kind;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.Sql;
import io.mlopsci.core.data.scan.SqlRunner;
import io.mlopsci.core.error.MlopsException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The schema and per-column checks on one file: expected and unexpected columns, the label, and
 * each column's type, nulls, range, allowed values, regex, length and uniqueness. Every rule adds
 * its aggregates to the file's one fused query; offending values are looked up only for rules
 * that fail.
 */
public final class ColumnChecks {

    private final DataConfig data;
    private final DataFile file;
    private final SqlRunner db;
    private final String prefix;
    private final List<Pending> pending = new ArrayList<>();
    private String rowsKey;

    public ColumnChecks(DataConfig data, DataFile file, SqlRunner db) {
        this.data = data;
        this.file = file;
        this.db = db;
        this.prefix = file.role().key() + ".";
    }

    /** A rule waiting for the fused query's results. */
    private interface Pending {
        Criterion evaluate(Row r) throws SQLException;
    }

    /** Adds every rule's aggregates to the file's fused query (validating regexes and bounds first). */
    public void plan(AggregateQuery q) throws SQLException {
        rowsKey = q.add("count(*)");
        Map<String, Column> columns = file.byName();
        Set<String> typeChecked = new TreeSet<>();
        for (ColumnSpec spec : data.columns().values()) {
            Column col = columns.get(spec.name());
            if (col == null) {
                continue;
            }
            String nonNull = q.add("count(" + col.sql() + ")");
            for (ColumnRule rule : spec.rules()) {
                if (rule instanceof TypeRule t) {
                    typeChecked.add(col.name());
                    planType(q, spec, col, t, nonNull);
                } else if (rule instanceof NullRule n) {
                    planNulls(spec, col, n, nonNull);
                } else if (rule instanceof UniqueRule u) {
                    planUnique(q, spec, col, u, nonNull);
                } else {
                    planValueRule(q, spec, col, rule, nonNull);
                }
            }
        }
        for (DataFile.TypeChange change : file.typeChanges()) {
            if (!typeChecked.contains(change.column())) {
                Column col = columns.get(change.column());
                ColumnSpec spec = data.columns().get(change.column());
                SourceLocation at = spec != null ? spec.location() : data.location();
                planType(
                        q,
                        spec != null ? spec : new ColumnSpec(col.name(), List.of(), 1, Severity.FAIL, at),
                        col,
                        null,
                        q.add("count(" + col.sql() + ")"));
            }
        }
    }

    /** Criteria for the schema (missing, extra, label) and every column rule. */
    public List<Criterion> evaluate(Row r) throws SQLException {
        List<Criterion> out = new ArrayList<>(schema());
        for (Pending p : pending) {
            out.add(p.evaluate(r));
        }
        return out;
    }

    private List<Criterion> schema() {
        List<Criterion> out = new ArrayList<>();
        Map<String, Column> columns = file.byName();
        DataConfig.SchemaPolicy policy = data.policy();
        if (!data.columns().isEmpty()) {
            List<String> missing = data.columns().keySet().stream()
                    .filter(c -> !columns.containsKey(c))
                    .toList();
            Status status = missing.isEmpty()
                    ? Status.PASS
                    : policy.missing() == DataConfig.Policy.WARN ? Status.WARN : Status.FAIL;
            Criterion.Builder b = Criterion.builder(prefix + "schema.missing_columns")
                    .metric(file.role().key() + " columns")
                    .rule("missing_columns")
                    .status(status)
                    .actual((double) missing.size())
                    .threshold(0.0)
                    .expected("every listed column present (" + data.columns().size() + ")")
                    .observed(
                            missing.isEmpty()
                                    ? "all " + data.columns().size() + " present"
                                    : missing.size() + " missing: " + String.join(", ", missing))
                    .location(missingLocation(missing));
            if (!missing.isEmpty()) {
                b.message(file.display() + " has no column "
                                + missing.stream().map(Texts::quote).collect(Collectors.joining(", "))
                                + "; its columns are " + String.join(", ", columns.keySet()))
                        .details(Map.of("missing", missing));
            }
            out.add(b.build());
        }
        if (policy.extra() != DataConfig.Policy.ALLOW && !data.columns().isEmpty()) {
            List<String> extra = columns.keySet().stream()
                    .filter(c -> !data.columns().containsKey(c))
                    .toList();
            Status status = extra.isEmpty()
                    ? Status.PASS
                    : policy.extra() == DataConfig.Policy.WARN ? Status.WARN : Status.FAIL;
            Criterion.Builder b = Criterion.builder(prefix + "schema.extra_columns")
                    .metric(file.role().key() + " columns")
                    .rule("extra_columns")
                    .status(status)
                    .actual((double) extra.size())
                    .threshold(0.0)
                    .expected("no column beyond the " + data.columns().size() + " listed (extra_columns: "
                            + policy.extra().key() + ")")
                    .observed(extra.isEmpty() ? "none" : extra.size() + " extra: " + String.join(", ", extra))
                    .location(policy.location());
            if (!extra.isEmpty()) {
                b.message(file.display() + " has columns the schema does not list: " + String.join(", ", extra)
                                + " (add them to the schema, or set extra_columns: allow)")
                        .details(Map.of("extra", extra));
            }
            out.add(b.build());
        }
        if (data.label() != null) {
            boolean present = columns.containsKey(data.label());
            out.add(Criterion.builder(prefix + "label.present")
                    .metric(file.role().key() + "." + data.label())
                    .rule("label_present")
                    .status(present ? Status.PASS : Status.FAIL)
                    .expected("label column '" + data.label() + "' present")
                    .observed(present ? "present" : "absent")
                    .message(
                            present
                                    ? null
                                    : file.display() + " has no label column '" + data.label() + "'; its columns are "
                                            + String.join(", ", columns.keySet()))
                    .location(data.location())
                    .build());
        }
        return out;
    }

    private SourceLocation missingLocation(List<String> missing) {
        if (!missing.isEmpty()) {
            return data.columns().get(missing.get(0)).location();
        }
        return data.policy().location();
    }

    private Criterion.Builder base(ColumnSpec spec, Column col, ColumnRule rule, String ruleKey) {
        return Criterion.builder(prefix + col.name() + "." + ruleKey)
                .metric(file.role().key() + "." + col.name())
                .rule(ruleKey)
                .severity(spec.severity())
                .location(rule != null ? rule.location() : spec.location());
    }

    private Criterion error(ColumnSpec spec, Column col, ColumnRule rule, String expected, String message) {
        return base(spec, col, rule, rule.key())
                .status(Status.ERROR)
                .expected(expected)
                .message(message)
                .build();
    }

    // ---- type --------------------------------------------------------------------------------

    private void planType(AggregateQuery q, ColumnSpec spec, Column col, TypeRule rule, String nonNullKey) {
        DataFile.TypeChange change = file.typeChange(col.name());
        LogicalType declared = rule == null ? null : rule.type();
        String expected = declared != null ? declared.key() : "one type throughout";
        if (change != null) {
            String violation = col.sql() + " IS NOT NULL AND TRY_CAST(" + col.sql() + " AS "
                    + db.dialect().type(change.detectedType()) + ") IS NULL";
            String bad = q.add("count_if(" + violation + ")");
            pending.add(r -> {
                long n = r.count(bad);
                long nn = r.count(nonNullKey);
                Evidence ev = Evidence.of(db, file, col.sql(), violation);
                String where = change.line() == null
                        ? ""
                        : "; line " + Texts.count(change.line()) + " has " + Texts.quote(change.value());
                return base(spec, col, rule, "type")
                        .status(Texts.violated(spec.severity()))
                        .actual((double) n)
                        .threshold(0.0)
                        .expected(expected)
                        .observed("mixed: " + Texts.count(n) + " of " + Texts.count(nn) + " values are not "
                                + change.detectedType())
                        .message("column '" + col.name() + "' changes type mid-file: the first rows read as "
                                + change.detectedType() + where + "; offending values: " + ev.text())
                        .details(details(Map.of("detectedType", change.detectedType(), "notMatching", n), ev))
                        .build();
            });
            return;
        }
        if (declared == null) {
            return;
        }
        if (compatible(declared, col)) {
            pending.add(r -> base(spec, col, rule, "type")
                    .status(Status.PASS)
                    .expected(declared.key())
                    .observed(col.duckType())
                    .build());
            return;
        }
        if (col.kind() == Kind.STRING && declared != LogicalType.STRING) {
            String violation = col.sql() + " IS NOT NULL AND TRY_CAST(" + col.sql() + " AS "
                    + db.dialect().type(castType(declared)) + ") IS NULL";
            String bad = q.add("count_if(" + violation + ")");
            pending.add(r -> {
                long n = r.count(bad);
                long nn = r.count(nonNullKey);
                if (nn == 0) {
                    return base(spec, col, rule, "type")
                            .status(Status.ERROR)
                            .expected(declared.key())
                            .observed("no non-null values")
                            .message("every value of '" + col.name() + "' is null, so its type cannot be checked")
                            .build();
                }
                if (n == 0) {
                    return base(spec, col, rule, "type")
                            .status(Status.PASS)
                            .expected(declared.key())
                            .observed("text; every value reads as " + declared.key())
                            .build();
                }
                Evidence ev = Evidence.of(db, file, col.sql(), violation);
                return base(spec, col, rule, "type")
                        .status(Texts.violated(spec.severity()))
                        .actual((double) n)
                        .threshold(0.0)
                        .expected(declared.key())
                        .observed(Texts.count(n) + " of " + Texts.count(nn) + " values are not " + declared.key())
                        .message("column '" + col.name() + "' should be " + declared.key() + " but holds text: "
                                + ev.text())
                        .details(details(Map.of("notMatching", n), ev))
                        .build();
            });
            return;
        }
        pending.add(r -> base(spec, col, rule, "type")
                .status(Texts.violated(spec.severity()))
                .expected(declared.key())
                .observed(col.duckType())
                .message("column '" + col.name() + "' is " + col.duckType() + " in " + file.display()
                        + "; the rule expects " + declared.key())
                .build());
    }

    static boolean compatible(LogicalType declared, Column col) {
        LogicalType actual = col.logical();
        if (actual == null) {
            return false;
        }
        return actual == declared || (declared == LogicalType.NUMBER && actual == LogicalType.INTEGER);
    }

    private static String castType(LogicalType t) {
        return switch (t) {
            case INTEGER -> "BIGINT";
            case NUMBER -> "DOUBLE";
            case STRING -> "VARCHAR";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
            case TIME -> "TIME";
        };
    }

    // ---- nulls -------------------------------------------------------------------------------

    private void planNulls(ColumnSpec spec, Column col, NullRule rule, String nonNullKey) {
        String expected = rule.maxFraction() == 0 ? "no nulls" : "≤ " + Texts.percent(rule.maxFraction()) + " null";
        pending.add(r -> {
            long rows = r.count(rowsKey);
            long nulls = rows - r.count(nonNullKey);
            double fraction = rows == 0 ? 0 : (double) nulls / rows;
            boolean ok = fraction <= rule.maxFraction();
            Criterion.Builder b = base(spec, col, rule, "nulls")
                    .status(ok ? Status.PASS : Texts.violated(spec.severity()))
                    .actual(fraction)
                    .threshold(rule.maxFraction())
                    .direction(io.mlopsci.contract.result.Direction.LOWER)
                    .expected(expected)
                    .observed(Texts.percent(fraction) + " (" + Texts.count(nulls) + " of " + Texts.count(rows)
                            + " rows)");
            if (!ok) {
                Evidence ev = Evidence.of(db, file, "NULL", col.sql() + " IS NULL");
                b.message(Texts.count(nulls) + " null values in '" + col.name() + "'; first rows: "
                                + ev.rows().stream().map(Texts::count).collect(Collectors.joining(", ")))
                        .details(Map.of("nulls", nulls, "firstRows", ev.rows()));
            }
            return b.build();
        });
    }

    // ---- unique ------------------------------------------------------------------------------

    private void planUnique(AggregateQuery q, ColumnSpec spec, Column col, UniqueRule rule, String nonNullKey) {
        String distinct = q.add("count(DISTINCT " + col.sql() + ")");
        pending.add(r -> {
            long nn = r.count(nonNullKey);
            long dups = nn - r.count(distinct);
            Criterion.Builder b = base(spec, col, rule, "unique")
                    .status(dups == 0 ? Status.PASS : Texts.violated(spec.severity()))
                    .actual((double) dups)
                    .threshold(0.0)
                    .expected("no repeated value")
                    .observed(
                            dups == 0
                                    ? "all " + Texts.count(nn) + " non-null values distinct"
                                    : Texts.count(dups) + " rows repeat an earlier value");
            if (dups > 0) {
                Evidence ev = Evidence.of(
                        db,
                        file,
                        col.sql(),
                        col.sql() + " IN (SELECT " + col.sql() + " FROM " + file.table() + " WHERE " + col.sql()
                                + " IS NOT NULL GROUP BY 1 HAVING count(*) > 1)");
                b.message("repeated values: " + ev.text()).details(details(Map.of("repeatedRows", dups), ev));
            }
            return b.build();
        });
    }

    // ---- value rules (range, allowed, regex, length) -----------------------------------------

    private void planValueRule(AggregateQuery q, ColumnSpec spec, Column col, ColumnRule rule, String nonNullKey)
            throws SQLException {
        String expected;
        String violation;
        try {
            if (rule instanceof RangeRule range) {
                expected = rangeText(range);
                violation = rangeViolation(col, range);
            } else if (rule instanceof AllowedRule allowed) {
                expected = allowedText(allowed);
                violation =
                        col.sql() + " IS NOT NULL AND " + col.sql() + " NOT IN (" + allowedLiterals(col, allowed) + ")";
            } else if (rule instanceof PatternRule p) {
                expected = "matches /" + p.regex() + "/";
                checkRegex(p);
                String v = col.kind() == Kind.STRING ? col.sql() : db.dialect().text(col.sql());
                violation = col.sql() + " IS NOT NULL AND NOT " + db.dialect().fullMatch(v, p.regex());
            } else if (rule instanceof LengthRule l) {
                expected = lengthText(l);
                if (col.kind() != Kind.STRING) {
                    throw new NotApplicable(
                            "length applies to text columns; '" + col.name() + "' is " + col.duckType());
                }
                List<String> parts = new ArrayList<>();
                if (l.min() != null) {
                    parts.add("length(" + col.sql() + ") < " + l.min());
                }
                if (l.max() != null) {
                    parts.add("length(" + col.sql() + ") > " + l.max());
                }
                violation = col.sql() + " IS NOT NULL AND (" + String.join(" OR ", parts) + ")";
            } else {
                throw new IllegalStateException("unknown rule " + rule);
            }
        } catch (NotApplicable e) {
            String exp = rule.key();
            // A text file's column with no values at all reads as text; say so rather than blame the type.
            pending.add(r -> r.count(nonNullKey) == 0
                    ? error(
                            spec,
                            col,
                            rule,
                            exp,
                            "every value of '" + col.name() + "' is null, so the rule has nothing to check")
                    : error(spec, col, rule, exp, e.getMessage()));
            return;
        }
        String fullExpected =
                expected + (spec.mostly() < 1 ? " for ≥ " + Texts.percent(spec.mostly()) + " of non-null values" : "");
        java.util.function.ToLongFunction<Row> badCount;
        // The allowed values of a text column, which the engine may count instead of NOT IN.
        Set<String> allowed = rule instanceof AllowedRule a && col.kind() == Kind.STRING ? texts(a) : null;
        String valueCounts = allowed != null ? q.keyIfAdded(db.dialect().valueCounts(col.sql())) : null;
        String countsOfAllowed =
                allowed != null && ((AllowedRule) rule).values().size() > 8
                        ? db.dialect().countsOf(col, allowed)
                        : null;
        if (valueCounts != null) {
            // The drift counts every value of this column in the same scan: the allowed ones are among them.
            badCount = r -> r.count(nonNullKey) - countOf(r.get(valueCounts), allowed);
        } else if (countsOfAllowed != null) {
            // A long list: counted by the engine's count of each listed value (DuckDB: a binary search
            // per row, or a test per distinct value of a dictionary; NOT IN compares every row with
            // every value); the rest are violations. The drift's counts of the same categories are the
            // same aggregate.
            String allowedCounts = q.add(countsOfAllowed);
            badCount = r -> r.count(nonNullKey)
                    - CheckDialect.listedCounts(r.get(allowedCounts), allowed.size()).values().stream()
                            .mapToLong(Long::longValue)
                            .sum();
        } else if (rule instanceof RangeRule range && col.numeric()) {
            // Counted where the engine can feed the JVM (DuckDB), from the values the drift's bins read too.
            String bad = q.addFed(
                    "count_if(" + violation + ")",
                    new OutsideRange(col.numbers(), bound(range.min()), bound(range.max())));
            badCount = r -> r.count(bad);
        } else {
            String bad = q.add("count_if(" + violation + ")");
            badCount = r -> r.count(bad);
        }
        String finalViolation = violation;
        pending.add(r -> {
            long nn = r.count(nonNullKey);
            if (nn == 0) {
                return base(spec, col, rule, rule.key())
                        .status(Status.ERROR)
                        .expected(fullExpected)
                        .observed("no non-null values")
                        .message("every value of '" + col.name() + "' is null, so the rule has nothing to check")
                        .build();
            }
            long n = badCount.applyAsLong(r);
            double satisfied = (double) (nn - n) / nn;
            boolean ok = satisfied >= spec.mostly();
            Criterion.Builder b = base(spec, col, rule, rule.key())
                    .status(ok ? Status.PASS : Texts.violated(spec.severity()))
                    .actual(satisfied)
                    .threshold(spec.mostly())
                    .direction(io.mlopsci.contract.result.Direction.HIGHER)
                    .expected(fullExpected)
                    .observed(
                            n == 0
                                    ? "all " + Texts.count(nn) + " values"
                                    : Texts.percent(satisfied) + " (" + Texts.count(n) + " of " + Texts.count(nn)
                                            + " outside)");
            if (n > 0) {
                Evidence ev = Evidence.of(db, file, col.sql(), finalViolation);
                b.message((ok ? "within mostly; " : "") + Texts.count(n) + " values outside: " + ev.text())
                        .details(details(Map.of("unexpected", n, "nonNull", nn), ev));
            }
            return b.build();
        });
    }

    private static Map<String, Object> details(Map<String, Object> head, Evidence ev) {
        Map<String, Object> d = new LinkedHashMap<>(head);
        d.putAll(ev.details());
        return d;
    }

    /** A rule that cannot apply to the column's type: the criterion is an ERROR with this reason. */
    private static final class NotApplicable extends Exception {
        private static final long serialVersionUID = 1L;

        NotApplicable(String message) {
            super(message, null, false, false);
        }
    }

    private String rangeViolation(Column col, RangeRule range) throws NotApplicable, SQLException {
        List<String> parts = new ArrayList<>();
        if (range.min() != null) {
            parts.add(col.sql() + " < " + boundLiteral(col, range.min()));
        }
        if (range.max() != null) {
            parts.add(col.sql() + " > " + boundLiteral(col, range.max()));
        }
        return "(" + String.join(" OR ", parts) + ")";
    }

    private static Set<String> texts(AllowedRule rule) {
        return rule.values().stream().map(Scalar::text).collect(Collectors.toSet());
    }

    /** The count of the values of {@code allowed} in an engine's map of every value to its count. */
    static long countOf(Object valueCounts, Set<String> allowed) {
        long n = 0;
        if (valueCounts instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getKey() != null && allowed.contains(e.getKey().toString())) {
                    n += ((Number) e.getValue()).longValue();
                }
            }
        }
        return n;
    }

    /** A numeric bound's value, or null when the rule has none (its literal was checked when the rule was planned). */
    private static Double bound(Bound b) {
        return b == null ? null : Double.parseDouble(b.text());
    }

    private String boundLiteral(Column col, Bound b) throws NotApplicable, SQLException {
        if (b.number()) {
            if (!col.numeric()) {
                throw new NotApplicable("min/max " + b + " is a number but '" + col.name() + "' is " + col.duckType()
                        + (file.typeChange(col.name()) != null ? " (read as text: it changes type mid-file)" : ""));
            }
            return Sql.dbl(Double.parseDouble(b.text()));
        }
        if (col.numeric()) {
            throw new NotApplicable("min/max " + Texts.quote(b.text()) + " is text but '" + col.name()
                    + "' is numeric (" + col.duckType() + "); write the bound as a number");
        }
        if (col.kind() == Kind.STRING) {
            return db.dialect().string(b.text());
        }
        return typedLiteral(col, b.text());
    }

    /** A literal of the column's own type, or NotApplicable when the text does not parse as that type. */
    private String typedLiteral(Column col, String text) throws NotApplicable, SQLException {
        if (col.kind() == Kind.OTHER) {
            throw new NotApplicable("'" + col.name() + "' is " + col.duckType()
                    + "; rules on values need numbers, text," + " booleans, dates or times");
        }
        String lit =
                "TRY_CAST(" + db.dialect().string(text) + " AS " + db.dialect().type(col.duckType()) + ")";
        Row r = db.one("SELECT " + lit + " IS NOT NULL AS ok", "checking a rule's value", 0);
        if (!Boolean.TRUE.equals(r.get("ok"))) {
            throw new NotApplicable(Texts.quote(text) + " is not a " + col.duckType() + " value");
        }
        return "CAST(" + db.dialect().string(text) + " AS " + db.dialect().type(col.duckType()) + ")";
    }

    private String allowedLiterals(Column col, AllowedRule rule) throws NotApplicable, SQLException {
        List<String> out = new ArrayList<>();
        for (Scalar s : rule.values()) {
            boolean number = s.type() == YNode.ScalarType.INT || s.type() == YNode.ScalarType.FLOAT;
            if (col.kind() == Kind.STRING) {
                out.add(db.dialect().string(s.text()));
            } else if (col.numeric()) {
                if (!number) {
                    throw new NotApplicable("allowed value " + Texts.quote(s.text()) + " is not a number but '"
                            + col.name() + "' is " + col.duckType());
                }
                out.add(Sql.dbl(Double.parseDouble(s.text().replace("_", ""))));
            } else {
                out.add(typedLiteral(col, s.text()));
            }
        }
        return String.join(", ", out);
    }

    private void checkRegex(PatternRule p) throws SQLException {
        String error = db.dialect().regexError(db, p.regex());
        if (error != null) {
            throw MlopsException.config(p.location() + ": regex /" + p.regex() + "/ " + error, p.location());
        }
    }

    static String rangeText(RangeRule r) {
        if (r.min() != null && r.max() != null) {
            return "in [" + r.min() + ", " + r.max() + "]";
        }
        return r.min() != null ? "≥ " + r.min() : "≤ " + r.max();
    }

    static String lengthText(LengthRule l) {
        if (l.min() != null && l.max() != null) {
            return "length in [" + l.min() + ", " + l.max() + "]";
        }
        return l.min() != null ? "length ≥ " + l.min() : "length ≤ " + l.max();
    }

    static String allowedText(AllowedRule a) {
        List<String> shown = a.values().stream().limit(8).map(s -> s.text()).toList();
        return "one of " + String.join(", ", shown)
                + (a.values().size() > 8 ? ", … (" + a.values().size() + " values)" : "");
    }
}
