package io.mlopsci.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.ExitCodes;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alias bomb and a recursive alias through {@code mlops validate-config} in a fresh JVM with a
 * 256 MB heap: exit 2 with the position (they ended in OutOfMemoryError after 155 s and in
 * StackOverflowError, both exit 1).
 */
class HostileYamlIT {

    @TempDir
    Path tmp;

    /** Runs {@code mlops validate-config} on {@code yaml} with a 256 MB heap. */
    Processes.Result validate(String yaml) {
        Sandbox s = Sandbox.inline(tmp, "p", "main", Map.of("mlops.yaml", yaml));
        s.env("JAVA_TOOL_OPTIONS", "-Xmx256m");
        return s.mlops("validate-config");
    }

    @Test
    void anAliasBombUnderTheAliasLimitIsAConfigurationError() {
        String yaml = HostileYamlTest.aliasBomb();
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
}
