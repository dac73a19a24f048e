package io.mlopsci.core.deploy.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mlopsci.core.testing.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The router against two real HTTP backends in this JVM: exact split, shadow comparison, failures,
 * metrics (promtool lints the exposition in WeightedRouterPromtoolIT).
 */
class WeightedRouterTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer stable;
    private HttpServer canary;
    private WeightedRouter router;
    private final AtomicInteger stableHits = new AtomicInteger();
    private final AtomicInteger canaryHits = new AtomicInteger();

    @AfterEach
    void stop() {
        for (HttpServer s : new HttpServer[] {stable, canary}) {
            if (s != null) {
                s.stop(0);
            }
        }
        if (router != null) {
            router.close();
        }
    }

    private HttpServer backend(String answer, int status, AtomicInteger hits) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        s.createContext("/", ex -> {
            hits.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            byte[] b = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        s.start();
        return s;
    }

    private void route(String stableAnswer, String canaryAnswer, int canaryStatus) throws IOException {
        stable = backend(stableAnswer, 200, stableHits);
        canary = backend(canaryAnswer, canaryStatus, canaryHits);
        router = WeightedRouter.start(0, "test", "/predict", Duration.ofSeconds(5), "m");
        router.stable(new Backend(
                Backend.Role.STABLE,
                "1",
                URI.create("http://127.0.0.1:" + stable.getAddress().getPort())));
        router.canary(new Backend(
                Backend.Role.CANARY,
                "2",
                URI.create("http://127.0.0.1:" + canary.getAddress().getPort())));
    }

    private int post(String path) throws Exception {
        return client.send(
                        HttpRequest.newBuilder(router.uri().resolve(path))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [{\"x\": 1}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void sendsExactlyTheWeightToTheCanaryAndComparesItsPredictionsWithTheStables() throws Exception {
        route("{\"predictions\": [1]}", "{\"predictions\": [1.0000000000001]}", 200);
        router.weight(30);
        long t0 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(post("/predict")).isEqualTo(200);
        }
        WindowStats w = router.stats().window(t0, System.nanoTime());
        assertThat(w.canary().requests()).isEqualTo(30);
        assertThat(w.stable().requests())
                .as("routed only; shadows are not traffic")
                .isEqualTo(70);
        assertThat(stableHits.get()).as("70 routed + 30 shadow").isEqualTo(100);
        assertThat(w.comparisons()).isEqualTo(30);
        assertThat(w.disagreementRate()).as("float noise is not disagreement").isZero();
        assertThat(w.canary().errorRate()).isZero();
    }

    @Test
    void countsDisagreementAndServerErrors() throws Exception {
        route("{\"predictions\": [1]}", "{\"predictions\": [0]}", 200);
        router.weight(50);
        long t0 = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            post("/predict");
        }
        assertThat(router.stats().window(t0, System.nanoTime()).disagreementRate())
                .isEqualTo(1.0);
        canary.stop(0);
        canary = backend("boom", 500, canaryHits);
        router.canary(new Backend(
                Backend.Role.CANARY,
                "2",
                URI.create("http://127.0.0.1:" + canary.getAddress().getPort())));
        long t1 = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            post("/predict");
        }
        WindowStats w = router.stats().window(t1, System.nanoTime());
        assertThat(w.canary().errorRate()).isEqualTo(1.0);
        assertThat(w.comparisons()).as("failed canary answers are not compared").isZero();
        router.canary(new Backend(Backend.Role.CANARY, "2", URI.create("http://127.0.0.1:" + FreePorts.next())));
        assertThat(post("/predict"))
                .as("a backend that does not answer gives 502")
                .isIn(200, 502);
    }

    @Test
    void exposesItsCountersInPrometheusText() throws Exception {
        route("{\"predictions\": [1]}", "{\"predictions\": [0]}", 503);
        router.weight(50);
        for (int i = 0; i < 4; i++) {
            post("/predict");
        }
        String text = client.send(
                        HttpRequest.newBuilder(router.uri().resolve("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(text)
                .contains("mlops_router_requests_total{model=\"m\",backend=\"canary\",version=\"2\",code=\"503\"} 2")
                .contains("mlops_router_requests_total{model=\"m\",backend=\"stable\",version=\"1\",code=\"200\"} 2")
                .contains("mlops_router_canary_weight{model=\"m\"} 50")
                .contains(
                        "mlops_router_request_duration_seconds_count{model=\"m\",backend=\"canary\",version=\"2\"} 2");
    }

    @Test
    void splitsDeterministically() {
        TrafficSplit split = new TrafficSplit();
        for (int w : new int[] {0, 1, 10, 33, 50, 99, 100}) {
            split.weight(w);
            int canary = 0;
            for (int i = 0; i < 100; i++) {
                canary += split.nextIsCanary() ? 1 : 0;
            }
            assertThat(canary).as("weight " + w).isEqualTo(w);
        }
    }

    @Test
    void percentilesAreNearestRank() {
        WindowStats.Side s = WindowStats.Side.of(5, 1, new double[] {50, 10, 40, 20, 30});
        assertThat(s.percentile(50)).isEqualTo(30);
        assertThat(s.percentile(95)).isEqualTo(50);
        assertThat(s.percentile(20)).isEqualTo(10);
        assertThat(s.errorRate()).isEqualTo(0.2);
        assertThat(WindowStats.Side.of(0, 0, new double[0]).errorRate()).isNaN();
    }
}
