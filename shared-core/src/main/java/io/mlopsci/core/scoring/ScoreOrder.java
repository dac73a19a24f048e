package io.mlopsci.core.scoring;

/**
 * The rows in ascending order of a score column, by a stable least-significant-digit radix sort of
 * the scores' bits (eight passes of a byte, a pass skipped when every score has the same byte
 * there): no boxing and no comparisons, a few milliseconds for 100,000 rows where sorting boxed
 * indexes took tens. The order is that of {@link Double#compare} (−0.0 before 0.0, NaN last), ties
 * in row order, as a stable comparison sort gives.
 */
final class ScoreOrder {

    private ScoreOrder() {}

    static int[] ascending(double[] scores) {
        int n = scores.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToLongBits(scores[i]);
            // Flip so that the keys' unsigned order is the numbers' order.
            keys[i] = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] next = new int[n];
        int[] bucketStart = new int[257];
        for (int shift = 0; shift < 64; shift += 8) {
            java.util.Arrays.fill(bucketStart, 0);
            for (int i = 0; i < n; i++) {
                bucketStart[(int) ((keys[i] >>> shift) & 0xFF) + 1]++;
            }
            boolean oneBucket = false;
            for (int b = 1; b <= 256; b++) {
                if (bucketStart[b] == n) {
                    oneBucket = true;
                }
            }
            if (oneBucket) {
                continue;
            }
            for (int b = 1; b <= 256; b++) {
                bucketStart[b] += bucketStart[b - 1];
            }
            for (int i = 0; i < n; i++) {
                int row = order[i];
                next[bucketStart[(int) ((keys[row] >>> shift) & 0xFF)]++] = row;
            }
            int[] swap = order;
            order = next;
            next = swap;
        }
        return order;
    }
}
