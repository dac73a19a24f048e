package io.mlopsci.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YAML written to exhaust the engine: an alias bomb under SnakeYAML's alias limit, a recursive
 * alias, deep nesting, a huge file and a huge line. Each is a configuration error (exit 2) with the
 * position, never an OutOfMemoryError or a StackOverflowError (exit 1) or minutes of parsing
 * ({@link HostileYamlIT} runs the first two through the CLI in a JVM with a small heap).
 */
class HostileYamlTest {

    @TempDir
    Path tmp;

    /** Nine levels of five aliases each: 40 aliases (under the limit of 50), 10 × 5^8 ≈ 3.9 million strings. */
    static String aliasBomb() {
        StringBuilder b = new StringBuilder("model: m\ngate:\n  metrics:\n    accuracy: {min: 0.5}\n");
        b.append("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 8; i++) {
            String prev = "*a" + (i - 1);
            b.append("a").append(i).append(": &a").append(i).append(" [");
            b.append(String.join(", ", java.util.Collections.nCopies(5, prev)));
            b.append("]\n");
        }
        return b.toString();
    }

    @Test
    void anAliasBombIsRefusedWhileItIsRead() {
        ConfigProblem p = problem(aliasBomb());
        assertThat(p.location().line()).isBetween(10, 13);
        assertThat(p.message()).contains("aliases expand to more than 250,000 values");
    }

    @Test
    void aRecursiveAliasIsRefusedAtTheAlias() {
        ConfigProblem p = problem("model: m\ngate: &g\n  metrics:\n    accuracy: {min: 0.5}\n  again: *g\n");
        assertThat(p.location().line()).isEqualTo(5);
        assertThat(p.location().column()).isEqualTo(10);
        assertThat(p.message()).contains("recursive alias *g").contains("line 2, column 7");
    }

    @Test
    void aHugeFileIsRefusedBeforeParsing() throws IOException {
        Path f = tmp.resolve("huge.yaml");
        Files.writeString(f, "model: m\nx: " + "a".repeat(20 * 1024 * 1024) + "\n");
        ConfigProblem p = problem(f);
        assertThat(p.location().file()).isEqualTo(f.toString());
        assertThat(p.message()).contains("20.0 MiB").contains("at most");
    }

    @Test
    void aHugeLineIsRefusedBeforeParsing() throws IOException {
        // Under the size limit, but SnakeYAML's scanner is quadratic in the length of one token.
        Path f = tmp.resolve("line.yaml");
        Files.writeString(
                f, "model: m\ngate:\n  metrics:\n    accuracy: {min: 0.5}\nx: " + "a".repeat(3_000_000) + "\n");
        ConfigProblem p = problem(f);
        assertThat(p.location().line()).isEqualTo(5);
        assertThat(p.message()).contains("line 5 is 3,000,003 characters long").contains("at most");
    }

    @Test
    void deepNestingIsAConfigurationError() throws IOException {
        Path f = tmp.resolve("deep.yaml");
        Files.writeString(f, "model: m\nx: " + "[".repeat(500) + "]".repeat(500) + "\n");
        ConfigProblem p = problem(f);
        assertThat(p.location().line()).isEqualTo(2);
        assertThat(p.message()).contains("nest");
    }

    @Test
    void aliasesThatNestDeeperThanTheLimitAreAnError() throws IOException {
        // Each level nests the previous one: the text is shallow, the expansion is 60 levels deep.
        StringBuilder b = new StringBuilder("model: m\nl0: &l0 [x]\n");
        for (int i = 1; i <= 45; i++) {
            b.append("l")
                    .append(i)
                    .append(": &l")
                    .append(i)
                    .append(" [[*l")
                    .append(i - 1)
                    .append("]]\n");
        }
        Path f = tmp.resolve("deep-alias.yaml");
        Files.writeString(f, b.toString());
        assertThat(problem(f).message()).contains("nest");
    }

    @Test
    void ordinaryAnchorsAndAliasesStillWork() throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, """
                model: m
                train:
                  predictions: p.csv
                gate:
                  metrics:
                    accuracy: &strict {min: 0.9, change: {max_drop: 0.01}}
                    f1: *strict
                """);
        MlopsConfig c = ConfigLoader.load(f, new ConfigLoader.Options(null, null, Map.of(), List.of()));
        assertThat(c.gate().metrics()).hasSize(2);
        assertThat(c.gate().metrics().get(1).min()).isEqualTo(0.9);
    }

    ConfigProblem problem(String yaml) {
        try {
            Path f = tmp.resolve("mlops.yaml");
            Files.writeString(f, yaml);
            return problem(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ConfigProblem problem(Path f) {
        try {
            ConfigLoader.load(f, new ConfigLoader.Options(null, null, Map.of(), List.of()));
        } catch (ConfigException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
            return e.problems().get(0);
        }
        throw new AssertionError("accepted " + f);
    }
}
