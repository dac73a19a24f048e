package io.mlopsci.core.deploy;

import io.mlopsci.contract.result.Numbers;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.config.DeployConfig;
import io.mlopsci.core.deploy.analysis.Conditions;
import io.mlopsci.core.deploy.analysis.Measurement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canary's report sections: the plan, the timeline (one row per traffic step with the traffic
 * and every metric, canary value and the stable's for comparison), charts of the deciding metrics
 * against their thresholds, and the decision with its reason.
 */
final class CanaryReport {

    private static final int MAX_CHARTS = 3;

    private CanaryReport() {}

    static void plan(
            StepResult.Builder result,
            DeployConfig deploy,
            List<Integer> steps,
            List<DeployConfig.AnalysisMetric> metrics,
            String target,
            String stable,
            String candidate) {
        DeployConfig.Canary c = deploy.canary();
        StringBuilder text = new StringBuilder();
        text.append("Target ")
                .append(target)
                .append(": version ")
                .append(candidate)
                .append(
                        stable == null
                                ? " is the first deployment (no stable version to compare with), so it goes straight to 100%."
                                : " as canary next to version " + stable + " (stable).");
        text.append(" Steps ")
                .append(String.join(" → ", steps.stream().map(s -> s + "%").toList()))
                .append(", each held ")
                .append(Numbers.duration(c.bake().toMillis()))
                .append(
                        c.measurementsPerStep() > 1
                                ? " with a measurement every "
                                        + Numbers.duration(c.interval().toMillis())
                                : "")
                .append("; failure_limit ")
                .append(c.failureLimit())
                .append(", consecutive_error_limit ")
                .append(c.consecutiveErrorLimit())
                .append(", on_inconclusive ")
                .append(c.onInconclusive().name().toLowerCase(java.util.Locale.ROOT))
                .append('.');
        List<List<String>> rows = new ArrayList<>();
        for (DeployConfig.AnalysisMetric m : metrics) {
            rows.add(List.of(
                    m.name(),
                    m.builtin() ? "router" : "Prometheus: " + m.query(),
                    Conditions.describe(m),
                    m.dryRun() ? "dry run" : "decides"));
        }
        result.section(new ReportSection(
                "Canary plan",
                text.toString(),
                rows.isEmpty() ? null : new ReportSection.Table(List.of("metric", "source", "condition", "role"), rows),
                null,
                false));
    }

    static void timeline(
            StepResult.Builder result,
            List<StepRecord> records,
            List<DeployConfig.AnalysisMetric> metrics,
            boolean routed) {
        if (records.isEmpty()) {
            return;
        }
        List<String> headers = new ArrayList<>(List.of("step", "canary weight", "held"));
        if (routed) {
            headers.add("requests canary / stable");
        }
        for (DeployConfig.AnalysisMetric m : metrics) {
            headers.add(m.name()
                    + (routed
                                    && m.builtin()
                                    && !m.name().equals("disagreement")
                                    && !m.name().equals("requests")
                            ? " (canary / stable)"
                            : ""));
        }
        headers.add("outcome");
        List<List<String>> rows = new ArrayList<>();
        for (StepRecord r : records) {
            List<String> row =
                    new ArrayList<>(List.of(String.valueOf(r.step()), r.weight() + "%", Numbers.duration(r.heldMs())));
            if (routed) {
                row.add(r.canaryRequests() == null ? "" : r.canaryRequests() + " / " + r.stableRequests());
            }
            for (DeployConfig.AnalysisMetric m : metrics) {
                row.add(cell(last(r.measurements(), m.name())));
            }
            row.add(r.outcome());
            rows.add(row);
        }
        result.section(new ReportSection(
                "Canary timeline",
                "One row per traffic step; a metric cell shows the last"
                        + " measurement of the step (canary value / the stable's over the same window) and its status.",
                new ReportSection.Table(headers, rows),
                null,
                false));

        int charts = 0;
        List<String> x = records.stream().map(r -> r.weight() + "%").toList();
        for (DeployConfig.AnalysisMetric m : metrics) {
            if (charts == MAX_CHARTS) {
                break;
            }
            List<Double> canary = new ArrayList<>();
            List<Double> stable = new ArrayList<>();
            boolean any = false;
            boolean baselines = false;
            for (StepRecord r : records) {
                Measurement last = last(r.measurements(), m.name());
                canary.add(last == null ? null : last.value());
                stable.add(last == null ? null : last.baseline());
                any |= last != null && last.value() != null;
                baselines |= last != null && last.baseline() != null;
            }
            if (!any) {
                continue;
            }
            List<ReportSection.Series> series = new ArrayList<>();
            series.add(new ReportSection.Series("canary", canary));
            if (baselines) {
                series.add(new ReportSection.Series("stable", stable));
            }
            Double threshold = Conditions.threshold(m);
            if (threshold != null) {
                List<Double> t = new ArrayList<>();
                x.forEach(ignored -> t.add(threshold));
                series.add(new ReportSection.Series("threshold", t));
            }
            result.section(new ReportSection(
                    m.name() + " by canary step",
                    null,
                    null,
                    new ReportSection.Chart(
                            "line", m.name() + " at each traffic step", "canary weight", m.name(), x, series),
                    false));
            charts++;
        }
    }

    static void decision(StepResult.Builder result, String text, Map<String, String> facts) {
        List<List<String>> rows = new ArrayList<>();
        facts.forEach((k, v) -> rows.add(List.of(k, v)));
        result.section(new ReportSection(
                "Decision",
                text,
                rows.isEmpty() ? null : new ReportSection.Table(List.of("", "after"), rows),
                null,
                false));
    }

    private static Measurement last(List<Measurement> ms, String metric) {
        Measurement found = null;
        for (Measurement m : ms) {
            if (m.metric().equals(metric)) {
                found = m;
            }
        }
        return found;
    }

    private static String cell(Measurement m) {
        if (m == null) {
            return "—";
        }
        String v = m.value() == null ? "n/a" : Numbers.value(m.value());
        if (m.baseline() != null) {
            v += " / " + Numbers.value(m.baseline());
        }
        return v + " " + m.status().name();
    }

    static Map<String, String> facts() {
        return new LinkedHashMap<>();
    }
}
