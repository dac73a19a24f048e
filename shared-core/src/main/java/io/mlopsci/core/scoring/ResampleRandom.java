package io.mlopsci.core.scoring;

/**
 * The random draws of one bootstrap resample: a SplitMix64 stream (Steele, Lea and Flood 2014, the
 * generator of {@link java.util.SplittableRandom}) whose start is derived from the seed and the
 * resample's index alone, so that resample r draws the same rows whichever thread computes it and
 * however many threads there are. Written out here rather than taken from the JDK so that the
 * draws, and so the intervals, stay the same on every Java version. Bounded integers use both
 * halves of each 64-bit output and Lemire's multiply-and-reject method (unbiased, rarely divides).
 */
final class ResampleRandom {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;
    private long buffered;
    private boolean hasBuffered;

    /** The stream of resample {@code index} under {@code seed}. */
    ResampleRandom(long seed, int index) {
        // Two rounds of mixing make the starts of neighbouring resamples unrelated.
        this.state = mix64(mix64(seed) + (index + 1L) * GOLDEN_GAMMA);
    }

    /** {@link #fillIndexes(int[], int, int)} of the whole array. */
    void fillIndexes(int[] out, int bound) {
        fillIndexes(out, out.length, bound);
    }

    /**
     * Fills {@code out[0, length)} with uniformly distributed integers in [0, bound): the same
     * values, in the same order, as {@code length} calls of {@link #nextIndex}, without the
     * per-call overhead.
     */
    void fillIndexes(int[] out, int length, int bound) {
        int k = 0;
        if (hasBuffered && length > 0) {
            out[k++] = nextIndex(bound);
        }
        long s = state;
        long unsignedBound = bound;
        while (k + 1 < length) {
            // mix64 written out and the low halves compared as longs (bound > 0): the same values,
            // but the loop the JVM's quick compiler makes of it is about a fifth faster.
            long z = s += GOLDEN_GAMMA;
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            long x = z ^ (z >>> 31);
            long hi = (x >>> 32) * unsignedBound;
            long lo = (x & 0xFFFFFFFFL) * unsignedBound;
            if ((hi & 0xFFFFFFFFL) < unsignedBound || (lo & 0xFFFFFFFFL) < unsignedBound) {
                // Rare (probability about 2·bound/2^32): take the exact, rejecting path for this pair.
                state = s - GOLDEN_GAMMA;
                hasBuffered = false;
                out[k++] = nextIndex(bound);
                out[k++] = nextIndex(bound);
                s = state;
                if (hasBuffered) {
                    // The rejection consumed an odd number of halves: finish one at a time.
                    state = s;
                    while (k < length) {
                        out[k++] = nextIndex(bound);
                    }
                    return;
                }
                continue;
            }
            out[k++] = (int) (hi >>> 32);
            out[k++] = (int) (lo >>> 32);
        }
        state = s;
        while (k < length) {
            out[k++] = nextIndex(bound);
        }
    }

    /** A uniformly distributed integer in [0, bound), bound ≥ 1. */
    int nextIndex(int bound) {
        long m = (nextInt() & 0xFFFFFFFFL) * bound;
        int low = (int) m;
        if (Integer.compareUnsigned(low, bound) < 0) {
            int threshold = Integer.remainderUnsigned(-bound, bound);
            while (Integer.compareUnsigned(low, threshold) < 0) {
                m = (nextInt() & 0xFFFFFFFFL) * bound;
                low = (int) m;
            }
        }
        return (int) (m >>> 32);
    }

    /** 32 random bits: the high half of a 64-bit output, then its low half. */
    private int nextInt() {
        if (hasBuffered) {
            hasBuffered = false;
            return (int) buffered;
        }
        long x = nextLong();
        buffered = x;
        hasBuffered = true;
        return (int) (x >>> 32);
    }

    long nextLong() {
        return mix64(state += GOLDEN_GAMMA);
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
