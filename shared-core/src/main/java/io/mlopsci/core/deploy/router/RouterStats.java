package io.mlopsci.core.deploy.router;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The router's own statistics: every request (backend, version, status, latency) and every shadow
 * comparison, kept with a monotonic timestamp so that any window can be measured, plus cumulative
 * counters and latency histograms exposed in Prometheus' text format.
 */
public final class RouterStats {

    /** Requests kept for window queries; older ones drop off (counters keep counting). */
    private static final int KEEP = 200_000;

    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private record Request(long at, Backend.Role role, boolean error, double latencyMs) {}

    private record Comparison(long at, boolean same) {}

    private record Series(String role, String version, String code) {}

    private record Histogram(LongAdder[] buckets, LongAdder count, java.util.concurrent.atomic.DoubleAdder sum) {
        static Histogram create() {
            LongAdder[] b = new LongAdder[BUCKETS.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = new LongAdder();
            }
            return new Histogram(b, new LongAdder(), new java.util.concurrent.atomic.DoubleAdder());
        }

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i].increment();
                }
            }
            count.increment();
            sum.add(seconds);
        }
    }

    private final ConcurrentLinkedDeque<Request> requests = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<Comparison> comparisons = new ConcurrentLinkedDeque<>();
    private final AtomicInteger kept = new AtomicInteger();
    private final Map<Series, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<Series, Histogram> durations = new ConcurrentHashMap<>();
    private final LongAdder comparisonsTotal = new LongAdder();
    private final LongAdder disagreementsTotal = new LongAdder();

    /** Records one proxied request; {@code status} 0 means no response. */
    void request(Backend backend, int status, long nanos) {
        boolean error = status == 0 || status >= 500;
        double ms = nanos / 1e6;
        requests.addLast(new Request(System.nanoTime(), backend.role(), error, ms));
        if (kept.incrementAndGet() > KEEP) {
            requests.pollFirst();
            kept.decrementAndGet();
        }
        String code = status == 0 ? "none" : String.valueOf(status);
        counts.computeIfAbsent(new Series(backend.role().label(), backend.version(), code), k -> new LongAdder())
                .increment();
        durations
                .computeIfAbsent(new Series(backend.role().label(), backend.version(), null), k -> Histogram.create())
                .observe(nanos / 1e9);
    }

    /** Records whether the canary's prediction matched the stable's for the same request. */
    void comparison(boolean same) {
        comparisons.addLast(new Comparison(System.nanoTime(), same));
        if (comparisons.size() > KEEP) {
            comparisons.pollFirst();
        }
        comparisonsTotal.increment();
        if (!same) {
            disagreementsTotal.increment();
        }
    }

    /** What happened between two {@link System#nanoTime()} instants. */
    public WindowStats window(long fromNanos, long toNanos) {
        List<Double> canaryLat = new ArrayList<>();
        List<Double> stableLat = new ArrayList<>();
        long canaryErrors = 0;
        long stableErrors = 0;
        for (Iterator<Request> it = requests.iterator(); it.hasNext(); ) {
            Request r = it.next();
            if (r.at() - fromNanos < 0 || r.at() - toNanos >= 0) {
                continue;
            }
            if (r.role() == Backend.Role.CANARY) {
                canaryLat.add(r.latencyMs());
                canaryErrors += r.error() ? 1 : 0;
            } else {
                stableLat.add(r.latencyMs());
                stableErrors += r.error() ? 1 : 0;
            }
        }
        long compared = 0;
        long differed = 0;
        for (Comparison c : comparisons) {
            if (c.at() - fromNanos >= 0 && c.at() - toNanos < 0) {
                compared++;
                differed += c.same() ? 0 : 1;
            }
        }
        return new WindowStats(
                WindowStats.Side.of(canaryLat.size(), canaryErrors, unbox(canaryLat)),
                WindowStats.Side.of(stableLat.size(), stableErrors, unbox(stableLat)),
                compared,
                differed);
    }

    /** The Prometheus text exposition (version 0.0.4) of the cumulative counters. */
    String prometheus(String model, int weight) {
        StringBuilder b = new StringBuilder();
        String m = escape(model);
        b.append(
                "# HELP mlops_router_requests_total Requests the canary router proxied, by backend, version and status.\n");
        b.append("# TYPE mlops_router_requests_total counter\n");
        toText(counts, m)
                .forEach((k, v) -> b.append("mlops_router_requests_total")
                        .append(k)
                        .append(' ')
                        .append(v)
                        .append('\n'));
        b.append("# HELP mlops_router_request_duration_seconds Backend round-trip time of proxied requests.\n");
        b.append("# TYPE mlops_router_request_duration_seconds histogram\n");
        durations.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(
                        java.util.Comparator.comparing(Series::role).thenComparing(Series::version)))
                .forEach(e -> {
                    String labels =
                            "model=\"" + m + "\",backend=\"" + e.getKey().role() + "\",version=\""
                                    + escape(e.getKey().version()) + "\"";
                    Histogram h = e.getValue();
                    for (int i = 0; i < BUCKETS.length; i++) {
                        b.append("mlops_router_request_duration_seconds_bucket{")
                                .append(labels)
                                .append(",le=\"")
                                .append(BUCKETS[i])
                                .append("\"} ")
                                .append(h.buckets()[i].sum())
                                .append('\n');
                    }
                    b.append("mlops_router_request_duration_seconds_bucket{")
                            .append(labels)
                            .append(",le=\"+Inf\"} ")
                            .append(h.count().sum())
                            .append('\n');
                    b.append("mlops_router_request_duration_seconds_sum{")
                            .append(labels)
                            .append("} ")
                            .append(String.format(Locale.ROOT, "%.6f", h.sum().sum()))
                            .append('\n');
                    b.append("mlops_router_request_duration_seconds_count{")
                            .append(labels)
                            .append("} ")
                            .append(h.count().sum())
                            .append('\n');
                });
        b.append("# HELP mlops_router_shadow_comparisons_total Canary predictions compared with the stable's.\n");
        b.append("# TYPE mlops_router_shadow_comparisons_total counter\n");
        b.append("mlops_router_shadow_comparisons_total{model=\"")
                .append(m)
                .append("\"} ")
                .append(comparisonsTotal.sum())
                .append('\n');
        b.append(
                "# HELP mlops_router_prediction_disagreements_total Canary predictions that differed from the stable's.\n");
        b.append("# TYPE mlops_router_prediction_disagreements_total counter\n");
        b.append("mlops_router_prediction_disagreements_total{model=\"")
                .append(m)
                .append("\"} ")
                .append(disagreementsTotal.sum())
                .append('\n');
        b.append("# HELP mlops_router_canary_weight Percent of requests routed to the canary.\n");
        b.append("# TYPE mlops_router_canary_weight gauge\n");
        b.append("mlops_router_canary_weight{model=\"")
                .append(m)
                .append("\"} ")
                .append(weight)
                .append('\n');
        return b.toString();
    }

    private static Map<String, Long> toText(Map<Series, LongAdder> counts, String model) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((s, v) -> out.put(
                "{model=\"" + model + "\",backend=\"" + s.role() + "\",version=\"" + escape(s.version()) + "\",code=\""
                        + s.code() + "\"}",
                v.sum()));
        return out;
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static double[] unbox(List<Double> l) {
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}
