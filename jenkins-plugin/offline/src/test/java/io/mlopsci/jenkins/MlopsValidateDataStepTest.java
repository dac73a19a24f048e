package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code mlopsValidateData} bound as Pipeline binds it (the run on the real engine is MlopsValidateDataStepIT). */
class MlopsValidateDataStepTest {

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void bindsItsParameters() throws Exception {
        MlopsValidateDataStep step =
                StepBinding.assertBinding(MlopsValidateDataStep.class, "mlopsValidateData", "validate-data", Map.of());
        assertThat(step.invocation().resultFile()).isEqualTo("build/mlops/validate-data/result.json");
    }
}
