package io.mlopsci.core.deploy.analysis;

import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.DeployConfig;
import io.mlopsci.core.deploy.router.RouterStats;
import io.mlopsci.core.deploy.router.WindowStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics the router measures itself: {@code error_rate} (5xx or no answer, over the canary's
 * requests), {@code latency_pNN_ms} (nearest-rank percentile of the canary's round trips),
 * {@code disagreement} (share of shadow-compared predictions that differ from the stable's) and
 * {@code requests}. The stable's value over the same window is the baseline. With fewer than
 * {@code minRequests} canary requests (comparisons, for disagreement) the evidence is INCONCLUSIVE.
 */
public final class RouterMetrics implements MetricSource {

    private static final Pattern LATENCY = Pattern.compile("latency_p(\\d{1,2}(?:\\.\\d+)?)_ms");

    private final RouterStats stats;
    private final int minRequests;
    private final boolean hasStable;

    public RouterMetrics(RouterStats stats, int minRequests, boolean hasStable) {
        this.stats = stats;
        this.minRequests = minRequests;
        this.hasStable = hasStable;
    }

    @Override
    public boolean applies(DeployConfig.AnalysisMetric metric) {
        return hasStable || !metric.name().equals("disagreement");
    }

    @Override
    public Measurement measure(DeployConfig.AnalysisMetric m, Window w) {
        WindowStats s = stats.window(w.fromNanos(), w.toNanos());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("canaryRequests", s.canary().requests());
        details.put("stableRequests", s.stable().requests());
        String name = m.name();
        if (name.equals("requests")) {
            return judge(m, w, s.canary().requests(), null, details, null);
        }
        if (name.equals("disagreement")) {
            details.put("comparisons", s.comparisons());
            details.put("disagreements", s.disagreements());
            if (s.comparisons() < Math.max(1, minRequests)) {
                return new Measurement(
                        name,
                        w,
                        Status.INCONCLUSIVE,
                        s.comparisons() == 0 ? null : s.disagreementRate(),
                        null,
                        "only " + s.comparisons() + " canary predictions could be compared with the stable's in this"
                                + " window; min_requests is " + minRequests,
                        details);
            }
            return judge(
                    m,
                    w,
                    s.disagreementRate(),
                    null,
                    details,
                    s.disagreements() + " of " + s.comparisons() + " predictions differed from the stable's");
        }
        if (s.canary().requests() < Math.max(1, minRequests)) {
            return new Measurement(
                    name,
                    w,
                    Status.INCONCLUSIVE,
                    null,
                    null,
                    "only " + s.canary().requests() + " requests reached the canary in this window; min_requests is "
                            + minRequests,
                    details);
        }
        if (name.equals("error_rate")) {
            details.put("canaryErrors", s.canary().errors());
            return judge(
                    m,
                    w,
                    s.canary().errorRate(),
                    nanToNull(s.stable().errorRate()),
                    details,
                    s.canary().errors() + " of " + s.canary().requests() + " canary requests failed");
        }
        Matcher lat = LATENCY.matcher(name);
        if (lat.matches()) {
            double p = Double.parseDouble(lat.group(1));
            return judge(m, w, s.canary().percentile(p), nanToNull(s.stable().percentile(p)), details, null);
        }
        return new Measurement(
                name, w, Status.ERROR, null, null, "the router does not measure '" + name + "'", details);
    }

    private static Measurement judge(
            DeployConfig.AnalysisMetric m,
            Window w,
            double value,
            Double baseline,
            Map<String, Object> details,
            String note) {
        if (!Double.isFinite(value)) {
            return new Measurement(
                    m.name(), w, Status.ERROR, null, baseline, "no value for " + m.name() + " in this window", details);
        }
        Status status = Conditions.evaluate(m, value);
        return new Measurement(m.name(), w, status, value, baseline, note, details);
    }

    private static Double nanToNull(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
