package io.mlopsci.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.contract.ExitCodes;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.metrics.MetricsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A metrics file is one JSON object and nothing else: trailing text, a second object and duplicate
 * keys are the user's error (exit 2) naming the file, the line and the column, not silently half-read.
 */
class MetricsJsonTest {

    @TempDir
    Path tmp;

    MlopsException rejected(String json) throws IOException {
        Path f = tmp.resolve("metrics.json");
        Files.writeString(f, json);
        try {
            MetricsFile.read(f, "out/metrics.json");
        } catch (MlopsException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
            assertThat(e.kind()).isEqualTo(ErrorKind.INPUT);
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "trailing text           | '{\"accuracy\": 0.9} trailing'                | out/metrics.json:1:19: | trailing text",
                "two objects             | '{\"accuracy\": 0.9}{\"accuracy\": 0.1}'     | out/metrics.json:1:18: | a second JSON value",
                "two objects on lines    | '{\"accuracy\": 0.9}\n{\"accuracy\": 0.1}'   | out/metrics.json:2:1:  | a second JSON value",
                "duplicate key           | '{\"accuracy\": 0.9, \"accuracy\": 0.1}'     | out/metrics.json:1:19: | duplicate key \"accuracy\"",
                "nested duplicate key    | '{\"eval\": {\"auc\": 0.9,\n \"auc\": 0.1}}' | out/metrics.json:2:2:  | duplicate key \"auc\"",
            })
    void malformedJsonIsAUserErrorWithThePosition(String name, String json, String position, String what)
            throws IOException {
        MlopsException e = rejected(json.replace("\\n", "\n"));
        assertThat(e.getMessage()).startsWith(position).contains(what);
    }

    @Test
    void aKeyThatFlattensOntoAnotherIsADuplicateToo() throws IOException {
        MlopsException e = rejected("{\"eval.auc\": 0.9, \"eval\": {\"auc\": 0.1}}");
        assertThat(e.getMessage()).contains("'eval.auc' is given twice");
    }

    @Test
    void aMetricNameWithControlCharactersIsRejected() throws IOException {
        MlopsException e = rejected("{\"acc\\n::warning::x\": 0.9}");
        assertThat(e.getMessage()).contains("control character").doesNotContain("\n");
    }

    @Test
    void trailingWhitespaceIsFine() throws IOException {
        Path f = tmp.resolve("metrics.json");
        Files.writeString(f, "{\"accuracy\": 0.9}\n\n  \n");
        assertThat(MetricsFile.read(f, "m.json").values()).containsEntry("accuracy", 0.9);
    }

    @Test
    void anEmptyObjectStaysTheExistingError() throws IOException {
        assertThat(rejected("{}").getMessage()).contains("no metrics");
    }
}
