package io.mlopsci.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the engine prints: one line per line, data escaped, secrets masked. */
class ConsoleTest {

    @Test
    void lineBreaksAndControlCharactersInALineAreEscaped() {
        assertThat(Console.escape("a\nb\r\nc")).isEqualTo("a\\nb\\r\\nc");
        assertThat(Console.escape("\u001b[31mred\u0007")).isEqualTo("\\x1b[31mred\\x07");
        assertThat(Console.escape("nel\u0085csi\u009b")).isEqualTo("nel\\x85csi\\x9b");
        assertThat(Console.escape("rtl\u202eevil\u2028next")).isEqualTo("rtl\\u202eevil\\u2028next");
        assertThat(Console.escape("tab\tstays, Zürich ✓ 日本")).isEqualTo("tab\tstays, Zürich ✓ 日本");
    }

    @Test
    void noWorkflowCommandCanBeReadFromALine() {
        assertThat(Console.escape("value ##[set-output name=x]y")).doesNotContain("##[");
        assertThat(Console.escape("::warning::x").strip()).doesNotStartWith("::");
        assertThat(Console.escape("  ::error file=a::x").strip()).doesNotStartWith("::");
        assertThat(Console.escape("column a::b")).isEqualTo("column a::b");
    }

    @Test
    void printsMaskedEscapedLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console c = new Console(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                SecretMask.fromEnv(Map.of("API_TOKEN", "hunter2hunter2")));
        c.error("token hunter2hunter2\n::error::x");
        c.error(List.of("first", "second\u001b"));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("token ***\\n::error::x\nfirst\nsecond\\x1b\n");
    }

    @Test
    void printedJsonIsOneSafeLineThatReadsBackTheSame() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console c = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, SecretMask.NONE);
        Map<String, Object> doc = Map.of("column", "a\n::warning::b ##[error]c \u0085 \u2028 \u001b[2J", "n", 1.5);
        c.json(doc);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).endsWith("\n");
        assertThat(printed.strip()).doesNotContain("\n").doesNotContain("##[").doesNotContain("\u0085");
        assertThat(printed.strip().chars().filter(ch -> ch < 0x20 || (ch >= 0x7f && ch <= 0x9f) || ch == 0x2028))
                .isEmpty();
        JsonNode back = Json.mapper().readTree(printed);
        assertThat(back.path("column").asText()).isEqualTo(doc.get("column"));
    }

    @Test
    void aDocumentKeepsItsLinesAndEscapesEachOne() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console c = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, SecretMask.NONE);
        c.document("a: 1\nb: \"x\u0085\"\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a: 1\nb: \"x\\x85\"\n");
    }
}
