package io.mlopsci.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the metrics a training command writes: a JSON object of metric name → number. Nested
 * objects are flattened with dots ({@code {"eval": {"auc": 0.9}}} → {@code eval.auc}); an array of
 * numbers is a metric logged per step (its value is the last one). {@code NaN} and
 * {@code Infinity} are kept as such — the gate decides they cannot pass — but strings, booleans and
 * nulls are errors, named with the metric and the file.
 *
 * @param values metric → value (last step)
 * @param steps  metric → every step's value, for metrics written as arrays
 */
public record MetricsFile(Map<String, Double> values, Map<String, List<Double>> steps) {

    public static MetricsFile read(Path file, String display) {
        if (!Files.isRegularFile(file)) {
            throw MlopsException.input(
                    "no metrics file at " + display + ": the training command must write a JSON object"
                            + " of metric name → number there (see train.metrics)");
        }
        JsonNode root;
        try {
            root = Json.readUserFile(file);
        } catch (Json.Malformed e) {
            throw MlopsException.input(
                    display + (e.line() > 0 ? ":" + e.line() + ":" + e.column() : "") + ": not valid JSON ("
                            + e.problem() + ")",
                    e);
        } catch (IOException e) {
            throw MlopsException.input("cannot read " + display + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw MlopsException.input(display + ": expected a JSON object of metric name → number, got "
                    + (root == null
                            ? "an empty file"
                            : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        flatten("", root, values, steps, problems);
        if (!problems.isEmpty()) {
            throw MlopsException.input(display + ": " + String.join("; ", problems));
        }
        if (values.isEmpty()) {
            throw MlopsException.input(display + ": no metrics in the file (expected e.g. {\"accuracy\": 0.93})");
        }
        return new MetricsFile(values, steps);
    }

    private static void flatten(
            String prefix,
            JsonNode node,
            Map<String, Double> values,
            Map<String, List<Double>> steps,
            List<String> problems) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (name.codePoints().anyMatch(Character::isISOControl)) {
                problems.add("the metric name " + Json.string(name) + " has a control character; names are"
                        + " printed and recorded, use letters, digits, '.', '_', '-' or '/'");
                continue;
            }
            if (values.containsKey(name)) {
                problems.add("'" + name + "' is given twice (a nested object flattens to the same name)");
                continue;
            }
            if (v.isNumber()) {
                values.put(name, v.doubleValue());
            } else if (v.isObject()) {
                flatten(name + ".", v, values, steps, problems);
            } else if (v.isArray()) {
                List<Double> series = new ArrayList<>();
                for (JsonNode x : v) {
                    if (!x.isNumber()) {
                        problems.add("'" + name + "' has a non-number step value " + x + "; expected numbers");
                        break;
                    }
                    series.add(x.doubleValue());
                }
                if (series.isEmpty()) {
                    problems.add("'" + name + "' is an empty list; expected a number or a list of numbers");
                } else if (series.size() == v.size()) {
                    values.put(name, series.get(series.size() - 1));
                    steps.put(name, series);
                }
            } else if (v.isTextual()) {
                problems.add("'" + name + "' is a string (\"" + abbreviate(v.asText()) + "\"); expected a number");
            } else {
                problems.add("'" + name + "' is "
                        + (v.isNull() ? "null" : v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT))
                        + "; expected a number");
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 30 ? s : s.substring(0, 27) + "...";
    }
}
