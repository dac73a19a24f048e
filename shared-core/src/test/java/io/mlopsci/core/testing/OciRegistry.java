package io.mlopsci.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A real OCI registry (Debian's {@code docker-registry}, the CNCF distribution) on a free loopback
 * port with its own configuration and storage, for push tests. {@link #start} serves plain HTTP
 * without authentication; {@link #startWithAuth} serves HTTPS with a self-signed certificate and
 * htpasswd (bcrypt) users. Stopped by {@link #close}.
 */
public final class OciRegistry implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final String MANIFEST_TYPES = String.join(
            ",",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.index.v1+json");

    private final ServiceProcess process;
    private final int port;
    private final boolean tls;
    private final String authorization;
    private final HttpClient http;

    private OciRegistry(ServiceProcess process, int port, boolean tls, String authorization, HttpClient http) {
        this.process = process;
        this.port = port;
        this.tls = tls;
        this.authorization = authorization;
        this.http = http;
    }

    /** A registry over plain HTTP, no authentication. */
    public static OciRegistry start(Path dir) {
        return start(dir, null, null);
    }

    /** A registry over HTTPS (self-signed) that accepts only {@code user}/{@code password}. */
    public static OciRegistry startWithAuth(Path dir, String user, String password) {
        return start(dir, user, password);
    }

    private static OciRegistry start(Path dir, String user, String password) {
        Requirements.require(Files.isExecutable(BINARY), "an OCI registry (Debian package docker-registry)");
        int port = FreePorts.next();
        boolean tls = user != null;
        try {
            Files.createDirectories(dir);
            StringBuilder yaml = new StringBuilder("""
                    version: 0.1
                    log: {level: warn}
                    storage:
                      filesystem: {rootdirectory: "%s"}
                      delete: {enabled: true}
                    http:
                      addr: 127.0.0.1:%d
                      secret: mlops-test-secret
                    """.formatted(dir.resolve("data"), port));
            if (tls) {
                certificate(dir);
                yaml.append("  tls: {certificate: \"")
                        .append(dir.resolve("cert.pem"))
                        .append("\", key: \"")
                        .append(dir.resolve("key.pem"))
                        .append("\"}\n");
                Files.writeString(dir.resolve("htpasswd"), user + ":" + bcrypt(password) + "\n");
                yaml.append("auth:\n  htpasswd: {realm: mlops-test, path: \"")
                        .append(dir.resolve("htpasswd"))
                        .append("\"}\n");
            }
            Files.writeString(dir.resolve("config.yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = tls ? HttpClient.newBuilder().sslContext(trustAll()).build() : HttpClient.newHttpClient();
        ServiceProcess p = ServiceProcess.start(
                "docker-registry",
                List.of(BINARY.toString(), "serve", dir.resolve("config.yml").toString()),
                dir);
        String auth = tls
                ? "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))
                : null;
        OciRegistry r = new OciRegistry(p, port, tls, auth, http);
        try {
            p.awaitHttp(r.baseUrl() + "/v2/", s -> s == 200 || s == 401, http, Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        return r;
    }

    /** host:port, as an image reference starts. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public String baseUrl() {
        return (tls ? "https" : "http") + "://" + address();
    }

    /** The manifest of {@code repository:tag} and its digest (from Docker-Content-Digest), or null when absent. */
    public Manifest manifest(String repository, String reference) {
        HttpResponse<String> r = get("/v2/" + repository + "/manifests/" + reference, MANIFEST_TYPES);
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET manifest " + repository + ":" + reference + " → " + r.statusCode() + " " + r.body());
        }
        try {
            JsonNode m = Json.mapper().readTree(r.body());
            String digest = r.headers().firstValue("Docker-Content-Digest").orElse(null);
            HttpResponse<String> config = get(
                    "/v2/" + repository + "/blobs/"
                            + m.path("config").path("digest").asText(),
                    "*/*");
            return new Manifest(digest, m, Json.mapper().readTree(config.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A manifest, its digest, and the image configuration it points to (labels under config.Labels). */
    public record Manifest(String digest, JsonNode manifest, JsonNode config) {
        public Map<String, String> labels() {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            config.path("config")
                    .path("Labels")
                    .properties()
                    .forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }
    }

    private HttpResponse<String> get(String path, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Accept", accept)
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The registry's own log (for assertion messages). */
    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }

    private static void certificate(Path dir) {
        Processes.Result r = Processes.run(
                List.of(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "2",
                        "-subj",
                        "/CN=127.0.0.1",
                        "-addext",
                        "subjectAltName=IP:127.0.0.1",
                        "-keyout",
                        dir.resolve("key.pem").toString(),
                        "-out",
                        dir.resolve("cert.pem").toString()),
                dir,
                Map.of(),
                Duration.ofMinutes(1));
        Requirements.require(
                r.exitCode() == 0,
                "openssl to make a test certificate (" + r.stderr().trim() + ")");
    }

    /** bcrypt, which the registry's htpasswd requires, from the system's crypt(3) through Debian's Python. */
    private static String bcrypt(String password) {
        Processes.Result r = Processes.run(
                List.of(
                        "/usr/bin/python3",
                        "-W",
                        "ignore",
                        "-c",
                        "import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH)))",
                        password),
                null,
                Map.of(),
                Duration.ofMinutes(1));
        Requirements.require(
                r.exitCode() == 0 && r.stdout().startsWith("$2"),
                "bcrypt via /usr/bin/python3 crypt (" + r.stderr().trim() + ")");
        return r.stdout().trim();
    }

    private static SSLContext trustAll() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(
                    null,
                    new TrustManager[] {
                        new X509TrustManager() {
                            @Override
                            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                            @Override
                            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                            @Override
                            public X509Certificate[] getAcceptedIssuers() {
                                return new X509Certificate[0];
                            }
                        }
                    },
                    new SecureRandom());
            return c;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
