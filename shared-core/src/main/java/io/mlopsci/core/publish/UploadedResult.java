package io.mlopsci.core.publish;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.mlopsci.contract.result.ResultFormatException;
import io.mlopsci.contract.result.ResultJson;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A result.json to publish, read as untrusted input: in the {@code workflow_run} recipe it was
 * written by a pull request's workflow, i.e. by code a fork controls. Before anything of it is
 * rendered it must be one JSON document without duplicate keys, match the contract's {@code
 * result.schema.json} ({@link ResultJson#SCHEMA}) in every field (strict formats for versions,
 * digests, ids, shas, no control characters in text), and name in {@code ci.buildUrl} only a page
 * on the CI server's own host. Only then is it read, by the contract's one parser ({@link
 * ResultJson}). Anything else is a usage error (exit 2) naming the file and the fields.
 */
public final class UploadedResult {

    /** Larger files are refused before parsing (the biggest real results are a few MB). */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final int MAX_LISTED = 10;

    private static final ObjectMapper STRICT = Json.mapper()
            .copy()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static {
        STRICT.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private UploadedResult() {}

    /**
     * The hosts a result's {@code ci.buildUrl} may name: the CI servers of this environment
     * ({@code GITHUB_SERVER_URL}, default github.com on GitHub Actions; Jenkins' {@code JENKINS_URL}
     * and {@code BUILD_URL}) and any {@code extra} URLs the caller trusts (e.g. {@code --details-url}).
     */
    public static Set<String> ciHosts(Map<String, String> env, String... extra) {
        Set<String> hosts = new TreeSet<>();
        String server = env.get("GITHUB_SERVER_URL");
        if (server == null && "true".equals(env.get("GITHUB_ACTIONS"))) {
            server = "https://github.com";
        }
        for (String u : new String[] {server, env.get("JENKINS_URL"), env.get("BUILD_URL")}) {
            addHost(hosts, u);
        }
        for (String u : extra) {
            addHost(hosts, u);
        }
        return hosts;
    }

    /** Reads and checks {@code file}; {@code ciHosts} as from {@link #ciHosts}. */
    public static StepResult read(Path file, Set<String> ciHosts) {
        if (!Files.isRegularFile(file)) {
            throw MlopsException.input("no result file at " + file + " (expected a result.json a step wrote)");
        }
        JsonNode tree;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw MlopsException.input(file + " is " + Files.size(file)
                        + " bytes; a result.json to publish is at most " + MAX_BYTES + " bytes");
            }
            tree = STRICT.readTree(file.toFile());
        } catch (IOException e) {
            throw MlopsException.input("cannot read " + file + " as JSON: " + firstLine(e.getMessage()), e);
        }
        if (tree == null || !tree.isObject()) {
            throw MlopsException.input(file + " is not a JSON object (expected a result.json a step wrote)");
        }
        JsonNode version = tree.path("schemaVersion");
        if (version.canConvertToInt() && version.asInt() > StepResult.SCHEMA_VERSION) {
            throw MlopsException.input(file + " has schema version " + version.asInt() + "; this engine reads up to "
                    + StepResult.SCHEMA_VERSION);
        }
        List<String> problems = Holder.SCHEMA.validate(tree).stream()
                .sorted(Comparator.comparing(ValidationMessage::getMessage))
                .map(UploadedResult::describe)
                .distinct()
                .collect(Collectors.toList());
        String buildUrl = tree.path("ci").path("buildUrl").isTextual()
                ? tree.path("ci").path("buildUrl").asText()
                : null;
        if (problems.isEmpty() && buildUrl != null) {
            String host = host(buildUrl);
            if (ciHosts.isEmpty()) {
                problems.add("$.ci.buildUrl: names " + host + ", but no CI server is known here to check it against");
            } else if (host == null || !ciHosts.contains(host)) {
                problems.add("$.ci.buildUrl: expected a page on " + String.join(" or ", ciHosts) + ", got host "
                        + (host == null ? "none" : "'" + host + "'"));
            }
        }
        if (!problems.isEmpty()) {
            int n = problems.size();
            throw MlopsException.input("cannot read " + file + " as a step result that may be published (" + n
                    + (n == 1 ? " problem" : " problems")
                    + "; uploaded results are checked against result.schema.json):\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(MAX_LISTED, n)))
                    + (n > MAX_LISTED ? "\n  … and " + (n - MAX_LISTED) + " more" : ""));
        }
        try {
            return ResultJson.parse(tree, file.toString());
        } catch (ResultFormatException e) {
            throw MlopsException.input("cannot read " + file + " as a step result: " + firstLine(e.getMessage()), e);
        }
    }

    private static String describe(ValidationMessage m) {
        // The validator's messages name the JSON path ("$.model.version: does not match ...");
        // the offending value is left out: it is the untrusted part.
        String text = m.getMessage().replaceAll("[\\p{Cntrl}\\u202A-\\u202E\\u2066-\\u2069]", "?");
        return text.length() > 300 ? text.substring(0, 299) + "…" : text;
    }

    private static void addHost(Set<String> hosts, String url) {
        String h = url == null || url.isBlank() ? null : host(url.strip());
        if (h != null) {
            hosts.add(h);
        }
    }

    private static String host(String url) {
        try {
            URI u = new URI(url);
            return u.getHost() == null ? null : u.getHost().toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The schema, parsed once per JVM (it is immutable). */
    private static final class Holder {
        static final JsonSchema SCHEMA;

        static {
            try (InputStream in = ResultJson.class.getResourceAsStream(ResultJson.SCHEMA)) {
                if (in == null) {
                    throw new IllegalStateException(ResultJson.SCHEMA + " is missing from the contract's jar");
                }
                SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
