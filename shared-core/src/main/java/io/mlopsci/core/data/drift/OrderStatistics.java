package io.mlopsci.core.data.drift;

import java.util.Arrays;

/**
 * Several order statistics of an array at once, without sorting it: a quickselect that partitions
 * around a median of three into values below, equal to and above the pivot, and goes on only into
 * the parts that hold a wanted rank. Linear on average, where a sort is n log n, which is what
 * the sample's quantiles cost before the scan can start. A part that keeps splitting badly (more
 * rounds than twice the bits of its size) is sorted instead.
 */
final class OrderStatistics {

    /** Parts this small are sorted by insertion. */
    private static final int SMALL = 24;

    private OrderStatistics() {}

    /**
     * Puts at each of {@code ranks} (0-based, sorted, distinct, inside the array) the value a sort
     * would put there. The other values are left in some order.
     */
    static void select(double[] values, int[] ranks) {
        if (ranks.length > 0) {
            select(
                    values,
                    0,
                    values.length,
                    ranks,
                    0,
                    ranks.length,
                    2 * (32 - Integer.numberOfLeadingZeros(values.length)));
        }
    }

    /** Places {@code ranks[rFrom, rTo)}, which lie in {@code [from, to)}. */
    private static void select(double[] a, int from, int to, int[] ranks, int rFrom, int rTo, int rounds) {
        while (rFrom < rTo) {
            if (to - from <= SMALL) {
                insertionSort(a, from, to);
                return;
            }
            if (rounds-- == 0) {
                Arrays.sort(a, from, to);
                return;
            }
            double pivot = medianOfThree(a[from], a[(from + to) >>> 1], a[to - 1]);
            // Three-way partition: [from, lt) < pivot, [lt, gt) == pivot, [gt, to) > pivot.
            int lt = from;
            int i = from;
            int gt = to;
            while (i < gt) {
                double x = a[i];
                if (x < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = x;
                } else if (x > pivot) {
                    a[i] = a[--gt];
                    a[gt] = x;
                } else {
                    i++;
                }
            }
            int leftEnd = firstAtOrAbove(ranks, rFrom, rTo, lt);
            int rightStart = firstAtOrAbove(ranks, leftEnd, rTo, gt);
            select(a, from, lt, ranks, rFrom, leftEnd, rounds);
            from = gt;
            rFrom = rightStart;
        }
    }

    /** The first index in {@code ranks[from, to)} whose rank is at least {@code bound}. */
    private static int firstAtOrAbove(int[] ranks, int from, int to, int bound) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ranks[mid] < bound) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double medianOfThree(double x, double y, double z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }

    private static void insertionSort(double[] a, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            double x = a[i];
            int j = i - 1;
            while (j >= from && a[j] > x) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }
}
