package io.mlopsci.core.deploy.analysis;

import io.mlopsci.core.config.DeployConfig;

/** Where an analysis metric's value comes from. */
public interface MetricSource {

    /**
     * Measures {@code metric} over {@code window}. Never throws for a measurement problem: an
     * unavailable value is a measurement with status ERROR (too little data: INCONCLUSIVE).
     */
    Measurement measure(DeployConfig.AnalysisMetric metric, Window window);

    /** Whether the source can measure this metric at all in this deployment (e.g. disagreement needs a stable). */
    default boolean applies(DeployConfig.AnalysisMetric metric) {
        return true;
    }
}
