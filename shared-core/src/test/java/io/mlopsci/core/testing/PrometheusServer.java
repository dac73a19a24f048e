package io.mlopsci.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real Prometheus (Debian's {@code prometheus}) on a free loopback port with its own storage,
 * scraping the given targets every second. Stopped by {@link #close}.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final ServiceProcess process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(ServiceProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Prometheus scraping {@code targets} ({@code host:port}, path /metrics) every second. */
    public static PrometheusServer start(Path dir, List<String> targets) {
        Requirements.require(Files.isExecutable(BINARY), "Prometheus (Debian package prometheus)");
        int port = FreePorts.next();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global: {scrape_interval: 1s, evaluation_interval: 1s, scrape_timeout: 900ms}
                    scrape_configs:
                      - job_name: mlops-test
                        static_configs:
                          - targets: [%s]
                    """.formatted(
                            targets.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServiceProcess p = ServiceProcess.start(
                "prometheus",
                List.of(
                        BINARY.toString(),
                        "--config.file=" + dir.resolve("prometheus.yml"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--log.level=warn"),
                dir);
        PrometheusServer s = new PrometheusServer(p, port);
        try {
            p.awaitHttp(s.url() + "/-/ready", code -> code == 200, s.http, Duration.ofSeconds(30));
            s.awaitFirstScrapes(targets.size(), Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        return s;
    }

    /**
     * Ready is not scraping: Prometheus hands discovered targets to its scrape loops up to 5 s after
     * start-up. Waits until every target has been scraped once (health "up" or "down", no longer
     * "unknown"), so a canary's first bake already has samples.
     */
    private void awaitFirstScrapes(int targets, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> health = targetHealth();
        while (health.size() < targets || health.contains("unknown")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus did not scrape its targets within " + timeout + ": "
                        + health + "\n" + process.log());
            }
            ServiceProcess.sleep(100);
            health = targetHealth();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** An instant query's {@code data} node. */
    public JsonNode query(String promql) {
        return data("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** The health Prometheus reports for its scrape targets, e.g. "up". */
    public List<String> targetHealth() {
        JsonNode active = data("/api/v1/targets").path("activeTargets");
        return java.util.stream.StreamSupport.stream(active.spliterator(), false)
                .map(t -> t.path("health").asText())
                .toList();
    }

    /** The {@code data} node of an HTTP API response. */
    private JsonNode data(String pathAndQuery) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Json.mapper().readTree(r.body()).path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
