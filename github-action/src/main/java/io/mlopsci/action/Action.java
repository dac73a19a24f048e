package io.mlopsci.action;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.contract.ExitCodes;
import io.mlopsci.contract.Layout;
import io.mlopsci.contract.MonitorOptions;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.TrainOptions;
import io.mlopsci.contract.result.ErrorInfo;
import io.mlopsci.contract.result.MonitorOutputs;
import io.mlopsci.contract.result.PackageOutputs;
import io.mlopsci.contract.result.ResultFormatException;
import io.mlopsci.contract.result.ResultFreshness;
import io.mlopsci.contract.result.ResultJson;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.StepSummary;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.publish.CheckAnnotation;
import io.mlopsci.core.publish.GitHubPublishException;
import io.mlopsci.core.publish.GitHubPublisher;
import io.mlopsci.core.publish.GitHubReport;
import io.mlopsci.core.publish.MonitorIssue;
import io.mlopsci.core.publish.PublishOptions;
import io.mlopsci.core.publish.PublishOutcome;
import io.mlopsci.core.publish.PublishTarget;
import io.mlopsci.core.publish.PublishTargets;
import io.mlopsci.core.publish.UploadedResult;
import io.mlopsci.core.report.MarkdownReport;
import io.mlopsci.core.report.ReportWriter;
import io.mlopsci.core.step.EngineVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One run of the container action: read the inputs and the event, run the engine's CLI (or, in
 * publish mode, take an uploaded result.json), publish through the engine's GitHub publisher,
 * write the job summary and the outputs, and map the verdict to the exit code ({@code fail_on}).
 * Everything it reports comes from result.json. Secrets are masked first; text that may come from
 * a pull request only reaches the log escaped or between stop-commands markers, and never a shell.
 */
final class Action {

    /** The steps that may run a training command in a sibling container (the docker runner). */
    private static final Set<StepId> RUNS_TRAINING = EnumSet.of(StepId.TRAIN, StepId.RUN);

    /** Annotations shown per step as workflow commands (GitHub shows 10 errors and 10 warnings). */
    static final int MAX_LOG_ANNOTATIONS = 10;

    private final Map<String, String> env;
    private final WorkflowCommands log;
    private final EngineProcess.Launcher engine;

    Action(Map<String, String> env, PrintStream out, EngineProcess.Launcher engine) {
        this.env = Map.copyOf(env);
        this.log = new WorkflowCommands(out);
        this.engine = engine;
    }

    int run() {
        ActionInputs in = ActionInputs.read(env);
        in.secrets().forEach(log::addMask);
        for (String name : List.of("GITHUB_TOKEN", "MLFLOW_TRACKING_PASSWORD", "MLFLOW_TRACKING_TOKEN")) {
            log.addMask(env.get(name));
        }
        if (!in.problems().isEmpty()) {
            in.problems().forEach(p -> log.error("mlops-action input " + p));
            return ExitCodes.USER_ERROR;
        }
        Path workspace = Path.of(env.getOrDefault("GITHUB_WORKSPACE", System.getProperty("user.dir")))
                .toAbsolutePath()
                .normalize();
        FileCommands files = new FileCommands(path(env.get("GITHUB_OUTPUT")), path(env.get("GITHUB_STEP_SUMMARY")));
        try {
            Path resultFile;
            StepResult result;
            boolean computed = !in.step().equals(ActionInputs.PUBLISH);
            if (computed) {
                Computed c = compute(in, workspace);
                resultFile = c.file();
                result = c.result();
            } else {
                resultFile = workspace.resolve(in.result()).normalize();
                try {
                    // Written by another workflow (a pull request's, in the fork recipe): untrusted.
                    result = UploadedResult.read(resultFile, UploadedResult.ciHosts(env));
                } catch (MlopsException e) {
                    log.error("mlops-action: " + e.getMessage());
                    return e.exitCode();
                }
            }
            Published published = publish(in, result);
            report(in, result, resultFile, workspace, published, files);
            int code = exitCode(in, result, computed);
            if (published.exitCode != 0 && code == 0) {
                code = published.exitCode;
            }
            return code;
        } catch (IOException e) {
            log.error("mlops-action: cannot write the step's outputs or summary: " + e.getMessage());
            return ExitCodes.INFRASTRUCTURE_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.error("mlops-action: interrupted");
            return ExitCodes.INFRASTRUCTURE_ERROR;
        }
    }

