package io.mlopsci.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.report.MarkdownTruncation.Measure;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MarkdownTruncationTest {

    @Test
    void textThatFitsIsUnchanged() {
        assertThat(MarkdownTruncation.fit("# ok\n", 10, Measure.CHARS, "cut")).isEqualTo("# ok\n");
    }

    @Test
    void cutsOnALineBreakAndClosesAnOpenFenceAndDetailsBlocks() {
        String md = "<details><summary>a</summary>\n\n<details>\n\n```mermaid\n" + "line\n".repeat(100)
                + "```\n</details>\n</details>\n";
        String fitted = MarkdownTruncation.fit(md, 200, Measure.CHARS, "> shortened");
        assertThat(fitted.length()).isLessThanOrEqualTo(200);
        assertThat(fitted).endsWith("> shortened\n").contains("line\n```\n");
        assertThat(count(fitted, "<details")).isEqualTo(2).isEqualTo(count(fitted, "</details>"));
        assertThat(fitted.split("\n")).noneMatch(l -> l.startsWith("lin") && !l.equals("line"));
    }

    @Test
    void measuresUtf8BytesWithoutSplittingACharacter() {
        String md = "🚨 é\n".repeat(10_000);
        String fitted = MarkdownTruncation.fit(md, 1_000, Measure.UTF8_BYTES, "> shortened");
        assertThat(fitted.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1_000);
        assertThat(fitted).doesNotContain("\uFFFD").endsWith("> shortened\n");
        assertThat(fitted.lines().filter(l -> !l.isEmpty() && !l.startsWith(">")))
                .allMatch(l -> l.equals("🚨 é"));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
