package io.mlopsci.jenkins.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugin's reading of the engine's {@code result.json} (schema version 1): only what a front
 * end shows or maps. The plugin links nothing from the engine, so this is its own small model of
 * the contract; unknown fields are ignored because the engine only ever adds fields within a
 * schema version.
 *
 * @param step     the step, e.g. {@code evaluate-gate}, or {@code run}
 * @param verdict  PASS, WARN, FAIL, ERROR or SKIPPED
 * @param exitCode the exit code the engine recorded
 * @param summary  one line for humans
 * @param model    model name, version and run, when known
 * @param criteria every checked rule
 * @param error    why the step could not complete, or null
 * @param notes    remarks a reviewer should read
 * @param outputs  machine-readable values (metrics, paths, digests) as plain maps, lists and scalars
 * @param steps    for {@code run}: one line per step
 * @param invocation the {@code --invocation-id} of the engine call that wrote it, or null
 */
public record EngineResult(
        String step,
        String verdict,
        int exitCode,
        String summary,
        Model model,
        List<Criterion> criteria,
        Error error,
        List<String> notes,
        Map<String, Object> outputs,
        List<StepLine> steps,
        String invocation) {

    /** The only schema version this plugin reads. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public EngineResult {
        criteria = List.copyOf(criteria);
        notes = List.copyOf(notes);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        steps = List.copyOf(steps);
    }

    public EngineResult(
            String step,
            String verdict,
            int exitCode,
            String summary,
            Model model,
            List<Criterion> criteria,
            Error error,
            List<String> notes,
            Map<String, Object> outputs,
            List<StepLine> steps) {
        this(step, verdict, exitCode, summary, model, criteria, error, notes, outputs, steps, null);
    }

    /** Model name, version (once registered) and tracking run. */
    public record Model(String name, String version, String runId) {}

    /** Why a step could not complete: kind ({@code config}, {@code infrastructure}, ...) and message. */
    public record Error(String kind, String message) {}

    /** One step's line in the summary of {@code mlops run}. */
    public record StepLine(String step, String verdict, int exitCode, String summary, String result) {}

    /** One checked rule, with the numbers every report line shows. */
    public record Criterion(
            String id,
            String metric,
            String rule,
            String status,
            String effect,
            String direction,
            Double actual,
            Double threshold,
            Double baseline,
            Double delta,
            String expected,
            String observed,
            String message,
            String slice) {

        /** The reason in one line: the engine's message, else the numbers. */
        public String reason() {
            if (message != null && !message.isBlank()) {
                return message;
            }
            StringBuilder b = new StringBuilder("actual ").append(observed != null ? observed : Numbers.format(actual));
            if (expected != null) {
                b.append(", expected ").append(expected);
            }
            if (baseline != null) {
                b.append(", baseline ").append(Numbers.format(baseline));
            }
            return b.toString();
        }
    }

    /** Criteria whose effect fails the step. */
    public List<Criterion> failing() {
        return criteria.stream().filter(c -> "FAIL".equals(c.effect())).toList();
    }

    /** Criteria whose effect is a warning. */
    public List<Criterion> warnings() {
        return criteria.stream().filter(c -> "WARN".equals(c.effect())).toList();
    }

    /** Parses {@code result.json}; the message says what is wrong when it is not the contract. */
    public static EngineResult parse(String json, String origin) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException(origin + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IOException(origin + " is not a JSON object");
        }
        int version = root.path("schemaVersion").asInt(-1);
        if (version != SCHEMA_VERSION) {
            throw new IOException(
                    origin + " has schemaVersion " + root.path("schemaVersion") + "; this plugin reads version "
                            + SCHEMA_VERSION + " (update the plugin or the engine so they match)");
        }
        String step = text(root, "step");
        String verdict = text(root, "verdict");
        if (step == null || verdict == null || !root.path("exitCode").isInt()) {
            throw new IOException(origin + " lacks step, verdict or exitCode");
        }
        JsonNode m = root.path("model");
        Model model = m.isObject() ? new Model(text(m, "name"), text(m, "version"), text(m, "runId")) : null;
        JsonNode e = root.path("error");
        Error error = e.isObject() ? new Error(text(e, "kind"), text(e, "message")) : null;
        List<Criterion> criteria = new ArrayList<>();
        for (JsonNode c : root.path("criteria")) {
            criteria.add(new Criterion(
                    text(c, "id"),
                    text(c, "metric"),
                    text(c, "rule"),
                    text(c, "status"),
                    text(c, "effect"),
                    text(c, "direction"),
                    number(c, "actual"),
                    number(c, "threshold"),
                    number(c, "baseline"),
                    number(c, "delta"),
                    text(c, "expected"),
                    text(c, "observed"),
                    text(c, "message"),
                    slice(c.path("slice"))));
        }
        List<String> notes = new ArrayList<>();
        root.path("notes").forEach(n -> notes.add(n.asText()));
        List<StepLine> steps = new ArrayList<>();
        for (JsonNode s : root.path("steps")) {
            steps.add(new StepLine(
                    text(s, "step"),
                    text(s, "verdict"),
                    s.path("exitCode").asInt(),
                    text(s, "summary"),
                    text(s, "result")));
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        JsonNode out = root.path("outputs");
        if (out.isObject()) {
            out.properties().forEach(f -> outputs.put(f.getKey(), plain(f.getValue())));
        }
        return new EngineResult(
                step,
                verdict,
                root.path("exitCode").asInt(),
                text(root, "summary"),
                model,
                criteria,
                error,
                notes,
                outputs,
                steps,
                text(root, "invocation"));
    }

    /**
     * JSON as plain Java values: LinkedHashMap, ArrayList, String, Long or Double, Boolean. These
     * are what a Pipeline script may hold in the Groovy sandbox and what CPS can serialize.
     */
    static Object plain(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.properties().forEach(f -> m.put(f.getKey(), plain(f.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(plain(x)));
            return l;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        return n.asText();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isNumber() ? v.doubleValue() : null;
    }

    private static String slice(JsonNode s) {
        return s.isObject() && s.hasNonNull("column") ? text(s, "column") + "=" + text(s, "value") : null;
    }
}
