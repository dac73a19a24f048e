package io.mlopsci.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.Verdict;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift runs on Spark: a configuration with {@code data.drift} is no longer refused, it goes on to
 * connect — and still fails closed when it cannot: nothing is recorded, nothing passes. (Drift's
 * results on a real Spark: {@code SparkDriftIT}, {@code SparkParityIT}.)
 */
class SparkDriftTest {

    @TempDir
    Path dir;

    @Test
    void driftOnSparkConnectsAndAnUnreachableEngineRecordsNothing() {
        // Port 1 on loopback: nothing listens there, so the step fails as the environment's fault (3).
        SparkStepRun r = SparkStepRun.of(
                dir,
                "model: m\ndata:\n  engine: spark\n  spark: {remote: 'sc://127.0.0.1:1'}\n"
                        + "  train: /nowhere/train.parquet\n  eval: /nowhere/eval.parquet\n"
                        + "  columns: {id: {nullable: false}}\n  drift: {method: psi}\n",
                Map.of());
        assertThat(r.result().exitCode()).as(r.stderr()).isEqualTo(3);
        assertThat(r.result().verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.result().criteria()).isEmpty();
        assertThat(r.result().error().message()).startsWith("cannot reach Spark Connect at sc://127.0.0.1:1 ");
        assertThat(r.stderr()).contains("connecting to spark").doesNotContain("drift does not run on spark");
    }
}
