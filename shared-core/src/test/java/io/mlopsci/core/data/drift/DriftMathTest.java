package io.mlopsci.core.data.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The measures on hand-checkable counts, and the special functions at known points. */
class DriftMathTest {

    @Test
    void identicalDistributionsHaveNoDrift() {
        long[] a = {10, 20, 30};
        long[] b = {20, 40, 60};
        assertThat(DriftMath.psi(a, b)).isZero();
        assertThat(DriftMath.jensenShannon(a, b)).isCloseTo(0, within(1e-12));
        assertThat(DriftMath.chiSquare(a, b).pValue()).isCloseTo(1, within(1e-12));
    }

    @Test
    void psiFloorsEmptyBinsAtOneTenThousandth() {
        // p = (1, 0), q = (0.5, 0.5): the empty reference bin counts as 0.0001.
        double expected = (0.5 - 1) * Math.log(0.5 / 1) + (0.5 - 0.0001) * Math.log(0.5 / 0.0001);
        assertThat(DriftMath.psi(new long[] {4, 0}, new long[] {2, 2})).isCloseTo(expected, within(1e-15));
    }

    @Test
    void jensenShannonOfDisjointSupportsIsSqrtLn2() {
        assertThat(DriftMath.jensenShannon(new long[] {5, 0}, new long[] {0, 7}))
                .isCloseTo(Math.sqrt(Math.log(2)), within(1e-15));
    }

    @Test
    void chiSquareOfATwoByTwoTable() {
        // [[10, 20], [30, 40]]: statistic 0.7936507936507936 (no continuity correction), 1 dof.
        DriftMath.ChiSquare c = DriftMath.chiSquare(new long[] {10, 20}, new long[] {30, 40});
        assertThat(c.statistic()).isCloseTo(0.7936507936507936, within(1e-13));
        assertThat(c.dof()).isEqualTo(1);
        assertThat(c.pValue()).isCloseTo(0.37299848361348686, within(1e-14));
    }

    @Test
    void specialFunctionsAtKnownPoints() {
        assertThat(SpecialFunctions.logGamma(0.5)).isCloseTo(Math.log(Math.sqrt(Math.PI)), within(1e-14));
        assertThat(SpecialFunctions.logGamma(10)).isCloseTo(Math.log(362880), within(1e-12));
        // chi2.sf(3.841458820694124, 1) = 0.05; chi2.sf(10, 4) = 0.04042768199451279
        assertThat(SpecialFunctions.chiSquareSf(3.841458820694124, 1)).isCloseTo(0.05, within(1e-14));
        assertThat(SpecialFunctions.chiSquareSf(10, 4)).isCloseTo(0.04042768199451279, within(1e-14));
        // scipy.stats.chi2.sf(x, k) across both branches (series and continued fraction):
        double[][] points = {
            {0.001, 1, 0.9747728793699604},
            {0.5, 1, 0.47950012218695337},
            {1, 1, 0.31731050786291115},
            {2, 1, 0.15729920705028105},
            {5, 3, 0.1717971442967335},
            {50, 10, 2.669083424904495e-07},
            {200, 5, 2.8406228986415534e-41}
        };
        for (double[] p : points) {
            double v = SpecialFunctions.chiSquareSf(p[0], (int) p[1]);
            assertThat(Math.abs(v - p[2]))
                    .as("chi2.sf(%s, %s) = %s", p[0], p[1], v)
                    .isLessThanOrEqualTo(p[2] * 1e-12);
        }
    }

    @Test
    void exactKsOfCompletelySeparatedSamples() {
        // D = 1 for samples of 3 and 4 that do not overlap: p = 2 / C(7, 3) = 2/35.
        DriftMath.Ks ks = DriftMath.ks(3, 4, BigInteger.valueOf(12));
        assertThat(ks.statistic()).isEqualTo(1.0);
        assertThat(ks.exact()).isTrue();
        assertThat(ks.pValue()).isCloseTo(2.0 / 35, within(1e-15));
    }
}
