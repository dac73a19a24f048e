package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code mlopsRun} bound as Pipeline binds it (the run on the real engine is MlopsRunStepIT). */
class MlopsRunStepTest {

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void bindsItsParametersAndNoCache() throws Exception {
        MlopsRunStep step = StepBinding.assertBinding(MlopsRunStep.class, "mlopsRun", "run", Map.of("noCache", true));
        assertThat(step.invocation().arguments()).endsWith("--no-cache");
        assertThat(step.invocation().resultFile()).isEqualTo("build/mlops/result.json");
    }
}
