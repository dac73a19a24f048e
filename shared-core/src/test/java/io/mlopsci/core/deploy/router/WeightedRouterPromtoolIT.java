package io.mlopsci.core.deploy.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Requirements;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router's {@code /metrics} after real traffic, linted by Prometheus' own promtool. */
class WeightedRouterPromtoolIT {

    @TempDir
    Path tmp;

    private static HttpServer backend(String answer, int status) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        s.createContext("/", ex -> {
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

    @Test
    void theExpositionIsValidPrometheusText() throws Exception {
        Requirements.require(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool (Debian package prometheus)");
        HttpServer stable = backend("{\"predictions\": [1]}", 200);
        HttpServer canary = backend("{\"predictions\": [0]}", 503);
        HttpClient client = HttpClient.newHttpClient();
        try (WeightedRouter router = WeightedRouter.start(0, "test", "/predict", Duration.ofSeconds(5), "m")) {
            router.stable(new Backend(
                    Backend.Role.STABLE,
                    "1",
                    URI.create("http://127.0.0.1:" + stable.getAddress().getPort())));
            router.canary(new Backend(
                    Backend.Role.CANARY,
                    "2",
                    URI.create("http://127.0.0.1:" + canary.getAddress().getPort())));
            router.weight(50);
            for (int i = 0; i < 4; i++) {
                client.send(
                        HttpRequest.newBuilder(router.uri().resolve("/predict"))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [{\"x\": 1}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            String text = client.send(
                            HttpRequest.newBuilder(router.uri().resolve("/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(text).contains("mlops_router_requests_total");
            Path f = tmp.resolve("metrics.txt");
            Files.writeString(f, text);
            Processes.Result lint = Processes.run(
                    List.of("sh", "-c", "promtool check metrics < " + f), null, Map.of(), Duration.ofMinutes(1));
            assertThat(lint.exitCode()).as(lint.toString()).isZero();
        } finally {
            stable.stop(0);
            canary.stop(0);
        }
    }
}
