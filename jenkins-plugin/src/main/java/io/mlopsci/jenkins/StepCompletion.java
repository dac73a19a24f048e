package io.mlopsci.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.junit.JUnitResultArchiver;
import io.jenkins.plugins.checks.api.ChecksPublisherFactory;
import io.jenkins.plugins.checks.steps.ChecksInfo;
import io.mlopsci.contract.ExitCodes;
import io.mlopsci.contract.Layout;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.ResultJson;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.StepSummary;
import io.mlopsci.jenkins.engine.AgentEngine;
import io.mlopsci.jenkins.engine.EngineInvocation;
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

/**
 * What a step does once the engine has exited: reads {@code result.json} (never the log), maps it
 * to a build outcome, and turns it into the build page, test results, a check, the GitHub comment
 * and the step's return value — or its failure. Runs on a background thread, never holding the
 * build's lock while it talks to the agent.
 *
 * @param run        the build
 * @param listener   its log
 * @param workspace  the step's workspace on the agent
 * @param launcher   the agent's launcher
 * @param env        the step's environment
 * @param node       the step's flow node (null outside Pipeline)
 * @param checksInfo what {@code withChecks} says, or null
 */
record StepCompletion(
        Run<?, ?> run,
        TaskListener listener,
        FilePath workspace,
        Launcher launcher,
        EnvVars env,
        FlowNode node,
        ChecksInfo checksInfo) {

    /** The step's value, or an {@link AbortException} saying why it failed. */
    Map<String, Object> complete(
            MlopsStep step,
            EngineInvocation inv,
            int exit,
            AgentEngine engine,
            StepSecrets secrets,
            MlopsGlobalConfiguration global)
            throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        SecretMasker masker = secrets.masker();
        StepResult result = read(workspace.child(inv.resultFile()), log);
        String stale = result == null ? null : FreshResult.problem(result, inv, exit);
        if (stale != null) {
            log.println(stale);
            result = null;
        }
        BuildOutcome outcome =
                BuildOutcome.of(inv.step().id(), exit, result, step.failOnThreshold(), step.unstableOnThreshold());
        outcome = new BuildOutcome(outcome.result(), outcome.verdict(), masker.mask(outcome.message()));
        if (result == null) {
            throw new AbortException(outcome.message());
        }
        StageNames stages = StageNames.of(node);
        MlopsResultAction action = attach(stages, inv, result, outcome, log);
        String detailsUrl = env.get("BUILD_URL") == null ? null : env.get("BUILD_URL") + action.getUrlName() + "/";
        if (!step.isSkipJUnit()) {
            recordTests(stages, inv);
        }
        if (!step.isSkipPublishingChecks()) {
            publishChecks(stages, inv, result, outcome, detailsUrl, masker);
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
            publishToGitHub(engine, publish, masker);
        }
        Map<String, Object> value = ResultMap.of(inv, result, outcome, stepResults(inv, result, log));
        return finish(outcome, run, node, log, value);
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

    /** result.json, or null (with the reason in the log) when it is missing or not the contract. */
    static StepResult read(FilePath file, PrintStream log) throws InterruptedException {
        try {
            if (!file.exists()) {
                log.println("mlops: no result at " + file.getRemote());
                return null;
            }
            try (InputStream in = file.read()) {
                return ResultJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file.getRemote());
            }
        } catch (IOException e) {
            log.println("mlops: cannot read the step's result: " + e.getMessage());
            return null;
        }
    }

    /** For {@code mlops run}: the results of the steps it ran, for their metrics. */
    private List<StepResult> stepResults(EngineInvocation inv, StepResult summary, PrintStream log)
            throws InterruptedException {
        List<StepResult> out = new ArrayList<>();
        for (StepSummary line : summary.steps() == null ? List.<StepSummary>of() : summary.steps()) {
            if (line.result() != null) {
                String dir = inv.effectiveWorkdir();
                StepResult r = read(workspace.child(Layout.join(dir, line.result())), log);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /**
     * Adds the build-page action (one per step call) and copies the reports into the build. Only
     * choosing the action's unique URL name and adding it hold the build's lock (no I/O there);
     * the copy from the agent runs without it.
     */
    private MlopsResultAction attach(
            StageNames stages, EngineInvocation inv, StepResult result, BuildOutcome outcome, PrintStream log)
            throws InterruptedException {
        MlopsResultAction action;
        synchronized (run) {
            action = new MlopsResultAction(
                    inv.step().id(), stages.path(), urlName(run, inv.step().id()), result, outcome);
            run.addAction(action);
        }
        File dir = new File(new File(run.getRootDir(), MlopsResultAction.DIR), action.getUrlName());
        String files =
                inv.step() == StepId.RUN ? "result.json,report.*,*/result.json,*/report.*" : "result.json,report.*";
        try {
            workspace.child(inv.reportDir()).copyRecursiveTo(files, new FilePath(dir));
        } catch (IOException e) {
            log.println("mlops: cannot copy the reports into the build (" + e.getMessage()
                    + "); the build page shows the summary only");
        }
        return action;
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

    /**
     * The criteria as JUnit results (the engine's report.xml), attributed to the step's stage and
     * parallel branch, without letting the junit plugin decide the build result.
     */
    private void recordTests(StageNames stages, EngineInvocation inv) throws InterruptedException {
        JUnitResultArchiver archiver = new JUnitResultArchiver(Layout.join(inv.reportDir(), Layout.JUNIT));
        archiver.setAllowEmptyResults(true);
        archiver.setSkipPublishingChecks(true);
        try {
            JUnitResultArchiver.parseAndAttach(archiver, stages.testDetails(), run, workspace, launcher, listener);
        } catch (IOException e) {
            listener.getLogger().println("mlops: cannot record the criteria as test results: " + e.getMessage());
        }
    }

    private void publishChecks(
            StageNames stages,
            EngineInvocation inv,
            StepResult result,
            BuildOutcome outcome,
            String detailsUrl,
            SecretMasker masker)
            throws InterruptedException {
        String markdown = null;
        FilePath md = workspace.child(Layout.join(inv.reportDir(), Layout.MARKDOWN));
        try {
            if (md.exists()) {
                try (InputStream in = md.read()) {
                    markdown = masker.mask(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            ChecksPublisherFactory.fromRun(run, listener)
                    .publish(ChecksMapping.details(
                            ChecksMapping.name(
                                    checksInfo == null ? null : checksInfo.getName(), stages.path(), inv.step()),
                            result,
                            outcome,
                            markdown,
                            detailsUrl));
        } catch (IOException | RuntimeException e) {
            listener.getLogger().println("mlops: cannot publish the check: " + e);
        }
    }

    /** The engine's GitHub publisher (sticky PR comment, check run or status); its failure never changes the verdict. */
    private void publishToGitHub(AgentEngine engine, GitHubPublishCommand publish, SecretMasker masker)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(engine.java(), "-jar", engine.jar()));
        cmd.addAll(publish.arguments());
        Map<String, String> processEnv = new LinkedHashMap<>(env);
        processEnv.putAll(publish.env());
        listener.getLogger().println("mlops: publishing to GitHub");
        int code;
        try (MaskingOutputStream out = new MaskingOutputStream(listener.getLogger(), masker)) {
            code = launcher.launch()
                    .cmds(EngineInvocation.forLauncher(cmd))
                    .envs(LauncherEnv.escape(processEnv))
                    .pwd(workspace)
                    .stdout(out)
                    .quiet(true)
                    .join();
        }
        if (code != 0) {
            listener.getLogger()
                    .println("mlops: publishing to GitHub failed: " + ExitCodes.describe(code) + " (exit " + code
                            + "); the step's verdict stands");
        }
    }
}
