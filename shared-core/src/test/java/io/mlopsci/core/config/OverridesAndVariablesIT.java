package io.mlopsci.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.ExitCodes;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set .=1} and a self-referencing path through the CLI: exit 2 (they were exit 3 and "valid"). */
class OverridesAndVariablesIT {

    @TempDir
    Path tmp;

    static final String BASE = OverridesAndVariablesTest.BASE;

    @Test
    void theCliSaysSoWithExit2() {
        Sandbox s = Sandbox.inline(tmp, "p", "main", Map.of("mlops.yaml", BASE));
        Processes.Result r = s.mlops("validate-config", "--set", ".=1");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(r.stderr()).contains("--set .=1").doesNotContain("internal error");
        Processes.Result gate = s.mlops("evaluate-gate", "--set", ".=1");
        assertThat(gate.exitCode()).as(gate.toString()).isEqualTo(ExitCodes.USER_ERROR);
    }

    @Test
    void validateConfigNoLongerCallsASelfReferenceValid() {
        Sandbox s = Sandbox.inline(
                tmp,
                "q",
                "main",
                Map.of("mlops.yaml", BASE + "train:\n  command: [x]\n  output: \"${train.output}/o\"\n"));
        Processes.Result r = s.mlops("validate-config");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(r.stderr()).contains("mlops.yaml:7:11").contains("refers to itself");
    }
}
