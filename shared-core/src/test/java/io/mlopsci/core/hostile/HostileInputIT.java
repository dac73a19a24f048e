package io.mlopsci.core.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.OutputChecks;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/}, see its README): configurations,
 * data, metrics, predictions, event payloads and uploaded results written by an attacker or an
 * unlucky user, each run through the real CLI with secrets in the environment. Each case asserts
 * the exit class, the message, and that no secret (in any encoding) and no raw control sequence or
 * workflow command appears in anything the engine printed or wrote.
 */
class HostileInputIT {

    /** The tracking token every case runs with; cases try to leak it. */
    static final String SECRET = "hostile-Secret-9f8e7d/+=";
    /** A second secret, by a name only {@code MLOPS_MASK} makes secret. */
    static final String MASKED = "masked-by-name-41x7";

    record Case(String name, Path dir, JsonNode manifest) {
        @Override
        public String toString() {
            return name + ": " + manifest.path("about").asText();
        }
    }

    static Stream<Case> cases() throws IOException, URISyntaxException {
        Path root = Path.of(HostileInputIT.class.getResource("/hostile").toURI());
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path manifest : files.filter(p -> p.getFileName().toString().equals("case.json"))
                    .sorted()
                    .toList()) {
                Path dir = manifest.getParent();
                out.add(new Case(
                        root.relativize(dir).toString(), dir, Json.mapper().readTree(manifest.toFile())));
            }
        }
        assertThat(out).as("the corpus under %s", root).hasSizeGreaterThan(40);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theEngineHoldsUp(Case c, @TempDir Path tmp) throws IOException {
        JsonNode m = c.manifest();
        Path work = tmp.resolve("p");
        AtomicFiles.copyRecursively(c.dir(), work);
        Files.delete(work.resolve("case.json"));
        // Something to commit when the case's only file is generated, or there is none.
        Sandbox s = Sandbox.inline(tmp, "p", "main", Map.of("CASE", c.name() + "\n"));
        for (JsonNode g : m.path("generate")) {
            generate(work.resolve(g.path("path").asText()), g);
        }
        s.env("MLFLOW_TRACKING_TOKEN", SECRET).env("CORPUS_VALUE", MASKED).env("MLOPS_MASK", "CORPUS_VALUE");
        List<Processes.Result> runs = new ArrayList<>();
        for (JsonNode setup : m.path("setup")) {
            setup.path("env")
                    .fields()
                    .forEachRemaining(e -> s.env(e.getKey(), e.getValue().asText()));
            Processes.Result r = s.mlops(strings(setup.path("args")));
            assertThat(r.exitCode()).as("setup %s: %s", setup, r).isIn(0, 1);
            runs.add(r);
        }
        m.path("env")
                .fields()
                .forEachRemaining(e -> s.env(e.getKey(), e.getValue().asText()));
        Processes.Result r = s.mlops(strings(m.path("args")));
        runs.add(r);

        assertThat(r.exitCode())
                .as("exit code of %s", r)
                .isEqualTo(m.path("exit").asInt());
        for (JsonNode expected : m.path("stderr")) {
            assertThat(r.stderr()).as("stderr").contains(expected.asText());
        }
        if (m.has("result")) {
            String results = results(work.resolve(".mlops/out"));
            for (JsonNode expected : m.path("result")) {
                assertThat(results).as("the result.json files").contains(expected.asText());
            }
        }
        for (Processes.Result run : runs) {
            OutputChecks.assertSafeLines(run.stdout());
            OutputChecks.assertSafeLines(run.stderr());
        }
        Map<String, String> outputs =
                OutputChecks.outputs(work.resolve(".mlops"), runs.toArray(Processes.Result[]::new));
        OutputChecks.assertNoSecret(outputs, SECRET);
        OutputChecks.assertNoSecret(outputs, MASKED);
        outputs.forEach((name, text) -> {
            if (name.contains("/.mlops/out/") && !name.contains("/train/output/") && !name.contains(".artifacts")) {
                OutputChecks.assertNoRawControls(name, text);
            }
        });
    }

    private static String[] strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out.toArray(String[]::new);
    }

    /** A file too large to keep in the repository: head, {@code times} × repeat, tail. */
    private static void generate(Path file, JsonNode g) throws IOException {
        String repeat = g.path("repeat").asText();
        int times = g.path("times").asInt();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(g.path("head").asText());
            String chunk = repeat.repeat(Math.max(1, 65536 / Math.max(1, repeat.length())));
            int perChunk = chunk.length() / repeat.length();
            int left = times;
            while (left > 0) {
                int n = Math.min(left, perChunk);
                w.write(chunk, 0, n * repeat.length());
                left -= n;
            }
            w.write(g.path("tail").asText());
        }
    }

    private static String results(Path out) {
        StringBuilder b = new StringBuilder();
        if (!Files.isDirectory(out)) {
            return "";
        }
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("result.json"))
                    .sorted()
                    .toList()) {
                b.append(Files.readString(f)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }
}
