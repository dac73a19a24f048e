package io.mlopsci.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops validate-config} on the data section, through the CLI in a fresh JVM. */
class DataSectionIT {

    @TempDir
    Path tmp;

    @Test
    void validateConfigListsValidateDataAndReportsDataProblems() {
        Sandbox ok = Sandbox.inline(
                tmp.resolve("ok"),
                "ok",
                "main",
                Map.of("mlops.yaml", DataSectionTest.FULL, "schema.yaml", DataSectionTest.SCHEMA));
        Processes.Result r = ok.mlops("validate-config");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("steps: validate-data");
        Sandbox bad = Sandbox.inline(
                tmp.resolve("bad"),
                "bad",
                "main",
                Map.of(
                        "mlops.yaml",
                        DataSectionTest.FULL.replace("method: auto", "method: kss"),
                        "schema.yaml",
                        DataSectionTest.SCHEMA.replace("unique: true", "uniqe: true")));
        Processes.Result b = bad.mlops("validate-config");
        assertThat(b.exitCode()).isEqualTo(2);
        assertThat(b.stderr())
                .contains("mlops.yaml:20:13: 'data.drift.method'")
                .contains("did you mean 'ks'?")
                .contains("schema.yaml:4:23: 'columns.id.uniqe': unknown key 'uniqe'; did you mean 'unique'?")
                .contains("2 problems in mlops.yaml");
    }
}
