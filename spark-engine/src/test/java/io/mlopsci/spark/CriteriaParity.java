package io.mlopsci.spark;

import io.mlopsci.contract.result.Criterion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The differences between two engines' criteria: the same ids, statuses and numbers to 1e-9
 * relative, everything else exactly, recursively through the details — except the keys each engine
 * estimates with its own sketch, and a column's type in a message, which each engine names its own
 * way (DuckDB's {@code VARCHAR} is Spark's {@code string}).
 */
final class CriteriaParity {

    /** Estimates from each engine's own sketch (HyperLogLog variants), and what follows from them. */
    static final Set<String> ESTIMATES = Set.of("distinctValues", "truncated");

    /** DuckDB's type names in messages, as Spark names the same types. */
    private static final Map<String, String> TYPE_NAMES = Map.of(
            " is VARCHAR",
            " is string",
            " is BOOLEAN",
            " is boolean",
            " is DOUBLE",
            " is double",
            " is BIGINT",
            " is bigint");

    private CriteriaParity() {}

    static Map<String, Criterion> byId(List<Criterion> criteria) {
        Map<String, Criterion> m = new LinkedHashMap<>();
        criteria.forEach(c -> m.put(c.id(), c));
        return m;
    }

    /** Every difference of {@code right}'s criteria from {@code left}'s, said one per line. */
    static List<String> differences(Map<String, Criterion> left, Map<String, Criterion> right) {
        List<String> differences = new ArrayList<>();
        for (Criterion x : left.values()) {
            Criterion y = right.get(x.id());
            if (y == null) {
                differences.add(x.id() + ": missing");
                continue;
            }
            if (x.status() != y.status()) {
                differences.add(x.id() + ": status " + x.status() + " vs " + y.status());
            }
            compare(x.id() + ".actual", x.actual(), y.actual(), differences);
            compare(x.id() + ".threshold", x.threshold(), y.threshold(), differences);
            compare(x.id() + ".details", x.details(), y.details(), differences);
        }
        right.keySet().stream().filter(id -> !left.containsKey(id)).forEach(id -> differences.add(id + ": extra"));
        return differences;
    }

    /** Numbers to 1e-9 relative, everything else exactly, recursively through maps and lists. */
    static void compare(String at, Object x, Object y, List<String> out) {
        if (x instanceof Number p && y instanceof Number q) {
            double u = p.doubleValue();
            double v = q.doubleValue();
            if (!(u == v || Math.abs(u - v) <= 1e-9 * Math.max(Math.abs(u), Math.abs(v)))) {
                out.add(at + ": " + x + " vs " + y);
            }
        } else if (x instanceof Map<?, ?> p && y instanceof Map<?, ?> q) {
            Set<Object> keys = new TreeSet<>(Comparator.comparing(Object::toString));
            keys.addAll(p.keySet());
            keys.addAll(q.keySet());
            for (Object k : keys) {
                if (!ESTIMATES.contains(k.toString())) {
                    compare(at + "." + k, p.get(k), q.get(k), out);
                }
            }
        } else if (x instanceof List<?> p && y instanceof List<?> q) {
            if (p.size() != q.size()) {
                out.add(at + ": " + p + " vs " + q);
                return;
            }
            for (int i = 0; i < p.size(); i++) {
                compare(at + "[" + i + "]", p.get(i), q.get(i), out);
            }
        } else if (x instanceof String p && y instanceof String q) {
            String duck = p;
            for (Map.Entry<String, String> t : TYPE_NAMES.entrySet()) {
                duck = duck.replace(t.getKey(), t.getValue());
            }
            if (!p.equals(q) && !duck.equals(q)) {
                out.add(at + ": " + x + " vs " + y);
            }
        } else if (x == null ? y != null : !x.equals(y)) {
            out.add(at + ": " + x + " vs " + y);
        }
    }
}
