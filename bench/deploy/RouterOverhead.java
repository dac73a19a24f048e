import com.sun.net.httpserver.HttpServer;
import io.mlopsci.core.deploy.router.Backend;
import io.mlopsci.core.deploy.router.WeightedRouter;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the canary router adds per request: the same prediction POSTed N times straight to an
 * in-JVM model server and N times through the router (at 50% canary, so half the requests also
 * send a shadow request to the stable server and compare the answers). Prints p50/p95 of each.
 *   java -cp shared-core/target/mlops.jar bench/deploy/RouterOverhead.java [N]
 */
public final class RouterOverhead {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        System.setProperty("sun.net.httpserver.nodelay", "true"); // as the router does, for a fair baseline
        HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        byte[] answer = "{\"predictions\": [1], \"scores\": [0.91]}".getBytes(StandardCharsets.UTF_8);
        backend.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        });
        backend.start();
        URI direct = URI.create("http://127.0.0.1:" + backend.getAddress().getPort());
        try (WeightedRouter router = WeightedRouter.start(0, "bench", "/predict", Duration.ofSeconds(5), "bench")) {
            router.stable(new Backend(Backend.Role.STABLE, "1", direct));
            router.canary(new Backend(Backend.Role.CANARY, "2", direct));
            router.weight(50);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String body = "{\"instances\": [{\"amount\": -1.2, \"velocity\": 0.5, \"account_age\": 0.1}]}";
            time(client, direct.resolve("/predict"), body, n / 4); // warm-up
            time(client, router.uri().resolve("/predict"), body, n / 4);
            double[] d = time(client, direct.resolve("/predict"), body, n);
            double[] r = time(client, router.uri().resolve("/predict"), body, n);
            System.out.printf(Locale.ROOT, "%-44s %8s %8s%n", "router overhead (" + n + " requests each)", "p50 ms", "p95 ms");
            System.out.printf(Locale.ROOT, "%-44s %8.3f %8.3f%n", "direct to the model server", pct(d, 50), pct(d, 95));
            System.out.printf(Locale.ROOT, "%-44s %8.3f %8.3f%n", "through the router (50% canary + shadow)", pct(r, 50),
                    pct(r, 95));
        } finally {
            backend.stop(0);
        }
    }

    static double[] time(HttpClient client, URI uri, String body, int n) throws Exception {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.discarding());
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode());
            }
        }
        Arrays.sort(ms);
        return ms;
    }

    static double pct(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }
}
