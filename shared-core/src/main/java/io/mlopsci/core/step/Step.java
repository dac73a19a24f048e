package io.mlopsci.core.step;

import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.preflight.Need;
import io.mlopsci.core.result.StepResult;
import java.util.List;

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

    /**
     * The backends this step will use with this configuration and these options (tracking, model
     * registry, artifact store, Docker, image registry), checked before any work starts.
     */
    default List<Need> needs(StepContext context) {
        return List.of();
    }

    void execute(StepContext context, StepResult.Builder result) throws Exception;

    /**
     * Called once {@code result.json} and the reports are written, e.g. to attach them to the run
     * in the registry. It cannot change the verdict: a failure here is a warning.
     */
    default void afterReports(StepContext context, StepResult written) {}
}
