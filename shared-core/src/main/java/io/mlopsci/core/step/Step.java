package io.mlopsci.core.step;

import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.error.MlopsException;

/**
 * One of the six steps. A step fills the result builder (criteria, outputs, sections) and throws
 * {@link MlopsException} when it cannot complete; {@link StepRunner} turns both into
 * {@code result.json} and reports.
 */
public interface Step {

    /** The step's CLI name, e.g. {@code evaluate-gate}. */
    String name();

    /** Whether the configuration asks for this step (used by {@code mlops run}). */
    boolean configured(MlopsConfig config);

    void execute(StepContext context, StepResult.Builder result) throws Exception;

    /**
     * Called once {@code result.json} and the reports are written, e.g. to attach them to the run
     * in the registry. It cannot change the verdict: a failure here is a warning.
     */
    default void afterReports(StepContext context, StepResult written) {}
}
