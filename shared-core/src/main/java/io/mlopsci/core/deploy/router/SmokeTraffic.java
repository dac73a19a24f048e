package io.mlopsci.core.deploy.router;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prediction requests made from the rows of a CSV file (the eval data by default), sent through the
 * router at a steady rate by a few threads while the canary bakes, so that every step has traffic
 * to analyse. Each request is {@code {"instances": [ {column: value, ...} ]}} (KServe v1); numbers
 * are sent as numbers, the excluded columns (the label) are left out. Rows are reused in order.
 */
public final class SmokeTraffic implements AutoCloseable {

    private static final int MAX_ROWS = 10_000;

    private final List<byte[]> bodies;
    private final URI target;
    private final double rate;
    private final int concurrency;
    private final Duration timeout;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AtomicBoolean running = new AtomicBoolean();
    private final LongAdder sent = new LongAdder();
    private final List<Thread> workers = new ArrayList<>();

    private SmokeTraffic(List<byte[]> bodies, URI target, double rate, int concurrency, Duration timeout) {
        this.bodies = bodies;
        this.target = target;
        this.rate = rate;
        this.concurrency = concurrency;
        this.timeout = timeout;
    }

    /**
     * Reads the rows.
     *
     * @throws MlopsException (exit 2) when the file cannot be read or has no rows
     */
    public static SmokeTraffic fromCsv(
            Path csv,
            String display,
            List<String> exclude,
            URI target,
            double rate,
            int concurrency,
            Duration timeout) {
        List<byte[]> bodies = new ArrayList<>();
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv.toFile())) {
            while (it.hasNext() && bodies.size() < MAX_ROWS) {
                Map<String, String> row = it.next();
                ObjectNode instance = JsonNodeFactory.instance.objectNode();
                row.forEach((k, v) -> {
                    if (!exclude.contains(k)) {
                        Double d = number(v);
                        if (d != null) {
                            instance.put(k, d);
                        } else {
                            instance.put(k, v);
                        }
                    }
                });
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.putArray("instances").add(instance);
                bodies.add(Json.string(body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            throw MlopsException.input("cannot read the smoke traffic rows from " + display + ": " + e.getMessage(), e);
        }
        if (bodies.isEmpty()) {
            throw MlopsException.input("the smoke traffic file " + display + " has no rows");
        }
        return new SmokeTraffic(bodies, target, rate, concurrency, timeout);
    }

    /** Starts sending; {@link #close} stops. */
    public void start() {
        running.set(true);
        long period = (long) (1e9 / rate);
        AtomicLong nextSlot = new AtomicLong(System.nanoTime());
        AtomicLong row = new AtomicLong();
        for (int i = 0; i < concurrency; i++) {
            Thread t = new Thread(
                    () -> {
                        while (running.get()) {
                            long slot = nextSlot.getAndAdd(period);
                            long wait = slot - System.nanoTime();
                            if (wait > 0) {
                                try {
                                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                            if (!running.get()) {
                                return;
                            }
                            byte[] body = bodies.get((int) (row.getAndIncrement() % bodies.size()));
                            try {
                                client.send(
                                        HttpRequest.newBuilder(target)
                                                .timeout(timeout)
                                                .header("Content-Type", "application/json")
                                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding());
                            } catch (IOException e) {
                                // The router records failures; the driver just keeps the pace.
                            } catch (InterruptedException e) {
                                return;
                            }
                            sent.increment();
                        }
                    },
                    "mlops-smoke-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    public long sent() {
        return sent.sum();
    }

    public int rows() {
        return bodies.size();
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread t : workers) {
            t.interrupt();
        }
        for (Thread t : workers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Double number(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
