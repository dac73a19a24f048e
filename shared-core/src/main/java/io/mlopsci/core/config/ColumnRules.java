package io.mlopsci.core.config;

import io.mlopsci.contract.result.Severity;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the rules of one column, as written under {@code data.columns} in mlops.yaml or under
 * {@code columns} in a schema file; both use the same words.
 */
final class ColumnRules {

    static final List<String> KEYS = List.of(
            "type",
            "nullable",
            "max_null_fraction",
            "min",
            "max",
            "allowed",
            "regex",
            "length",
            "unique",
            "mostly",
            "severity");
    static final List<String> LENGTH_KEYS = List.of("min", "max");
    static final Map<String, LogicalType> TYPES = types();

    private ColumnRules() {}

    static ColumnSpec read(String name, MapView parent, Problems problems) {
        MapView c = MapView.of(parent.raw(name), parent.child(name), problems, KEYS, parent.keyLocation(name));
        List<ColumnRule> rules = new ArrayList<>();
        LogicalType type = c.choice("type", TYPES, null);
        if (type != null) {
            rules.add(new TypeRule(type, c.keyLocation("type")));
        }
        boolean nullable = c.bool("nullable", true);
        Double maxNull = c.number("max_null_fraction", 0, 1);
        if (!nullable && maxNull != null && maxNull > 0) {
            c.problem(
                    "max_null_fraction",
                    "'nullable: false' allows no nulls, but max_null_fraction is " + MapView.fmt(maxNull)
                            + "; keep one of them");
        }
        if (!nullable) {
            rules.add(new NullRule(0, c.keyLocation("nullable")));
        } else if (maxNull != null) {
            rules.add(new NullRule(maxNull, c.keyLocation("max_null_fraction")));
        }
        Bound min = bound(c, "min");
        Bound max = bound(c, "max");
        if (min != null
                && max != null
                && min.number()
                && max.number()
                && Double.parseDouble(min.text()) > Double.parseDouble(max.text())) {
            c.problem("min", "min (" + min + ") is greater than max (" + max + "): no value can pass");
        }
        if (min != null || max != null) {
            rules.add(new RangeRule(min, max, c.keyLocation(min != null ? "min" : "max")));
        }
        List<Scalar> allowed = allowed(c);
        if (allowed != null) {
            rules.add(new AllowedRule(allowed, c.keyLocation("allowed")));
        }
        String regex = c.string("regex");
        if (regex != null) {
            try {
                java.util.regex.Pattern.compile(regex);
                rules.add(new PatternRule(regex, c.keyLocation("regex")));
            } catch (PatternSyntaxException e) {
                c.problem(
                        "regex",
                        "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            }
        }
        if (c.has("length")) {
            MapView l = c.map("length", LENGTH_KEYS);
            Integer lmin = l.integer("min", 0, Integer.MAX_VALUE);
            Integer lmax = l.integer("max", 0, Integer.MAX_VALUE);
            if (lmin != null && lmax != null && lmin > lmax) {
                l.problem("min", "min (" + lmin + ") is greater than max (" + lmax + ")");
            }
            if (lmin == null && lmax == null && l.present()) {
                l.problems().add(l.location(), l.path(), "expected min, max or both (string length in characters)");
            } else {
                rules.add(new LengthRule(lmin, lmax, c.keyLocation("length")));
            }
        }
        if (c.bool("unique", false)) {
            rules.add(new UniqueRule(c.keyLocation("unique")));
        }
        Double mostly = c.number("mostly", 0, 1);
        if (mostly != null && rules.stream().noneMatch(ColumnRules::valueRule)) {
            c.problem(
                    "mostly", "'mostly' applies to min, max, allowed, regex and length; this column has none of them");
        }
        if (rules.isEmpty()
                && (c.present() || parent.raw(name) == null)
                && problems.list().stream()
                        .noneMatch(p -> p.path() != null && p.path().startsWith(c.path() + "."))) {
            problems.add(
                    c.present() ? c.location() : parent.keyLocation(name),
                    c.path(),
                    "no rule for column '" + name + "': expected at least one of "
                            + String.join(", ", KEYS.subList(0, 9)));
        }
        Severity severity =
                c.choice("severity", SchemaFile.ordered("fail", Severity.FAIL, "warn", Severity.WARN), Severity.FAIL);
        return new ColumnSpec(name, rules, mostly == null ? 1.0 : mostly, severity, parent.keyLocation(name));
    }

    /** Rules that hold per value, so that {@code mostly} applies to them. */
    static boolean valueRule(ColumnRule r) {
        return r instanceof RangeRule
                || r instanceof AllowedRule
                || r instanceof PatternRule
                || r instanceof LengthRule;
    }

    /** {@code over}'s rules replace {@code base}'s of the same kind; its mostly and severity win when written. */
    static ColumnSpec override(ColumnSpec base, ColumnSpec over) {
        List<ColumnRule> rules = new ArrayList<>();
        for (ColumnRule r : base.rules()) {
            if (over.rules().stream().noneMatch(o -> o.getClass() == r.getClass())) {
                rules.add(r);
            }
        }
        rules.addAll(over.rules());
        return new ColumnSpec(base.name(), rules, over.mostly(), over.severity(), over.location());
    }

    private static Bound bound(MapView c, String key) {
        YNode v = c.raw(key);
        if (v == null) {
            return null;
        }
        if (v.kind() == YNode.Kind.SCALAR
                && (v.scalarType() == YNode.ScalarType.INT || v.scalarType() == YNode.ScalarType.FLOAT)) {
            Double d = c.number(key);
            return d == null ? null : new Bound(v.text().replace("_", ""), true);
        }
        if (v.kind() == YNode.Kind.SCALAR && v.scalarType() == YNode.ScalarType.STRING) {
            // A date or timestamp such as 2024-01-31 (YAML reads an unquoted date as a string here).
            return new Bound(v.text(), false);
        }
        c.problem(key, "expected a number (or a date/timestamp as text), got " + v.describe());
        return null;
    }

    private static List<Scalar> allowed(MapView c) {
        YNode v = c.raw("allowed");
        if (v == null) {
            return null;
        }
        if (v.kind() != YNode.Kind.LIST) {
            c.problem("allowed", "expected a list of values, e.g. [web, store, mobile], got " + v.describe());
            return null;
        }
        List<Scalar> out = new ArrayList<>();
        for (int i = 0; i < v.items().size(); i++) {
            YNode item = v.items().get(i);
            if (item.kind() != YNode.Kind.SCALAR || item.isNull()) {
                c.problems()
                        .add(
                                item.location(),
                                c.child("allowed") + "[" + i + "]",
                                "expected a value (text, number or boolean), got " + item.describe());
            } else {
                out.add(new Scalar(item.text(), item.scalarType()));
            }
        }
        if (out.isEmpty() && v.items().isEmpty()) {
            c.problem("allowed", "the list is empty, so no value could pass");
        }
        return out;
    }

    private static Map<String, LogicalType> types() {
        Map<String, LogicalType> m = new LinkedHashMap<>();
        for (LogicalType t : LogicalType.values()) {
            m.put(t.key(), t);
        }
        return m;
    }
}
