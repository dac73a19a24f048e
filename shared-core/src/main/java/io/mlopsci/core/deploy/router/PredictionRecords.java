package io.mlopsci.core.deploy.router;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsci.core.config.DeployConfig;
import io.mlopsci.core.error.MlopsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The prediction records the router writes, one JSON line per predicted instance, for
 * {@code mlops monitor} (format in docs/monitor.md):
 *
 * <pre>{"timestamp":"2026-01-05T10:00:00.123Z","model":"fraud","model_version":"3","role":"stable",
 *  "request_id":"…","id":"…","features":{"amount":1.2,…},"prediction":1,"score":0.83,"latency_ms":2.1}</pre>
 *
 * Serving never waits for it: the proxy hands the request and response bodies to a bounded queue
 * and returns; one writer thread parses them (KServe v1 {@code instances} or {@code inputs}; the
 * answer's {@code predictions} and {@code scores} or {@code probabilities}) and appends the lines.
 * When the queue is full, records are dropped and counted. The file being written ends in
 * {@code .jsonl.active}; it becomes {@code .jsonl} when it reaches the size limit, its age limit, or
 * the router stops, and the oldest files beyond {@code max_files} are deleted.
 */
public final class PredictionRecords implements AutoCloseable {

    static final String SUFFIX = ".jsonl";
    static final String ACTIVE = SUFFIX + ".active";
    private static final int QUEUE = 10_000;
    private static final int FLUSH_BYTES = 64 << 10;
    private static final long FLUSH_EVERY_MS = 1_000;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One proxied prediction, as the writer thread gets it; or a marker a caller waits on ({@link #sync}). */
    private record Exchange(
            Instant at,
            String version,
            String role,
            String requestId,
            byte[] request,
            byte[] response,
            double latencyMs,
            java.util.concurrent.CountDownLatch synced) {}

    private final DeployConfig.Records cfg;
    private final String model;
    private final Clock clock;
    private final String prefix;
    private final BlockingQueue<Exchange> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final Thread writer;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES * 2);
    private volatile boolean closing;
    private OutputStream out;
    private Path active;
    private Instant openedAt;
    private long fileBytes;
    private int sequence;
    private volatile IOException failure;

    private PredictionRecords(DeployConfig.Records cfg, String model, Clock clock) {
        this.cfg = cfg;
        this.model = model;
        this.clock = clock;
        this.prefix = model + "-" + ProcessHandle.current().pid() + "-";
        this.writer = new Thread(this::drain, "mlops-prediction-records");
        this.writer.setDaemon(true);
    }

    /**
     * Starts writing records to {@code cfg.dir()}.
     *
     * @throws MlopsException (exit 3) when the directory cannot be created
     */
    public static PredictionRecords open(DeployConfig.Records cfg, String model, Clock clock) {
        try {
            Files.createDirectories(cfg.dir());
        } catch (IOException e) {
            throw MlopsException.infrastructure(
                    "cannot create the prediction records directory " + cfg.dir() + " (deploy.records.dir): "
                            + e.getMessage(),
                    e);
        }
        PredictionRecords r = new PredictionRecords(cfg, model, clock);
        r.writer.start();
        return r;
    }

    public Path dir() {
        return cfg.dir();
    }

    /** Hands one proxied prediction to the writer; never blocks (a full queue drops it). */
    void record(String version, String role, String requestId, byte[] request, byte[] response, double latencyMs) {
        if (closing) {
            return;
        }
        Exchange e = new Exchange(clock.instant(), version, role, requestId, request, response, latencyMs, null);
        if (!queue.offer(e)) {
            dropped.incrementAndGet();
        }
    }

    /** Records written so far. */
    public long written() {
        return written.get();
    }

    /** Predictions dropped because the writer could not keep up. */
    public long dropped() {
        return dropped.get();
    }

    /** Predictions whose request or answer was not JSON the writer could read. */
    public long unreadable() {
        return unreadable.get();
    }

    /**
     * Waits until everything handed over so far is in the file (or dropped), for readers that must
     * see it now; the active file is rotated first if it is due.
     */
    void sync() {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        try {
            queue.put(new Exchange(null, null, null, null, null, null, 0, done));
            done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        List<Exchange> batch = new ArrayList<>();
        long lastFlush = System.nanoTime();
        while (true) {
            try {
                Exchange e = queue.poll(200, TimeUnit.MILLISECONDS);
                if (e != null) {
                    batch.add(e);
                    queue.drainTo(batch, 1000);
                }
                for (Exchange x : batch) {
                    if (x.synced() != null) {
                        flush();
                        x.synced().countDown();
                    } else {
                        lines(x);
                    }
                }
                batch.clear();
                boolean due = System.nanoTime() - lastFlush > TimeUnit.MILLISECONDS.toNanos(FLUSH_EVERY_MS);
                if (buffer.size() >= FLUSH_BYTES || (due && buffer.size() > 0)) {
                    flush();
                    lastFlush = System.nanoTime();
                }
                if (active != null && buffer.size() == 0 && (fileBytes >= cfg.maxFileBytes() || aged())) {
                    rotate();
                }
                if (closing && queue.isEmpty()) {
                    flush();
                    rotate();
                    return;
                }
            } catch (InterruptedException ie) {
                closing = true;
            } catch (IOException io) {
                failure = io;
                dropped.addAndGet(queue.size());
                queue.clear();
                batch.forEach(x -> {
                    if (x.synced() != null) {
                        x.synced().countDown();
                    }
                });
                batch.clear();
                if (closing) {
                    return;
                }
            }
        }
    }

    private boolean aged() {
        return openedAt != null && !clock.instant().isBefore(openedAt.plus(cfg.rotateEvery()));
    }

    /** Appends one line per instance of the exchange to the buffer. */
    private void lines(Exchange x) throws IOException {
        JsonNode request;
        JsonNode response;
        try {
            request = JSON.readTree(x.request());
            response = JSON.readTree(x.response());
        } catch (IOException e) {
            unreadable.incrementAndGet();
            return;
        }
        JsonNode instances =
                request == null ? null : request.has("instances") ? request.get("instances") : request.get("inputs");
        if (instances == null || !instances.isArray() || response == null) {
            unreadable.incrementAndGet();
            return;
        }
        JsonNode predictions = response.isArray() ? response : response.get("predictions");
        JsonNode scores = response.has("scores") ? response.get("scores") : response.get("probabilities");
        int n = instances.size();
        for (int i = 0; i < n; i++) {
            JsonGenerator g = JSON.getFactory().createGenerator(buffer);
            g.writeStartObject();
            g.writeStringField("timestamp", x.at().toString());
            g.writeStringField("model", model);
            g.writeStringField("model_version", x.version());
            g.writeStringField("role", x.role());
            g.writeStringField("request_id", x.requestId());
            g.writeStringField("id", n == 1 ? x.requestId() : x.requestId() + ":" + i);
            if (n > 1) {
                g.writeNumberField("instance", i);
            }
            g.writeFieldName("features");
            g.writeTree(instances.get(i));
            JsonNode p =
                    predictions != null && predictions.isArray() && i < predictions.size() ? predictions.get(i) : null;
            if (p != null) {
                g.writeFieldName("prediction");
                g.writeTree(p);
            }
            JsonNode s = scores != null && scores.isArray() && i < scores.size() ? scores.get(i) : null;
            if (s != null && s.isArray() && s.size() == 2 && s.get(1).isNumber()) {
                s = s.get(1); // [p(0), p(1)]: the positive class
            }
            if (s != null && s.isNumber()) {
                g.writeNumberField("score", s.doubleValue());
            }
            g.writeNumberField("latency_ms", Math.round(x.latencyMs() * 1000) / 1000.0);
            g.writeEndObject();
            g.close();
            buffer.write('\n');
            written.incrementAndGet();
        }
    }

    /** Writes the buffered lines (whole lines only) to the active file, opening one when needed. */
    private void flush() throws IOException {
        if (buffer.size() == 0) {
            return;
        }
        if (active != null && (fileBytes >= cfg.maxFileBytes() || aged())) {
            rotate();
        }
        if (active == null) {
            openedAt = clock.instant();
            active = cfg.dir()
                    .resolve(prefix + STAMP.format(openedAt) + "-"
                            + String.format(java.util.Locale.ROOT, "%06d", sequence++) + ACTIVE);
            out = Files.newOutputStream(active, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            fileBytes = 0;
        }
        buffer.writeTo(out);
        out.flush();
        fileBytes += buffer.size();
        buffer.reset();
    }

    /** Closes the active file under its final name and deletes the oldest beyond max_files. */
    private void rotate() throws IOException {
        if (active == null) {
            return;
        }
        out.close();
        String name = active.getFileName().toString();
        Files.move(
                active,
                active.resolveSibling(name.substring(0, name.length() - ".active".length())),
                StandardCopyOption.ATOMIC_MOVE);
        active = null;
        out = null;
        openedAt = null;
        prune();
    }

    private void prune() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(cfg.dir())) {
            files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .filter(p -> p.getFileName().toString().startsWith(model + "-"))
                    .sorted(java.util.Comparator.comparingLong(PredictionRecords::modified)
                            .thenComparing(p -> p.getFileName().toString()))
                    .toList();
        }
        Iterator<Path> it = files.iterator();
        for (int extra = files.size() - cfg.maxFiles(); extra > 0 && it.hasNext(); extra--) {
            Files.deleteIfExists(it.next());
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Writes what is queued, closes the active file under its final name; the numbers for the report. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why writing stopped, if it did. */
    public IOException failure() {
        return failure;
    }
}
