package io.mlopsci.core.deploy.router;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mlopsci.core.error.MlopsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The engine's in-process canary router on 127.0.0.1: proxies every request to the stable or the
 * canary backend by the current weight, records status and latency per backend, sends each
 * prediction the canary answers to the stable as well (a shadow request whose answer is only
 * compared, never returned), serves its statistics at {@code /metrics} for Prometheus, and — when
 * given {@link PredictionRecords} — hands every answered prediction to them for monitoring. Each
 * request carries an {@code X-Request-Id} (the client's, or one the router makes), also on the answer.
 */
public final class WeightedRouter implements AutoCloseable {

    /** Paths the router answers itself. */
    public static final String METRICS_PATH = "/metrics";
    /** The header that identifies a request end to end (the records' {@code request_id}). */
    public static final String REQUEST_ID = "X-Request-Id";

    private static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "transfer-encoding",
            "te",
            "trailer",
            "upgrade",
            "proxy-authorization",
            "proxy-authenticate",
            "host",
            "content-length",
            "expect");

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final String predictPath;
    private final String model;
    private final PredictionRecords records;
    private final TrafficSplit split = new TrafficSplit();
    private final RouterStats stats = new RouterStats();
    private volatile Backend stable;
    private volatile Backend canary;

    private WeightedRouter(
            HttpServer server,
            ExecutorService executor,
            Duration requestTimeout,
            String predictPath,
            String model,
            PredictionRecords records) {
        this.records = records;
        this.server = server;
        this.executor = executor;
        this.requestTimeout = requestTimeout;
        this.predictPath = predictPath;
        this.model = model;
        // Its own (default) executor: sharing the server's pool could starve the client's internal tasks.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Binds 127.0.0.1:{@code port} (0: any free port) and starts serving.
     *
     * @param portSetting how the configuration names the port, for the message when it is taken
     * @throws MlopsException (exit 3) when the port is in use
     */
    public static WeightedRouter start(
            int port, String portSetting, String predictPath, Duration requestTimeout, String model) {
        return start(port, portSetting, predictPath, requestTimeout, model, null);
    }

    /**
     * As {@link #start(int, String, String, Duration, String)}, writing every answered prediction
     * to {@code records} (null: none); the router closes them when it closes.
     */
    public static WeightedRouter start(
            int port,
            String portSetting,
            String predictPath,
            Duration requestTimeout,
            String model,
            PredictionRecords records) {
        // The JDK server sends headers and body in separate segments; without TCP_NODELAY a small
        // response waits for the client's delayed ACK (about 40 ms). Read when the first server starts.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (BindException e) {
            throw MlopsException.infrastructure(
                    "the canary router cannot listen on 127.0.0.1:" + port + " (" + portSetting
                            + "): the port is already in use by another process; free it or choose another port",
                    e);
        } catch (IOException e) {
            throw MlopsException.infrastructure(
                    "the canary router cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "mlops-router");
            t.setDaemon(true);
            return t;
        });
        WeightedRouter router = new WeightedRouter(server, executor, requestTimeout, predictPath, model, records);
        server.setExecutor(executor);
        server.createContext("/", router::handle);
        server.start();
        return router;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void stable(Backend b) {
        this.stable = b;
    }

    public void canary(Backend b) {
        this.canary = b;
    }

    public Backend stable() {
        return stable;
    }

    public Backend canary() {
        return canary;
    }

    /** Sends {@code percent} of requests to the canary from now on. */
    public void weight(int percent) {
        split.weight(percent);
    }

    public int weight() {
        return split.weight();
    }

    public RouterStats stats() {
        return stats;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            if (path.equals(METRICS_PATH) && ex.getRequestMethod().equals("GET")) {
                respond(
                        ex,
                        200,
                        "text/plain; version=0.0.4; charset=utf-8",
                        stats.prometheus(model, split.weight()).getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String requestId = ex.getRequestHeaders().getFirst(REQUEST_ID);
            if (requestId == null || requestId.isBlank() || requestId.length() > 200) {
                requestId = java.util.UUID.randomUUID().toString();
            }
            ex.getResponseHeaders().set(REQUEST_ID, requestId);
            Backend s = stable;
            Backend c = canary;
            boolean toCanary = c != null && (s == null || split.nextIsCanary());
            Backend target = toCanary ? c : s;
            if (target == null) {
                respond(ex, 503, "text/plain", "no backend is serving yet\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            long sent = System.nanoTime();
            Forwarded answer = forward(target, ex, body, requestId, true);
            double latencyMs = (System.nanoTime() - sent) / 1e6;
            if (answer.response() == null) {
                respond(
                        ex,
                        502,
                        "text/plain",
                        ("the " + target.role().label() + " server did not answer: " + answer.failure() + "\n")
                                .getBytes(StandardCharsets.UTF_8));
            } else {
                HttpResponse<byte[]> r = answer.response();
                r.headers().map().forEach((k, v) -> {
                    if (!HOP_BY_HOP.contains(k.toLowerCase(java.util.Locale.ROOT))
                            && !k.startsWith(":")
                            && !k.equalsIgnoreCase(REQUEST_ID)) {
                        v.forEach(x -> ex.getResponseHeaders().add(k, x));
                    }
                });
                respond(ex, r.statusCode(), null, r.body());
            }
            if (records != null && path.equals(predictPath) && answer.ok()) {
                records.record(
                        target.version(),
                        target.role().label(),
                        requestId,
                        body,
                        answer.response().body(),
                        latencyMs);
            }
            if (toCanary && s != null && path.equals(predictPath) && answer.ok()) {
                Forwarded shadow = forward(s, ex, body, requestId, false);
                if (shadow.ok()) {
                    stats.comparison(PredictionDiff.same(
                            answer.response().body(), shadow.response().body()));
                }
            }
        }
    }

    private record Forwarded(HttpResponse<byte[]> response, String failure) {
        boolean ok() {
            return response != null && response.statusCode() / 100 == 2;
        }
    }

    /**
     * Sends the request to a backend; a routed request counts in the backend's statistics, a shadow
     * request only in the comparison.
     */
    private Forwarded forward(Backend b, HttpExchange ex, byte[] body, String requestId, boolean routed) {
        URI uri = b.base()
                .resolve(ex.getRequestURI().getRawPath()
                        + (ex.getRequestURI().getRawQuery() == null
                                ? ""
                                : "?" + ex.getRequestURI().getRawQuery()));
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .method(
                        ex.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((k, v) -> {
            if (!HOP_BY_HOP.contains(k.toLowerCase(java.util.Locale.ROOT)) && !k.equalsIgnoreCase(REQUEST_ID)) {
                v.forEach(x -> rb.header(k, x));
            }
        });
        rb.header(REQUEST_ID, requestId);
        long t0 = System.nanoTime();
        try {
            HttpResponse<byte[]> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (routed) {
                stats.request(b, r.statusCode(), System.nanoTime() - t0);
            }
            return new Forwarded(r, null);
        } catch (IOException | IllegalArgumentException e) {
            if (routed) {
                stats.request(b, 0, System.nanoTime() - t0);
            }
            return new Forwarded(null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (routed) {
                stats.request(b, 0, System.nanoTime() - t0);
            }
            return new Forwarded(null, "interrupted");
        }
    }

    private static void respond(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The records this router writes, or null. */
    public PredictionRecords records() {
        return records;
    }

    @Override
    public void close() {
        server.stop(0);
        if (records != null) {
            records.close();
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
