package io.mlopsci.core.deploy.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mlopsci.core.config.DeployConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The records the router writes for monitor: one JSON line per predicted instance in the
 * documented format, whole lines only, rotated by size and by age, at most {@code max_files} kept,
 * and — through a real router in this JVM — the request id shared by client, backend and record.
 */
class PredictionRecordsTest {

    @TempDir
    Path dir;

    static final ObjectMapper JSON = new ObjectMapper();

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-05T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    DeployConfig.Records cfg(long maxBytes, Duration every, int maxFiles) {
        return new DeployConfig.Records(true, dir.resolve("records"), maxBytes, every, maxFiles, null);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("records"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        }
    }

    List<JsonNode> lines() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (Path f : files(".jsonl")) {
            for (String l : Files.readAllLines(f)) {
                out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    @Test
    void oneLinePerInstanceWithFeaturesPredictionAndScore() throws IOException {
        TestClock clock = new TestClock();
        try (PredictionRecords r = PredictionRecords.open(cfg(1 << 20, Duration.ofHours(1), 10), "fraud", clock)) {
            r.record(
                    "3",
                    "stable",
                    "req-1",
                    bytes("{\"instances\": [{\"amount\": 1.5, \"segment\": \"web\"}]}"),
                    bytes("{\"predictions\": [1], \"scores\": [0.83]}"),
                    2.25);
            r.record(
                    "4",
                    "canary",
                    "req-2",
                    bytes("{\"inputs\": [{\"amount\": 1}, {\"amount\": 2}]}"),
                    bytes("{\"predictions\": [\"a\", \"b\"], \"probabilities\": [[0.9, 0.1], [0.2, 0.8]]}"),
                    1);
            r.record("3", "stable", "req-3", bytes("not json"), bytes("{}"), 1);
            r.sync();
            assertThat(files(".jsonl.active")).as("written, not yet rotated").hasSize(1);
            assertThat(r.written()).isEqualTo(3);
            assertThat(r.unreadable()).isEqualTo(1);
        }
        assertThat(files(".jsonl.active"))
                .as("the router stopped: the file is closed")
                .isEmpty();
        List<JsonNode> l = lines();
        assertThat(l).hasSize(3);
        JsonNode first = l.get(0);
        assertThat(first.get("timestamp").asText()).isEqualTo("2026-01-05T10:00:00Z");
        assertThat(first.get("model").asText()).isEqualTo("fraud");
        assertThat(first.get("model_version").asText()).isEqualTo("3");
        assertThat(first.get("role").asText()).isEqualTo("stable");
        assertThat(first.get("request_id").asText()).isEqualTo("req-1");
        assertThat(first.get("id").asText())
                .as("one instance: the request's id")
                .isEqualTo("req-1");
        assertThat(first.has("instance")).isFalse();
        assertThat(first.get("features").get("segment").asText()).isEqualTo("web");
        assertThat(first.get("prediction").asInt()).isEqualTo(1);
        assertThat(first.get("score").asDouble()).isEqualTo(0.83);
        assertThat(first.get("latency_ms").asDouble()).isEqualTo(2.25);
        JsonNode batched = l.get(2);
        assertThat(batched.get("id").asText()).isEqualTo("req-2:1");
        assertThat(batched.get("instance").asInt()).isEqualTo(1);
        assertThat(batched.get("prediction").asText()).isEqualTo("b");
        assertThat(batched.get("score").asDouble())
                .as("the positive class of [p0, p1]")
                .isEqualTo(0.8);
    }

    @Test
    void rotatesBySizeAndKeepsAtMostMaxFiles() throws IOException {
        TestClock clock = new TestClock();
        try (PredictionRecords r = PredictionRecords.open(cfg(1024, Duration.ofHours(1), 3), "fraud", clock)) {
            for (int i = 0; i < 40; i++) {
                r.record(
                        "1",
                        "stable",
                        "r" + i,
                        bytes("{\"instances\": [{\"amount\": " + i + ", \"pad\": \"" + "x".repeat(100) + "\"}]}"),
                        bytes("{\"predictions\": [0]}"),
                        1);
                r.sync();
            }
        }
        List<Path> kept = files(".jsonl");
        assertThat(kept).as("the oldest are deleted").hasSize(3);
        for (Path f : kept) {
            assertThat(Files.size(f)).as("about max_file_size").isLessThan(1024 + 300);
            for (String line : Files.readAllLines(f)) {
                assertThat(JSON.readTree(line).get("request_id").asText()).startsWith("r");
            }
        }
        List<JsonNode> l = lines();
        assertThat(l.get(l.size() - 1).get("request_id").asText())
                .as("the newest are kept")
                .isEqualTo("r39");
    }

    @Test
    void rotatesByAgeSoThatRecordsBecomeReadable() throws IOException {
        TestClock clock = new TestClock();
        try (PredictionRecords r = PredictionRecords.open(cfg(1 << 20, Duration.ofHours(1), 10), "fraud", clock)) {
            r.record("1", "stable", "a", bytes("{\"instances\": [{}]}"), bytes("{\"predictions\": [0]}"), 1);
            r.sync();
            clock.now = clock.now.plus(Duration.ofMinutes(61));
            r.record("1", "stable", "b", bytes("{\"instances\": [{}]}"), bytes("{\"predictions\": [0]}"), 1);
            r.sync();
            assertThat(files(".jsonl")).as("the hour-old file is closed").hasSize(1);
            assertThat(files(".jsonl.active")).hasSize(1);
            assertThat(Files.readAllLines(files(".jsonl").get(0))).hasSize(1);
        }
        assertThat(files(".jsonl")).hasSize(2);
        assertThat(lines())
                .extracting(n -> n.get("timestamp").asText())
                .containsExactly("2026-01-05T10:00:00Z", "2026-01-05T11:01:00Z");
    }

    @Test
    void theRouterRecordsWhatItProxiesWithTheRequestIdOnBothEnds() throws Exception {
        List<String> seenIds = new ArrayList<>();
        HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        backend.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            synchronized (seenIds) {
                seenIds.add(ex.getRequestHeaders().getFirst(WeightedRouter.REQUEST_ID));
            }
            byte[] b = bytes("{\"predictions\": [1], \"scores\": [0.7]}");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        backend.start();
        PredictionRecords records =
                PredictionRecords.open(cfg(1 << 20, Duration.ofHours(1), 10), "fraud", Clock.systemUTC());
        try (WeightedRouter router =
                WeightedRouter.start(0, "test", "/predict", Duration.ofSeconds(5), "fraud", records)) {
            router.stable(new Backend(
                    Backend.Role.STABLE,
                    "5",
                    URI.create("http://127.0.0.1:" + backend.getAddress().getPort())));
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> mine = client.send(
                    HttpRequest.newBuilder(router.uri().resolve("/predict"))
                            .header(WeightedRouter.REQUEST_ID, "client-42")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [{\"amount\": 3.0}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> theirs = client.send(
                    HttpRequest.newBuilder(router.uri().resolve("/predict"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [{\"amount\": 4.0}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            client.send(
                    HttpRequest.newBuilder(router.uri().resolve("/health"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(mine.headers().firstValue(WeightedRouter.REQUEST_ID)).contains("client-42");
            String made = theirs.headers().firstValue(WeightedRouter.REQUEST_ID).orElseThrow();
            assertThat(made).hasSize(36);
            synchronized (seenIds) {
                assertThat(seenIds).startsWith("client-42", made);
            }
        } finally {
            backend.stop(0);
        }
        List<JsonNode> l = lines();
        assertThat(l).as("predictions only, not /health").hasSize(2);
        assertThat(l.get(0).get("request_id").asText()).isEqualTo("client-42");
        assertThat(l.get(0).get("model_version").asText()).isEqualTo("5");
        assertThat(l.get(0).get("features").get("amount").asDouble()).isEqualTo(3.0);
        assertThat(l.get(1).get("score").asDouble()).isEqualTo(0.7);
    }
}
