package io.mlopsci.core.deploy.router;

import java.util.Arrays;

/**
 * What the router saw in one measurement window: per backend the requests, errors (5xx or no
 * response) and latencies; and the shadow comparisons of canary predictions with the stable's.
 */
public record WindowStats(Side canary, Side stable, long comparisons, long disagreements) {

    /** One backend's share of a window; latencies in milliseconds, sorted. */
    public record Side(long requests, long errors, double[] latenciesMs) {

        public double errorRate() {
            return requests == 0 ? Double.NaN : (double) errors / requests;
        }

        /** The nearest-rank percentile (the smallest latency with at least p% of requests at or below it). */
        public double percentile(double p) {
            if (latenciesMs.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * latenciesMs.length);
            return latenciesMs[Math.max(0, Math.min(latenciesMs.length - 1, rank - 1))];
        }

        static Side of(long requests, long errors, double[] latencies) {
            double[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return new Side(requests, errors, sorted);
        }
    }

    public double disagreementRate() {
        return comparisons == 0 ? Double.NaN : (double) disagreements / comparisons;
    }
}
