package io.mlopsci.core.publish;

import io.mlopsci.contract.result.StepResult;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCheckRunBuilder;
import org.kohsuke.github.GHCommitState;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHIssueStateReason;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.HttpException;

/**
 * Publishes a result to GitHub with github-api: one sticky pull-request comment (found by its
 * hidden marker and its author, the token's own identity, and edited in place; a comment anyone
 * else wrote is never edited), a check run on the commit with annotations on the mlops.yaml
 * lines of failing criteria, or a commit status where a check run may not be created. Calls fail
 * fast on rate limits and retry 5xx answers and connection failures a bounded number of times. A
 * write the token may not make (HTTP 403: fork or Dependabot pull requests, missing permissions)
 * degrades to a notice instead of failing. The token never appears in a message.
 */
public final class GitHubPublisher {

    private final GitHub github;
    private final String apiUrl;
    private final String token;
    private final PublishOptions options;
    private final Map<String, String> env;
    /** The token's login once asked (see {@link TokenIdentity}); null until then. */
    private String identity;

    private GitHubPublisher(
            GitHub github, String apiUrl, String token, PublishOptions options, Map<String, String> env) {
        this.github = github;
        this.apiUrl = apiUrl;
        this.token = token;
        this.options = options;
        this.env = Map.copyOf(env);
    }

    /** A publisher for {@code apiUrl} with {@code token}; makes no request yet. */
    public static GitHubPublisher connect(
            String apiUrl, String token, PublishOptions options, Map<String, String> env) {
        if (token == null || token.isBlank()) {
            throw new GitHubPublishException(
                    true,
                    "no GitHub token: set GITHUB_TOKEN (in GitHub Actions,"
                            + " github_token defaults to the job's token)",
                    null,
                    null);
        }
        try {
            GitHub gh = new GitHubBuilder()
                    .withEndpoint(apiUrl)
                    // A plain provider: github-api would otherwise call GET /user to learn the login,
                    // which the Actions token may not do.
                    .withAuthorizationProvider(bearer(token.strip()))
                    .withConnector(new JdkHttpConnector(options.timeout()))
                    .withRateLimitHandler(RateLimits.primary())
                    .withAbuseLimitHandler(RateLimits.secondary(options.maxRateLimitWait()))
                    .build();
            return new GitHubPublisher(gh, apiUrl.replaceAll("/+$", ""), token.strip(), options, env);
        } catch (IOException e) {
            throw new GitHubPublishException(
                    false, "cannot set up the GitHub client for " + apiUrl + ": " + e.getMessage(), null, null);
        }
    }

    private static org.kohsuke.github.authorization.AuthorizationProvider bearer(String token) {
        return () -> "Bearer " + token;
    }

    /** Publishes {@code result} to {@code target}. */
    public PublishOutcome publish(StepResult result, PublishTarget target) {
        Progress p = new Progress();
        GHRepository repo;
        try {
            repo = call(() -> github.getRepository(target.repository()));
        } catch (IOException e) {
            throw failure("read the repository " + target.repository(), e, p);
        }
        if (MonitorIssue.applies(result)) {
            // Production monitoring is not about a commit or a pull request: its place is an issue.
            try {
                p.issueUrl = monitorIssue(repo, result, target, p);
            } catch (HttpException e) {
                if (!forbidden(e)) {
                    throw failure("write the monitoring issue", e, p);
                }
                p.degrade(refusal("the monitoring issue", "issues: write", e, target));
            } catch (IOException e) {
                throw failure("write the monitoring issue", e, p);
            }
            return p.outcome();
        }
        if (options.comment() != CommentMode.OFF && target.pullRequest() != null) {
            try {
                p.commentUrl = comment(repo, result, target, p);
            } catch (HttpException e) {
                if (!forbidden(e)) {
                    throw failure("write the pull request comment", e, p);
                }
                p.degrade(refusal("the pull request comment", "pull-requests: write", e, target));
            } catch (IOException e) {
                throw failure("write the pull request comment", e, p);
            }
        }
        if (options.checkRun()) {
            try {
                GHCheckRun run = call(() -> checkRun(repo, result, target));
                p.checkRunId = run.getId();
                p.checkRunUrl = url(run.getHtmlUrl());
            } catch (HttpException e) {
                if (!forbidden(e)) {
                    throw failure("create the check run", e, p);
                }
                if (options.statusFallback() && target.readOnlyReason() == null) {
                    status(repo, result, target, p, e);
                } else {
                    p.degrade(refusal("the check run", "checks: write", e, target));
                }
            } catch (IOException e) {
                throw failure("create the check run", e, p);
            }
        }
        return p.outcome();
    }

