package io.mlopsci.core.pipeline;

import io.mlopsci.contract.StepId;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.data.ValidateDataStep;
import io.mlopsci.core.deploy.DeployCanaryStep;
import io.mlopsci.core.deploy.rollback.RollbackStep;
import io.mlopsci.core.gate.GateStep;
import io.mlopsci.core.monitor.MonitorStep;
import io.mlopsci.core.packaging.PackageStep;
import io.mlopsci.core.step.StepDefinition;
import io.mlopsci.core.train.TrainStep;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's steps, in pipeline order: the one place that knows them all. The CLI makes a
 * command of each, {@code mlops run} runs the configured ones, {@code validate-config} lists them.
 * A new step is a contract {@link StepId}, a step class with its {@link StepDefinition}, and a line
 * here (CONTRIBUTING.md).
 */
public final class StepCatalog {

    private static final List<StepDefinition<?>> STEPS = List.of(
            ValidateDataStep.DEFINITION,
            TrainStep.DEFINITION,
            GateStep.DEFINITION,
            PackageStep.DEFINITION,
            DeployCanaryStep.DEFINITION,
            RollbackStep.DEFINITION,
            MonitorStep.DEFINITION);

    private static final Map<StepId, StepDefinition<?>> BY_ID = byId();

    private StepCatalog() {}

    private static Map<StepId, StepDefinition<?>> byId() {
        List<StepId> order = STEPS.stream().map(StepDefinition::id).toList();
        if (!order.equals(StepId.steps())) {
            throw new IllegalStateException(
                    "the catalog's steps " + order + " are not the contract's " + StepId.steps());
        }
        Map<StepId, StepDefinition<?>> m = new EnumMap<>(StepId.class);
        STEPS.forEach(d -> m.put(d.id(), d));
        return m;
    }

    /** Every step, in order: the pipeline's, then monitor. */
    public static List<StepDefinition<?>> steps() {
        return STEPS;
    }

    /** The definition of a step ({@code run} is not a step). */
    public static StepDefinition<?> of(StepId id) {
        StepDefinition<?> d = BY_ID.get(id);
        if (d == null) {
            throw new IllegalArgumentException(id + " is not a step");
        }
        return d;
    }

    /** The steps of the pipeline {@code run} runs, in order. */
    public static List<StepDefinition<?>> pipeline() {
        return STEPS.stream().filter(d -> d.id().inPipeline()).toList();
    }

    /** The steps a configuration asks for, in order (monitor included: validate-config lists it). */
    public static List<StepId> configured(MlopsConfig config) {
        return STEPS.stream()
                .filter(d -> d.isConfigured(config))
                .map(StepDefinition::id)
                .toList();
    }
}
