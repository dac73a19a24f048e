package io.mlopsci.core.publish;

import org.kohsuke.github.HttpException;

/** GitHub's primary or secondary rate limit stopped a request, and waiting was not an option. */
public final class GitHubLimitException extends HttpException {

    private static final long serialVersionUID = 1L;

    GitHubLimitException(String message, int status, String url) {
        super(message, status, null, url);
    }
}
