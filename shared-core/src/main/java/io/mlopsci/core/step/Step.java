package io.mlopsci.core.step;

import io.mlopsci.contract.StepOptions;
import io.mlopsci.contract.result.StepResult;

/**
 * What one step does. A step fills the result builder (criteria, typed outputs, sections) and
 * throws {@link io.mlopsci.core.error.MlopsException} when it cannot complete; {@link StepRunner}
 * turns both into {@code result.json} and reports. Its id, options, when it is configured and how
 * it is made are its {@link StepDefinition}.
 *
 * @param <O> the step's own switches (the contract's options record)
 */
public interface Step<O extends StepOptions> {

    void execute(StepContext context, O options, StepResult.Builder result) throws Exception;

    /**
     * Called once {@code result.json} and the reports are written, e.g. to attach them to the run
     * in the registry. It cannot change the verdict: a failure here is a warning.
     */
    default void afterReports(StepContext context, StepResult written) {}
}
