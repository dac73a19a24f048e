package io.mlopsci.core.deploy.analysis;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Numbers;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.DeployConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canary's analysis, with Argo Rollouts' rules: every measurement of every metric is one
 * criterion; a metric may fail {@code failure_limit} measurements (the next failure aborts;
 * -1 never aborts) and error {@code consecutive_error_limit} times in a row; an INCONCLUSIVE
 * measurement aborts unless {@code on_inconclusive: continue}. Where Argo would pause for a human,
 * a CI job cannot wait, so the default is to roll back (fail closed). Dry-run metrics are measured
 * and reported but never decide. The last step must end with a measurement of every deciding
 * metric that did not error, so a canary is never promoted blind.
 */
public final class CanaryAnalysis {

    /** What the analysis says after a round of measurements. */
    public record Verdict(boolean abort, String reason) {
        static final Verdict CONTINUE = new Verdict(false, null);
    }

    private final DeployConfig.Canary plan;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<Criterion> criteria = new ArrayList<>();

    private static final class Tally {
        int failures;
        int consecutiveErrors;
        Status last;
    }

    public CanaryAnalysis(DeployConfig.Canary plan) {
        this.plan = plan;
    }

    /** Records one round (one measurement per metric) and decides whether the canary goes on. */
    public Verdict record(
            List<Measurement> round, Map<String, DeployConfig.AnalysisMetric> metrics, boolean lastRound) {
        String abort = null;
        for (Measurement m : round) {
            DeployConfig.AnalysisMetric metric = metrics.get(m.metric());
            Tally t = tallies.computeIfAbsent(m.metric(), k -> new Tally());
            t.last = m.status();
            String reason = null;
            boolean tolerated = false;
            switch (m.status()) {
                case PASS -> t.consecutiveErrors = 0;
                case FAIL -> {
                    t.failures++;
                    t.consecutiveErrors = 0;
                    if (plan.failureLimit() >= 0 && t.failures > plan.failureLimit()) {
                        reason = m.metric() + " = " + Numbers.value(m.value()) + " at "
                                + m.window().weight() + "% does not"
                                + " meet " + Conditions.describe(metric) + " (failure " + t.failures
                                + "; failure_limit "
                                + plan.failureLimit() + ")";
                    } else {
                        tolerated = true;
                    }
                }
                case ERROR -> {
                    t.consecutiveErrors++;
                    if (t.consecutiveErrors > plan.consecutiveErrorLimit() || lastRound) {
                        reason = m.metric() + " could not be measured at "
                                + m.window().weight() + "%: " + m.message()
                                + (lastRound
                                        ? " (the last measurement must succeed)"
                                        : " (" + t.consecutiveErrors + " errors in a row; consecutive_error_limit "
                                                + plan.consecutiveErrorLimit() + ")");
                    } else {
                        tolerated = true;
                    }
                }
                case INCONCLUSIVE -> {
                    t.consecutiveErrors = 0;
                    if (plan.onInconclusive() == DeployConfig.OnInconclusive.ROLLBACK) {
                        reason = m.metric() + " is inconclusive at "
                                + m.window().weight() + "%: "
                                + (m.message() != null
                                        ? m.message()
                                        : Numbers.value(m.value()) + " meets neither " + Conditions.describe(metric))
                                + " (on_inconclusive: rollback)";
                    } else {
                        tolerated = true;
                    }
                }
                default -> throw new IllegalStateException(m.status().name());
            }
            Effect effect;
            String message = m.message();
            if (metric.dryRun()) {
                effect = Effect.PASS;
                message = join(message, "dry run: measured, never decides");
                reason = null;
            } else if (reason != null) {
                effect = Effect.FAIL;
                message = join(message, "aborts the canary");
                if (abort == null) {
                    abort = reason;
                }
            } else if (tolerated) {
                effect = Effect.WARN;
                message = join(
                        message,
                        switch (m.status()) {
                            case FAIL ->
                                "tolerated: failure " + t.failures + " of failure_limit " + plan.failureLimit();
                            case ERROR ->
                                "tolerated: error " + t.consecutiveErrors + " in a row of consecutive_error_limit "
                                        + plan.consecutiveErrorLimit();
                            default -> "tolerated: on_inconclusive: continue";
                        });
            } else {
                effect = Effect.PASS;
            }
            measurements.add(m);
            criteria.add(criterion(m, metric, effect, message));
        }
        return abort == null ? Verdict.CONTINUE : new Verdict(true, abort);
    }

    public List<Measurement> measurements() {
        return List.copyOf(measurements);
    }

    public List<Criterion> criteria() {
        return List.copyOf(criteria);
    }

    private Criterion criterion(Measurement m, DeployConfig.AnalysisMetric metric, Effect effect, String message) {
        String id = "canary." + m.window().weight() + "%." + m.metric()
                + (plan.measurementsPerStep() > 1 ? "#" + m.window().index() : "");
        Map<String, Object> details = new LinkedHashMap<>(m.details());
        details.put("step", m.window().step());
        details.put("weight", m.window().weight());
        details.put("windowMs", m.window().length().toMillis());
        Double delta = m.value() != null && m.baseline() != null ? m.value() - m.baseline() : null;
        return Criterion.builder(id)
                .metric(m.metric())
                .rule("canary")
                .status(m.status())
                .effect(effect)
                .actual(m.value())
                .baseline(m.baseline())
                .delta(delta)
                .threshold(Conditions.threshold(metric))
                .expected(Conditions.describe(metric))
                .message(message)
                .location(metric.location())
                .details(details)
                .build();
    }

    private static String join(String a, String b) {
        return a == null || a.isEmpty() ? b : a + "; " + b;
    }
}
