package io.mlopsci.core.config;

import io.mlopsci.contract.result.SourceLocation;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML into {@link YNode}s that remember where each value was written. Builds the tree from
 * SnakeYAML's event stream (no object construction: nothing in the file can instantiate classes),
 * rejects duplicate keys, and turns syntax errors into {@link ConfigException}s with
 * file:line:column.
 *
 * <p>A configuration is small; a file that is not is refused before it can exhaust the engine,
 * each with the position: more than {@link #MAX_BYTES}, a line longer than {@link #MAX_LINE}
 * (SnakeYAML's scanner is quadratic in the length of one token), nesting deeper than
 * {@link #MAX_DEPTH} (also through aliases), more than {@link #MAX_ALIASES} aliases of collections,
 * an alias inside the node it names (recursion), and more than {@link #MAX_VALUES} values once
 * aliases are expanded (a "billion laughs" needs only a few dozen aliases). The budgets are checked
 * while the events arrive, so nothing larger than them is ever built; SnakeYAML's composer would
 * build the whole node graph first.
 */
public final class YamlParser {

    /** Largest file read. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;
    /** Longest line, in characters. */
    public static final int MAX_LINE = 256 * 1024;
    /** Deepest nesting of lists and mappings, aliases expanded. */
    public static final int MAX_DEPTH = 64;
    /** Most aliases of lists and mappings (SnakeYAML's default limit). */
    public static final int MAX_ALIASES = 50;
    /** Most values (scalars, lists, mappings) once aliases are expanded. */
    public static final int MAX_VALUES = 250_000;

    private static final Resolver RESOLVER = new Resolver();

    private YamlParser() {}

    public static YNode parse(Path file, String displayName) {
        String content;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooLarge(displayName, String.format(Locale.ROOT, "%.1f MiB", size / 1048576.0));
            }
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                // A pipe or a device has no size to check first.
                throw tooLarge(displayName, "larger than that");
            }
            content = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (NoSuchFileException e) {
            throw problem(displayName, null, "file not found (expected a YAML configuration file)");
        } catch (CharacterCodingException e) {
            throw problem(displayName, null, "the file is not valid UTF-8 text");
        } catch (IOException e) {
            throw problem(displayName, null, "cannot read the file: " + e.getMessage());
        }
        return parse(content, displayName);
    }

    private static ConfigException tooLarge(String file, String size) {
        return problem(
                file,
                null,
                String.format(
                        Locale.ROOT,
                        "the file is %s; a configuration file is at most %d MiB",
                        size,
                        MAX_BYTES / 1048576));
    }

    public static YNode parse(String content, String displayName) {
        if (content.length() > MAX_BYTES) {
            throw problem(
                    displayName,
                    null,
                    "the text is " + String.format(Locale.ROOT, "%,d", content.length()) + " characters long; at most "
                            + String.format(Locale.ROOT, "%,d", MAX_BYTES));
        }
        checkLineLengths(content, displayName);
        // Of LoaderOptions' limits only the code point limit acts on the event stream; aliases,
        // nesting and recursion are SnakeYAML composer limits, which the Builder applies instead.
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) MAX_BYTES);
        Builder builder = new Builder(displayName);
        try (Reader reader = new StringReader(content)) {
            for (Event event : new Yaml(options).parse(reader)) {
                builder.accept(event);
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            throw problem(displayName, mark, "invalid YAML: " + what + context);
        } catch (ReaderException e) {
            // A character YAML does not allow (NUL, most control characters): say where it is.
            String text = "invalid YAML: character " + String.format(Locale.ROOT, "U+%04X", e.getCodePoint())
                    + " is not allowed in YAML";
            throw new ConfigException(
                    List.of(new ConfigProblem(at(content, displayName, e.getPosition()), null, text)));
        } catch (YAMLException | IOException e) {
            throw problem(displayName, null, "invalid YAML: " + e.getMessage());
        }
        if (builder.root == null) {
            throw problem(displayName, null, "the file is empty; expected a mapping such as 'model: my-model'");
        }
        return builder.root;
    }

    /** Line and column of the {@code index}-th code point of {@code content}. */
    private static SourceLocation at(String content, String file, int index) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < content.length() && seen < index; i += Character.charCount(content.codePointAt(i))) {
            seen++;
            if (content.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SourceLocation(file, line, column);
    }

    /** Refuses a line SnakeYAML would take minutes to scan, before it starts. */
    private static void checkLineLengths(String content, String file) {
        int line = 1;
        int start = 0;
        int n = content.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || content.charAt(i) == '\n') {
                int length = i - start;
                if (length > MAX_LINE) {
                    throw new ConfigException(List.of(new ConfigProblem(
                            new SourceLocation(file, line, 1),
                            null,
                            String.format(
                                    Locale.ROOT,
                                    "line %d is %,d characters long; a line is at most %,d (write long values as"
                                            + " lists)",
                                    line,
                                    length,
                                    MAX_LINE))));
                }
                line++;
                start = i + 1;
            }
        }
    }

    /** A value being read: a list or mapping whose end has not arrived yet. */
    private static final class Open {
        final boolean map;
        final SourceLocation location;
        final String anchor;
        final List<YNode> items = new ArrayList<>();
        final Map<String, YNode> entries = new LinkedHashMap<>();
        final Map<String, SourceLocation> keys = new LinkedHashMap<>();
        String pendingKey;
        SourceLocation pendingKeyLocation;
        int size = 1;
        int depth = 1;

        Open(boolean map, SourceLocation location, String anchor) {
            this.map = map;
            this.location = location;
            this.anchor = anchor;
        }
    }

    /** A finished value, its size (values, aliases expanded) and nesting depth. */
    private record Built(YNode node, int size, int depth) {}

    /** Builds the tree from the events, enforcing the budgets as it goes. */
    private static final class Builder {
        private final String file;
        private final Deque<Open> open = new ArrayDeque<>();
        private final Map<String, Built> anchors = new HashMap<>();
        private final Map<String, SourceLocation> openAnchors = new HashMap<>();
        private int values;
        private int collectionAliases;
        private boolean documentSeen;
        YNode root;

        Builder(String file) {
            this.file = file;
        }

        void accept(Event event) {
            switch (event.getEventId()) {
                case DocumentStart -> {
                    if (documentSeen) {
                        throw problem(
                                file,
                                event.getStartMark(),
                                "a second YAML document ('---') starts here; the file must hold exactly one");
                    }
                    documentSeen = true;
                }
                case Scalar -> {
                    ScalarEvent s = (ScalarEvent) event;
                    Tag tag = s.getTag() == null || s.getTag().equals("!")
                            ? RESOLVER.resolve(
                                    NodeId.scalar, s.getValue(), s.getImplicit().canOmitTagInPlainScalar())
                            : new Tag(s.getTag());
                    YNode node = YNode.scalar(scalarType(tag), s.getValue(), location(file, s.getStartMark()));
                    add(new Built(node, 1, 0), s.getStartMark(), s.getAnchor(), null);
                }
                case SequenceStart, MappingStart -> {
                    CollectionStartEvent c = (CollectionStartEvent) event;
                    requireValuePosition(c.getStartMark());
                    int depth = open.size() + 1;
                    if (depth > MAX_DEPTH) {
                        throw problem(
                                file,
                                c.getStartMark(),
                                "lists and mappings nest deeper than " + MAX_DEPTH + " levels here");
                    }
                    count(1, c.getStartMark(), null);
                    Open o = new Open(
                            event instanceof MappingStartEvent, location(file, c.getStartMark()), c.getAnchor());
                    if (o.anchor != null) {
                        openAnchors.put(o.anchor, o.location);
                    }
                    open.push(o);
                }
                case SequenceEnd, MappingEnd -> {
                    Open o = open.pop();
                    YNode node = o.map ? YNode.map(o.entries, o.keys, o.location) : YNode.list(o.items, o.location);
                    if (o.anchor != null) {
                        openAnchors.remove(o.anchor);
                    }
                    add(new Built(node, o.size, o.depth), event.getStartMark(), o.anchor, null);
                }
                case Alias -> alias((AliasEvent) event);
                default -> {
                    // stream and document boundaries, comments
                }
            }
        }

        private void alias(AliasEvent a) {
            String name = a.getAnchor();
            Mark at = a.getStartMark();
            if (openAnchors.containsKey(name)) {
                SourceLocation anchored = openAnchors.get(name);
                throw problem(
                        file,
                        at,
                        "recursive alias *" + name + ": it is inside the value anchored &" + name + " at line "
                                + anchored.line() + ", column " + anchored.column()
                                + ", which would contain itself forever");
            }
            Built target = anchors.get(name);
            if (target == null) {
                throw problem(file, at, "the alias *" + name + " names no anchor (&" + name + ") written before it");
            }
            if (target.node().kind() != YNode.Kind.SCALAR && ++collectionAliases > MAX_ALIASES) {
                throw problem(
                        file, at, "more than " + MAX_ALIASES + " aliases of lists or mappings; write the values out");
            }
            if (open.size() + target.depth() > MAX_DEPTH) {
                throw problem(
                        file,
                        at,
                        "the alias *" + name + " makes lists and mappings nest deeper than " + MAX_DEPTH + " levels");
            }
            add(target, at, null, name);
        }

        /** Puts a finished value where it belongs: the root, a list item, a key, or a key's value. */
        private void add(Built built, Mark at, String anchor, String alias) {
            if (built.node().kind() == YNode.Kind.SCALAR && alias == null) {
                count(1, at, null);
            } else if (alias != null) {
                count(built.size(), at, alias);
            }
            if (anchor != null) {
                anchors.put(anchor, built);
            }
            Open parent = open.peek();
            if (parent == null) {
                root = built.node();
                return;
            }
            parent.size += built.size();
            parent.depth = Math.max(parent.depth, built.depth() + 1);
            if (!parent.map) {
                parent.items.add(built.node());
                return;
            }
            if (parent.pendingKey == null) {
                if (built.node().kind() != YNode.Kind.SCALAR) {
                    throw problem(file, at, "a key must be a plain string, not a list or mapping");
                }
                String key = built.node().text();
                if (parent.entries.containsKey(key)) {
                    throw problem(file, at, "duplicate key '" + key + "'");
                }
                parent.pendingKey = key;
                parent.pendingKeyLocation = location(file, at);
                return;
            }
            parent.entries.put(parent.pendingKey, built.node());
            parent.keys.put(parent.pendingKey, parent.pendingKeyLocation);
            parent.pendingKey = null;
        }

        /** A list or mapping may not start where a mapping expects a key. */
        private void requireValuePosition(Mark at) {
            Open parent = open.peek();
            if (parent != null && parent.map && parent.pendingKey == null) {
                throw problem(file, at, "a key must be a plain string, not a list or mapping");
            }
        }

        private void count(int n, Mark at, String alias) {
            values += n;
            if (values > MAX_VALUES) {
                throw problem(
                        file,
                        at,
                        alias != null
                                ? String.format(
                                        Locale.ROOT,
                                        "aliases expand to more than %,d values (the alias *%s here adds %,d); write"
                                                + " the values out or use fewer aliases",
                                        MAX_VALUES,
                                        alias,
                                        n)
                                : String.format(
                                        Locale.ROOT,
                                        "more than %,d values; a configuration is smaller than that",
                                        MAX_VALUES));
            }
        }
    }

    private static YNode.ScalarType scalarType(Tag tag) {
        if (Tag.INT.equals(tag)) {
            return YNode.ScalarType.INT;
        }
        if (Tag.FLOAT.equals(tag)) {
            return YNode.ScalarType.FLOAT;
        }
        if (Tag.BOOL.equals(tag)) {
            return YNode.ScalarType.BOOL;
        }
        if (Tag.NULL.equals(tag)) {
            return YNode.ScalarType.NULL;
        }
        return YNode.ScalarType.STRING;
    }

    static SourceLocation location(String file, Mark mark) {
        if (mark == null) {
            return new SourceLocation(file, null, null);
        }
        return new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static ConfigException problem(String file, Mark mark, String message) {
        return new ConfigException(List.of(new ConfigProblem(location(file, mark), null, message)));
    }
}
