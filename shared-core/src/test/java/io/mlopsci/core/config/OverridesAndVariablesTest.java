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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --set} paths that lead nowhere and variables that refer to themselves are configuration
 * errors (exit 2) with their position, not internal errors (exit 3) or silently wrong paths
 * ({@link OverridesAndVariablesIT}: the same through the CLI).
 */
class OverridesAndVariablesTest {

    @TempDir
    Path tmp;

    static final String BASE = "model: m\ngate:\n  metrics:\n    accuracy: {min: 0.5}\n";

    List<ConfigProblem> problems(String yaml, String... overrides) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, yaml);
        try {
            ConfigLoader.load(f, new ConfigLoader.Options(null, null, Map.of(), List.of(overrides)));
        } catch (ConfigException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
            return e.problems();
        }
        throw new AssertionError("accepted " + yaml + " with " + List.of(overrides));
    }

    @ParameterizedTest
    @ValueSource(strings = {".=1", "..=1", "gate..metrics=1", ".gate=1", "gate.=1", " =1", "gate. .x=1"})
    void anEmptyPathSegmentIsAUsageError(String override) throws IOException {
        ConfigProblem p = problems(BASE, override).get(0);
        assertThat(p.location().file()).isEqualTo("--set " + override);
        assertThat(p.message()).contains("empty").contains("e.g. --set gate.metrics.f1.min=0.8");
    }

    @Test
    void aPathThatRefersToItselfIsAnErrorAtItsPosition() throws IOException {
        List<ConfigProblem> p = problems(BASE + "train:\n  command: [x]\n  output: \"${train.output}/o\"\n");
        assertThat(p).hasSize(1);
        assertThat(p.get(0).location().line()).isEqualTo(7);
        assertThat(p.get(0).location().column()).isEqualTo(11);
        assertThat(p.get(0).path()).isEqualTo("train.output");
        assertThat(p.get(0).message()).contains("${train.output} refers to itself");
    }

    @Test
    void pathsThatReferToEachOtherInACycleAreAnError() throws IOException {
        List<ConfigProblem> p =
                problems(BASE + "data:\n  train: \"${data.eval}/t.csv\"\n  eval: \"${data.train}/e.csv\"\n");
        assertThat(p)
                .extracting(ConfigProblem::message)
                .anyMatch(m -> m.contains("data.train → data.eval → data.train"));
    }

    @Test
    void aPathMayUseAnotherPathThatDoesNotDependOnIt() throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(
                f, BASE + "data:\n  train: data/train.csv\n  reference: \"${data.train}\"\ntrain:\n  command: [x]\n");
        MlopsConfig c = ConfigLoader.load(f, new ConfigLoader.Options(null, null, Map.of(), List.of()));
        assertThat(c.data().reference()).isEqualTo(tmp.resolve("data/train.csv"));
    }
}
