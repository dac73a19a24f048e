package io.mlopsci.core.scoring.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mlopsci.core.error.MlopsException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads predictions written as JSON lines — one JSON object per line, as evaluation harnesses write
 * them (promptfoo's {@code --output results.jsonl}, lm-evaluation-harness's {@code samples_*.jsonl},
 * OpenAI evals' record files) — and hands each object on as a row. Fields are addressed by dotted
 * paths ({@code scores.judge}); a number selects an array element ({@code metrics_data.0.score}); a
 * key that itself contains dots is found when written whole. Blank lines are skipped; with a
 * filter, so are lines whose fields do not have the filter's values. A line that is not one JSON
 * object, a key written twice in an object and anything after the object are errors naming the
 * line and column. {@code NaN} and {@code Infinity} (which Python's json module writes) are read,
 * so that the field they are in can be named when a number must be finite.
 */
final class JsonLinesRows {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonLinesRows() {}

    /** Calls {@code each} for every line that is a row; returns how many lines the filter skipped. */
    static int read(Path file, String display, Map<String, String> filter, Consumer<PredictionRow> each) {
        int skipped = 0;
        int rows = 0;
        try (BufferedReader reader = TextFiles.utf8(file)) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node = parse(text, display, line);
                if (!node.isObject()) {
                    String starts = text.strip();
                    throw MlopsException.input(
                            display + ":" + line + ": expected one JSON object per line (JSON lines),"
                                    + " got " + describe(node)
                                    + (starts.equals("[") || starts.equals("{")
                                            ? "; this looks like one JSON document spread over several lines: write one"
                                                    + " object per line (e.g. promptfoo eval --output results.jsonl)"
                                            : ""));
                }
                Row row = new Row(line, node);
                if (!matches(row, filter)) {
                    skipped++;
                    continue;
                }
                rows++;
                each.accept(row);
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw MlopsException.input(display + ": not valid UTF-8 text", e);
        } catch (IOException e) {
            throw MlopsException.input("cannot read " + display + ": " + e.getMessage(), e);
        }
        if (rows == 0 && skipped > 0) {
            throw MlopsException.input(display + ": none of its " + skipped + " lines matches train.predictions.filter "
                    + filter + "; expected at least one example");
        }
        return skipped;
    }

    private static JsonNode parse(String text, String display, int line) {
        try (JsonParser p = JSON.createParser(text)) {
            JsonNode node = JSON.readTree(p);
            JsonToken after = p.nextToken();
            if (after != null) {
                throw MlopsException.input(
                        display + ":" + line + ":" + p.currentTokenLocation().getColumnNr()
                                + ": more after the JSON object; expected one object per line");
            }
            return node;
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage().startsWith("Unexpected end-of-input")) {
                String starts = text.strip();
                throw MlopsException.input(
                        display + ":" + line + ": the JSON value does not end on its line"
                                + (starts.equals("[") || starts.equals("{")
                                        ? "; this looks like one JSON document spread over several lines: write one object"
                                                + " per line (JSON lines, e.g. promptfoo eval --output results.jsonl)"
                                        : "; JSON lines hold one complete object per line"),
                        e);
            }
            throw MlopsException.input(
                    display + ":" + line + ":" + e.getLocation().getColumnNr() + ": malformed JSON ("
                            + firstLine(e.getOriginalMessage()) + ")",
                    e);
        } catch (IOException e) {
            throw MlopsException.input(display + ":" + line + ": cannot parse: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static boolean matches(Row row, Map<String, String> filter) {
        for (Map.Entry<String, String> f : filter.entrySet()) {
            PredictionRow.Cell c = row.get(f.getKey());
            if (c == null
                    || c.type() == PredictionRow.Cell.Type.STRUCTURE
                    || !c.text().equals(f.getValue())) {
                return false;
            }
        }
        return true;
    }

    static String describe(JsonNode n) {
        if (n.isArray()) {
            return "an array";
        }
        if (n.isObject()) {
            return "an object";
        }
        if (n.isNull()) {
            return "null";
        }
        return n.isTextual() ? "the string '" + PredictionRow.Cell.abbreviate(n.asText()) + "'" : n.asText();
    }

    private record Row(int line, JsonNode object) implements PredictionRow {

        @Override
        public Cell get(String path) {
            JsonNode n = resolve(path);
            if (n == null || n.isMissingNode()) {
                return null;
            }
            if (n.isNull()) {
                return new Cell(Cell.Type.NULL, "null");
            }
            if (n.isNumber()) {
                return new Cell(Cell.Type.NUMBER, n.asText());
            }
            if (n.isBoolean()) {
                return new Cell(Cell.Type.BOOLEAN, n.asText());
            }
            if (n.isContainerNode()) {
                return new Cell(Cell.Type.STRUCTURE, n.isArray() ? "[" : "{");
            }
            return new Cell(Cell.Type.TEXT, n.asText());
        }

        private JsonNode resolve(String path) {
            JsonNode whole = object.get(path);
            if (whole != null) {
                return whole;
            }
            JsonNode cur = object;
            for (String part : path.split("\\.", -1)) {
                cur = step(cur, part);
                if (cur == null) {
                    return null;
                }
            }
            return cur;
        }

        private static JsonNode step(JsonNode cur, String part) {
            if (cur.isObject()) {
                return cur.get(part);
            }
            if (cur.isArray() && part.matches("[0-9]{1,9}")) {
                return cur.get(Integer.parseInt(part));
            }
            return null;
        }

        @Override
        public List<String> near(String path) {
            JsonNode cur = object;
            String at = "";
            for (String part : path.split("\\.", -1)) {
                JsonNode next = step(cur, part);
                if (next == null) {
                    break;
                }
                cur = next;
                at = at.isEmpty() ? part : at + "." + part;
            }
            List<String> out = new ArrayList<>();
            String prefix = at.isEmpty() ? "" : at + ".";
            if (cur.isObject()) {
                cur.fieldNames().forEachRemaining(k -> out.add(prefix + k));
            } else if (cur.isArray()) {
                out.add(at + " (an array of " + cur.size() + ")");
            } else {
                out.add(at + " (" + describe(cur) + ", not an object)");
            }
            return out;
        }
    }
}
