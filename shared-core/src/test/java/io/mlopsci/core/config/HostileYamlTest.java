package io.mlopsci.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.step.ExitCodes;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
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
 * position, from the real CLI in a JVM with a small heap, never an OutOfMemoryError or a
 * StackOverflowError (exit 1) or minutes of parsing.
 */
class HostileYamlTest {

    @TempDir
    Path tmp;

    /** Runs {@code mlops validate-config} on {@code yaml} with a 256 MB heap. */
    Processes.Result validate(String yaml) {
        Sandbox s = Sandbox.inline(tmp, "p", "main", Map.of("mlops.yaml", yaml));
        s.env("JAVA_TOOL_OPTIONS", "-Xmx256m");
        return s.mlops("validate-config");
    }

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
    void anAliasBombUnderTheAliasLimitIsAConfigurationError() {
        String yaml = aliasBomb();
        assertThat(yaml.length()).isLessThan(1024);
        Processes.Result r = validate(yaml);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(r.stderr())
                .contains("mlops.yaml:")
                .contains("aliases expand to more than")
                .doesNotContain("OutOfMemoryError");
    }

    @Test
    void aRecursiveAliasIsAConfigurationErrorWithItsPosition() {
        Processes.Result r = validate("model: m\ngate: &g\n  metrics:\n    accuracy: {min: 0.5}\n  again: *g\n");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(r.stderr())
                .contains("mlops.yaml:5:10")
                .contains("recursive alias")
                .doesNotContain("StackOverflow");
        Processes.Result list = validate("model: m\nx: &a [1, *a]\n");
        assertThat(list.exitCode()).as(list.toString()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(list.stderr()).contains("mlops.yaml:2:11").contains("recursive alias");
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
