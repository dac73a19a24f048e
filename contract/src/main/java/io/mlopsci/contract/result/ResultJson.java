package io.mlopsci.contract.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * result.json as bytes and back: the engine writes through {@link #bytes}, and every reader — the
 * engine's later steps, {@code mlops publish}, the GitHub Action, the Jenkins plugin — parses
 * through {@link #parse} or {@link #read}. The document's shape is {@code result.schema.json}
 * beside this class ({@link #SCHEMA}); its version is {@link StepResult#SCHEMA_VERSION}.
 *
 * <p>Unknown fields are ignored (the engine only ever adds fields within a schema version);
 * integers in untyped places ({@code outputs}, {@code details}) come back as {@link Long}, objects
 * as {@link java.util.LinkedHashMap}, arrays as {@link java.util.ArrayList}.
 */
public final class ResultJson {

    /** The JSON Schema of result.json, as a class-path resource. */
    public static final String SCHEMA = "/io/mlopsci/contract/result/result.schema.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private ResultJson() {}

    /** The document as written to {@code result.json}: indented, ending with a newline. */
    public static byte[] bytes(StepResult result) {
        try {
            byte[] b = MAPPER.writeValueAsBytes(result);
            byte[] withNewline = Arrays.copyOf(b, b.length + 1);
            withNewline[b.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document on one line (what {@code --json} prints). */
    public static String line(StepResult result) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a result.json; the exception's message names the file and what is wrong with it. */
    public static StepResult read(Path file) throws ResultFormatException {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ResultFormatException("no result file at " + file + " (expected a result.json a step wrote)");
        } catch (IOException e) {
            throw new ResultFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(json, file.toString());
    }

    /**
     * Parses a result.json's text.
     *
     * @param origin where it came from, for messages (a path)
     */
    public static StepResult parse(String json, String origin) throws ResultFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ResultFormatException(origin + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return parse(root, origin);
    }

    /**
     * Reads a result.json already parsed as a tree (e.g. strictly, by a reader that checked it
     * against {@link #SCHEMA} first).
     *
     * @param origin where it came from, for messages (a path)
     */
    public static StepResult parse(JsonNode root, String origin) throws ResultFormatException {
        if (root == null || !root.isObject()) {
            throw new ResultFormatException(origin + " is not a JSON object");
        }
        int version = root.path("schemaVersion").asInt(-1);
        if (version != StepResult.SCHEMA_VERSION) {
            throw new ResultFormatException(origin + " has schemaVersion " + root.path("schemaVersion")
                    + "; this release of mlops-ci reads version " + StepResult.SCHEMA_VERSION
                    + " (update the engine or the front end so they match)");
        }
        if (!root.path("step").isTextual()
                || !root.path("verdict").isTextual()
                || !root.path("exitCode").canConvertToInt()
                || !root.path("exitCode").isIntegralNumber()) {
            throw new ResultFormatException(origin + " lacks step, verdict or exitCode");
        }
        try {
            return MAPPER.treeToValue(root, StepResult.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ResultFormatException(origin + " is not a step result: " + why, e);
        }
    }

    /** A step's typed outputs as result.json holds them: the record's non-null components, in order. */
    static Map<String, Object> toMap(StepOutputs outputs) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = MAPPER.convertValue(outputs, LinkedHashMap.class);
        return m;
    }

    /** The outputs map read as a step's record; keys it does not know are ignored. */
    static <T extends StepOutputs> T fromMap(Map<String, Object> outputs, Class<T> type) {
        return MAPPER.convertValue(outputs, type);
    }
}
