package io.mlopsci.jenkins.engine;

import io.mlopsci.contract.ci.CiVariables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's GitHub publisher call for one step result:
 * {@code mlops publish github --result PATH [--repository OWNER/NAME] [--pr N] [--sha SHA]
 * [--comment always|on-failure|off] [--check-run|--no-check-run] [--details-url URL]}, with the
 * token in {@code GITHUB_TOKEN} and the API base in {@code GITHUB_API_URL}. Pull request number,
 * repository and commit are what multibranch builds set ({@code CHANGE_ID}, {@code CHANGE_URL},
 * {@code GIT_URL}, {@code GIT_COMMIT}) read by the contract's {@link CiVariables}, the engine's own
 * rules: a commit is named only when it is a full SHA, as the engine's publisher requires.
 *
 * @param arguments the CLI arguments after {@code java -jar mlops.jar}
 * @param env       the variables to add to the step's environment (holds the token)
 */
public record GitHubPublishCommand(List<String> arguments, Map<String, String> env) {

    /** Where GitHub's REST API is when the global configuration does not say otherwise. */
    public static final String DEFAULT_API_URL = "https://api.github.com";

    private static final List<String> COMMENT_MODES = List.of("always", "on-failure", "off");

    public GitHubPublishCommand {
        arguments = List.copyOf(arguments);
        env = Map.copyOf(env);
    }

    /** What the step asks for; nulls mean "let the engine decide". */
    public record Request(
            String resultFile,
            String repository,
            String comment,
            Boolean checkRun,
            String detailsUrl,
            String token,
            String apiUrl) {}

    /** Builds the call from the request and the step's environment (for the multibranch variables). */
    public static GitHubPublishCommand of(Request request, Map<String, String> stepEnv) {
        List<String> args = new ArrayList<>(List.of("publish", "github", "--result", request.resultFile()));
        CiVariables build = CiVariables.jenkins(stepEnv);
        String repository = request.repository() != null ? request.repository() : build.repository();
        if (repository != null) {
            args.add("--repository");
            args.add(repository);
        }
        if (build.pullRequest() != null) {
            args.add("--pr");
            args.add(String.valueOf(build.pullRequest()));
        }
        if (build.fullSha() != null) {
            args.add("--sha");
            args.add(build.fullSha());
        }
        if (request.comment() != null) {
            args.add("--comment");
            args.add(request.comment());
        }
        if (request.checkRun() != null) {
            args.add(request.checkRun() ? "--check-run" : "--no-check-run");
        }
        if (request.detailsUrl() != null) {
            args.add("--details-url");
            args.add(request.detailsUrl());
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GITHUB_TOKEN", request.token());
        env.put("GITHUB_API_URL", request.apiUrl() != null ? request.apiUrl() : DEFAULT_API_URL);
        return new GitHubPublishCommand(args, env);
    }

    /** Validates a {@code comment} parameter value. */
    public static String commentMode(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (!COMMENT_MODES.contains(v)) {
            throw new IllegalArgumentException(
                    "githubComment must be one of " + String.join(", ", COMMENT_MODES) + ", got '" + value + "'");
        }
        return v;
    }

    /** Validates an {@code OWNER/NAME} repository. */
    public static String repository(String value) {
        if (value == null) {
            return null;
        }
        String checked = CiVariables.repository(value);
        if (checked == null) {
            throw new IllegalArgumentException("githubRepository must be OWNER/NAME, got '" + value + "'");
        }
        return checked;
    }

    /** For logs: the call with the token replaced. */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(env);
        shown.replace("GITHUB_TOKEN", "****");
        return "mlops " + String.join(" ", arguments) + " " + shown;
    }
}
