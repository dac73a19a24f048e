package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code mlopsTrain} bound as Pipeline binds it (the run on the real engine is MlopsTrainStepIT). */
class MlopsTrainStepTest {

    @AfterEach
    void tearDown() {
        OfflineJenkins.resetGlobals();
    }

    @Test
    void bindsItsParametersAndNoCache() throws Exception {
        MlopsTrainStep step =
                StepBinding.assertBinding(MlopsTrainStep.class, "mlopsTrain", "train", Map.of("noCache", true));
        assertThat(step.isNoCache()).isTrue();
        assertThat(step.invocation().arguments()).endsWith("--no-cache");
        assertThat(step.getDescriptor())
                .isInstanceOfSatisfying(
                        MlopsStepDescriptor.class,
                        d -> assertThat(d.isNoCacheOption()).isTrue());
    }
}
