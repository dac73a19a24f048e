package io.mlopsci.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drift is not compiled to Spark yet: configured with it, the step fails closed before connecting. */
class SparkDriftTest {

    @TempDir
    Path dir;

    @Test
    void driftOnSparkIsAConfigurationErrorBeforeAnythingIsContacted() {
        // Port 1 on loopback: nothing listens there, so reaching it would be an environment error (3).
        SparkStepRun r = SparkStepRun.of(
                dir,
                "model: m\ndata:\n  engine: spark\n  spark: {remote: 'sc://127.0.0.1:1'}\n"
                        + "  train: /nowhere/train.parquet\n  eval: /nowhere/eval.parquet\n"
                        + "  columns: {id: {nullable: false}}\n  drift: {method: psi}\n",
                Map.of());
        assertThat(r.result().exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.result().criteria()).isEmpty();
        assertThat(r.result().error().message())
                .startsWith("data.engine: spark: drift does not run on spark yet (column, table and leakage rules do)");
        assertThat(r.stderr()).doesNotContain("connecting to spark");
    }
}
