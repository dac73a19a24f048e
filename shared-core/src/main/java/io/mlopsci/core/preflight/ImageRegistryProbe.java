package io.mlopsci.core.preflight;

import io.mlopsci.core.error.MlopsException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Whether an OCI registry answers at all: {@code GET /v2/} (the API's base endpoint). Any HTTP
 * answer counts, 401 included (credentials are the push's business); a refused connection, a
 * timeout or an unknown host does not. Over HTTPS first; with {@code package.insecure}, as Jib
 * does, over plain HTTP when HTTPS is not offered.
 */
final class ImageRegistryProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ImageRegistryProbe() {}

    static String check(String host, boolean insecure) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            int status = get(client, "https://" + host + "/v2/");
            return "https://" + host + " (HTTP " + status + ")";
        } catch (SSLException e) {
            if (!insecure) {
                throw MlopsException.config(
                        "the registry " + host + " does not offer trusted HTTPS (" + e.getMessage()
                                + "); if it is meant to be used over plain HTTP or with a self-signed certificate,"
                                + " set 'package.insecure: true'",
                        null);
            }
        } catch (IOException e) {
            if (!insecure || !(e instanceof ConnectException)) {
                throw unreachable(host, e);
            }
        }
        try {
            int status = get(client, "http://" + host + "/v2/");
            return "http://" + host + " (HTTP " + status + ", package.insecure)";
        } catch (IOException e) {
            throw unreachable(host, e);
        }
    }

    private static int get(HttpClient client, String url) throws IOException {
        try {
            HttpResponse<Void> r = client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(TIMEOUT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static MlopsException unreachable(String host, IOException e) {
        String why = e instanceof ConnectException
                ? "connection refused"
                : e instanceof HttpConnectTimeoutException
                        ? "connection timed out"
                        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        // The same words as a failed push (JibImageBuilder), for the same situation found earlier.
        return MlopsException.infrastructure("cannot reach the registry " + host + " (" + why
                + "); is it running, and is the address in package.image (or package.base) right?");
    }
}
