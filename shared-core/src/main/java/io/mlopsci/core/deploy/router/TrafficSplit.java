package io.mlopsci.core.deploy.router;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic weighted routing: of every 100 consecutive requests exactly {@code weight} go to
 * the canary, spread evenly (request n goes to the canary when ⌊(n+1)·w/100⌋ &gt; ⌊n·w/100⌋). No
 * randomness, so a short bake still sees the configured share.
 */
final class TrafficSplit {

    private final AtomicLong counter = new AtomicLong();
    private volatile int weight;

    void weight(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("weight " + percent);
        }
        weight = percent;
        counter.set(0);
    }

    int weight() {
        return weight;
    }

    /** Whether the next request goes to the canary. */
    boolean nextIsCanary() {
        int w = weight;
        long n = counter.getAndIncrement();
        return (n + 1) * w / 100 > n * w / 100;
    }
}
