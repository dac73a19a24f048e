package io.mlopsci.core.cli;

import io.mlopsci.contract.ExitCodes;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.console.Console;
import io.mlopsci.core.console.SecretMask;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.publish.CommentMode;
import io.mlopsci.core.publish.GitHubPublishException;
import io.mlopsci.core.publish.GitHubPublisher;
import io.mlopsci.core.publish.PublishOptions;
import io.mlopsci.core.publish.PublishOutcome;
import io.mlopsci.core.publish.PublishTarget;
import io.mlopsci.core.publish.PublishTargets;
import io.mlopsci.core.publish.UploadedResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops publish}: put a result where reviewers look. */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = "Publish a step's result.json where reviewers look.",
        subcommands = PublishCommand.GitHub.class)
final class PublishCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** {@code mlops publish github}: sticky PR comment, check run (or commit status). */
    @Command(
            name = "github",
            mixinStandardHelpOptions = true,
            description = {
                "Publish result.json to GitHub: one pull-request comment edited in place, a check run on the"
                        + " commit with annotations on the mlops.yaml lines of failing criteria (a commit status where a check"
                        + " run may not be created).",
                "The token comes from GITHUB_TOKEN, the API from GITHUB_API_URL (default https://api.github.com);"
                        + " repository, pull request and commit default from the CI environment.",
                "The result is checked against result.schema.json first (it may come from an untrusted job);"
                        + " its ci.buildUrl must be on the CI server's host; links point at this CI run, never at a"
                        + " URL the file names.",
                "Exit codes: 0 published (or degraded: the token may not write, see the notice); 2 usage or a"
                        + " result that fails the checks; 3 GitHub unreachable, failing or rate-limited."
            })
    static final class GitHub implements Callable<Integer> {

        @Option(names = "--result", required = true, paramLabel = "PATH", description = "The result.json to publish.")
        Path result;

        @Option(
                names = "--repository",
                paramLabel = "OWNER/NAME",
                description =
                        "Default: GITHUB_REPOSITORY, Jenkins' CHANGE_URL or GIT_URL, result.json's ci.repository.")
        String repository;

        @Option(
                names = "--pr",
                paramLabel = "N",
                description =
                        "Pull request to comment on. Default: the event payload, Jenkins' CHANGE_ID, result.json.")
        Integer pr;

        @Option(
                names = "--sha",
                paramLabel = "SHA",
                description =
                        "Commit for the check run. Default: the pull request's head, GITHUB_SHA, GIT_COMMIT, result.json.")
        String sha;

        @Option(
                names = "--comment",
                paramLabel = "always|on-failure|off",
                defaultValue = "always",
                description = "When to write the sticky comment (default: ${DEFAULT-VALUE}).")
        String comment;

        @Option(
                names = "--check-run",
                negatable = true,
                defaultValue = "true",
                fallbackValue = "true",
                description = "Create a check run on the commit (default: on; --no-check-run turns it off).")
        boolean checkRun;

        @Option(
                names = "--check-name",
                paramLabel = "NAME",
                defaultValue = PublishOptions.DEFAULT_CHECK_NAME,
                description = "Check run name; also keys the sticky comment (default: ${DEFAULT-VALUE}).")
        String checkName;

        @Option(
                names = "--details-url",
                paramLabel = "URL",
                description = "Link to the full report. Default: the CI run's page.")
        String detailsUrl;

        @Option(
                names = "--json",
                description = "Print {commentUrl, checkRunId, checkRunUrl, degraded, notice} to stdout.")
        boolean json;

        @Override
        public Integer call() {
            return run(System.getenv(), System.out, System.err);
        }

        int run(Map<String, String> env, PrintStream out, PrintStream err) {
            Console console = new Console(out, err, SecretMask.fromEnv(env));
            PublishOutcome outcome = null;
            String error = null;
            int code;
            try {
                CommentMode mode;
                try {
                    mode = CommentMode.parse(comment);
                } catch (IllegalArgumentException e) {
                    throw MlopsException.usage("--comment: " + e.getMessage());
                }
                // The file may come from another job or workflow (an artifact a pull request uploaded).
                StepResult r = UploadedResult.read(result, UploadedResult.ciHosts(env, detailsUrl));
                PublishTarget target =
                        PublishTargets.resolve(new PublishTargets.Overrides(repository, pr, sha, detailsUrl), env, r);
                PublishOptions options = PublishOptions.defaults(mode, checkRun, checkName);
                String backoff = env.get("MLOPS_PUBLISH_BACKOFF_MS");
                if (backoff != null && backoff.matches("\\d{1,6}")) {
                    options = options.withRetry(
                            options.attempts(), Duration.ofMillis(Long.parseLong(backoff)), options.maxRateLimitWait());
                }
                outcome = GitHubPublisher.connect(target.apiUrl(), env.get("GITHUB_TOKEN"), options, env)
                        .publish(r, target);
                code = ExitCodes.PASSED;
                console.error("mlops publish github: " + describe(outcome, target));
                if (outcome.notice() != null) {
                    console.error("mlops publish github: " + (outcome.degraded() ? "degraded: " : "note: ")
                            + outcome.notice());
                }
            } catch (GitHubPublishException e) {
                outcome = e.partial();
                error = e.getMessage();
                code = e.exitCode();
            } catch (MlopsException e) {
                error = e.getMessage();
                code = e.exitCode();
            }
            if (error != null) {
                console.error("mlops publish github: " + error);
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("commentUrl", outcome == null ? null : outcome.commentUrl());
                doc.put("checkRunId", outcome == null ? null : outcome.checkRunId());
                doc.put("checkRunUrl", outcome == null ? null : outcome.checkRunUrl());
                doc.put("statusContext", outcome == null ? null : outcome.statusContext());
                doc.put("degraded", outcome != null && outcome.degraded());
                doc.put("notice", outcome == null ? null : outcome.notice());
                doc.put("truncated", outcome != null && outcome.truncated());
                if (error != null) {
                    doc.put("error", error);
                }
                doc.put("exitCode", code);
                console.json(doc);
            }
            return code;
        }

        private static String describe(PublishOutcome o, PublishTarget t) {
            StringBuilder b = new StringBuilder("published to ")
                    .append(t.repository())
                    .append(" @ ")
                    .append(t.sha(), 0, Math.min(12, t.sha().length()));
            if (o.commentUrl() != null) {
                b.append("; comment ").append(o.commentUrl());
            }
            if (o.checkRunUrl() != null) {
                b.append("; check run ").append(o.checkRunUrl());
            }
            if (o.statusContext() != null) {
                b.append("; commit status '").append(o.statusContext()).append('\'');
            }
            return b.toString();
        }
    }
}
