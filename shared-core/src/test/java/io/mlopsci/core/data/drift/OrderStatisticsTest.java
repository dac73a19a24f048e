package io.mlopsci.core.data.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderStatisticsTest {

    /** The values at {@code ranks} after selecting them, against a sorted copy. */
    private static void assertSelects(double[] values, int[] ranks) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] selected = values.clone();
        OrderStatistics.select(selected, ranks);
        for (int r : ranks) {
            assertThat(selected[r]).as("rank " + r + " of " + values.length).isEqualTo(sorted[r]);
        }
        // Only moved, never changed.
        double[] again = selected.clone();
        Arrays.sort(again);
        assertThat(again).containsExactly(sorted);
    }

    @Test
    void everyRankOfRandomRepeatedSortedAndConstantValues() {
        Random random = new Random(7);
        int n = 100_003;
        double[] uniform = random.doubles(n).toArray();
        double[] repeated = random.ints(n, 0, 12).asDoubleStream().toArray();
        double[] ascending = IntStream.range(0, n).asDoubleStream().toArray();
        double[] descending = IntStream.range(0, n).mapToDouble(i -> n - i).toArray();
        double[] constant = new double[n];
        Arrays.fill(constant, 3.5);
        int[] ranks = {0, 1, 9_999, 10_000, 50_001, 90_000, 99_000, n - 2, n - 1};
        for (double[] values : new double[][] {uniform, repeated, ascending, descending, constant}) {
            assertSelects(values, ranks);
        }
    }

    @Test
    void smallArraysAndEveryRankOfThem() {
        Random random = new Random(11);
        for (int n = 1; n <= 40; n++) {
            double[] values = random.ints(n, -5, 5).asDoubleStream().toArray();
            assertSelects(values, IntStream.range(0, n).toArray());
        }
    }

    @Test
    void manyRanksAtOnce() {
        double[] values = new Random(3).doubles(5_000, -1e6, 1e6).toArray();
        assertSelects(values, IntStream.range(0, 5_000).filter(i -> i % 7 == 0).toArray());
    }
}
