package io.mlopsci.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlopsci.core.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The issues of {@link FakeGitHub}'s repository: list (filtered by {@code labels} and
 * {@code state}), create, read and update (title, body, state, labels), with answers built from
 * GitHub's examples. Their comments live with the pull requests' in {@link FakeGitHub}.
 */
public final class FakeIssues {

    /** An issue as it stands. */
    public record Issue(int number, String title, String body, String state, String stateReason, Set<String> labels) {}

    /** An answer: status and JSON body. */
    record Answer(int status, JsonNode body) {}

    private static final Pattern ONE = Pattern.compile("^/issues/(\\d+)$");

    private final String owner;
    private final String repo;
    private final JsonNode examples;
    private final Map<Integer, Issue> issues = new LinkedHashMap<>();
    private int nextNumber = 100;

    FakeIssues(String owner, String repo, JsonNode examples) {
        this.owner = owner;
        this.repo = repo;
        this.examples = examples;
    }

    boolean exists(int number) {
        return issues.containsKey(number);
    }

    List<Issue> all() {
        return List.copyOf(issues.values());
    }

    /** The answer to a request on {@code rest} (the path after the repository), or null when it is not an issue's. */
    Answer answer(String method, String rest, Map<String, String> query, JsonNode body) {
        if (rest.equals("/issues") && method.equals("GET")) {
            String state = query.getOrDefault("state", "open");
            Set<String> wanted = labels(query.get("labels"));
            ArrayNode out = Json.mapper().createArrayNode();
            for (Issue i : issues.values()) {
                if ((state.equals("all") || state.equals(i.state()))
                        && i.labels().containsAll(wanted)) {
                    out.add(json(i));
                }
            }
            return new Answer(200, out);
        }
        if (rest.equals("/issues") && method.equals("POST")) {
            Set<String> labels = new LinkedHashSet<>();
            body.path("labels")
                    .forEach(l -> labels.add(
                            l.isTextual() ? l.asText() : l.path("name").asText()));
            Issue i = new Issue(
                    nextNumber++, body.path("title").asText(), body.path("body").asText(null), "open", null, labels);
            issues.put(i.number(), i);
            return new Answer(201, json(i));
        }
        Matcher m = ONE.matcher(rest);
        if (!m.matches()) {
            return null;
        }
        Issue old = issues.get(Integer.parseInt(m.group(1)));
        if (old == null) {
            return new Answer(404, null);
        }
        if (method.equals("GET")) {
            return new Answer(200, json(old));
        }
        if (method.equals("PATCH")) {
            Set<String> labels = old.labels();
            if (body.has("labels")) {
                labels = new LinkedHashSet<>();
                for (JsonNode l : body.path("labels")) {
                    labels.add(l.isTextual() ? l.asText() : l.path("name").asText());
                }
            }
            String state = body.path("state").asText(old.state());
            Issue updated = new Issue(
                    old.number(),
                    body.path("title").asText(old.title()),
                    body.has("body") ? body.path("body").asText(null) : old.body(),
                    state,
                    state.equals("closed") ? body.path("state_reason").asText("completed") : null,
                    labels);
            issues.put(updated.number(), updated);
            return new Answer(200, json(updated));
        }
        return null;
    }

    private static Set<String> labels(String csv) {
        Set<String> out = new LinkedHashSet<>();
        if (csv != null) {
            for (String l : csv.split(",")) {
                if (!l.isBlank()) {
                    out.add(l.strip());
                }
            }
        }
        return out;
    }

    private ObjectNode json(Issue i) {
        ObjectNode n = GitHubApiMock.example(examples, "issue");
        String api = "https://api.github.com/repos/" + owner + "/" + repo;
        n.put("id", 5000L + i.number());
        n.put("number", i.number());
        n.put("title", i.title());
        if (i.body() == null) {
            n.putNull("body");
        } else {
            n.put("body", i.body());
        }
        n.put("state", i.state());
        if (i.stateReason() == null) {
            n.putNull("state_reason");
        } else {
            n.put("state_reason", i.stateReason());
        }
        n.put("url", api + "/issues/" + i.number());
        n.put("repository_url", api);
        n.put("comments_url", api + "/issues/" + i.number() + "/comments");
        n.put("html_url", "https://github.com/" + owner + "/" + repo + "/issues/" + i.number());
        n.remove("pull_request");
        ArrayNode labels = n.putArray("labels");
        List<String> names = new ArrayList<>(i.labels());
        for (int k = 0; k < names.size(); k++) {
            ObjectNode l = GitHubApiMock.example(examples, "label");
            l.put("id", 7000L + k);
            l.put("name", names.get(k));
            l.put("url", api + "/labels/" + names.get(k));
            labels.add(l);
        }
        if (i.state().equals("closed")) {
            n.put("closed_at", "2026-01-10T00:00:00Z");
        } else {
            n.putNull("closed_at");
        }
        return n;
    }
}
