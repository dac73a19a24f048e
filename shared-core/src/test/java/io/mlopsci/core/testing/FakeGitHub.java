package io.mlopsci.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small stateful GitHub behind WireMock: one repository, its pull requests, their comments
 * (paginated like GitHub, with Link headers), check runs (annotations appended on PATCH) and
 * commit statuses. Answers are built from the examples in GitHub's OpenAPI description and
 * validated against it by {@link GitHubApiMock}.
 *
 * <p>The token's identity behaves as GitHub's does: an installation token (the default, GitHub
 * Actions' {@code github-actions[bot]}) gets 403 "Resource not accessible by integration" from
 * {@code GET /user} and its login from GraphQL's {@code viewer}; a user's token ({@link #asUser})
 * gets its login from both. What the token writes carries that login as its author.
 */
public final class FakeGitHub implements ResponseDefinitionTransformerV2 {

    static final String NAME = "fake-github";
    public static final String BOT = "github-actions[bot]";

    /** A pull request: head commit and the repositories of head and base. */
    public record Pull(int number, String headSha, String headRef, String headRepo, String user) {}

    /** A comment as stored: id, body, author. */
    public record Comment(long id, int issue, String body, String user) {}

    /** A check run as it stands after the create and any updates. */
    public record CheckRun(
            long id,
            String name,
            String headSha,
            String status,
            String conclusion,
            String title,
            String summary,
            String detailsUrl,
            List<JsonNode> annotations) {}

    /** A commit status. */
    public record Status(String sha, String state, String context, String description, String targetUrl) {}

    private final String owner;
    private final String repo;
    private final JsonNode examples;
    private final Map<Integer, Pull> pulls = new LinkedHashMap<>();
    private final List<Comment> comments = new ArrayList<>();
    private final Map<Long, CheckRun> checkRuns = new LinkedHashMap<>();
    private final List<Status> statuses = new ArrayList<>();
    private long nextId = 1000;
    private String login = BOT;
    private boolean installationToken = true;
    private final List<Failure> failures = new ArrayList<>();
    private final FakeIssues issues;

    /** An answer GitHub gives after it has done the work (a 502 from a proxy after the write landed). */
    private static final class Failure {
        final String method;
        final Pattern path;
        final int status;
        int remaining;

        Failure(String method, Pattern path, int status, int times) {
            this.method = method;
            this.path = path;
            this.status = status;
            this.remaining = times;
        }
    }

    FakeGitHub(String repository, JsonNode examples) {
        int slash = repository.indexOf('/');
        this.owner = repository.substring(0, slash);
        this.repo = repository.substring(slash + 1);
        this.examples = examples;
        this.issues = new FakeIssues(owner, repo, examples);
    }

    /** The repository's issues as they stand (the monitor step's). */
    public synchronized List<FakeIssues.Issue> issues() {
        return issues.all();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public synchronized FakeGitHub pull(int number, String headSha) {
        return pull(new Pull(number, headSha, "feature", owner + "/" + repo, "octocat"));
    }

    public synchronized FakeGitHub pull(Pull p) {
        pulls.put(p.number(), p);
        return this;
    }

    /** The token is a user's (a personal access token of {@code user}): {@code GET /user} names them. */
    public synchronized FakeGitHub asUser(String user) {
        this.login = user;
        this.installationToken = false;
        return this;
    }

    /** The token is a GitHub App's installation token whose bot is {@code bot} (e.g. {@code my-app[bot]}). */
    public synchronized FakeGitHub asApp(String bot) {
        this.login = bot;
        this.installationToken = true;
        return this;
    }

    /** The login the token writes as. */
    public synchronized String login() {
        return login;
    }

    /**
     * The next {@code times} requests {@code method} on a path matching {@code pathRegex} are carried
     * out, then answered {@code status} (as a gateway that timed out after GitHub did the work).
     */
    public synchronized FakeGitHub failAfterApplying(String method, String pathRegex, int status, int times) {
        failures.add(new Failure(method, Pattern.compile(pathRegex), status, times));
        return this;
    }

    /** Adds a comment as if someone had written it. */
    public synchronized Comment addComment(int issue, String body, String user) {
        Comment c = new Comment(nextId++, issue, body, user);
        comments.add(c);
        return c;
    }

    public synchronized List<Comment> comments(int issue) {
        return comments.stream().filter(c -> c.issue() == issue).toList();
    }

    public synchronized List<CheckRun> checkRuns() {
        return List.copyOf(checkRuns.values());
    }

    public synchronized List<Status> statuses() {
        return List.copyOf(statuses);
    }

    private static final Pattern REPO = Pattern.compile("^/repos/([^/]+)/([^/]+)(/.*)?$");

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request r = event.getRequest();
        URI uri = URI.create(r.getUrl());
        String method = r.getMethod().getName();
        ResponseDefinition answer = answer(r, uri, method);
        for (Failure f : failures) {
            if (f.remaining > 0
                    && f.method.equals(method)
                    && f.path.matcher(uri.getPath()).matches()) {
                f.remaining--;
                return ResponseDefinitionBuilder.responseDefinition()
                        .withStatus(f.status)
                        .withHeader(GitHubApiMock.INJECTED, "1")
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body>" + f.status + " Bad gateway</body></html>")
                        .build();
            }
        }
        return answer;
    }

    private ResponseDefinition answer(Request r, URI uri, String method) {
        if (uri.getPath().equals("/user") && method.equals("GET")) {
            if (installationToken) {
                return json(
                        403,
                        Json.mapper()
                                .createObjectNode()
                                .put("message", "Resource not accessible by integration")
                                .put(
                                        "documentation_url",
                                        "https://docs.github.com/rest/users/users#get-the-authenticated-user")
                                .put("status", "403"));
            }
            ObjectNode me = GitHubApiMock.example(examples, "private-user-response-with-public-profile-information");
            me.put("login", login);
            return json(200, me);
        }
        if (uri.getPath().equals("/graphql") && method.equals("POST")) {
            return graphql(r);
        }
        Matcher m = REPO.matcher(uri.getPath());
        if (!m.matches() || !m.group(1).equals(owner) || !m.group(2).equals(repo)) {
            return notFound();
        }
        String rest = m.group(3) == null ? "" : m.group(3);
        try {
            JsonNode body = r.getBody() == null || r.getBody().length == 0
                    ? null
                    : Json.mapper().readTree(r.getBodyAsString());
            Matcher x;
            if (rest.isEmpty() && method.equals("GET")) {
                return json(200, repository());
            }
            if ((x = match("^/pulls/(\\d+)$", rest)) != null && method.equals("GET")) {
                Pull p = pulls.get(Integer.parseInt(x.group(1)));
                return p == null ? notFound() : json(200, pullRequest(p));
            }
            FakeIssues.Answer onIssue = issues.answer(method, rest, query(uri), body);
            if (onIssue != null) {
                return onIssue.body() == null ? notFound() : json(onIssue.status(), onIssue.body());
            }
            if ((x = match("^/issues/(\\d+)/comments$", rest)) != null) {
                int issue = Integer.parseInt(x.group(1));
                if (!pulls.containsKey(issue) && !issues.exists(issue)) {
                    return notFound();
                }
                if (method.equals("GET")) {
                    return listComments(r, uri, issue);
                }
                if (method.equals("POST")) {
                    Comment c = addComment(issue, body.path("body").asText(), login);
                    return json(201, comment(c));
                }
            }
            if ((x = match("^/issues/comments/(\\d+)$", rest)) != null && method.equals("PATCH")) {
                long id = Long.parseLong(x.group(1));
                for (int i = 0; i < comments.size(); i++) {
                    Comment c = comments.get(i);
                    if (c.id() == id) {
                        Comment updated =
                                new Comment(id, c.issue(), body.path("body").asText(), c.user());
                        comments.set(i, updated);
                        return json(200, comment(updated));
                    }
                }
                return notFound();
            }
            if (rest.equals("/check-runs") && method.equals("POST")) {
                long id = nextId++;
                CheckRun run = new CheckRun(
                        id,
                        body.path("name").asText(),
                        body.path("head_sha").asText(),
                        body.path("status").asText("queued"),
                        body.path("conclusion").asText(null),
                        body.path("output").path("title").asText(null),
                        body.path("output").path("summary").asText(null),
                        body.path("details_url").asText(null),
                        annotations(body, List.of()));
                checkRuns.put(id, run);
                return json(201, checkRun(run));
            }
            if ((x = match("^/check-runs/(\\d+)$", rest)) != null && method.equals("PATCH")) {
                CheckRun old = checkRuns.get(Long.parseLong(x.group(1)));
                if (old == null) {
                    return notFound();
                }
                CheckRun run = new CheckRun(
                        old.id(),
                        body.path("name").asText(old.name()),
                        old.headSha(),
                        body.path("status").asText(old.status()),
                        body.path("conclusion").asText(old.conclusion()),
                        body.path("output").path("title").asText(old.title()),
                        body.path("output").path("summary").asText(old.summary()),
                        old.detailsUrl(),
                        annotations(body, old.annotations()));
                checkRuns.put(run.id(), run);
                return json(200, checkRun(run));
            }
            if ((x = match("^/statuses/([0-9a-fA-F]+)$", rest)) != null && method.equals("POST")) {
                Status s = new Status(
                        x.group(1),
                        body.path("state").asText(),
                        body.path("context").asText("default"),
                        body.path("description").asText(null),
                        body.path("target_url").asText(null));
                statuses.add(s);
                return json(201, status(s));
            }
            return notFound();
        } catch (IOException e) {
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody("{\"message\":\"Problems parsing JSON\"}")
                    .build();
        }
    }

    /** GraphQL: the viewer query only (what the publisher asks); anything else is an error GitHub would also give. */
    private ResponseDefinition graphql(Request r) {
        JsonNode q;
        try {
            q = Json.mapper().readTree(r.getBodyAsString());
        } catch (IOException e) {
            q = null;
        }
        String query = q == null ? "" : q.path("query").asText("");
        if (query.replaceAll("\\s+", " ").matches("(query )?\\{ ?viewer \\{ ?login ?\\} ?\\}")) {
            ObjectNode data = Json.mapper().createObjectNode();
            data.putObject("data").putObject("viewer").put("login", login);
            return json(200, data);
        }
        ObjectNode err = Json.mapper().createObjectNode();
        err.putArray("errors").addObject().put("message", "the fake answers only { viewer { login } }: " + query);
        return json(200, err);
    }

    private ResponseDefinition listComments(Request r, URI uri, int issue) {
        Map<String, String> q = query(uri);
        int perPage = Math.max(1, Math.min(100, Integer.parseInt(q.getOrDefault("per_page", "30"))));
        int page = Math.max(1, Integer.parseInt(q.getOrDefault("page", "1")));
        List<Comment> all = comments(issue);
        int from = Math.min(all.size(), (page - 1) * perPage);
        int to = Math.min(all.size(), from + perPage);
        ArrayNode arr = Json.mapper().createArrayNode();
        for (Comment c : all.subList(from, to)) {
            arr.add(comment(c));
        }
        int last = Math.max(1, (all.size() + perPage - 1) / perPage);
        List<HttpHeader> headers =
                new ArrayList<>(List.of(new HttpHeader("Content-Type", "application/json; charset=utf-8")));
        if (page < last) {
            String base = r.getAbsoluteUrl().replaceAll("\\?.*$", "");
            headers.add(new HttpHeader(
                    "Link",
                    "<" + base + "?per_page=" + perPage + "&page=" + (page + 1) + ">; rel=\"next\", <" + base
                            + "?per_page=" + perPage + "&page=" + last + ">; rel=\"last\""));
        }
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeaders(new HttpHeaders(headers))
                .withBody(Json.string(arr))
                .build();
    }

    private static List<JsonNode> annotations(JsonNode body, List<JsonNode> before) {
        List<JsonNode> out = new ArrayList<>(before);
        body.path("output").path("annotations").forEach(out::add);
        return List.copyOf(out);
    }

    private ObjectNode repository() {
        ObjectNode n = GitHubApiMock.example(examples, "full-repository-default-response");
        n.put("name", repo);
        n.put("full_name", owner + "/" + repo);
        ((ObjectNode) n.path("owner")).put("login", owner);
        n.put("url", "https://api.github.com/repos/" + owner + "/" + repo);
        n.put("html_url", "https://github.com/" + owner + "/" + repo);
        // GitHub's own example does not match its schema here (missing language, extra counts in
        // the nested repositories); the fake answers what the schema says.
        n.putNull("language");
        n.remove(List.of("parent", "source", "template_repository"));
        return n;
    }

    private ObjectNode pullRequest(Pull p) {
        ObjectNode n = GitHubApiMock.example(examples, "pull-request");
        n.put("number", p.number());
        n.put("html_url", "https://github.com/" + owner + "/" + repo + "/pull/" + p.number());
        n.put("url", "https://api.github.com/repos/" + owner + "/" + repo + "/pulls/" + p.number());
        ((ObjectNode) n.path("user")).put("login", p.user());
        n.putArray("requested_teams");
        ObjectNode head = (ObjectNode) n.path("head");
        head.put("sha", p.headSha());
        head.put("ref", p.headRef());
        ((ObjectNode) head.path("repo")).put("full_name", p.headRepo());
        ObjectNode base = (ObjectNode) n.path("base");
        ((ObjectNode) base.path("repo")).put("full_name", owner + "/" + repo);
        ((ObjectNode) base.path("repo")).put("name", repo);
        ((ObjectNode) base.path("repo").path("owner")).put("login", owner);
        return n;
    }

    private ObjectNode comment(Comment c) {
        ObjectNode n = GitHubApiMock.example(examples, "issue-comment");
        n.put("id", c.id());
        n.put("body", c.body());
        n.put("url", "https://api.github.com/repos/" + owner + "/" + repo + "/issues/comments/" + c.id());
        n.put(
                "html_url",
                "https://github.com/" + owner + "/" + repo + "/pull/" + c.issue() + "#issuecomment-" + c.id());
        n.put("issue_url", "https://api.github.com/repos/" + owner + "/" + repo + "/issues/" + c.issue());
        ((ObjectNode) n.path("user")).put("login", c.user());
        ((ObjectNode) n.path("user")).put("type", c.user().endsWith("[bot]") ? "Bot" : "User");
        n.put("updated_at", Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"));
        return n;
    }

    private ObjectNode checkRun(CheckRun run) {
        ObjectNode n = GitHubApiMock.example(examples, "check-run");
        n.put("id", run.id());
        n.put("name", run.name());
        n.put("head_sha", run.headSha());
        n.put("status", run.status());
        if (run.conclusion() == null) {
            n.putNull("conclusion");
        } else {
            n.put("conclusion", run.conclusion());
        }
        n.put("html_url", "https://github.com/" + owner + "/" + repo + "/runs/" + run.id());
        n.put("url", "https://api.github.com/repos/" + owner + "/" + repo + "/check-runs/" + run.id());
        n.put("details_url", run.detailsUrl());
        ObjectNode output = (ObjectNode) n.path("output");
        output.put("title", run.title());
        output.put("summary", run.summary());
        output.put("annotations_count", run.annotations().size());
        return n;
    }

    private ObjectNode status(Status s) {
        ObjectNode n = GitHubApiMock.example(examples, "status");
        n.put("id", nextId++);
        n.put("state", s.state());
        n.put("context", s.context());
        n.put("description", s.description());
        n.put("target_url", s.targetUrl());
        return n;
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(Json.string(body))
                .build();
    }

    private static ResponseDefinition notFound() {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(404)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}")
                .build();
    }

    private static Matcher match(String regex, String s) {
        Matcher m = Pattern.compile(regex).matcher(s);
        return m.matches() ? m : null;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }
}
