package io.mlopsci.core.io;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The engine's JSON settings: one mapper, configured once, shared read-only. */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

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

    /** Writes {@code value} as JSON to {@code file} atomically (see {@link AtomicFiles}). */
    public static void writeAtomically(Path file, Object value) throws IOException {
        AtomicFiles.write(file, bytes(value));
    }
}
