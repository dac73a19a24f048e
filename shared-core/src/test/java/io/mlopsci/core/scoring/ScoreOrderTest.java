package io.mlopsci.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The radix order of scores is the order a stable sort by Double.compare gives. */
class ScoreOrderTest {

    @Test
    void equalsAStableComparisonSortWithTiesSignedZerosInfinitiesAndNaN() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] special = {
            0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -1e300, 1e-300
        };
        for (int n : new int[] {0, 1, 2, 17, 5000}) {
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                double u = rng.nextDouble();
                s[i] = u < 0.1
                        ? special[rng.nextInt(special.length)]
                        : u < 0.5 ? Math.round(rng.nextGaussian() * 10) / 10.0 : rng.nextGaussian() * 1e3;
            }
            int[] expected = IntStream.range(0, n)
                    .boxed()
                    .sorted(Comparator.comparingDouble(i -> s[i]))
                    .mapToInt(Integer::intValue)
                    .toArray();
            assertThat(ScoreOrder.ascending(s)).as("n = %d", n).isEqualTo(expected);
        }
    }

    @Test
    void probabilitiesSharingTheirHighBytesStillSort() {
        double[] s = {0.5, 0.25, 0.75, 0.5000001, 0.2500001, 0.5};
        assertThat(ScoreOrder.ascending(s)).containsExactly(1, 4, 0, 5, 3, 2);
    }
}
