package io.mlopsci.core.deploy.analysis;

import java.time.Duration;

/**
 * One measurement window of one canary step.
 *
 * @param step        1-based index of the traffic step
 * @param weight      the canary's traffic share, percent
 * @param index       1-based index of the measurement within the step
 * @param fromNanos   start, {@link System#nanoTime()}
 * @param toNanos     end, {@link System#nanoTime()}
 * @param stableVersion null on a first deployment
 */
public record Window(
        int step,
        int weight,
        int index,
        long fromNanos,
        long toNanos,
        String model,
        String canaryVersion,
        String stableVersion) {

    public Duration length() {
        return Duration.ofNanos(toNanos - fromNanos);
    }
}
