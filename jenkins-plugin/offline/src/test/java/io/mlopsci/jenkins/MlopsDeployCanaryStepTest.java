package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code mlopsDeployCanary} bound as Pipeline binds it (the run on the real engine is MlopsDeployCanaryStepIT). */
class MlopsDeployCanaryStepTest {

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void bindsItsParameters() throws Exception {
        MlopsDeployCanaryStep step =
                StepBinding.assertBinding(MlopsDeployCanaryStep.class, "mlopsDeployCanary", "deploy-canary", Map.of());
        assertThat(step.invocation().resultFile()).isEqualTo("build/mlops/deploy-canary/result.json");
    }
}
