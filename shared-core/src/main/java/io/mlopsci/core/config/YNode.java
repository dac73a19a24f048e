package io.mlopsci.core.config;

import io.mlopsci.contract.result.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the place it was written, so that every error can name file, line and column.
 * Immutable; {@link #withText(String)} and {@link #withEntry(String, YNode)} return copies (used for
 * variable substitution and {@code --set} overrides).
 */
public final class YNode {

    /** The shape of a value. */
    public enum Kind {
        MAP,
        LIST,
        SCALAR
    }

    /** The YAML 1.1 core type of a scalar, as SnakeYAML's resolver assigned it. */
    public enum ScalarType {
        STRING,
        INT,
        FLOAT,
        BOOL,
        NULL
    }

    private final Kind kind;
    private final ScalarType scalarType;
    private final String text;
    private final Map<String, YNode> entries;
    private final Map<String, SourceLocation> keyLocations;
    private final List<YNode> items;
    private final SourceLocation location;

    private YNode(
            Kind kind,
            ScalarType scalarType,
            String text,
            Map<String, YNode> entries,
            Map<String, SourceLocation> keyLocations,
            List<YNode> items,
            SourceLocation location) {
        this.kind = kind;
        this.scalarType = scalarType;
        this.text = text;
        this.entries = entries;
        this.keyLocations = keyLocations;
        this.items = items;
        this.location = location;
    }

    public static YNode scalar(ScalarType type, String text, SourceLocation location) {
        return new YNode(Kind.SCALAR, type, text, Map.of(), Map.of(), List.of(), location);
    }

    public static YNode map(
            Map<String, YNode> entries, Map<String, SourceLocation> keyLocations, SourceLocation location) {
        return new YNode(
                Kind.MAP,
                null,
                null,
                Collections.unmodifiableMap(new LinkedHashMap<>(entries)),
                Collections.unmodifiableMap(new LinkedHashMap<>(keyLocations)),
                List.of(),
                location);
    }

    public static YNode list(List<YNode> items, SourceLocation location) {
        return new YNode(Kind.LIST, null, null, Map.of(), Map.of(), List.copyOf(items), location);
    }

    public Kind kind() {
        return kind;
    }

    public ScalarType scalarType() {
        return scalarType;
    }

    public boolean isNull() {
        return kind == Kind.SCALAR && scalarType == ScalarType.NULL;
    }

    /** The scalar's text as written (after variable substitution). */
    public String text() {
        return text;
    }

    public Map<String, YNode> entries() {
        return entries;
    }

    public YNode get(String key) {
        return entries.get(key);
    }

    /** Where the key of an entry was written (its value's location is {@code get(key).location()}). */
    public SourceLocation keyLocation(String key) {
        SourceLocation l = keyLocations.get(key);
        return l != null ? l : location;
    }

    public List<YNode> items() {
        return items;
    }

    public SourceLocation location() {
        return location;
    }

    /** A copy of this scalar with other text (same type and location). */
    public YNode withText(String newText) {
        return new YNode(kind, scalarType, newText, entries, keyLocations, items, location);
    }

    /** A copy of this map with one entry added or replaced. */
    public YNode withEntry(String key, YNode value) {
        Map<String, YNode> copy = new LinkedHashMap<>(entries);
        copy.put(key, value);
        Map<String, SourceLocation> keys = new LinkedHashMap<>(keyLocations);
        keys.putIfAbsent(key, value.location());
        return map(copy, keys, location);
    }

    /** A copy of this map with other entries (same key locations where keys remain). */
    public YNode withEntries(Map<String, YNode> newEntries) {
        return map(newEntries, keyLocations, location);
    }

    /** A copy of this list with other items. */
    public YNode withItems(List<YNode> newItems) {
        return list(newItems, location);
    }

    /** How the value reads in an error message: its kind, and a short form of a scalar. */
    public String describe() {
        return switch (kind) {
            case MAP -> "a mapping";
            case LIST -> "a list";
            case SCALAR ->
                switch (scalarType) {
                    case NULL -> "nothing (null)";
                    case BOOL -> "a boolean (" + text + ")";
                    case INT, FLOAT -> "a number (" + text + ")";
                    case STRING -> "a string (\"" + abbreviate(text) + "\")";
                };
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
