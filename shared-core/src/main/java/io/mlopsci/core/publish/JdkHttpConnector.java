package io.mlopsci.core.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * github-api's transport on the JDK's HTTP client, with a connect timeout and a per-request
 * response timeout so that no call can hang a CI job. Redirects are left to github-api (it strips
 * the Authorization header before following one).
 */
final class JdkHttpConnector implements GitHubConnector {

    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final HttpClient client;
    private final Duration timeout;

    JdkHttpConnector(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(request.url().toURI()).timeout(timeout);
        } catch (URISyntaxException e) {
            throw new IOException("invalid GitHub API URL: " + request.url(), e);
        }
        boolean contentType = false;
        for (Map.Entry<String, List<String>> h : request.allHeaders().entrySet()) {
            if (h.getKey() == null || RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            contentType |= h.getKey().equalsIgnoreCase("Content-Type");
            for (String v : h.getValue()) {
                b.header(h.getKey(), v);
            }
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (request.hasBody()) {
            try (InputStream in = request.body()) {
                body = HttpRequest.BodyPublishers.ofByteArray(in == null ? new byte[0] : in.readAllBytes());
            }
            if (!contentType && request.contentType() != null) {
                b.header("Content-Type", request.contentType());
            }
        }
        b.method(request.method(), body);
        try {
            HttpResponse<InputStream> response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new Response(
                    request, response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (InterruptedIOException) new InterruptedIOException("interrupted while calling GitHub").initCause(e);
        }
    }

    private static final class Response extends GitHubConnectorResponse.ByteArrayResponse {
        private final InputStream body;

        Response(GitHubConnectorRequest request, int status, Map<String, List<String>> headers, InputStream body) {
            super(request, status, headers);
            this.body = body;
        }

        @Override
        protected InputStream rawBodyStream() {
            return body;
        }

        @Override
        public void close() throws IOException {
            super.close();
            body.close();
        }
    }
}
