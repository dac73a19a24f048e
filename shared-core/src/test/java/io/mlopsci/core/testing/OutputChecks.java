package io.mlopsci.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks on what the engine printed and wrote: no secret in any form, no line from which a
 * terminal or a GitHub Actions runner would take a command.
 */
public final class OutputChecks {

    private OutputChecks() {}

    /** A secret as it is, Base64 (both alphabets) and URL-encoded: none of these may appear. */
    public static List<String> secretForms(String secret) {
        byte[] b = secret.getBytes(StandardCharsets.UTF_8);
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return List.of(
                secret,
                Base64.getEncoder().encodeToString(b),
                Base64.getUrlEncoder().withoutPadding().encodeToString(b),
                url,
                url.replace("+", "%20"));
    }

    /** stdout and stderr of each run, then every file under {@code dir}, by name. */
    public static Map<String, String> outputs(Path dir, Processes.Result... runs) {
        Map<String, String> all = new LinkedHashMap<>();
        for (int i = 0; i < runs.length; i++) {
            all.put("run " + i + " stdout", runs[i].stdout());
            all.put("run " + i + " stderr", runs[i].stderr());
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    all.put(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    public static void assertNoSecret(Map<String, String> outputs, String secret) {
        for (String form : secretForms(secret)) {
            outputs.forEach((name, text) -> assertThat(text)
                    .as("%s shows the secret as '%s'", name, form)
                    .doesNotContain(form));
        }
    }

    /**
     * Fails when a printed line could be read as a workflow command ({@code ::cmd::} at its start,
     * {@code ##[cmd]} anywhere) or holds a control character other than a tab.
     */
    public static void assertSafeLines(String printed) {
        for (String line : printed.split("\n", -1)) {
            assertThat(line.strip()).as("a printed line: %s", line).doesNotStartWith("::");
            assertThat(line).as("a printed line: %s", line).doesNotContain("##[");
            assertThat(controls(line, false))
                    .as("control characters in the printed line %s", line)
                    .isEmpty();
        }
    }

    /** Fails when a written file holds a control character other than a line break or a tab. */
    public static void assertNoRawControls(String name, String text) {
        assertThat(controls(text, true)).as("control characters in %s", name).isEmpty();
    }

    private static List<String> controls(String s, boolean lineBreaks) {
        List<String> found = new ArrayList<>();
        s.codePoints().forEach(c -> {
            boolean allowed = c == '\t' || (lineBreaks && (c == '\n' || c == '\r'));
            if (!allowed && (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029)) {
                found.add(String.format("U+%04X", c));
            }
        });
        return found;
    }
}
