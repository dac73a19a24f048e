package io.mlopsci.core.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GitHub's REST API simulated by WireMock for tests: a stateful {@link FakeGitHub} answers the
 * operations the project uses, tests may add stubs in front of it to inject failures, and EVERY
 * request is validated against GitHub's own OpenAPI description
 * (the subset in {@code src/test/resources/github-openapi/}, REST API version 2022-11-28, on the test
 * class path so that a clone tests itself). A request
 * the description rejects is answered 400 and recorded; {@link #assertAllRequestsValid()} fails
 * the test with the reasons. The fake's own answers are validated too, so it cannot drift from
 * GitHub; injected failure answers whose status the description does not list are exempt.
 */
public final class GitHubApiMock implements AutoCloseable {

    /** The class-path resource holding the description (see its README for provenance and regeneration). */
    public static final String SPEC_RESOURCE = "/github-openapi/api.github.com.subset.json";
    /** Header a stub sets to mark an injected failure (exempt from response validation). */
    public static final String INJECTED = "X-Mlops-Test-Injected";

    private final WireMockServer server;
    private final FakeGitHub fake;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    private GitHubApiMock(FakeGitHub fake) {
        this.fake = fake;
        OpenApiInteractionValidator validator = Holder.VALIDATOR;
        this.server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .extensions(
                        fake,
                        new RequestValidation(validator, violations),
                        new ResponseValidation(validator, violations)));
    }

    /** Starts a mock of repository {@code owner/name}. */
    public static GitHubApiMock start(String repository) {
        GitHubApiMock m = new GitHubApiMock(new FakeGitHub(repository, Holder.EXAMPLES));
        m.server.start();
        m.server.stubFor(WireMock.any(WireMock.anyUrl())
                .atPriority(10)
                .willReturn(WireMock.aResponse().withTransformers(FakeGitHub.NAME)));
        return m;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public WireMockServer server() {
        return server;
    }

    public FakeGitHub github() {
        return fake;
    }

    /** Requests received, in order, as {@code METHOD path}. */
    public List<String> calls() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events);
        return events.stream()
                .map(e -> e.getRequest().getMethod() + " "
                        + URI.create(e.getRequest().getUrl()).getPath())
                .collect(Collectors.toList());
    }

    /** Every logged request (newest last). */
    public List<LoggedRequest> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events);
        return events.stream().map(ServeEvent::getRequest).collect(Collectors.toList());
    }

    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** Fails when any request (or any answer of the fake) did not conform to GitHub's description. */
    public void assertAllRequestsValid() {
        List<String> v = violations();
        if (!v.isEmpty()) {
            throw new AssertionError(
                    v.size() + " request(s) or answer(s) do not conform to GitHub's OpenAPI description:\n  "
                            + String.join("\n  ", v));
        }
        if (server.getAllServeEvents().isEmpty()) {
            throw new AssertionError("no request reached the GitHub mock");
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    /** The description's text, from the test class path. */
    static String specText() throws IOException {
        try (java.io.InputStream in = GitHubApiMock.class.getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new IOException("GitHub's OpenAPI description " + SPEC_RESOURCE
                        + " is not on the class path (shared-core's test resources)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The parsed description, built once per JVM (it is immutable). */
    private static final class Holder {
        static final OpenApiInteractionValidator VALIDATOR;
        static final JsonNode EXAMPLES;

        static {
            try {
                String text = withDecidableDiscriminators(specText());
                // GitHub documents `Accept: application/vnd.github+json` (what github-api sends) as the
                // recommended header, while its description lists only application/json responses:
                // the one rule relaxed here. Everything else (paths, parameters, bodies, sizes) is checked.
                VALIDATOR = OpenApiInteractionValidator.createForInlineApiSpecification(text)
                        .withLevelResolver(com.atlassian.oai.validator.report.LevelResolver.create()
                                .withLevel("validation.request.accept.notAllowed", ValidationReport.Level.IGNORE)
                                .build())
                        // The validator checks each part of an allOf as if it were closed, so an
                        // object GitHub describes as allOf (the answer to PATCH an issue) could never
                        // match; merged first, the object is checked against all its properties at once.
                        .withResolveCombinators(true)
                        .build();
                EXAMPLES = Json.mapper().readTree(text).path("components").path("examples");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The validator refuses a {@code discriminator} whose property is not required in the schemas
     * it maps to (OpenAPI 3.0 requires it; GitHub's {@code GET /user} maps {@code user_view_type},
     * which its schemas leave optional). Such a discriminator is only a hint: without it the
     * {@code oneOf} still decides, requiring the answer to match exactly one schema, which is stricter.
     */
    static String withDecidableDiscriminators(String spec) throws IOException {
        JsonNode root = Json.mapper().readTree(spec);
        JsonNode schemas = root.path("components").path("schemas");
        List<ObjectNode> holders = new ArrayList<>();
        collectDiscriminators(root, holders);
        for (ObjectNode holder : holders) {
            String property = holder.path("discriminator").path("propertyName").asText();
            boolean required = true;
            for (JsonNode ref : holder.path("discriminator").path("mapping")) {
                String name = ref.asText().replaceFirst("^#/components/schemas/", "");
                boolean listed = false;
                for (JsonNode r : schemas.path(name).path("required")) {
                    listed |= r.asText().equals(property);
                }
                required &= listed;
            }
            if (!required) {
                holder.remove("discriminator");
            }
        }
        return Json.string(root);
    }

    private static void collectDiscriminators(JsonNode n, List<ObjectNode> out) {
        if (n.isObject() && n.has("discriminator") && n.path("discriminator").isObject()) {
            out.add((ObjectNode) n);
        }
        n.forEach(child -> collectDiscriminators(child, out));
    }

    static Request toValidatorRequest(com.github.tomakehurst.wiremock.http.Request r) {
        URI uri = URI.create(r.getUrl());
        SimpleRequest.Builder b = new SimpleRequest.Builder(r.getMethod().getName(), uri.getRawPath());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                b.withQueryParam(k, v);
            }
        }
        for (HttpHeader h : r.getHeaders().all()) {
            b.withHeader(h.key(), h.values());
        }
        if (r.getBody() != null && r.getBody().length > 0) {
            b.withBody(r.getBodyAsString());
        }
        return b.build();
    }

    private static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .collect(Collectors.joining("; "));
    }

    /** Rejects requests the description rejects (answers 400, records why). */
    private static final class RequestValidation implements StubRequestFilterV2 {
        private final OpenApiInteractionValidator validator;
        private final List<String> violations;

        RequestValidation(OpenApiInteractionValidator validator, List<String> violations) {
            this.validator = validator;
            this.violations = violations;
        }

        @Override
        public String getName() {
            return "openapi-request-validation";
        }

        @Override
        public RequestFilterAction filter(com.github.tomakehurst.wiremock.http.Request request, ServeEvent serveEvent) {
            String why;
            if (URI.create(request.getUrl()).getPath().equals(GRAPHQL)) {
                // Not REST, so not in the OpenAPI description: checked against GraphQL's HTTP rules.
                String problem = graphqlProblem(request);
                if (problem == null) {
                    return RequestFilterAction.continueWith(request);
                }
                why = request.getMethod() + " " + request.getUrl() + " — " + problem;
                violations.add("request " + why);
                return reject(why);
            }
            ValidationReport report = validator.validateRequest(toValidatorRequest(request));
            if (!report.hasErrors()) {
                return RequestFilterAction.continueWith(request);
            }
            why = request.getMethod() + " " + request.getUrl() + " — " + describe(report);
            violations.add("request " + why);
            return reject(why);
        }

        private static RequestFilterAction reject(String why) {
            return RequestFilterAction.stopWith(
                    com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
                            .withStatus(400)
                            .withHeader("Content-Type", "application/json")
                            .withBody(Json.string(java.util.Map.of(
                                    "message", "Request does not conform to GitHub's OpenAPI description: " + why)))
                            .build());
        }
    }

    /** GitHub's GraphQL endpoint (beside the REST API on api.github.com and this mock). */
    static final String GRAPHQL = "/graphql";

    /**
     * What GitHub's GraphQL endpoint requires of a request: POST, a bearer token, a JSON object body
     * with a string {@code query} (and optionally {@code variables}, {@code operationName}); null when met.
     */
    static String graphqlProblem(com.github.tomakehurst.wiremock.http.Request r) {
        if (!r.getMethod().getName().equals("POST")) {
            return "GraphQL takes POST, not " + r.getMethod().getName();
        }
        String auth = r.getHeader("Authorization");
        if (auth == null || !auth.matches("(?i)(bearer|token) \\S+")) {
            return "GraphQL needs an Authorization header with a token";
        }
        try {
            JsonNode body = Json.mapper().readTree(r.getBodyAsString());
            if (body == null || !body.isObject() || !body.path("query").isTextual()) {
                return "a GraphQL request body is a JSON object with a string 'query'";
            }
            java.util.Iterator<String> names = body.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!Set.of("query", "variables", "operationName").contains(n)) {
                    return "unknown GraphQL request member '" + n + "'";
                }
            }
            return null;
        } catch (IOException e) {
            return "the GraphQL request body is not JSON: " + e.getMessage();
        }
    }

    /** Checks the fake's answers against the description. */
    private static final class ResponseValidation implements ServeEventListener {
        private static final Set<String> IGNORED = Set.of("validation.response.status.unknown");
        private final OpenApiInteractionValidator validator;
        private final List<String> violations;

        ResponseValidation(OpenApiInteractionValidator validator, List<String> violations) {
            this.validator = validator;
            this.violations = violations;
        }

        @Override
        public String getName() {
            return "openapi-response-validation";
        }

        // Before the answer is sent, so a test that asserts right after its request sees the verdict.
        @Override
        public void beforeResponseSent(ServeEvent event, Parameters parameters) {
            com.github.tomakehurst.wiremock.http.ResponseDefinition r = event.getResponseDefinition();
            if (r == null
                    || r.getStatus() == 400 && String.valueOf(r.getBody()).contains("does not conform")
                    || URI.create(event.getRequest().getUrl()).getPath().equals(GRAPHQL)) {
                return;
            }
            boolean injected =
                    r.getHeaders() != null && r.getHeaders().getHeader(INJECTED).isPresent();
            SimpleResponse.Builder b = new SimpleResponse.Builder(r.getStatus());
            if (r.getHeaders() != null) {
                for (HttpHeader h : r.getHeaders().all()) {
                    b.withHeader(h.key(), h.values());
                }
            }
            if (r.getBody() != null && !r.getBody().isEmpty()) {
                b.withBody(r.getBody());
            }
            String method = event.getRequest().getMethod().getName().toUpperCase(Locale.ROOT);
            String path = URI.create(event.getRequest().getUrl()).getRawPath();
            ValidationReport report = validator.validateResponse(
                    path, com.atlassian.oai.validator.model.Request.Method.valueOf(method), b.build());
            List<String> errors = report.getMessages().stream()
                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .filter(m -> !(injected && IGNORED.contains(m.getKey())))
                    .map(m -> m.getKey() + ": " + m.getMessage())
                    .toList();
            if (!errors.isEmpty()) {
                violations.add(
                        "answer " + r.getStatus() + " to " + method + " " + path + " — " + String.join("; ", errors));
            }
        }
    }

    /** A copy of the spec's example {@code name} (its {@code value}). */
    static ObjectNode example(JsonNode examples, String name) {
        JsonNode v = examples.path(name).path("value");
        if (!v.isObject()) {
            throw new IllegalStateException("no object example '" + name + "' in the OpenAPI description");
        }
        return (ObjectNode) v.deepCopy();
    }
}
