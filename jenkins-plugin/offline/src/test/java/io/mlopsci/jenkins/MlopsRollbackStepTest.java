package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code mlopsRollback} bound as Pipeline binds it (the run on the real engine is MlopsRollbackStepIT). */
class MlopsRollbackStepTest {

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void bindsItsParameters() throws Exception {
        MlopsRollbackStep step =
                StepBinding.assertBinding(MlopsRollbackStep.class, "mlopsRollback", "rollback", Map.of());
        assertThat(step.invocation().resultFile()).isEqualTo("build/mlops/rollback/result.json");
    }
}
