package io.mlopsci.core.registry.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.registry.RegistryException;
import io.mlopsci.core.registry.RegistryUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import org.mlflow_project.google.protobuf.InvalidProtocolBufferException;
import org.mlflow_project.google.protobuf.Message;
import org.mlflow_project.google.protobuf.util.JsonFormat;

/**
 * The HTTP side of the MLflow backend: one {@link HttpClient} (TLS with a custom CA, no
 * redirects, HTTP/1.1), the Authorization header, and bounded retries with exponential backoff
 * and jitter on connection errors, timeouts, 5xx and 429 (honouring Retry-After). Request and
 * response bodies of the REST API are the protobuf messages of {@code org.mlflow:mlflow-client},
 * written and read as MLflow's JSON.
 *
 * <p>Messages name the server and the call, never the credentials. When the server stays down,
 * the call ends with exit 3 and says how long it was tried.
 */
final class MlflowHttp {

    private static final JsonFormat.Printer PRINTER =
            JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(30);
    private static final int MAX_ERROR_CHARS = 500;

    /** Reads a response the server accepted (2xx) or refused (4xx). */
    @FunctionalInterface
    interface Reader<T> {
        T read(int status, InputStream body) throws IOException;
    }

    private final MlflowSettings settings;
    private final HttpClient client;

    MlflowHttp(MlflowSettings settings) {
        this.settings = settings;
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                // A redirect could carry the Authorization header to another host.
                .followRedirects(HttpClient.Redirect.NEVER);
        if (settings.ssl() != null) {
            b.sslContext(settings.ssl());
        }
        this.client = b.build();
    }

    MlflowSettings settings() {
        return settings;
    }

    // ---- the REST API -------------------------------------------------------------------------

    /** GET {@code /api/2.0/mlflow/<endpoint>?query}. */
    <R extends Message> R get(String endpoint, Map<String, String> query, R responseType) {
        String url = api(endpoint) + query(query);
        return call("GET " + endpoint, () -> request(url, TimeoutKind.API).GET().build(), responseType);
    }

    /** POST {@code /api/2.0/mlflow/<endpoint>} with a JSON body. */
    <R extends Message> R post(String endpoint, Message body, R responseType) {
        return withBody("POST", endpoint, body, responseType);
    }

    /** PATCH {@code /api/2.0/mlflow/<endpoint>} with a JSON body. */
    <R extends Message> R patch(String endpoint, Message body, R responseType) {
        return withBody("PATCH", endpoint, body, responseType);
    }

    /** DELETE {@code /api/2.0/mlflow/<endpoint>}; MLflow reads the arguments of a DELETE from a JSON body. */
    <R extends Message> R delete(String endpoint, Message body, R responseType) {
        return withBody("DELETE", endpoint, body, responseType);
    }

    private <R extends Message> R withBody(String method, String endpoint, Message body, R responseType) {
        String json = print(body);
        String url = api(endpoint);
        return call(
                method + " " + endpoint,
                () -> request(url, TimeoutKind.API)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                responseType);
    }

    private <R extends Message> R call(String what, java.util.function.Supplier<HttpRequest> request, R responseType) {
        return send(what, request, (status, body) -> {
            byte[] bytes = body.readAllBytes();
            if (status / 100 != 2) {
                throw refused(what, status, bytes);
            }
            return parse(what, bytes, responseType);
        });
    }

    // ---- the artifact proxy (mlflow-artifacts) ------------------------------------------------

    /** PUT a file to {@code /api/2.0/mlflow-artifacts/artifacts/<path>}. */
    void upload(String artifactPath, Path file) {
        String url = artifactsUrl(artifactPath);
        String what = "upload of artifact " + artifactPath;
        send(
                what,
                () -> {
                    try {
                        return request(url, TimeoutKind.TRANSFER)
                                .header("Content-Type", "application/octet-stream")
                                .PUT(HttpRequest.BodyPublishers.ofFile(file))
                                .build();
                    } catch (java.io.FileNotFoundException e) {
                        throw new RegistryException("cannot read " + file + " to upload it: " + e.getMessage(), e);
                    }
                },
                (status, body) -> {
                    byte[] bytes = body.readAllBytes();
                    if (status / 100 != 2) {
                        throw refused(what, status, bytes);
                    }
                    return null;
                });
    }

