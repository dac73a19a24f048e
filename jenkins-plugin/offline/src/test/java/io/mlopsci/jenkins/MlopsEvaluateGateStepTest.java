package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code mlopsEvaluateGate} bound as Pipeline binds it (the run on the real engine is MlopsEvaluateGateStepIT). */
class MlopsEvaluateGateStepTest {

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void bindsItsParameters() throws Exception {
        MlopsEvaluateGateStep step =
                StepBinding.assertBinding(MlopsEvaluateGateStep.class, "mlopsEvaluateGate", "evaluate-gate", Map.of());
        assertThat(step.invocation().resultFile()).isEqualTo("build/mlops/evaluate-gate/result.json");
    }
}