    /** What a computed step left: its result.json (null when none can be trusted) and the result to report. */
    private record Computed(Path file, StepResult result) {}

    /**
     * Runs the engine and takes its result only when this invocation wrote it: the step's previous
     * results are removed first, the engine gets an invocation id to echo, and the result must carry
     * it and agree with the exit code. Anything else (no result, a stale one, a disagreeing one)
     * becomes an ERROR result (exit 3) that is reported and published like any other, so a green
     * check or comment from an earlier run never stands.
     */
    private Computed compute(ActionInputs in, Path workspace) throws InterruptedException {
        Path workdir = workspace.resolve(in.workingDirectory()).normalize();
        Path config = workdir.resolve(in.config()).normalize();
        StepId step = StepId.parse(in.step());
        Path outDir = Layout.defaultOut(config.getParent());
        Path resultFile = Layout.stepDir(outDir, step).resolve(Layout.RESULT);
        String invocation = ResultFreshness.newInvocationId("github-" + env.getOrDefault("GITHUB_RUN_ID", "local") + "."
                + env.getOrDefault("GITHUB_RUN_ATTEMPT", "1"));
        try {
            ResultFreshness.removePrevious(outDir, step);
        } catch (IOException e) {
            return untrusted(in, e.getMessage());
        }
        List<String> args = new ArrayList<>(List.of(
                in.step(),
                "--config",
                rel(workspace, config),
                "--out",
                rel(workspace, outDir),
                ResultFreshness.OPTION,
                invocation));
        for (String o : in.overrides()) {
            args.add("--set");
            args.add(o);
        }
        if (in.noCache() && step.switches().contains(TrainOptions.NO_CACHE)) {
            args.add(TrainOptions.NO_CACHE);
        }
        if (in.at() != null && step == StepId.MONITOR) {
            args.addAll(new MonitorOptions(Instant.parse(in.at())).arguments());
        }
        Map<String, String> engineEnv = engineEnv(in);
        EngineUser user = engineUser(in, workspace);
        log.group("mlops " + String.join(" ", args));
        String token = log.stopCommands();
        int exit;
        String failure = null;
        try {
            exit = engine.run(args, engineEnv, workspace, user);
        } catch (IOException e) {
            exit = ExitCodes.INFRASTRUCTURE_ERROR;
            failure = "cannot start the engine: " + e.getMessage();
        } finally {
            // Always resume: a command printed while commands are stopped is lost.
            log.resumeCommands(token);
            log.endGroup();
        }
        if (failure != null) {
            return untrusted(in, failure);
        }
        if (!Files.isRegularFile(resultFile)) {
            return untrusted(
                    in,
                    "the engine exited with code " + exit + " and wrote no " + rel(workspace, resultFile)
                            + "; see the log above");
        }
        StepResult result;
        try {
            result = ResultJson.read(resultFile);
        } catch (ResultFormatException e) {
            return untrusted(
                    in, "the engine exited with code " + exit + " and its result is unreadable: " + e.getMessage());
        }
        Optional<String> problem = ResultFreshness.problem(result, invocation, exit);
        if (problem.isPresent()) {
            return untrusted(in, problem.get());
        }
        return new Computed(resultFile, result);
    }

    /**
     * Whom the engine runs as (see {@link EngineUser}): the workspace owner when this process is
     * root, so that nothing the engine runs can read this process's environment (the token) or
     * leave root-owned files in the workspace.
     */
    private EngineUser engineUser(ActionInputs in, Path workspace) {
        int uid;
        try {
            uid = Privileges.uid();
        } catch (LinkageError e) {
            log.debug("cannot ask for this process's uid (" + e + "); the engine runs as this process");
            return null;
        }
        List<String> warnings = new ArrayList<>();
        EngineUser user = EngineUser.decide(uid, workspace, EngineUser.dockerSocket(env), in.dockerSocket(), warnings);
        warnings.forEach(w -> log.warning("mlops-action: " + w));
        if (user != null) {
            log.println("mlops-action: " + user.note());
        }
        return user;
    }

