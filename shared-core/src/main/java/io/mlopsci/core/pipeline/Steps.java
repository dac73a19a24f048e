package io.mlopsci.core.pipeline;

import io.mlopsci.core.data.ValidateDataStep;
import io.mlopsci.core.deploy.DeployCanaryStep;
import io.mlopsci.core.deploy.rollback.RollbackStep;
import io.mlopsci.core.gate.GateStep;
import io.mlopsci.core.packaging.PackageStep;
import io.mlopsci.core.step.Step;
import io.mlopsci.core.train.TrainStep;
import java.util.List;
import java.util.Optional;

/** The six steps in pipeline order; {@code mlops run} runs the configured ones in this order. */
public final class Steps {

    public static final List<String> ORDER =
            List.of("validate-data", "train", "evaluate-gate", "package", "deploy-canary", "rollback");

    private Steps() {}

    /** The implementation of a step, or empty when this build does not have it yet. */
    public static Optional<Step> byName(String name) {
        return switch (name) {
            case ValidateDataStep.NAME -> Optional.of(new ValidateDataStep());
            case TrainStep.NAME -> Optional.of(new TrainStep());
            case GateStep.NAME -> Optional.of(new GateStep());
            case PackageStep.NAME -> Optional.of(new PackageStep());
            case DeployCanaryStep.NAME -> Optional.of(new DeployCanaryStep());
            case RollbackStep.NAME -> Optional.of(new RollbackStep());
            default -> Optional.empty();
        };
    }
}
