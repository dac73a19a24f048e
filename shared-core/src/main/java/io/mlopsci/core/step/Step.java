package io.mlopsci.core.step;

import io.mlopsci.contract.StepOptions;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.preflight.Need;
import java.util.List;

/**
 * What one step does. A step fills the result builder (criteria, typed outputs, sections) and
 * throws {@link io.mlopsci.core.error.MlopsException} when it cannot complete; {@link StepRunner}
 * turns both into {@code result.json} and reports. Its id, options, when it is configured and how
 * it is made are its {@link StepDefinition}.
 *
 * @param <O> the step's own switches (the contract's options record)
 */
public interface Step<O extends StepOptions> {

    /**
     * The backends this step will use with this configuration and these options (tracking, model
     * registry, artifact store, Docker, image registry), checked before any work starts.
     */
    default List<Need> needs(StepContext context, O options) {
        return List.of();
    }

    void execute(StepContext context, O options, StepResult.Builder result) throws Exception;

    /**
     * Called once {@code result.json} and the reports are written, e.g. to attach them to the run
     * in the registry. It cannot change the verdict: a failure here is a warning.
     */
    default void afterReports(StepContext context, StepResult written) {}
}
