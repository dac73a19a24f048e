package io.mlopsci.core.publish;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.HttpException;

/**
 * The login GitHub writes as the author of what a token posts, so that the sticky comment is
 * recognised by its author as well as its marker and nobody else's comment is ever edited.
 *
 * <p>What the API allows (GitHub's documentation and its behaviour for each kind of token): a
 * user's token (classic or fine-grained personal access token, OAuth or user-to-server token) may
 * call {@code GET /user}, which names the user. An installation token — GitHub Actions'
 * {@code GITHUB_TOKEN}, or a GitHub App's ({@code ghs_} prefix) — gets 403 "Resource not accessible
 * by integration" there, and {@code GET /app} needs the app's JWT, not an installation token; no
 * REST endpoint maps an installation token to its app. GraphQL's {@code viewer} does, for every kind
 * of token: {@code github-actions[bot]} for the Actions token, {@code <app-slug>[bot]} for an app's.
 * So: {@code GET /user}, and GraphQL {@code viewer} for installation tokens.
 */
final class TokenIdentity {

    static final String VIEWER_QUERY = "query { viewer { login } }";

    private TokenIdentity() {}

    /** The token's login; throws when GitHub names none. */
    static String login(GitHub github, String apiUrl, String token, Duration timeout) throws IOException {
        if (!installationToken(token)) {
            try {
                return github.getMyself().getLogin();
            } catch (HttpException e) {
                if (e.getResponseCode() != 403) {
                    throw e;
                }
                // An installation token without the ghs_ prefix (e.g. on an older GitHub Enterprise).
            }
        }
        return viewer(apiUrl, token, timeout);
    }

    /** GitHub's documented prefix of installation access tokens (GitHub Actions' token is one). */
    static boolean installationToken(String token) {
        return token.startsWith("ghs_");
    }

    /** GraphQL's endpoint beside a REST base: {@code https://api.github.com/graphql}, {@code https://HOST/api/graphql} on GHES. */
    static String graphqlUrl(String apiUrl) {
        String base = apiUrl.replaceAll("/+$", "");
        return base.endsWith("/api/v3") ? base.substring(0, base.length() - 3) + "graphql" : base + "/graphql";
    }

    private static String viewer(String apiUrl, String token, Duration timeout) throws IOException {
        String url = graphqlUrl(apiUrl);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.string(Map.of("query", VIEWER_QUERY))))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build()
                    .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking GitHub who the token is");
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        JsonNode login = body == null ? null : body.path("data").path("viewer").path("login");
        if (response.statusCode() == 200
                && login != null
                && login.isTextual()
                && !login.asText().isBlank()) {
            return login.asText();
        }
        String why = body != null
                        && body.path("errors").isArray()
                        && body.path("errors").size() > 0
                ? body.path("errors").get(0).path("message").asText()
                : body != null && body.path("message").isTextual()
                        ? body.path("message").asText()
                        : "no viewer";
        throw new HttpException(
                "GraphQL viewer query answered HTTP " + response.statusCode() + ": "
                        + (why.length() > 200 ? why.substring(0, 200) : why),
                response.statusCode(),
                null,
                url);
    }
}
