package io.mlopsci.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.OutputChecks;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data in what the CLI prints cannot start a GitHub Actions workflow command ({@code ::cmd::} at
 * the start of a line, {@code ##[cmd]} anywhere in one) or a terminal escape sequence: newlines,
 * control characters and those markers in data are escaped on every line the engine prints.
 */
class PrintedLinesIT {

    @TempDir
    Path tmp;

    static final String HOSTILE_COLUMN = "amt\n::warning title=x::pwned";

    static void assertSafe(String printed) {
        OutputChecks.assertSafeLines(printed);
    }

    @Test
    void aColumnNameWithANewlinePrintsNoWorkflowCommand() throws IOException {
        String csv =
                "id,\"" + HOSTILE_COLUMN + "\",segment,label\n1,2,\"##[error]x\u001b[2J\",0\n2,x,web,1\n3,4,web,0\n";
        Sandbox s = Sandbox.inline(
                tmp,
                "p",
                "main",
                Map.of(
                        "train.csv",
                        csv,
                        "eval.csv",
                        csv,
                        "mlops.yaml",
                        "model: m\ndata:\n  train: train.csv\n  eval: eval.csv\n  label: label\n  columns:\n"
                                + "    " + Json.string(HOSTILE_COLUMN) + ": {type: number}\n"
                                + "    segment: {allowed: [web]}\n"));
        Processes.Result r = s.mlops("validate-data", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertSafe(r.stderr());
        assertSafe(r.stdout());
        // The data is escaped for printing only: result.json keeps the column's real name.
        JsonNode printed = Json.mapper().readTree(r.stdout());
        assertThat(printed.toString()).contains(Json.string(HOSTILE_COLUMN).replace("\"", ""));
        assertThat(r.stderr()).contains("amt\\n::warning title=x::pwned");
    }

    @Test
    void hostileTextInErrorsAndArgumentsIsEscapedToo() {
        Sandbox s = Sandbox.inline(
                tmp, "q", "main", Map.of("mlops.yaml", "model: m\ngate:\n  metrics:\n    a: {min: 1}\n"));
        Processes.Result unknownOption = s.mlops("train", "--bogus\n::error::injected");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertSafe(unknownOption.stderr());
        Processes.Result badSet = s.mlops("validate-config", "--set", "gate.metrics.a.min=\n::error::x\u001b[31m");
        assertThat(badSet.exitCode()).isEqualTo(2);
        assertSafe(badSet.stderr());
        Processes.Result badConfig = s.mlops("train", "--config", "no\n::error::such.yaml");
        assertThat(badConfig.exitCode()).isEqualTo(2);
        assertSafe(badConfig.stderr());
    }
}
