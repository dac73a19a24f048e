package io.mlopsci.core.deploy.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.DeployConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Argo Rollouts' measurement rules as the canary analysis applies them. */
class CanaryAnalysisTest {

    static DeployConfig.AnalysisMetric metric(
            Double min, Double max, Double failBelow, Double failAbove, boolean dryRun) {
        return new DeployConfig.AnalysisMetric("m", null, min, max, failBelow, failAbove, dryRun, null);
    }

    static DeployConfig.Canary plan(int failureLimit, int errorLimit, DeployConfig.OnInconclusive onInconclusive) {
        return new DeployConfig.Canary(
                List.of(10, 50, 100),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                failureLimit,
                errorLimit,
                10,
                onInconclusive,
                new DeployConfig.Smoke(false, null, 1, 1, List.of()),
                List.of(),
                null,
                null);
    }

    static Measurement m(Status status, Double value, int weight) {
        return new Measurement(
                "m",
                new Window(1, weight, 1, 0, 1_000_000_000L, "model", "2", "1"),
                status,
                value,
                null,
                status == Status.ERROR ? "no data" : null,
                Map.of());
    }

    @Test
    void conditionsFollowArgo() {
        assertThat(Conditions.evaluate(metric(null, 0.01, null, null, false), 0.005))
                .isEqualTo(Status.PASS);
        assertThat(Conditions.evaluate(metric(null, 0.01, null, null, false), 0.02))
                .as("success only: failing it fails")
                .isEqualTo(Status.FAIL);
        assertThat(Conditions.evaluate(metric(null, null, null, 0.05, false), 0.02))
                .as("failure only: not failing passes")
                .isEqualTo(Status.PASS);
        DeployConfig.AnalysisMetric both = metric(null, 60.0, null, 120.0, false);
        assertThat(Conditions.evaluate(both, 50)).isEqualTo(Status.PASS);
        assertThat(Conditions.evaluate(both, 90)).as("neither condition met").isEqualTo(Status.INCONCLUSIVE);
        assertThat(Conditions.evaluate(both, 130)).isEqualTo(Status.FAIL);
        assertThat(Conditions.describe(both)).isEqualTo("≤ 60; fails > 120");
        assertThat(Conditions.evaluate(metric(0.9, null, 0.5, null, false), 0.7))
                .isEqualTo(Status.INCONCLUSIVE);
    }

    @Test
    void failureLimitToleratesThatManyFailuresThenAborts() {
        CanaryAnalysis a = new CanaryAnalysis(plan(1, 4, DeployConfig.OnInconclusive.ROLLBACK));
        var metrics = Map.of("m", metric(null, 0.01, null, null, false));
        assertThat(a.record(List.of(m(Status.FAIL, 0.02, 10)), metrics, false).abort())
                .isFalse();
        CanaryAnalysis.Verdict v = a.record(List.of(m(Status.FAIL, 0.03, 50)), metrics, false);
        assertThat(v.abort()).isTrue();
        assertThat(v.reason()).contains("failure 2; failure_limit 1");
        List<Criterion> c = a.criteria();
        assertThat(c.get(0).effect()).isEqualTo(Effect.WARN);
        assertThat(c.get(0).message()).contains("tolerated: failure 1 of failure_limit 1");
        assertThat(c.get(1).effect()).isEqualTo(Effect.FAIL);
        assertThat(c.get(1).id()).isEqualTo("canary.50%.m");
    }

    @Test
    void aFailureLimitOfMinusOneNeverAborts() {
        CanaryAnalysis a = new CanaryAnalysis(plan(-1, 4, DeployConfig.OnInconclusive.ROLLBACK));
        var metrics = Map.of("m", metric(null, 0.01, null, null, false));
        for (int i = 0; i < 5; i++) {
            assertThat(a.record(List.of(m(Status.FAIL, 0.5, 10)), metrics, false)
                            .abort())
                    .isFalse();
        }
    }

    @Test
    void errorsAreRetriedUpToTheConsecutiveLimitButNeverAtTheEnd() {
        var metrics = Map.of("m", metric(null, 0.01, null, null, false));
        CanaryAnalysis a = new CanaryAnalysis(plan(0, 2, DeployConfig.OnInconclusive.ROLLBACK));
        assertThat(a.record(List.of(m(Status.ERROR, null, 10)), metrics, false).abort())
                .isFalse();
        assertThat(a.record(List.of(m(Status.PASS, 0.0, 10)), metrics, false).abort())
                .as("a success resets the count")
                .isFalse();
        assertThat(a.record(List.of(m(Status.ERROR, null, 50)), metrics, false).abort())
                .isFalse();
        assertThat(a.record(List.of(m(Status.ERROR, null, 50)), metrics, false).abort())
                .isFalse();
        CanaryAnalysis.Verdict third = a.record(List.of(m(Status.ERROR, null, 50)), metrics, false);
        assertThat(third.abort()).isTrue();
        assertThat(third.reason()).contains("3 errors in a row; consecutive_error_limit 2");

        CanaryAnalysis last = new CanaryAnalysis(plan(0, 4, DeployConfig.OnInconclusive.ROLLBACK));
        CanaryAnalysis.Verdict end = last.record(List.of(m(Status.ERROR, null, 100)), metrics, true);
        assertThat(end.abort())
                .as("never promoted on a final measurement that errored")
                .isTrue();
        assertThat(end.reason()).contains("the last measurement must succeed");
    }

    @Test
    void inconclusiveRollsBackByDefaultOrContinuesWhenAllowed() {
        var metrics = Map.of("m", metric(null, 60.0, null, 120.0, false));
        CanaryAnalysis strict = new CanaryAnalysis(plan(0, 4, DeployConfig.OnInconclusive.ROLLBACK));
        CanaryAnalysis.Verdict v = strict.record(List.of(m(Status.INCONCLUSIVE, 90.0, 10)), metrics, false);
        assertThat(v.abort()).isTrue();
        assertThat(v.reason()).contains("inconclusive at 10%").contains("meets neither ≤ 60; fails > 120");
        assertThat(strict.criteria().get(0).status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(strict.criteria().get(0).effect()).isEqualTo(Effect.FAIL);

        CanaryAnalysis lenient = new CanaryAnalysis(plan(0, 4, DeployConfig.OnInconclusive.CONTINUE));
        assertThat(lenient.record(List.of(m(Status.INCONCLUSIVE, 90.0, 10)), metrics, false)
                        .abort())
                .isFalse();
        assertThat(lenient.criteria().get(0).effect()).isEqualTo(Effect.WARN);
    }

    @Test
    void dryRunMetricsAreReportedButNeverDecide() {
        var metrics = Map.of("m", metric(null, 0.01, null, null, true));
        CanaryAnalysis a = new CanaryAnalysis(plan(0, 0, DeployConfig.OnInconclusive.ROLLBACK));
        assertThat(a.record(List.of(m(Status.FAIL, 0.9, 10)), metrics, false).abort())
                .isFalse();
        assertThat(a.record(List.of(m(Status.ERROR, null, 100)), metrics, true).abort())
                .isFalse();
        assertThat(a.criteria()).allSatisfy(c -> assertThat(c.effect()).isEqualTo(Effect.PASS));
        assertThat(a.criteria().get(0).status()).isEqualTo(Status.FAIL);
        assertThat(a.criteria().get(0).message()).contains("dry run");
    }
}