    /** A step whose result cannot be trusted: ERROR, exit 3, with the reason (logged outside any stop-commands block). */
    private Computed untrusted(ActionInputs in, String reason) {
        String message =
                reason + "; failing closed (" + Verdict.ERROR + ", exit " + ErrorKind.INFRASTRUCTURE.exitCode() + ")";
        log.error("mlops-action: " + message);
        StepResult error = StepResult.builder(in.step())
                .tool(EngineVersion.tool())
                .verdict(Verdict.ERROR)
                .exitCode(ErrorKind.INFRASTRUCTURE.exitCode())
                .summary(ErrorKind.INFRASTRUCTURE + " error: " + firstLine(reason))
                .error(new ErrorInfo(ErrorKind.INFRASTRUCTURE, message, null))
                .build();
        return new Computed(null, error);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * The engine's environment: the runner's, without the action's inputs and without the GitHub
     * token (the training command is the pull request's code), plus MLflow settings and the
     * Docker path map for sibling containers.
     */
    Map<String, String> engineEnv(ActionInputs in) {
        Map<String, String> e = new HashMap<>();
        env.forEach((k, v) -> {
            if (!k.startsWith("INPUT_")
                    && !k.equals("GITHUB_TOKEN")
                    && !k.equals("ACTIONS_RUNTIME_TOKEN")
                    && !k.equals("ACTIONS_ID_TOKEN_REQUEST_TOKEN")) {
                e.put(k, v);
            }
        });
        putIf(e, "MLFLOW_TRACKING_URI", in.mlflowTrackingUri());
        putIf(e, "MLFLOW_TRACKING_USERNAME", in.mlflowTrackingUsername());
        putIf(e, "MLFLOW_TRACKING_PASSWORD", in.mlflowTrackingPassword());
        putIf(e, "MLFLOW_TRACKING_TOKEN", in.mlflowTrackingToken());
        if (!in.dockerPathMap().isEmpty()) {
            e.put("MLOPS_DOCKER_PATH_MAP", in.dockerPathMap());
        } else if (!e.containsKey("MLOPS_DOCKER_PATH_MAP")
                && in.dockerSocket()
                && StepId.of(in.step()).filter(RUNS_TRAINING::contains).isPresent()
                && dockerAvailable()) {
            try {
                String map = DockerPathMap.detect(env);
                if (map != null) {
                    e.put("MLOPS_DOCKER_PATH_MAP", map);
                    log.debug("docker path map for sibling containers: " + map);
                }
            } catch (RuntimeException ex) {
                log.debug("could not inspect this container's mounts (" + ex.getMessage() + "); sibling containers"
                        + " get the paths as this container sees them");
            }
        }
        return e;
    }

    private boolean dockerAvailable() {
        String host = env.get("DOCKER_HOST");
        return host != null && !host.isBlank() || Files.exists(Path.of("/var/run/docker.sock"));
    }

    private record Published(PublishOutcome outcome, int exitCode, String error) {}

    private Published publish(ActionInputs in, StepResult result) {
        // A monitor result goes to the model's issue, not to a comment or a check run.
        boolean monitor = MonitorIssue.applies(result);
        if (monitor ? !in.monitorIssue() : in.comment() == io.mlopsci.core.publish.CommentMode.OFF && !in.checkRun()) {
            return new Published(null, 0, null);
        }
        if (in.githubToken().isEmpty()
                && (env.get("GITHUB_TOKEN") == null || env.get("GITHUB_TOKEN").isBlank())) {
            log.warning("mlops-action: no github_token, so nothing is published to the pull request or the commit;"
                    + " the report is in the job summary");
            return new Published(null, 0, null);
        }
        String token = in.githubToken().isEmpty() ? env.get("GITHUB_TOKEN") : in.githubToken();
        try {
            PublishTarget target = PublishTargets.resolve(PublishTargets.Overrides.NONE, env, result);
            PublishOptions options = PublishOptions.defaults(in.comment(), in.checkRun(), in.checkName());
            String backoff = env.get("MLOPS_PUBLISH_BACKOFF_MS");
            if (backoff != null && backoff.matches("\\d{1,6}")) {
                options = options.withRetry(
                        options.attempts(), Duration.ofMillis(Long.parseLong(backoff)), options.maxRateLimitWait());
            }
            PublishOutcome o = GitHubPublisher.connect(target.apiUrl(), token, options, env)
                    .publish(result, target);
            if (o.degraded()) {
                log.warning("mlops-action: " + o.notice());
            } else if (o.notice() != null) {
                log.notice("mlops-action: " + o.notice());
            }
            return new Published(o, 0, null);
        } catch (GitHubPublishException e) {
            log.error("mlops-action: publishing to GitHub failed: " + e.getMessage());
            return new Published(e.partial(), e.exitCode(), e.getMessage());
        } catch (MlopsException e) {
            log.error("mlops-action: publishing to GitHub failed: " + e.getMessage());
            return new Published(null, e.exitCode(), e.getMessage());
        }
    }

    private void report(
            ActionInputs in,
            StepResult result,
            Path resultFile,
            Path workspace,
            Published published,
            FileCommands files)
            throws IOException {
        PublishOutcome o = published.outcome();
        String reportMd = resultFile == null ? "" : rel(workspace, resultFile.resolveSibling(ReportWriter.MARKDOWN));
        output(files, "verdict", result.verdict().name());
        output(files, "exit_code", String.valueOf(result.exitCode()));
        output(files, "result_json", resultFile == null ? "" : rel(workspace, resultFile));
        output(
                files,
                "report_md",
                resultFile != null && Files.isRegularFile(resultFile.resolveSibling(ReportWriter.MARKDOWN))
                        ? reportMd
                        : "");
        output(
                files,
                "model_version",
                result.model() == null || result.model().version() == null
                        ? ""
                        : result.model().version());
        output(files, "image_digest", imageDigest(result, resultFile));
        output(files, "comment_url", o == null || o.commentUrl() == null ? "" : o.commentUrl());
        output(files, "check_run_url", o == null || o.checkRunUrl() == null ? "" : o.checkRunUrl());
        output(files, "publish_degraded", String.valueOf(o != null && o.degraded()));
        // Every declared output is written for every step (a later step reads '' or false, never an
        // unset output): retrain and issue_url carry values only for monitor.
        boolean monitor = MonitorIssue.applies(result);
        output(
                files,
                "retrain",
                String.valueOf(monitor
                        && Boolean.TRUE.equals(
                                result.outputs(MonitorOutputs.class).retrain())));
        output(files, "issue_url", !monitor || o == null || o.issueUrl() == null ? "" : o.issueUrl());

        if (in.jobSummary()) {
            StringBuilder md = new StringBuilder();
            if (o != null && o.degraded()) {
                md.append("> [!WARNING]\n> ")
                        .append(io.mlopsci.core.report.Markdown.text(o.notice()))
                        .append("\n\n");
            } else if (published.error() != null) {
                md.append("> [!CAUTION]\n> Publishing to GitHub failed: ")
                        .append(io.mlopsci.core.report.Markdown.text(published.error()))
                        .append("\n\n");
            }
            md.append(MarkdownReport.render(result));
            files.summary(
                    md.toString(),
                    reportMd.isEmpty()
                            ? "The log has the details."
                            : "The full report is " + reportMd + " in the workspace.");
        }
        if (o == null || o.checkRunId() == null) {
            annotateInLog(result);
        }
        if (result.verdict() == Verdict.ERROR && resultFile != null) {
            annotateEngineError(result);
        }
        log.log("mlops " + result.step() + ": " + result.verdict()
                + (result.summary() == null ? "" : " — " + result.summary()));
    }

    /** Writes an output whose value has its format ({@link OutputValues}); any other value is withheld. */
    private void output(FileCommands files, String name, String value) throws IOException {
        if (OutputValues.allowed(name, value, OutputValues.serverHost(env))) {
            files.output(name, value);
        } else {
            log.warning("mlops-action: output " + name + " withheld (written empty): its value does not have the"
                    + " expected format");
            files.output(name, "");
        }
    }

    /** Without a check run, failing criteria still point at their mlops.yaml lines (as workflow-command annotations). */
    private void annotateInLog(StepResult result) {
        int errors = 0;
        int warnings = 0;
        for (CheckAnnotation a : GitHubReport.annotations(result, env)) {
            boolean error = a.level().equals("failure");
            if (error ? errors++ >= MAX_LOG_ANNOTATIONS : warnings++ >= MAX_LOG_ANNOTATIONS) {
                continue;
            }
            log.annotate(error ? "error" : "warning", a.path(), a.startLine(), a.title(), a.message());
        }
    }

    /**
     * An engine that stopped with an error (exit 2 or 3) printed why inside the stop-commands block,
     * where the runner shows it as plain text; the error also becomes an annotation, on its
     * mlops.yaml line when it has one, so the job's summary says more than "exit code 2".
     */
    private void annotateEngineError(StepResult result) {
        ErrorInfo e = result.error();
        String message = e != null && e.message() != null
                ? e.message()
                : result.summary() == null ? "the step stopped with an error" : result.summary();
        String title = "mlops " + result.step() + ": "
                + (e == null ? "error" : e.kind().word() + " error");
        SourceLocation at = e == null ? null : e.location();
        String path = at == null || at.line() == null ? null : GitHubReport.repositoryPath(at.file(), env);
        if (path == null) {
            log.error(title + ": " + message);
        } else {
            log.annotate("error", path, Math.max(1, at.line()), title, message);
        }
    }

    /**
     * The package step's image digest, from the step's result or, for {@code run}, from the package
     * step's result.json of the same invocation.
     */
    private static String imageDigest(StepResult result, Path resultFile) {
        String d = result.step().equals(StepId.PACKAGE.id())
                ? result.outputs(PackageOutputs.class).digest()
                : null;
        if (d == null && resultFile != null && result.steps() != null) {
            for (StepSummary s : result.steps()) {
                if (s.step().equals(StepId.PACKAGE.id()) && s.verdict().passed()) {
                    Path p = Layout.stepDir(resultFile.getParent(), StepId.PACKAGE)
                            .resolve(Layout.RESULT);
                    if (Files.isRegularFile(p)) {
                        try {
                            StepResult pkg = ResultJson.read(p);
                            d = java.util.Objects.equals(pkg.invocation(), result.invocation())
                                    ? pkg.outputs(PackageOutputs.class).digest()
                                    : null;
                        } catch (ResultFormatException e) {
                            d = null;
                        }
                    }
                }
            }
        }
        return d == null ? "" : d;
    }

    /** The exit code: engine errors always fail; the verdict fails per fail_on. */
    static int exitCode(ActionInputs in, StepResult result, boolean computed) {
        Verdict v = result.verdict();
        if (v == Verdict.ERROR) {
            if (!computed && in.failOn() == ActionInputs.FailOn.NEVER) {
                return 0;
            }
            return result.exitCode() == ExitCodes.USER_ERROR ? ExitCodes.USER_ERROR : ExitCodes.INFRASTRUCTURE_ERROR;
        }
        return switch (in.failOn()) {
            case NEVER -> 0;
            case FAIL -> v == Verdict.FAIL ? ExitCodes.QUALITY_FAILED : 0;
            case WARN -> v == Verdict.FAIL || v == Verdict.WARN ? ExitCodes.QUALITY_FAILED : 0;
        };
    }

    private static String rel(Path workspace, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(workspace)
                ? (workspace.relativize(abs).toString().isEmpty()
                        ? "."
                        : workspace.relativize(abs).toString())
                : abs.toString();
    }

    private static Path path(String s) {
        return s == null || s.isBlank() ? null : Path.of(s);
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v);
        }
    }
}