    /**
     * GET {@code /api/2.0/mlflow-artifacts/artifacts/<path>} into {@code target} (written by the
     * reader, e.g. atomically); returns false when the server has no such file.
     */
    boolean download(String artifactPath, Reader<Void> target) {
        String url = artifactsUrl(artifactPath);
        String what = "download of artifact " + artifactPath;
        Boolean found =
                send(what, () -> request(url, TimeoutKind.TRANSFER).GET().build(), (status, body) -> {
                    if (status == 404) {
                        body.readAllBytes();
                        return false;
                    }
                    if (status / 100 != 2) {
                        throw refused(what, status, body.readAllBytes());
                    }
                    target.read(status, body);
                    return true;
                });
        return found;
    }

    /** The entries of one artifact directory: GET {@code /api/2.0/mlflow-artifacts/artifacts?path=}. */
    JsonNode listArtifacts(String artifactPath) {
        String url = settings.base() + "/api/2.0/mlflow-artifacts/artifacts" + query(Map.of("path", artifactPath));
        String what = "listing of artifacts " + artifactPath;
        return send(what, () -> request(url, TimeoutKind.API).GET().build(), (status, body) -> {
            byte[] bytes = body.readAllBytes();
            if (status / 100 != 2) {
                throw refused(what, status, bytes);
            }
            return bytes.length == 0
                    ? Json.mapper().createObjectNode()
                    : Json.mapper().readTree(bytes);
        });
    }

    // ---- retries --------------------------------------------------------------------------------

    private enum TimeoutKind {
        API,
        TRANSFER
    }

