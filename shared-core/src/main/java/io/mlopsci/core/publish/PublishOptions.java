package io.mlopsci.core.publish;

import java.time.Duration;
import java.util.Objects;

/**
 * What to publish and how hard to try.
 *
 * @param comment          when to write the sticky pull-request comment
 * @param checkRun         create a check run on the commit
 * @param checkName        the check run's name; also keys the sticky comment, so two gates in one
 *                         pull request keep two comments
 * @param statusFallback   when a check run may not be created (a personal access token cannot
 *                         create check runs), set a commit status instead
 * @param attempts         tries per API operation when GitHub answers 5xx or the connection fails
 * @param backoff          wait before the second try (doubled each further try)
 * @param maxRateLimitWait the longest Retry-After a secondary rate limit may ask for before giving
 *                         up; a longer one fails at once rather than hang the job
 * @param timeout          connect and response timeout of each request
 */
public record PublishOptions(
        CommentMode comment,
        boolean checkRun,
        String checkName,
        boolean statusFallback,
        int attempts,
        Duration backoff,
        Duration maxRateLimitWait,
        Duration timeout) {

    public static final String DEFAULT_CHECK_NAME = "mlops-ci";

    public PublishOptions {
        Objects.requireNonNull(comment, "comment");
        checkName = checkName == null || checkName.isBlank() ? DEFAULT_CHECK_NAME : checkName.strip();
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** Defaults for CI: 3 tries 2 s apart (then 4 s), rate-limit waits up to 10 s, 30 s per request. */
    public static PublishOptions defaults(CommentMode comment, boolean checkRun, String checkName) {
        return new PublishOptions(
                comment,
                checkRun,
                checkName,
                true,
                3,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }

    public PublishOptions withRetry(int attempts, Duration backoff, Duration maxRateLimitWait) {
        return new PublishOptions(
                comment, checkRun, checkName, statusFallback, attempts, backoff, maxRateLimitWait, timeout);
    }
}
