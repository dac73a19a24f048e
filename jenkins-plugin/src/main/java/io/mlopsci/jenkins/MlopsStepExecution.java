package io.mlopsci.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import hudson.tasks.junit.JUnitResultArchiver;
import io.jenkins.plugins.checks.api.ChecksPublisherFactory;
import io.jenkins.plugins.checks.steps.ChecksInfo;
import io.mlopsci.jenkins.engine.AgentEngine;
import io.mlopsci.jenkins.engine.EngineInvocation;
import io.mlopsci.jenkins.engine.EngineJar;
import io.mlopsci.jenkins.engine.EngineResult;
import io.mlopsci.jenkins.engine.FreshResult;
import io.mlopsci.jenkins.engine.GitHubPublishCommand;
import io.mlopsci.jenkins.engine.MaskingOutputStream;
import io.mlopsci.jenkins.engine.SecretMasker;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one {@code mlops*} step: installs the engine on the agent, runs its CLI there in the
 * workspace with the step's environment (a separate JVM: the engine's libraries never meet
 * Jenkins' class loaders), streams its output into the build log with secrets masked, reads
 * {@code result.json}, and turns it into the build page, test results, checks, the GitHub comment
 * and the build result. It never reads the log to decide anything.
 */
final class MlopsStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    private final MlopsStep step;

    MlopsStepExecution(MlopsStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext ctx = getContext();
        Run<?, ?> run = ctx.get(Run.class);
        TaskListener listener = ctx.get(TaskListener.class);
        FilePath workspace = ctx.get(FilePath.class);
        Launcher launcher = ctx.get(Launcher.class);
        EnvVars env = ctx.get(EnvVars.class);
        PrintStream log = listener.getLogger();
        MlopsGlobalConfiguration global = MlopsGlobalConfiguration.get();

        EngineInvocation inv = step.invocation().withInvocationId(FreshResult.newInvocationId());
        StepSecrets secrets = StepSecrets.resolve(step, global, run);
        SecretMasker masker = secrets.masker();
        AgentEngine engine =
                AgentEngine.prepare(EngineJar.bundled(), cacheRoot(ctx.get(Computer.class), workspace), log);

        FilePath resultFile = workspace.child(inv.resultFile());
        // A result.json left from an earlier build must never stand for this one.
        FreshResult.clearPrevious(workspace, inv);
        Map<String, String> processEnv = new LinkedHashMap<>(env);
        processEnv.putAll(secrets.forEngine(env));
        int exit = launch(launcher, workspace, inv.command(engine.java(), engine.jar()), processEnv, masker, listener);

        EngineResult result = read(resultFile, log);
        String stale = result == null ? null : FreshResult.problem(result, inv, exit);
        if (stale != null) {
            log.println(stale);
            result = null;
        }
        BuildOutcome outcome =
                BuildOutcome.of(inv.step(), exit, result, step.failOnThreshold(), step.unstableOnThreshold());
        outcome = new BuildOutcome(outcome.result(), outcome.verdict(), masker.mask(outcome.message()));
        if (result == null) {
            throw new AbortException(outcome.message());
        }

        MlopsResultAction action = attach(run, workspace, inv, result, outcome, log);
        String detailsUrl = env.get("BUILD_URL") == null ? null : env.get("BUILD_URL") + action.getUrlName() + "/";
        if (!step.isSkipJUnit()) {
            recordTests(run, workspace, env, launcher, listener, inv);
        }
        if (!step.isSkipPublishingChecks()) {
            publishChecks(
                    run, listener, ctx.get(ChecksInfo.class), inv, workspace, result, outcome, detailsUrl, masker);
        }
        if (secrets.githubToken() != null) {
            GitHubPublishCommand publish = GitHubPublishCommand.of(
                    new GitHubPublishCommand.Request(
                            inv.resultFile(),
                            step.getGithubRepository(),
                            step.getGithubComment(),
                            step.isGithubCheckRun(),
                            detailsUrl,
                            secrets.githubToken(),
                            global.getGithubApiUrl()),
                    env);
            publishToGitHub(launcher, workspace, engine, publish, env, masker, listener);
        }

        Map<String, Object> value = ResultMap.of(inv, result, outcome, stepResults(workspace, inv, result, log));
        return finish(outcome, run, ctx.get(FlowNode.class), log, value);
    }

    /** Applies the outcome: log it, mark the build and stage unstable, or fail the step. */
    static Map<String, Object> finish(
            BuildOutcome outcome, Run<?, ?> run, FlowNode node, PrintStream log, Map<String, Object> value)
            throws AbortException {
        if (outcome.result() == Result.FAILURE) {
            throw new AbortException(outcome.message());
        }
        log.println(outcome.message());
        if (outcome.result() == Result.UNSTABLE) {
            run.setResult(Result.UNSTABLE);
            if (node != null) {
                node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(outcome.message()));
            }
        }
        return value;
    }

    /** The engine's cache on this agent: {@code <agent root>/caches/mlops-ci/engine}, else beside the workspace. */
    static FilePath cacheRoot(Computer computer, FilePath workspace) {
        Node node = computer == null ? null : computer.getNode();
        FilePath root = node == null ? null : node.getRootPath();
        if (root != null) {
            return root.child("caches").child("mlops-ci").child("engine");
        }
        FilePath tmp = WorkspaceList.tempDir(workspace);
        return (tmp != null ? tmp : workspace.child(".mlops")).child("mlops-ci-engine");
    }

    static int launch(
            Launcher launcher,
            FilePath pwd,
            List<String> command,
            Map<String, String> env,
            SecretMasker masker,
            TaskListener listener)
            throws IOException, InterruptedException {
        try (MaskingOutputStream out = new MaskingOutputStream(listener.getLogger(), masker)) {
            return launcher.launch()
                    .cmds(command)
                    .envs(env)
                    .pwd(pwd)
                    .stdout(out)
                    .join();
        }
    }

    /** result.json, or null (with the reason in the log) when it is missing or not the contract. */
    static EngineResult read(FilePath file, PrintStream log) throws InterruptedException {
        try {
            if (!file.exists()) {
                log.println("mlops: no result at " + file.getRemote());
                return null;
            }
            try (InputStream in = file.read()) {
                return EngineResult.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file.getRemote());
            }
        } catch (IOException e) {
            log.println("mlops: cannot read the step's result: " + e.getMessage());
            return null;
        }
    }

    /** For {@code mlops run}: the results of the steps it ran, for their metrics. */
    private static List<EngineResult> stepResults(
            FilePath workspace, EngineInvocation inv, EngineResult summary, PrintStream log)
            throws InterruptedException {
        List<EngineResult> out = new ArrayList<>();
        for (EngineResult.StepLine line : summary.steps()) {
            if (line.result() != null) {
                String dir = inv.effectiveWorkdir();
                EngineResult r = read(workspace.child(dir.isEmpty() ? line.result() : dir + "/" + line.result()), log);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** Copies the reports into the build and adds the build-page action (one per step call). */
    private static MlopsResultAction attach(
            Run<?, ?> run,
            FilePath workspace,
            EngineInvocation inv,
            EngineResult result,
            BuildOutcome outcome,
            PrintStream log)
            throws InterruptedException {
        synchronized (run) {
            String urlName = urlName(run, inv.step());
            MlopsResultAction action = new MlopsResultAction(inv.step(), urlName, result, outcome);
            File dir = new File(new File(run.getRootDir(), MlopsResultAction.DIR), urlName);
            String files = inv.step().equals(EngineInvocation.RUN)
                    ? "result.json,report.*,*/result.json,*/report.*"
                    : "result.json,report.*";
            try {
                workspace.child(inv.reportDir()).copyRecursiveTo(files, new FilePath(dir));
            } catch (IOException e) {
                log.println("mlops: cannot copy the reports into the build (" + e.getMessage()
                        + "); the build page shows the summary only");
            }
            run.addAction(action);
            return action;
        }
    }

    /** {@code mlops-<step>}, or {@code mlops-<step>-2}, ... when the build already ran that step. */
    static String urlName(Run<?, ?> run, String cliStep) {
        String base = "mlops-" + cliStep;
        List<String> taken = run.getActions(MlopsResultAction.class).stream()
                .map(MlopsResultAction::getUrlName)
                .toList();
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    /** The criteria as JUnit results (the engine's report.xml), without letting the junit plugin decide the result. */
    private static void recordTests(
            Run<?, ?> run,
            FilePath workspace,
            EnvVars env,
            Launcher launcher,
            TaskListener listener,
            EngineInvocation inv)
            throws InterruptedException {
        JUnitResultArchiver archiver = new JUnitResultArchiver(inv.reportDir() + "/report.xml");
        archiver.setAllowEmptyResults(true);
        archiver.setSkipMarkingBuildUnstable(true);
        archiver.setSkipPublishingChecks(true);
        try {
            archiver.perform(run, workspace, env, launcher, listener);
        } catch (IOException e) {
            listener.getLogger().println("mlops: cannot record the criteria as test results: " + e.getMessage());
        }
    }

    private static void publishChecks(
            Run<?, ?> run,
            TaskListener listener,
            ChecksInfo info,
            EngineInvocation inv,
            FilePath workspace,
            EngineResult result,
            BuildOutcome outcome,
            String detailsUrl,
            SecretMasker masker)
            throws InterruptedException {
        String markdown = null;
        FilePath md = workspace.child(inv.reportDir() + "/report.md");
        try {
            if (md.exists()) {
                try (InputStream in = md.read()) {
                    markdown = masker.mask(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            ChecksPublisherFactory.fromRun(run, listener)
                    .publish(ChecksMapping.details(
                            ChecksMapping.name(info == null ? null : info.getName(), inv.step()),
                            result,
                            outcome,
                            markdown,
                            detailsUrl));
        } catch (IOException | RuntimeException e) {
            listener.getLogger().println("mlops: cannot publish the check: " + e);
        }
    }

    /** The engine's GitHub publisher (sticky PR comment, check run or status); its failure never changes the verdict. */
    private static void publishToGitHub(
            Launcher launcher,
            FilePath workspace,
            AgentEngine engine,
            GitHubPublishCommand publish,
            EnvVars env,
            SecretMasker masker,
            TaskListener listener)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(engine.java(), "-jar", engine.jar()));
        cmd.addAll(publish.arguments());
        Map<String, String> processEnv = new LinkedHashMap<>(env);
        processEnv.putAll(publish.env());
        listener.getLogger().println("mlops: publishing to GitHub");
        int code = launch(launcher, workspace, EngineInvocation.forLauncher(cmd), processEnv, masker, listener);
        if (code != 0) {
            listener.getLogger()
                    .println("mlops: publishing to GitHub failed: " + BuildOutcome.describeExitCode(code) + " (exit "
                            + code + "); the step's verdict stands");
        }
    }
}
