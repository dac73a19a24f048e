package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlopsRollback}: run on the JVM sample with the real engine; the
 * build outcome must be what the engine's result says ({@link EngineOracle}), whatever this engine
 * version does for rollback.
 */
class MlopsRollbackStepIT {

    @TempDir
    Path tmp;

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void runsTheEngineOnTheAgentAndMapsItsResult() throws Exception {
        OfflineJenkins.requireEngine();
        OfflineJenkins jenkins = OfflineJenkins.withSample("jvm-classifier", tmp);
        OfflineJenkins.StepRun r = jenkins.execute(new MlopsRollbackStep());
        assertThat(r.log()).contains("mlops.jar rollback --config mlops.yaml --out .mlops/out");
        EngineOracle.assertMappedAsTheEngineSays(r, jenkins.sandbox.out("rollback", "result.json"), "rollback");
    }
}
