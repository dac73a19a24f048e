package io.mlopsci.core.deploy.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.DeployConfig;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Analysis metrics from Prometheus: an instant query ({@code /api/v1/query}) at the end of the
 * window that must return one number — a scalar or a single-series vector. Placeholders in the
 * query: {@code {{window}}} (the window as a range, e.g. {@code 30s}), {@code {{model}}},
 * {@code {{canary_version}}}, {@code {{stable_version}}}, {@code {{weight}}}. No data, several
 * series, NaN or an unreachable server are ERROR measurements (retried at the next interval up to
 * {@code consecutive_error_limit}).
 */
public final class PrometheusMetrics implements MetricSource {

    private final DeployConfig.Prometheus prometheus;
    private final HttpClient client;

    public PrometheusMetrics(DeployConfig.Prometheus prometheus) {
        this.prometheus = prometheus;
        this.client =
                HttpClient.newBuilder().connectTimeout(prometheus.timeout()).build();
    }

    @Override
    public Measurement measure(DeployConfig.AnalysisMetric m, Window w) {
        String query = render(m.query(), w);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", query);
        long endMillis = System.currentTimeMillis() - (System.nanoTime() - w.toNanos()) / 1_000_000;
        String time = String.format(Locale.ROOT, "%.3f", endMillis / 1000.0);
        URI uri = URI.create(prometheus.url() + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&time=" + time);
        JsonNode body;
        try {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(prometheus.timeout())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            body = Json.mapper().readTree(r.body());
            if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                return error(
                        m,
                        w,
                        details,
                        "Prometheus rejected the query (HTTP " + r.statusCode() + ", "
                                + body.path("errorType").asText("?") + "): "
                                + body.path("error").asText(r.body()));
            }
        } catch (IOException e) {
            return error(
                    m,
                    w,
                    details,
                    "cannot query Prometheus at " + prometheus.url() + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(m, w, details, "interrupted");
        }
        JsonNode data = body.path("data");
        JsonNode sample;
        switch (data.path("resultType").asText()) {
            case "scalar" -> sample = data.path("result");
            case "vector" -> {
                JsonNode result = data.path("result");
                if (result.size() != 1) {
                    return error(
                            m,
                            w,
                            details,
                            result.isEmpty()
                                    ? "the query returned no data"
                                    : "the query returned " + result.size()
                                            + " series; it must return one number (aggregate"
                                            + " with sum(), max(), ...)");
                }
                sample = result.get(0).path("value");
                details.put("series", result.get(0).path("metric").toString());
            }
            default -> {
                return error(
                        m,
                        w,
                        details,
                        "the query returned a " + data.path("resultType").asText()
                                + "; it must return one number (an instant vector of one series, or a scalar)");
            }
        }
        double value;
        try {
            value = Double.parseDouble(sample.get(1).asText());
        } catch (RuntimeException e) {
            return error(m, w, details, "the query's value is not a number: " + sample);
        }
        if (!Double.isFinite(value)) {
            return error(m, w, details, "the query returned " + value + " (e.g. a ratio with no traffic)");
        }
        return new Measurement(m.name(), w, Conditions.evaluate(m, value), value, null, null, details);
    }

    /** The query with its placeholders filled in. */
    static String render(String query, Window w) {
        long seconds = Math.max(1, Math.round(w.length().toMillis() / 1000.0));
        return query.replace("{{window}}", seconds + "s")
                .replace("{{model}}", w.model())
                .replace("{{canary_version}}", w.canaryVersion())
                .replace("{{stable_version}}", w.stableVersion() == null ? "" : w.stableVersion())
                .replace("{{weight}}", String.valueOf(w.weight()));
    }

    private static Measurement error(DeployConfig.AnalysisMetric m, Window w, Map<String, Object> details, String why) {
        return new Measurement(m.name(), w, Status.ERROR, null, null, why, details);
    }
}
