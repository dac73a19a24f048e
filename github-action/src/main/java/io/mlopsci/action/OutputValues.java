package io.mlopsci.action;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The formats of the action's outputs. Outputs are data that later steps may put into a shell or
 * an expression, and parts of them come from result.json (which, in the fork recipe, a pull
 * request's code wrote): each value is checked against its output's format before it is written
 * to {@code GITHUB_OUTPUT}, and one that does not match is withheld (written empty, with a warning).
 */
final class OutputValues {

    private static final Pattern PATH = Pattern.compile("[^\\p{Cntrl}\"'`$\\\\;|&<>*?!{}\\[\\]]{1,4096}");

    private static final Pattern URL =
            Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/[A-Za-z0-9._~/#%:@+=-]{0,2000}");

    static final Map<String, Pattern> FORMATS = Map.ofEntries(
            Map.entry("verdict", Pattern.compile("PASS|WARN|FAIL|ERROR|SKIPPED")),
            Map.entry("exit_code", Pattern.compile("[0-3]")),
            Map.entry("result_json", PATH),
            Map.entry("report_md", PATH),
            Map.entry("model_version", Pattern.compile("[0-9]{1,18}")),
            Map.entry("image_digest", Pattern.compile("sha256:[0-9a-f]{64}")),
            Map.entry("comment_url", URL),
            Map.entry("check_run_url", URL),
            Map.entry("publish_degraded", Pattern.compile("true|false")),
            Map.entry("retrain", Pattern.compile("true|false")),
            Map.entry("issue_url", URL));

    private OutputValues() {}

    /**
     * Whether {@code value} may be written as output {@code name}: empty is always allowed; URLs
     * must also be on {@code serverHost} (the workflow's GitHub server).
     */
    static boolean allowed(String name, String value, String serverHost) {
        if (value == null || value.isEmpty()) {
            return true;
        }
        Pattern format = FORMATS.get(name);
        if (format == null || !format.matcher(value).matches()) {
            return false;
        }
        if (name.endsWith("_url")) {
            try {
                String host = new URI(value).getHost();
                return host != null
                        && serverHost != null
                        && host.toLowerCase(Locale.ROOT).equals(serverHost);
            } catch (URISyntaxException e) {
                return false;
            }
        }
        return true;
    }

    /** The host of the workflow's GitHub server ({@code GITHUB_SERVER_URL}, default github.com). */
    static String serverHost(Map<String, String> env) {
        String server = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com");
        try {
            String host = new URI(server.strip()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
