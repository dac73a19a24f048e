package io.mlopsci.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The engine's JSON settings: one mapper, configured once, shared read-only. Reading is strict:
 * a duplicate key or anything after the document's value is an error (a lenient reader would take
 * one of two values, or the first of two documents, silently).
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** The largest JSON file a user gives the engine (metrics, an event payload) that it reads. */
    public static final int MAX_USER_FILE = 64 * 1024 * 1024;

    /** Reads one value and leaves what follows to {@link #readUserFile}, which says where it is. */
    private static final ObjectReader ONE_VALUE =
            MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    /** The shared mapper. Never reconfigure it; copy it if a caller needs other settings. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] bytes(Object value) {
        try {
            byte[] b = MAPPER.writeValueAsBytes(value);
            byte[] withNewline = java.util.Arrays.copyOf(b, b.length + 1);
            withNewline[b.length] = '\n';
            return withNewline;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact, one-line JSON (for environment variables, stdout and hashing). */
    public static String string(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }

    /**
     * Reads a file a user (or a program of theirs) wrote: exactly one JSON value, no duplicate key,
     * nothing but whitespace after it. Null for an empty file.
     *
     * @throws Malformed with the line and column where the problem starts
     */
    public static JsonNode readUserFile(Path file) throws IOException {
        byte[] bytes;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_USER_FILE + 1);
        }
        if (bytes.length > MAX_USER_FILE) {
            throw new Malformed(
                    -1, -1, "the file is larger than " + MAX_USER_FILE / 1048576 + " MiB, the most read as JSON", null);
        }
        try (JsonParser p = MAPPER.createParser(bytes)) {
            JsonNode root;
            try {
                root = ONE_VALUE.readTree(p);
            } catch (JsonProcessingException e) {
                throw Malformed.of(e, bytes, p.currentLocation());
            }
            if (root == null) {
                return null;
            }
            int end = (int) p.currentLocation().getByteOffset();
            int start = end;
            while (start < bytes.length
                    && (bytes[start] == ' ' || bytes[start] == '\t' || bytes[start] == '\n' || bytes[start] == '\r')) {
                start++;
            }
            if (start == bytes.length) {
                return root;
            }
            boolean value;
            try {
                value = p.nextToken() != null;
            } catch (JsonProcessingException e) {
                value = false;
            }
            String excerpt = new String(bytes, start, Math.min(30, bytes.length - start), StandardCharsets.UTF_8);
            throw Malformed.at(
                    bytes,
                    start,
                    value
                            ? "trailing content: a second JSON value starts here; the file must hold exactly one"
                            : "trailing text after the JSON value (" + string(excerpt) + "); the file must hold"
                                    + " exactly one JSON value",
                    null);
        }
    }

    /** A JSON document that is not valid, with where and why, in words for the user. */
    public static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;
        private final String problem;

        Malformed(int line, int column, String problem, Throwable cause) {
            super((line > 0 ? line + ":" + column + ": " : "") + problem, cause);
            this.line = line;
            this.column = column;
            this.problem = problem;
        }

        static Malformed at(byte[] bytes, int offset, String problem, Throwable cause) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = 1;
            for (int i = lineStart; i < offset; i++) {
                if ((bytes[i] & 0xC0) != 0x80) { // count characters, not UTF-8 continuation bytes
                    column++;
                }
            }
            return new Malformed(line, column, problem, cause);
        }

        static Malformed of(JsonProcessingException e, byte[] bytes, JsonLocation current) {
            // Some limits (a number too long) are reported without a location: the parser's is near.
            JsonLocation at = e.getLocation() != null ? e.getLocation() : current;
            String what = e.getOriginalMessage();
            if (what != null && what.startsWith("Duplicate field '") && at != null) {
                String key = what.substring("Duplicate field '".length(), what.length() - 1);
                String problem = "duplicate key " + string(key) + "; each key may appear once in an object";
                // Jackson points past the second key; point at its opening quote.
                int keyAt = lastIndexOf(bytes, string(key).getBytes(StandardCharsets.UTF_8), at.getByteOffset());
                return keyAt >= 0
                        ? at(bytes, keyAt, problem, e)
                        : new Malformed(at.getLineNr(), at.getColumnNr(), problem, e);
            }
            if (e instanceof StreamConstraintsException) {
                what = "too large or too deeply nested (" + what + ")";
            }
            return new Malformed(at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(), what, e);
        }

        private static int lastIndexOf(byte[] haystack, byte[] needle, long before) {
            for (int i = (int) Math.min(before, haystack.length) - needle.length; i >= 0; i--) {
                if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                    return i;
                }
            }
            return -1;
        }

        /** 1-based line, or -1 when unknown. */
        public int line() {
            return line;
        }

        /** 1-based column, or -1 when unknown. */
        public int column() {
            return column;
        }

        /** What is wrong, without the position. */
        public String problem() {
            return problem;
        }

        /** {@code display:line:column: problem}. */
        public String describe(String display) {
            return display + (line > 0 ? ":" + line + ":" + column : "") + ": " + problem;
        }
    }

    /** Writes {@code value} as JSON to {@code file} atomically (see {@link AtomicFiles}). */
    public static void writeAtomically(Path file, Object value) throws IOException {
        AtomicFiles.write(file, bytes(value));
    }
}
