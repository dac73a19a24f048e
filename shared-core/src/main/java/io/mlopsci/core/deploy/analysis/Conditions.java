package io.mlopsci.core.deploy.analysis;

import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.DeployConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A metric's success and failure conditions, as Argo Rollouts reads them: the measurement fails
 * when the failure condition holds; otherwise it succeeds when the success condition holds; a
 * value meeting neither — possible only when both are given — is INCONCLUSIVE. With only a
 * success condition, failing it fails; with only a failure condition, not failing succeeds.
 */
public final class Conditions {

    private Conditions() {}

    public static Status evaluate(DeployConfig.AnalysisMetric m, double value) {
        boolean failure =
                (m.failBelow() != null && value < m.failBelow()) || (m.failAbove() != null && value > m.failAbove());
        boolean success = (m.min() == null || value >= m.min()) && (m.max() == null || value <= m.max());
        if (m.hasFailureCondition() && failure) {
            return Status.FAIL;
        }
        if (!m.hasSuccessCondition()) {
            return Status.PASS;
        }
        if (success) {
            return Status.PASS;
        }
        return m.hasFailureCondition() ? Status.INCONCLUSIVE : Status.FAIL;
    }

    /** The conditions in words, e.g. {@code ≤ 0.01} or {@code ≤ 60; fails > 120}. */
    public static String describe(DeployConfig.AnalysisMetric m) {
        List<String> success = new ArrayList<>();
        if (m.min() != null) {
            success.add("≥ " + num(m.min()));
        }
        if (m.max() != null) {
            success.add("≤ " + num(m.max()));
        }
        List<String> failure = new ArrayList<>();
        if (m.failBelow() != null) {
            failure.add("< " + num(m.failBelow()));
        }
        if (m.failAbove() != null) {
            failure.add("> " + num(m.failAbove()));
        }
        String s = String.join(" and ", success);
        String f = failure.isEmpty() ? "" : "fails " + String.join(" or ", failure);
        return s.isEmpty() ? f : f.isEmpty() ? s : s + "; " + f;
    }

    /** The bound a report shows as the threshold: the success bound, else the failure bound. */
    public static Double threshold(DeployConfig.AnalysisMetric m) {
        if (m.max() != null) {
            return m.max();
        }
        if (m.min() != null) {
            return m.min();
        }
        return m.failAbove() != null ? m.failAbove() : m.failBelow();
    }

    static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf((long) d);
        }
        return String.format(Locale.ROOT, "%.6g", d).replaceAll("\\.?0+($|e)", "$1");
    }
}