    private String comment(GHRepository repo, StepResult result, PublishTarget target, Progress p) throws IOException {
        int number = target.pullRequest();
        GHPullRequest pr;
        try {
            pr = call(() -> repo.getPullRequest(number));
        } catch (FileNotFoundException e) {
            throw new GitHubPublishException(
                    true,
                    "pull request #" + number + " not found in " + target.repository() + " (HTTP 404)",
                    p.outcome(),
                    e);
        }
        if (target.verifyPullRequest()
                && !target.sha().equalsIgnoreCase(pr.getHead().getSha())) {
            p.note("No comment written: the result names pull request #" + number + ", whose head is "
                    + pr.getHead().getSha() + ", not the commit it was computed on (" + target.sha() + ").");
            return null;
        }
        String marker = GitHubReport.marker(options.checkName());
        GHIssueComment existing = findSticky(pr, marker, p);
        if (existing == null && options.comment() == CommentMode.ON_FAILURE && !GitHubReport.failed(result)) {
            return null;
        }
        String body = GitHubReport.comment(result, options.checkName(), target.detailsUrl(), null);
        p.truncated |= body.contains("**Report shortened**");
        if (existing != null) {
            call(() -> {
                existing.update(body);
                return null;
            });
            return url(existing.getHtmlUrl());
        }
        return url(createSticky(pr, body, marker, p).getHtmlUrl());
    }

    /**
     * This gate's sticky comment: the first whose body starts with the marker and whose author is
     * the token's own identity. A comment that carries the marker but was written by anyone else is
     * left alone (and mentioned), whoever may edit it: a planted marker can neither have its
     * comment rewritten nor keep the report from being posted.
     */
    @SuppressWarnings("deprecation") // getUserName: the login as listed; getUser() fetches every author again
    private GHIssueComment findSticky(GHPullRequest pr, String marker, Progress p) throws IOException {
        List<GHIssueComment> marked = call(() -> {
            List<GHIssueComment> found = new ArrayList<>();
            for (GHIssueComment c : pr.listComments().withPageSize(100)) {
                if (c.getBody() != null && c.getBody().startsWith(marker)) {
                    found.add(c);
                }
            }
            return found;
        });
        if (marked.isEmpty()) {
            return null;
        }
        String me = identity(p);
        List<String> others = new ArrayList<>();
        for (GHIssueComment c : marked) {
            if (me != null && me.equalsIgnoreCase(c.getUserName())) {
                return c;
            }
            others.add(c.getUserName());
        }
        if (!p.strangerNoted) {
            p.strangerNoted = true;
            p.note("Left alone " + others.size() + (others.size() == 1 ? " comment" : " comments")
                    + " with this report's marker written by " + (me == null ? "an unknown author" : "someone else")
                    + " (" + String.join(", ", new java.util.TreeSet<>(others)) + ")"
                    + (me == null ? "" : "; the report's own comment is " + me + "'s") + ".");
        }
        return null;
    }

    /** The token's login, asked once; null (with a note) when GitHub names none, so nothing is ever edited. */
    private String identity(Progress p) throws IOException {
        if (identity == null) {
            try {
                identity = call(() -> TokenIdentity.login(github, apiUrl, token, options.timeout()));
            } catch (HttpException e) {
                if (e.getResponseCode() >= 500 || e.getResponseCode() == 429 || e instanceof GitHubLimitException) {
                    throw e;
                }
                p.note("Could not tell who the token is (" + reasonText(e) + "), so no existing comment was edited.");
                identity = "";
            }
        }
        return identity.isEmpty() ? null : identity;
    }

