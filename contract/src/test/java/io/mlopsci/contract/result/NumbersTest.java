package io.mlopsci.contract.result;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Numbers as people read them: short, and never two that look equal when they are not. */
class NumbersTest {

    @Test
    void ordinaryValuesKeepFourDecimals() {
        assertThat(Numbers.value(0.9)).isEqualTo("0.9000");
        assertThat(Numbers.digitsApart(0.9, 0.85, null)).isZero();
    }

    @Test
    void valuesThatDifferGetTheDigitsThatTellThemApart() {
        int extra = Numbers.digitsApart(0.89999, 0.9);
        assertThat(Numbers.value(0.89999, extra)).isEqualTo("0.89999");
        assertThat(Numbers.value(0.9, extra)).isEqualTo("0.90000");
        // As many digits as it takes, up to the last one a double has.
        double below = Math.nextDown(0.9);
        extra = Numbers.digitsApart(below, 0.9);
        assertThat(Numbers.value(below, extra)).isNotEqualTo(Numbers.value(0.9, extra));
        assertThat(Double.parseDouble(Numbers.value(below, extra))).isEqualTo(below);
    }

    @Test
    void equalValuesNeedNoMoreDigits() {
        assertThat(Numbers.digitsApart(0.9, 0.9, 0.9)).isZero();
        assertThat(Numbers.digitsApart(0.0, -0.0)).isZero();
        assertThat(Numbers.digitsApart(null, Double.NaN, 0.5)).isZero();
    }

    @Test
    void scientificAndLargeValuesToo() {
        int extra = Numbers.digitsApart(1.23456e-7, 1.23457e-7);
        assertThat(Numbers.value(1.23456e-7, extra)).isNotEqualTo(Numbers.value(1.23457e-7, extra));
        extra = Numbers.digitsApart(1234.56, 1234.57);
        assertThat(Numbers.value(1234.56, extra)).isEqualTo("1234.56");
        assertThat(Numbers.delta(-0.0100001, Numbers.digitsApart(0.0100001, 0.01)))
                .isEqualTo("−0.0100001");
    }

    @Test
    void aCriterionShowsItsNumbersApart() {
        Criterion c = Criterion.builder("accuracy.min")
                .status(Status.FAIL)
                .effect(Effect.FAIL)
                .actual(0.89999)
                .threshold(0.9)
                .baseline(0.9)
                .delta(-0.00001)
                .build();
        assertThat(c.shownActual()).isEqualTo("0.89999");
        assertThat(c.shownThreshold()).isEqualTo("0.90000");
        assertThat(c.shownBaseline()).isEqualTo("0.90000");
        assertThat(c.shownDelta()).isEqualTo("−1.0000e-05");
    }
}
