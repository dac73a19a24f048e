package io.mlopsci.core.data.drift.ks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsci.core.data.drift.DriftMath;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KS p-values against scipy's own, computed by {@code make_ks_fixtures.py} (beside
 * {@code ks_pvalues.json} in the test resources): {@code ks_2samp(method='auto')} on samples in
 * both regimes — exact up to 10,000 values per sample, {@code kstwo} above — from p ≈ 1 to the far
 * tail and near 0.15, and {@code kstwo.sf} and {@code smirnov} on grids that reach each of their
 * branches.
 */
class KsScipyReferenceTest {

    /** Relative agreement with scipy (both compute in double precision, in slightly different orders). */
    static final double RELATIVE = 1e-12;

    static JsonNode fixtures;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in =
                KsScipyReferenceTest.class.getResourceAsStream("/io/mlopsci/core/data/drift/ks_pvalues.json")) {
            assertThat(in).as("ks_pvalues.json (make_ks_fixtures.py)").isNotNull();
            fixtures = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void twoSamplePValuesEqualKs2sampInBothRegimes() {
        int exact = 0;
        int kstwo = 0;
        int tail = 0;
        int nearFifteen = 0;
        for (JsonNode c : fixtures.path("two_sample")) {
            long n = c.path("n").asLong();
            long m = c.path("m").asLong();
            long g = BigInteger.valueOf(n).gcd(BigInteger.valueOf(m)).longValue();
            DriftMath.Ks ks = DriftMath.ks(n, m, BigInteger.valueOf(c.path("h").asLong() * g));
            String what = "ks_2samp n=" + n + " m=" + m + " h=" + c.path("h").asLong();
            assertThat(ks.exact())
                    .as(what)
                    .isEqualTo("exact".equals(c.path("method").asText()));
            // Exact regime: D = h/lcm(n, m), as scipy. Above it scipy keeps D as i/n − j/m, two
            // rounded shares subtracted: equal to the exact quotient within a few units of 1e-16.
            if (ks.exact()) {
                assertThat(ks.statistic())
                        .as(what)
                        .isEqualTo(c.path("statistic").asDouble());
            } else {
                assertThat(Math.abs(ks.statistic() - c.path("statistic").asDouble()))
                        .as(what + " statistic")
                        .isLessThanOrEqualTo(1e-15);
            }
            assertClose(ks.pValue(), c.path("pvalue").asDouble(), RELATIVE, what + " p-value");
            double p = c.path("pvalue").asDouble();
            exact += ks.exact() ? 1 : 0;
            kstwo += ks.exact() ? 0 : 1;
            tail += p < 1e-10 ? 1 : 0;
            nearFifteen += Math.abs(p - 0.15) < 0.02 ? 1 : 0;
        }
        assertThat(exact).as("exact-regime cases").isGreaterThanOrEqualTo(20);
        assertThat(kstwo).as("kstwo-regime cases").isGreaterThanOrEqualTo(20);
        assertThat(tail).as("cases with p < 1e-10").isGreaterThanOrEqualTo(10);
        assertThat(nearFifteen).as("cases near p = 0.15").isGreaterThanOrEqualTo(10);
    }

    @Test
    void kstwoSurvivalFunctionEqualsScipyOnEveryBranch() {
        int checked = 0;
        for (JsonNode c : fixtures.path("kstwo")) {
            int n = c.path("n").asInt();
            double x = c.path("x").asDouble();
            assertClose(Kstwo.sf(n, x), c.path("sf").asDouble(), RELATIVE, "kstwo.sf(" + x + ", " + n + ")");
            checked++;
        }
        assertThat(checked).isGreaterThan(200);
    }

    @Test
    void smirnovEqualsScipy() {
        int checked = 0;
        for (JsonNode c : fixtures.path("smirnov")) {
            int n = c.path("n").asInt();
            double x = c.path("x").asDouble();
            assertClose(Smirnov.sf(n, x), c.path("sf").asDouble(), RELATIVE, "smirnov(" + n + ", " + x + ")");
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
    }

    private static void assertClose(double actual, double expected, double relative, String what) {
        if (expected == 0) {
            assertThat(actual).as(what).isEqualTo(0.0);
            return;
        }
        assertThat(Math.abs(actual - expected) / Math.abs(expected))
                .as("%s: %s vs scipy %s", what, actual, expected)
                .isLessThanOrEqualTo(relative);
    }
}