    /**
     * Creates the sticky comment. A POST answered 5xx, or not at all, may still have created it on
     * GitHub's side: before trying again the comments are searched for it, and one that landed is
     * edited instead of posting a second.
     */
    private GHIssueComment createSticky(GHPullRequest pr, String body, String marker, Progress p) throws IOException {
        long wait = options.backoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return pr.comment(body);
            } catch (IOException e) {
                if (!retryable(e) || attempt >= options.attempts()) {
                    throw e;
                }
            }
            sleep(wait);
            wait *= 2;
            GHIssueComment landed = findSticky(pr, marker, p);
            if (landed != null) {
                if (!body.equals(landed.getBody())) {
                    call(() -> {
                        landed.update(body);
                        return null;
                    });
                }
                return landed;
            }
        }
    }

    /** Opens, updates or closes the model's monitoring issue; returns its page (null when there is none). */
    private String monitorIssue(GHRepository repo, StepResult result, PublishTarget target, Progress p)
            throws IOException {
        MonitorIssue.Action action = MonitorIssue.action(result);
        if (action == MonitorIssue.Action.NONE) {
            return null;
        }
        GHIssue open = call(() -> {
            for (GHIssue i : repo.queryIssues()
                    .label(MonitorIssue.LABEL)
                    .state(GHIssueState.OPEN)
                    .pageSize(100)
                    .list()) {
                if (!i.isPullRequest() && MonitorIssue.isFor(i.getBody(), result)) {
                    return i;
                }
            }
            return null;
        });
        String body = MonitorIssue.body(result, target.detailsUrl());
        p.truncated |= body.contains("**Report shortened**");
        String title = MonitorIssue.title(result);
        if (open == null) {
            if (action != MonitorIssue.Action.OPEN_OR_UPDATE) {
                return null;
            }
            GHIssue created = call(() ->
                    repo.createIssue(title).body(body).label(MonitorIssue.LABEL).create());
            p.note("Opened issue #" + created.getNumber() + " for " + MonitorIssue.model(result) + ".");
            return url(created.getHtmlUrl());
        }
        if (action == MonitorIssue.Action.CLOSE) {
            call(() -> {
                open.comment(MonitorIssue.closingComment(result, target.detailsUrl()));
                return null;
            });
            call(() -> {
                open.close(GHIssueStateReason.COMPLETED);
                return null;
            });
            p.note("Closed issue #" + open.getNumber() + ": " + MonitorIssue.model(result) + " is healthy again.");
            return url(open.getHtmlUrl());
        }
        call(() -> {
            open.setTitle(title);
            return null;
        });
        call(() -> {
            open.setBody(body);
            return null;
        });
        p.note("Updated issue #" + open.getNumber() + " for " + MonitorIssue.model(result) + ".");
        return url(open.getHtmlUrl());
    }

    private GHCheckRun checkRun(GHRepository repo, StepResult result, PublishTarget target) throws IOException {
        String summary = GitHubReport.checkSummary(result, target.detailsUrl());
        GHCheckRunBuilder.Output output = new GHCheckRunBuilder.Output(GitHubReport.checkTitle(result), summary);
        for (CheckAnnotation a : GitHubReport.annotations(result, env)) {
            output.add(new GHCheckRunBuilder.Annotation(
                            a.path(), a.startLine(), a.endLine(), level(a.level()), a.message())
                    .withTitle(a.title()));
        }
        GHCheckRunBuilder b = repo.createCheckRun(options.checkName(), target.sha())
                .withStatus(GHCheckRun.Status.COMPLETED)
                .withConclusion(conclusion(GitHubReport.conclusion(result.verdict())))
                .withCompletedAt(new Date())
                .add(output);
        if (target.detailsUrl() != null) {
            b.withDetailsURL(target.detailsUrl());
        }
        return b.create();
    }

    private void status(
            GHRepository repo, StepResult result, PublishTarget target, Progress p, HttpException checkRefusal) {
        GHCommitState state = switch (result.verdict()) {
            case PASS, WARN, SKIPPED -> GHCommitState.SUCCESS;
            case FAIL -> GHCommitState.FAILURE;
            case ERROR -> GHCommitState.ERROR;
        };
        try {
            call(() -> repo.createCommitStatus(
                    target.sha(),
                    state,
                    target.detailsUrl(),
                    GitHubReport.statusDescription(result),
                    options.checkName()));
            p.statusContext = options.checkName();
            p.note("The token may not create check runs (HTTP 403" + reason(checkRefusal)
                    + "); a commit status was set instead. Check runs need a GitHub App token or the Actions token"
                    + " with `checks: write`.");
        } catch (HttpException e) {
            if (!forbidden(e)) {
                throw failure("set the commit status", e, p);
            }
            p.degrade(refusal("the check run and the commit status", "checks: write (or statuses: write)", e, target));
        } catch (IOException e) {
            throw failure("set the commit status", e, p);
        }
    }

    /** Runs an API call, retrying 5xx answers and connection failures; rate limits are never retried here. */
    private <T> T call(IoCall<T> call) throws IOException {
        long wait = options.backoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            IOException failure;
            try {
                return call.run();
            } catch (IOException e) {
                failure = e;
            } catch (org.kohsuke.github.GHException e) {
                // Paged iteration wraps I/O failures in this unchecked exception.
                if (!(e.getCause() instanceof IOException io)) {
                    throw e;
                }
                failure = io;
            }
            if (!retryable(failure) || attempt >= options.attempts()) {
                throw failure;
            }
            sleep(wait);
            wait *= 2;
        }
    }

    private static boolean retryable(IOException e) {
        if (e instanceof GitHubLimitException
                || e instanceof FileNotFoundException
                || e instanceof InterruptedIOException) {
            return false;
        }
        if (e instanceof HttpException h && h.getResponseCode() > 0) {
            return h.getResponseCode() >= 500;
        }
        return true;
    }

    private GitHubPublishException failure(String what, IOException e, Progress p) {
        if (e instanceof GitHubLimitException) {
            return new GitHubPublishException(
                    false, "cannot " + what + ": " + scrub(e.getMessage()), p.outcome(), null);
        }
        if (e instanceof FileNotFoundException) {
            return new GitHubPublishException(
                    true,
                    "cannot " + what + ": not found (HTTP 404) — check the repository"
                            + " name and that the token can see it",
                    p.outcome(),
                    null);
        }
        if (e instanceof HttpException h && h.getResponseCode() > 0) {
            int code = h.getResponseCode();
            if (code == 401) {
                return new GitHubPublishException(
                        true,
                        "cannot " + what + ": GitHub rejected the token (HTTP 401); check" + " GITHUB_TOKEN",
                        p.outcome(),
                        null);
            }
            String tries =
                    code >= 500 ? " (" + options.attempts() + (options.attempts() == 1 ? " try" : " tries") + ")" : "";
            return new GitHubPublishException(
                    false, "cannot " + what + ": GitHub answered HTTP " + code + tries + reason(h), p.outcome(), null);
        }
        return new GitHubPublishException(
                false,
                "cannot " + what + ": " + noAnswer(e) + " (" + options.attempts() + " tries)",
                p.outcome(),
                null);
    }

    /**
     * A failure without an HTTP answer, in words: what timed out, or why no connection was made.
     * (github-api reports these as "HTTP response code: -1, message: 'null'".)
     */
    private String noAnswer(IOException e) {
        String request = e instanceof HttpException h && h.getUrl() != null ? " to " + pathOf(h.getUrl()) : "";
        long seconds = Math.max(1, options.timeout().toSeconds());
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpConnectTimeoutException) {
                return "cannot reach GitHub at " + apiUrl + ": no connection within " + seconds
                        + " s (connect timeout)";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "GitHub at " + apiUrl + " did not answer the request" + request + " within " + seconds
                        + " s (request timeout)";
            }
            if (t instanceof java.net.ConnectException) {
                return "cannot reach GitHub at " + apiUrl + ": connection refused";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "cannot reach GitHub at " + apiUrl + ": unknown host";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "cannot reach GitHub at " + apiUrl + ": TLS failed (" + scrub(t.getMessage()) + ")";
            }
        }
        String message = null;
        for (Throwable t = e; t != null && message == null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && !m.contains("response code: -1")) {
                message = m;
            }
        }
        return "cannot reach GitHub at " + apiUrl + request + " ("
                + (message == null ? e.getClass().getSimpleName() : scrub(message)) + ")";
    }

    private static String pathOf(String url) {
        try {
            java.net.URI u = java.net.URI.create(url);
            return u.getRawPath() == null ? url : u.getRawPath();
        } catch (IllegalArgumentException ex) {
            return url;
        }
    }

    private String refusal(String what, String permission, HttpException e, PublishTarget target) {
        if (target.readOnlyReason() != null) {
            return "Could not write " + what + ": the job's token is read-only because " + target.readOnlyReason()
                    + ". The report is in the job summary; to publish it on the pull request, run the action again"
                    + " from a workflow_run workflow (see \"Pull requests from forks\" in the action's README).";
        }
        return "Could not write " + what + ": GitHub refused it (HTTP 403" + reason(e)
                + "). Grant the job `permissions: " + permission + "`, or use a token that may write it.";
    }

    private String reasonText(HttpException e) {
        String r = reason(e);
        return r.isEmpty() ? "HTTP " + e.getResponseCode() : "HTTP " + e.getResponseCode() + r;
    }

    private String reason(HttpException e) {
        String m = e.getMessage();
        if (m == null) {
            return "";
        }
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"message\"\\s*:\\s*\"([^\"]{1,200})\"")
                .matcher(m);
        String text = matcher.find() ? matcher.group(1) : m.length() > 200 ? m.substring(0, 200) : m;
        return ": " + scrub(text);
    }

    private String scrub(String s) {
        return s == null ? null : s.replace(token, "***");
    }

    private static boolean forbidden(HttpException e) {
        return e.getResponseCode() == 403 && !(e instanceof GitHubLimitException);
    }

    private static GHCheckRun.AnnotationLevel level(String level) {
        return switch (level) {
            case "failure" -> GHCheckRun.AnnotationLevel.FAILURE;
            case "warning" -> GHCheckRun.AnnotationLevel.WARNING;
            default -> GHCheckRun.AnnotationLevel.NOTICE;
        };
    }

    private static GHCheckRun.Conclusion conclusion(String c) {
        return switch (c) {
            case "success" -> GHCheckRun.Conclusion.SUCCESS;
            case "neutral" -> GHCheckRun.Conclusion.NEUTRAL;
            case "skipped" -> GHCheckRun.Conclusion.SKIPPED;
            default -> GHCheckRun.Conclusion.FAILURE;
        };
    }

    private static String url(URL u) {
        return u == null ? null : u.toString();
    }

    private static void sleep(long ms) throws InterruptedIOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted between retries");
        }
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T run() throws IOException;
    }

    /** What has been published so far. */
    private static final class Progress {
        String commentUrl;
        String issueUrl;
        Long checkRunId;
        String checkRunUrl;
        String statusContext;
        boolean degraded;
        boolean truncated;
        boolean strangerNoted;
        final List<String> notices = new ArrayList<>();

        void degrade(String notice) {
            degraded = true;
            notices.add(notice);
        }

        void note(String notice) {
            notices.add(notice);
        }

        PublishOutcome outcome() {
            return new PublishOutcome(
                    commentUrl,
                    checkRunId,
                    checkRunUrl,
                    statusContext,
                    degraded,
                    notices.isEmpty() ? null : String.join(" ", notices),
                    truncated,
                    issueUrl);
        }
    }
}
