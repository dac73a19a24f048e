package io.mlopsci.core.config;

import io.mlopsci.contract.result.SourceLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, located access to one mapping of the configuration. Every accessor records a problem
 * (file:line:column, dotted path, what was expected) instead of throwing, and returns a default,
 * so that all problems of a file are reported together. An absent section is an empty view.
 */
public final class MapView {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb|kib|mib|gib)?");

    private final YNode node;
    private final String path;
    private final Problems problems;
    private final SourceLocation fallback;
    private final SourceLocation declaredAt;

    private MapView(YNode node, String path, Problems problems, SourceLocation fallback, SourceLocation declaredAt) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.fallback = fallback;
        this.declaredAt = declaredAt;
    }

    /**
     * A view of {@code node} (which may be null for an absent section) that accepts exactly the
     * keys in {@code allowed}; other keys are reported with a "did you mean" hint.
     */
    public static MapView of(
            YNode node, String path, Problems problems, Collection<String> allowed, SourceLocation declaredAt) {
        SourceLocation fallback = declaredAt;
        if (node != null && node.isNull()) {
            node = null;
        }
        if (node != null && node.kind() != YNode.Kind.MAP) {
            problems.add(node.location(), path, "expected a mapping (key: value lines), got " + node.describe());
            return new MapView(null, path, problems, node.location(), declaredAt);
        }
        MapView view = new MapView(node, path, problems, node == null ? fallback : node.location(), declaredAt);
        if (node != null && allowed != null) {
            for (String key : node.entries().keySet()) {
                if (!allowed.contains(key)) {
                    String hint = Suggestions.closest(key, allowed)
                            .map(s -> "; did you mean '" + s + "'?")
                            .orElse("; expected one of: " + String.join(", ", allowed));
                    problems.add(node.keyLocation(key), view.child(key), "unknown key '" + key + "'" + hint);
                }
            }
        }
        return view;
    }

    public boolean present() {
        return node != null;
    }

    public boolean has(String key) {
        return node != null && node.get(key) != null && !node.get(key).isNull();
    }

    public String path() {
        return path;
    }

    public Problems problems() {
        return problems;
    }

    public String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Where the key that introduces this mapping is written (the line a reviewer should look at). */
    public SourceLocation declaredAt() {
        return declaredAt;
    }

    /** Where this mapping starts (or, when absent, where its parent is). */
    public SourceLocation location() {
        return fallback;
    }

    /** Where the value of {@code key} is written, or this mapping's location when it is absent. */
    public SourceLocation location(String key) {
        YNode v = raw(key);
        return v != null ? v.location() : fallback;
    }

    /** Where the key itself is written. */
    public SourceLocation keyLocation(String key) {
        return node != null && node.get(key) != null ? node.keyLocation(key) : fallback;
    }

    public YNode raw(String key) {
        if (node == null) {
            return null;
        }
        YNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    public Set<String> keys() {
        return node == null ? Set.of() : node.entries().keySet();
    }

    public void problem(String key, String message) {
        problems.add(location(key), child(key), message);
    }

    public void require(String key, String what) {
        if (!has(key)) {
            problems.add(fallback, child(key), "missing required field '" + key + "' (" + what + ")");
        }
    }

    public String string(String key) {
        return string(key, null);
    }

    public String string(String key, String defaultValue) {
        YNode v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v.kind() != YNode.Kind.SCALAR) {
            problem(key, "expected a string, got " + v.describe());
            return defaultValue;
        }
        return v.text();
    }

    public String requiredString(String key, String what) {
        require(key, what);
        return string(key);
    }

    /** A finite number. A quoted number is a string and is rejected, so that typos are not silently coerced. */
    public Double number(String key) {
        YNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (v.kind() == YNode.Kind.SCALAR
                && (v.scalarType() == YNode.ScalarType.INT || v.scalarType() == YNode.ScalarType.FLOAT)) {
            try {
                double d = Double.parseDouble(v.text().replace("_", ""));
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // YAML 1.1 allows forms Java does not parse (e.g. .inf, .nan, 1:30); reported below.
            }
            problem(key, "expected a finite number, got " + v.text());
            return null;
        }
        problem(key, "expected a number, got " + v.describe());
        return null;
    }

    public Double number(String key, double min, double max) {
        Double d = number(key);
        if (d != null && (d < min || d > max)) {
            problem(key, "expected a number between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(d));
            return null;
        }
        return d;
    }

    public Integer integer(String key, int min, int max) {
        YNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (v.kind() == YNode.Kind.SCALAR && v.scalarType() == YNode.ScalarType.INT) {
            try {
                long l = Long.parseLong(v.text().replace("_", ""));
                if (l >= min && l <= max) {
                    return (int) l;
                }
                problem(key, "expected a whole number between " + min + " and " + max + ", got " + l);
                return null;
            } catch (NumberFormatException e) {
                problem(key, "expected a whole number, got " + v.text());
                return null;
            }
        }
        problem(key, "expected a whole number, got " + v.describe());
        return null;
    }

    public boolean bool(String key, boolean defaultValue) {
        YNode v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v.kind() == YNode.Kind.SCALAR && v.scalarType() == YNode.ScalarType.BOOL) {
            String t = v.text().toLowerCase(Locale.ROOT);
            return t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y");
        }
        problem(key, "expected true or false, got " + v.describe());
        return defaultValue;
    }

    /**
     * A duration such as {@code 500ms}, {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}, or a
     * number of seconds.
     */
    public Duration duration(String key, Duration defaultValue) {
        YNode v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v.kind() == YNode.Kind.SCALAR) {
            Optional<Duration> d = parseDuration(v.text());
            if (d.isPresent()) {
                return d.get();
            }
        }
        problem(key, "expected a duration such as 90s, 30m or 2h, got " + v.describe());
        return defaultValue;
    }

    /** A size such as {@code 64MB}, {@code 1GiB} or a number of bytes. */
    public Long bytes(String key, Long defaultValue) {
        YNode v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v.kind() == YNode.Kind.SCALAR) {
            Matcher m = SIZE.matcher(v.text().trim().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                double n = Double.parseDouble(m.group(1));
                String unit = m.group(2) == null ? "b" : m.group(2);
                long factor = switch (unit) {
                    case "kb" -> 1_000L;
                    case "mb" -> 1_000_000L;
                    case "gb" -> 1_000_000_000L;
                    case "kib" -> 1L << 10;
                    case "mib" -> 1L << 20;
                    case "gib" -> 1L << 30;
                    default -> 1L;
                };
                if (n * factor >= 1 && n * factor < Long.MAX_VALUE) {
                    return Math.round(n * factor);
                }
            }
        }
        problem(key, "expected a size such as 64MB, 1GiB or a number of bytes, got " + v.describe());
        return defaultValue;
    }

    static Optional<Duration> parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+(\\.\\d+)?")) {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000)));
        }
        Matcher m = DURATION.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end && !t.substring(end, m.start()).isBlank()) {
                return Optional.empty();
            }
            double n = Double.parseDouble(m.group(1));
            long millis = switch (m.group(2)) {
                case "ms" -> Math.round(n);
                case "s" -> Math.round(n * 1_000);
                case "m" -> Math.round(n * 60_000);
                case "h" -> Math.round(n * 3_600_000);
                default -> Math.round(n * 86_400_000);
            };
            total = total.plusMillis(millis);
            end = m.end();
        }
        return end == t.length() && end > 0 ? Optional.of(total) : Optional.empty();
    }

    /** One of a fixed set of words; a near miss gets a "did you mean". */
    public <T> T choice(String key, Map<String, T> allowed, T defaultValue) {
        return choice(key, allowed, Map.of(), defaultValue);
    }

    /**
     * One of a fixed set of words or a common other spelling of one ({@code aliases}: spelling →
     * word); messages name only the words.
     */
    public <T> T choice(String key, Map<String, T> allowed, Map<String, String> aliases, T defaultValue) {
        String s = string(key);
        if (s == null) {
            return defaultValue;
        }
        T value = allowed.get(aliases.getOrDefault(s.toLowerCase(java.util.Locale.ROOT), s));
        if (value == null) {
            String hint = Suggestions.closest(s, allowed.keySet())
                    .map(x -> " (did you mean '" + x + "'?)")
                    .orElse("");
            problem(key, "expected one of " + String.join(", ", allowed.keySet()) + ", got '" + s + "'" + hint);
            return defaultValue;
        }
        return value;
    }

    /** A list of strings; scalars of any type are taken as written. */
    public List<String> stringList(String key) {
        YNode v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (v.kind() != YNode.Kind.LIST) {
            problem(key, "expected a list, got " + v.describe());
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.items().size(); i++) {
            YNode item = v.items().get(i);
            if (item.kind() != YNode.Kind.SCALAR || item.isNull()) {
                problems.add(item.location(), child(key) + "[" + i + "]", "expected a string, got " + item.describe());
            } else {
                out.add(item.text());
            }
        }
        return out;
    }

    /** A list of numbers. */
    public List<Double> numberList(String key) {
        YNode v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (v.kind() != YNode.Kind.LIST) {
            problem(key, "expected a list of numbers, got " + v.describe());
            return List.of();
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < v.items().size(); i++) {
            YNode item = v.items().get(i);
            if (item.kind() == YNode.Kind.SCALAR
                    && (item.scalarType() == YNode.ScalarType.INT || item.scalarType() == YNode.ScalarType.FLOAT)) {
                try {
                    out.add(Double.parseDouble(item.text().replace("_", "")));
                    continue;
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            problems.add(item.location(), child(key) + "[" + i + "]", "expected a number, got " + item.describe());
        }
        return out;
    }

    /** A mapping of string keys to scalar values (e.g. {@code env}, {@code params}), order kept. */
    public Map<String, String> stringMap(String key) {
        YNode v = raw(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (v.kind() != YNode.Kind.MAP) {
            problem(key, "expected a mapping of names to values, got " + v.describe());
            return out;
        }
        for (Map.Entry<String, YNode> e : v.entries().entrySet()) {
            YNode val = e.getValue();
            if (val.kind() != YNode.Kind.SCALAR) {
                problems.add(
                        val.location(),
                        child(key) + "." + e.getKey(),
                        "expected a single value, got " + val.describe());
            } else {
                out.put(e.getKey(), val.isNull() ? "" : val.text());
            }
        }
        return out;
    }

    /** A nested mapping with its own allowed keys. */
    public MapView map(String key, Collection<String> allowed) {
        return MapView.of(raw(key), child(key), problems, allowed, keyLocation(key));
    }

    /**
     * The entries of a mapping whose keys are user-chosen names (e.g. metric names), each as a
     * view with its own allowed keys.
     */
    public Map<String, MapView> namedMaps(String key, Collection<String> allowed) {
        YNode v = raw(key);
        Map<String, MapView> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (v.kind() != YNode.Kind.MAP) {
            problem(key, "expected a mapping of names to settings, got " + v.describe());
            return out;
        }
        for (Map.Entry<String, YNode> e : v.entries().entrySet()) {
            out.put(
                    e.getKey(),
                    MapView.of(
                            e.getValue(), child(key) + "." + e.getKey(), problems, allowed, v.keyLocation(e.getKey())));
        }
        return out;
    }

    /** Items of a list of mappings, each with its own allowed keys. */
    public List<MapView> mapList(String key, Collection<String> allowed) {
        YNode v = raw(key);
        List<MapView> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.kind() != YNode.Kind.LIST) {
            problem(key, "expected a list, got " + v.describe());
            return out;
        }
        for (int i = 0; i < v.items().size(); i++) {
            out.add(MapView.of(
                    v.items().get(i),
                    child(key) + "[" + i + "]",
                    problems,
                    allowed,
                    v.items().get(i).location()));
        }
        return out;
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf((long) d);
        }
        return String.valueOf(d);
    }
}
