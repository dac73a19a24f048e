package io.mlopsci.core.deploy;

import io.mlopsci.core.deploy.analysis.Measurement;
import java.util.List;

/**
 * One traffic step of a canary as it happened: the weight, how long it was held, the traffic the
 * router saw (null for targets whose traffic it does not carry), the measurements and the outcome.
 */
record StepRecord(
        int step,
        int weight,
        long heldMs,
        Long canaryRequests,
        Long stableRequests,
        List<Measurement> measurements,
        String outcome) {}