    private HttpRequest.Builder request(String url, TimeoutKind kind) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(
                        kind == TimeoutKind.API
                                ? settings.timeout()
                                : settings.timeout().compareTo(TRANSFER_TIMEOUT) > 0
                                        ? settings.timeout()
                                        : TRANSFER_TIMEOUT)
                .header("User-Agent", "mlops-ci")
                .header("Accept", "application/json");
        settings.credentials().ifPresent(c -> b.header("Authorization", c.authorizationHeader()));
        return b;
    }

    /**
     * Sends with retries. A connection error, a timeout, an error while reading the body, 5xx and
     * 429 are retried; 2xx and 4xx go to {@code reader}. Every request MLflow's REST API gets here
     * may be repeated safely: creates that could be duplicated are reconciled by the caller.
     */
    private <T> T send(String what, java.util.function.Supplier<HttpRequest> request, Reader<T> reader) {
        int attempts = settings.retries() + 1;
        long started = System.nanoTime();
        String last = null;
        for (int attempt = 1; ; attempt++) {
            Duration retryAfter = null;
            try {
                HttpResponse<InputStream> r = client.send(request.get(), HttpResponse.BodyHandlers.ofInputStream());
                int status = r.statusCode();
                try (InputStream body = r.body()) {
                    if (status == 429 || status >= 500) {
                        last = "HTTP " + status + errorSummary(body.readAllBytes());
                        retryAfter = retryAfter(r);
                    } else if (status / 100 == 3) {
                        throw new RegistryException("MLflow at " + settings.display() + " answered the " + what
                                + " with a redirect (HTTP " + status + ") to "
                                + r.headers()
                                        .firstValue("Location")
                                        .map(MlflowHttp::withoutQuery)
                                        .orElse("nowhere") + "; set tracking.uri to the final URL");
                    } else {
                        return reader.read(status, body);
                    }
                }
            } catch (SSLException e) {
                throw new RegistryException(
                        "TLS with MLflow at " + settings.display() + " failed (" + e.getMessage()
                                + "); trust the server's CA with tracking.ca_file or " + MlflowSettings.CERT_PATH_ENV,
                        e);
            } catch (HttpConnectTimeoutException e) {
                last = "connection timed out";
            } catch (HttpTimeoutException e) {
                last = "no answer within " + settings.timeout().toSeconds() + " s (tracking.timeout)";
            } catch (ConnectException e) {
                last = "connection refused";
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted during the " + what + " at MLflow " + settings.display(), e);
            }
            if (attempt >= attempts) {
                double seconds = (System.nanoTime() - started) / 1e9;
                throw new RegistryUnavailableException(String.format(
                        Locale.ROOT,
                        "MLflow at %s is unavailable: the %s failed %d time%s over %.1f s (last: %s); check that the"
                                + " server is running and reachable, or raise tracking.retries",
                        settings.display(),
                        what,
                        attempts,
                        attempts == 1 ? "" : "s",
                        seconds,
                        last));
            }
            sleep(backoff(attempt, retryAfter));
        }
    }

    /** Exponential backoff with full jitter, capped; a server's Retry-After wins when longer (capped too). */
    private Duration backoff(int attempt, Duration retryAfter) {
        long cap = MlflowSettings.MAX_BACKOFF.toMillis();
        long exp = Math.min(cap, settings.backoff().toMillis() << Math.min(attempt - 1, 20));
        long wait = exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
        if (retryAfter != null) {
            wait = Math.max(wait, Math.min(retryAfter.toMillis(), 4 * cap));
        }
        return Duration.ofMillis(wait);
    }

    private static Duration retryAfter(HttpResponse<?> r) {
        return r.headers()
                .firstValue("Retry-After")
                .map(v -> {
                    try {
                        return Duration.ofSeconds(Long.parseLong(v.trim()));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                })
                .orElse(null);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while waiting to retry a request to MLflow");
        }
    }

    // ---- bodies and messages --------------------------------------------------------------------

    private MlflowApiException refused(String what, int status, byte[] body) {
        String code = null;
        String message = null;
        try {
            JsonNode n = Json.mapper().readTree(body);
            code = n.path("error_code").isTextual() ? n.path("error_code").asText() : null;
            message = n.path("message").isTextual() ? n.path("message").asText() : null;
        } catch (IOException e) {
            message = new String(body, StandardCharsets.UTF_8).strip();
        }
        if (message != null && message.length() > MAX_ERROR_CHARS) {
            message = message.substring(0, MAX_ERROR_CHARS) + "…";
        }
        String hint = status == 401
                ? "; the server wants credentials: set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME"
                        + " and MLFLOW_TRACKING_PASSWORD"
                        + settings.credentials()
                                .map(c -> " (it refused the " + c.describe() + ")")
                                .orElse("")
                : status == 403
                        ? "; the credentials ("
                                + settings.credentials()
                                        .map(MlflowCredentials::describe)
                                        .orElse("none") + ") may not do this"
                        : "";
        return new MlflowApiException(
                status,
                code,
                "MLflow at " + settings.display() + " refused the " + what + " (HTTP "
                        + status + (code == null ? "" : " " + code) + ")"
                        + (message == null || message.isEmpty() ? "" : ": " + message)
                        + hint);
    }

    private static String errorSummary(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8).strip();
        if (s.isEmpty()) {
            return "";
        }
        try {
            JsonNode n = Json.mapper().readTree(s);
            if (n.path("message").isTextual()) {
                s = n.path("message").asText();
            }
        } catch (IOException e) {
            // not JSON: keep the text
        }
        return " " + (s.length() > 200 ? s.substring(0, 200) + "…" : s);
    }

    private static String print(Message m) {
        try {
            return PRINTER.print(m);
        } catch (InvalidProtocolBufferException e) {
            throw MlopsException.internal("cannot write an MLflow request: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private <R extends Message> R parse(String what, byte[] json, R type) {
        Message.Builder b = type.newBuilderForType();
        try {
            PARSER.merge(new String(json, StandardCharsets.UTF_8), b);
        } catch (InvalidProtocolBufferException e) {
            throw new RegistryException(
                    "MLflow at " + settings.display() + " answered the " + what
                            + " with a body that is not MLflow's JSON (" + e.getMessage()
                            + "); is tracking.uri an MLflow server?",
                    e);
        }
        return (R) b.build();
    }

    private String api(String endpoint) {
        return settings.base() + "/api/2.0/mlflow/" + endpoint;
    }

    private String artifactsUrl(String artifactPath) {
        StringJoiner j = new StringJoiner("/");
        for (String segment : artifactPath.split("/")) {
            if (!segment.isEmpty()) {
                j.add(encode(segment).replace("+", "%20"));
            }
        }
        return settings.base() + "/api/2.0/mlflow-artifacts/artifacts/" + j;
    }

    private static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner("&", "?", "");
        params.forEach((k, v) -> j.add(encode(k) + "=" + encode(v)));
        return j.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
