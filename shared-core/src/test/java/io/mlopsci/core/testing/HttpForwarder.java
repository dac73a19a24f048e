package io.mlopsci.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A reverse proxy on a loopback port in front of a real server (MLflow), for what MLflow OSS does
 * not do by itself: HTTPS with a self-signed certificate (made with the JDK's keytool), a required
 * bearer token, and injected failures (the next N requests answered 503 or 429). Everything else
 * is forwarded unchanged.
 */
public final class HttpForwarder implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of(
            "connection",
            "content-length",
            "host",
            "transfer-encoding",
            "upgrade",
            "keep-alive",
            "http2-settings",
            "authorization",
            "expect");

    /** An injected answer. */
    private record Fault(int status, String retryAfter) {}

    private final HttpServer server;
    private final String target;
    private final String requiredAuthorization;
    private final Path caFile;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger refusedAuth = new AtomicInteger();

    private HttpForwarder(HttpServer server, String target, String requiredAuthorization, Path caFile) {
        this.server = server;
        this.target = target;
        this.requiredAuthorization = requiredAuthorization;
        this.caFile = caFile;
    }

    /**
     * Starts a forwarder to {@code target}.
     *
     * @param tls                   serve HTTPS with a fresh self-signed certificate for 127.0.0.1 (see {@link #caFile()})
     * @param requiredAuthorization the Authorization header every request must carry, or null
     * @param dir                   where the key store and the CA file are written
     */
    public static HttpForwarder start(String target, boolean tls, String requiredAuthorization, Path dir) {
        try {
            InetSocketAddress addr = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            HttpServer server;
            Path ca = null;
            if (tls) {
                Files.createDirectories(dir);
                Path keystore = dir.resolve("server.p12");
                ca = dir.resolve("ca.pem");
                String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool")
                        .toString();
                run(List.of(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "san=ip:127.0.0.1,dns:localhost",
                        "-keystore",
                        keystore.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit"));
                run(List.of(
                        keytool,
                        "-exportcert",
                        "-rfc",
                        "-alias",
                        "server",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        "changeit",
                        "-file",
                        ca.toString()));
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keystore)) {
                    ks.load(in, "changeit".toCharArray());
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, "changeit".toCharArray());
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, null);
                HttpsServer https = HttpsServer.create(addr, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(ctx));
                server = https;
            } else {
                server = HttpServer.create(addr, 0);
            }
            HttpForwarder f = new HttpForwarder(server, target, requiredAuthorization, ca);
            server.createContext("/", f::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String uri() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The PEM certificate clients must trust (HTTPS only). */
    public Path caFile() {
        return caFile;
    }

    /** Answers the next {@code count} requests with {@code status} instead of forwarding them. */
    public synchronized void failNext(int count, int status, String retryAfter) {
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(status, retryAfter));
        }
    }

    /** Requests received so far (forwarded or not). */
    public int requests() {
        return requests.get();
    }

    /** Requests refused for a missing or wrong Authorization header. */
    public int refusedAuth() {
        return refusedAuth.get();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (requiredAuthorization != null
                    && !requiredAuthorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                refusedAuth.incrementAndGet();
                respond(
                        ex,
                        401,
                        "{\"error_code\": \"UNAUTHENTICATED\", \"message\": \"missing or wrong credentials\"}",
                        null);
                return;
            }
            Fault fault;
            synchronized (this) {
                fault = faults.poll();
            }
            if (fault != null) {
                respond(
                        ex,
                        fault.status(),
                        "{\"error_code\": \"TEMPORARILY_UNAVAILABLE\", \"message\": \"injected\"}",
                        fault.retryAfter());
                return;
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target
                            + ex.getRequestURI().getRawPath()
                            + (ex.getRequestURI().getRawQuery() == null
                                    ? ""
                                    : "?" + ex.getRequestURI().getRawQuery())))
                    .timeout(Duration.ofMinutes(2))
                    .method(
                            ex.getRequestMethod(),
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                if (!HOP_HEADERS.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    h.getValue().forEach(v -> b.header(h.getKey(), v));
                }
            }
            HttpResponse<byte[]> r;
            try {
                r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                respond(ex, 502, "{\"message\": \"upstream unavailable\"}", null);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(ex, 502, "{\"message\": \"interrupted\"}", null);
                return;
            }
            r.headers()
                    .firstValue("Content-Type")
                    .ifPresent(v -> ex.getResponseHeaders().add("Content-Type", v));
            byte[] out = r.body();
            ex.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    private static void respond(HttpExchange ex, int status, String json, String retryAfter) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        if (retryAfter != null) {
            ex.getResponseHeaders().add("Retry-After", retryAfter);
        }
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }

    private static void run(List<String> cmd) {
        Processes.Result r = Processes.run(cmd, null, Map.of(), Duration.ofMinutes(1));
        if (r.exitCode() != 0) {
            throw new IllegalStateException("keytool failed: " + r);
        }
    }
}
