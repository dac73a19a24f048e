package io.mlopsci.core.publish;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * github-api's rate-limit handlers wait by default, which can stall a CI job for an hour. These
 * fail fast instead: the primary limit fails at once (it resets on the hour); a secondary limit
 * (429, or 403 with Retry-After) is waited out only when GitHub asks for a short pause, at most
 * {@value #MAX_SECONDARY_RETRIES} times per request, else it fails with the reason.
 */
final class RateLimits {

    static final int MAX_SECONDARY_RETRIES = 2;

    private RateLimits() {}

    static GitHubRateLimitHandler primary() {
        return new GitHubRateLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                String reset = response.header("X-RateLimit-Reset");
                String when = "";
                if (reset != null && reset.matches("\\d{1,12}")) {
                    when = " (it resets at " + Instant.ofEpochSecond(Long.parseLong(reset)) + ")";
                }
                throw new GitHubLimitException(
                        "GitHub's API rate limit for this token is used up" + when
                                + "; not waiting for it. Rerun later or use a token with a higher limit.",
                        response.statusCode(),
                        response.request().url().toString());
            }
        };
    }

    /** A secondary-limit handler for one publishing run (it counts hits per request). */
    static GitHubAbuseLimitHandler secondary(Duration maxWait) {
        return new GitHubAbuseLimitHandler() {
            private final Map<String, Integer> hits = new HashMap<>();

            @Override
            public synchronized void onError(GitHubConnectorResponse response) throws IOException {
                String request = response.request().method() + " "
                        + response.request().url().getPath();
                int hit = hits.merge(request, 1, Integer::sum);
                Long wait = retryAfterMillis(response);
                if (wait != null && wait <= maxWait.toMillis() && hit <= MAX_SECONDARY_RETRIES) {
                    try {
                        Thread.sleep(Math.max(wait, 100));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while waiting out GitHub's rate limit");
                    }
                    return;
                }
                String why = wait == null
                        ? "without a Retry-After"
                        : "asking to retry after " + Math.max(1, wait / 1000) + " s";
                throw new GitHubLimitException(
                        "GitHub's secondary rate limit refused " + request + " (HTTP "
                                + response.statusCode() + ", " + why + (hit > 1 ? ", " + hit + " times" : "")
                                + "); failing now rather than holding the job (this job waits at most "
                                + maxWait.toSeconds()
                                + " s, " + MAX_SECONDARY_RETRIES + " times). Rerun later.",
                        response.statusCode(),
                        response.request().url().toString());
            }
        };
    }

    /** Retry-After in seconds or as an HTTP date, in milliseconds from now; null when absent or unreadable. */
    static Long retryAfterMillis(GitHubConnectorResponse response) {
        String v = response.header("Retry-After");
        if (v == null || v.isBlank()) {
            return null;
        }
        v = v.strip();
        if (v.matches("\\d{1,9}")) {
            return Long.parseLong(v) * 1000;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            return Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
