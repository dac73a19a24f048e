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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML into {@link YNode}s that remember where each value was written. Uses SnakeYAML's
 * composer (no object construction: nothing in the file can instantiate classes), rejects duplicate
 * keys, and turns syntax errors into {@link ConfigException}s with file:line:column.
 */
public final class YamlParser {

    private YamlParser() {}

    public static YNode parse(Path file, String displayName) {
        String content;
        try {
            content = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
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

    public static YNode parse(String content, String displayName) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(8 * 1024 * 1024);
        Node root;
        try (Reader reader = new StringReader(content)) {
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            throw problem(displayName, mark, "invalid YAML: " + what + context);
        } catch (YAMLException | IOException e) {
            throw problem(displayName, null, "invalid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw problem(displayName, null, "the file is empty; expected a mapping such as 'model: my-model'");
        }
        return convert(root, displayName);
    }

    private static YNode convert(Node node, String file) {
        SourceLocation loc = location(file, node.getStartMark());
        if (node instanceof ScalarNode s) {
            return YNode.scalar(scalarType(s), s.getValue(), loc);
        }
        if (node instanceof SequenceNode seq) {
            List<YNode> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(convert(item, file));
            }
            return YNode.list(items, loc);
        }
        MappingNode map = (MappingNode) node;
        Map<String, YNode> entries = new LinkedHashMap<>();
        Map<String, SourceLocation> keys = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw problem(
                        file, t.getKeyNode().getStartMark(), "a key must be a plain string, not a list or mapping");
            }
            if (entries.containsKey(k.getValue())) {
                throw problem(file, k.getStartMark(), "duplicate key '" + k.getValue() + "'");
            }
            entries.put(k.getValue(), convert(t.getValueNode(), file));
            keys.put(k.getValue(), location(file, k.getStartMark()));
        }
        return YNode.map(entries, keys, loc);
    }

    private static YNode.ScalarType scalarType(ScalarNode s) {
        Tag tag = s.getTag();
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
