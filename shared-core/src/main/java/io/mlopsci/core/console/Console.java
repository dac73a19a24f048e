package io.mlopsci.core.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mlopsci.core.io.Json;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place the engine prints through: stdout carries only what the user asked for (JSON, a
 * schema), stderr the progress, warnings and errors. Every line is masked ({@link SecretMask}) and
 * escaped, so that data in it — a column name, a value, a file name, a server's answer — can
 * neither break the line nor start a GitHub Actions workflow command ({@code ::name::} at the start
 * of a line, {@code ##[name]} anywhere in one) or a terminal escape sequence: line breaks and other
 * control characters inside a line become visible escapes ({@code \n}, {@code \x1b}). Several lines
 * are printed as several lines; a line break inside one is data.
 */
public final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final SecretMask mask;

    public Console(PrintStream out, PrintStream err, SecretMask mask) {
        this.out = out;
        this.err = err;
        this.mask = mask;
    }

    /** The process's stdout and stderr, masking the secrets in {@code env}. */
    public static Console system(Map<String, String> env) {
        return new Console(System.out, System.err, SecretMask.fromEnv(env));
    }

    public SecretMask mask() {
        return mask;
    }

    /** One line on stderr. */
    public void error(String line) {
        synchronized (err) {
            err.println(line(line));
            err.flush();
        }
    }

    /** Lines on stderr, each escaped as a line of its own. */
    public void error(List<String> lines) {
        synchronized (err) {
            for (String l : lines) {
                err.println(line(l));
            }
            err.flush();
        }
    }

    /** A value as one line of JSON on stdout, masked, with every character that could act escaped. */
    public void json(Object value) {
        out.println(json(value, mask));
        out.flush();
    }

    /** A document of several lines (e.g. YAML) on stdout, each line masked and escaped. */
    public void document(String text) {
        String[] lines = text.split("\n", -1);
        int n = text.endsWith("\n") ? lines.length - 1 : lines.length;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(line(lines[i])).append('\n');
        }
        out.print(b);
        out.flush();
    }

    private String line(String text) {
        return escape(mask.apply(text));
    }

    /** {@code value} as one line of JSON: secrets masked, and nothing in it that a terminal or a runner acts on. */
    public static String json(Object value, SecretMask mask) {
        JsonNode tree = mask.apply((JsonNode) Json.mapper().valueToTree(value));
        try {
            return SafeJsonEscapes.WRITER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One line of text as it may be printed: line breaks, control characters (C0, DEL, C1), the
     * Unicode line and paragraph separators and bidirectional overrides become escapes; tabs stay.
     * {@code ##[} becomes {@code ##\[}, and a line that would start with {@code ::} starts with
     * {@code \::}, so that no workflow command can be read from it.
     */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String esc = escapeOf(c);
            if (esc != null && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (esc != null) {
                    b.append(esc);
                } else {
                    b.append(c);
                }
            }
        }
        String s = b == null ? text : b.toString();
        if (s.contains("##[")) {
            s = s.replace("##[", "##\\[");
        }
        if (s.stripLeading().startsWith("::")) {
            int at = s.indexOf("::");
            s = s.substring(0, at) + "\\" + s.substring(at);
        }
        return s;
    }

    private static String escapeOf(char c) {
        if (c == '\t') {
            return null;
        }
        if (c == '\n') {
            return "\\n";
        }
        if (c == '\r') {
            return "\\r";
        }
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return String.format(Locale.ROOT, "\\x%02x", (int) c);
        }
        if (unsafeUnicode(c)) {
            return String.format(Locale.ROOT, "\\u%04x", (int) c);
        }
        return null;
    }

    /** Line and paragraph separators, and the bidirectional embeddings, overrides and isolates. */
    private static boolean unsafeUnicode(int c) {
        return c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /**
     * JSON escapes for printing: Jackson's, plus DEL, C1 controls, the separators and overrides
     * above, and {@code #} (so that {@code ##[} cannot occur in the printed line).
     */
    private static final class SafeJsonEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        /** Made on first use: printing a line of text needs no JSON machinery. */
        static final ObjectWriter WRITER = Json.mapper()
                .writer()
                .without(SerializationFeature.INDENT_OUTPUT)
                .with(new SafeJsonEscapes());

        private final int[] ascii;

        SafeJsonEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii['#'] = ESCAPE_STANDARD;
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if ((ch >= 0x80 && ch <= 0x9f) || unsafeUnicode(ch)) {
                return new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch));
            }
            return null;
        }
    }
}
