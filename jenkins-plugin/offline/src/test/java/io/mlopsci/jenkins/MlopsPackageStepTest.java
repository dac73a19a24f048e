package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code mlopsPackage} bound as Pipeline binds it (the run on the real engine is MlopsPackageStepIT). */
class MlopsPackageStepTest {

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void bindsItsParameters() throws Exception {
        MlopsPackageStep step = StepBinding.assertBinding(MlopsPackageStep.class, "mlopsPackage", "package", Map.of());
        assertThat(step.invocation().resultFile()).isEqualTo("build/mlops/package/result.json");
    }
}
