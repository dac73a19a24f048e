package io.mlopsci.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.checks.steps.ChecksInfo;
import io.mlopsci.jenkins.engine.AgentEngine;
import io.mlopsci.jenkins.engine.EngineInvocation;
import io.mlopsci.jenkins.engine.EngineScript;
import io.mlopsci.jenkins.engine.FreshResult;
import io.mlopsci.jenkins.engine.MaskingOutputStream;
import io.mlopsci.jenkins.tool.EngineInstallations;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.durabletask.BourneShellScript;
import org.jenkinsci.plugins.durabletask.Controller;
import org.jenkinsci.plugins.durabletask.DurableTask;
import org.jenkinsci.plugins.durabletask.WindowsBatchScript;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs one {@code mlops*} step the way {@code sh} runs a script: the engine is a durable task on
 * the agent (the durable-task plugin's {@link BourneShellScript}, or {@link WindowsBatchScript} on
 * Windows), and this execution — serialized with the build — only polls its log and exit status
 * from Jenkins' timer, holding no thread while the engine works. After a controller restart
 * {@link #onResume()} picks up polling the same process and ends with its verdict. Three phases:
 * <ol>
 *   <li>{@code PREPARING} (a background thread): credentials, the engine installation on the
 *   agent, launching the task. Blocks a safe restart (it is short).</li>
 *   <li>{@code RUNNING}: polling. Does not block a restart.</li>
 *   <li>{@code FINISHING} (a background thread): {@link StepCompletion} reads result.json and
 *   publishes. Blocks a safe restart; after a hard one it runs again from the saved exit code.</li>
 * </ol>
 * {@link #stop} kills the engine and everything it started (the durable task's cookie is in
 * their environment).
 */
final class MlopsStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(MlopsStepExecution.class.getName());

    /** Polling starts fast and slows down while the engine is quiet, as DurableTaskStep's does. */
    static final long MIN_POLL_MS = 250;

    static final long MAX_POLL_MS = 15_000;

    /** DurableTaskStep's RECURRENCE_PERIOD_BACKOFF: a short engine run is seen to end soon after it does. */
    static final double POLL_BACKOFF = 1.2;

    enum Phase {
        PREPARING,
        RUNNING,
        FINISHING,
        DONE
    }

    private final MlopsStep step;
    private volatile Phase phase = Phase.PREPARING;
    private Controller controller;
    private AgentEngine engine;
    private String argumentFile;
    private Integer exitCode;
    /** The engine call's {@code --invocation-id}; its result.json must name it (see {@link FreshResult}). */
    private String invocationId;

    private transient volatile Future<?> task;
    private transient long pollMs;
    private transient MaskingOutputStream log;
    private transient StepSecrets secrets;
    private transient volatile boolean waitingForAgentSaid;
    private transient long failingSince;

    /** How long polling may keep failing (an agent reconnecting, a slow file system) before the step fails. */
    static final long MAX_POLL_FAILURE_MS = TimeUnit.MINUTES.toMillis(5);

    MlopsStepExecution(MlopsStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    public boolean start() {
        task = Computer.threadPoolForRemoting.submit(this::prepareAndLaunch);
        return false;
    }

    /** PREPARING: on a background thread, since installing the engine may download it. */
    private void prepareAndLaunch() {
        try {
            StepContext ctx = getContext();
            Run<?, ?> run = ctx.get(Run.class);
            TaskListener listener = ctx.get(TaskListener.class);
            FilePath workspace = ctx.get(FilePath.class);
            Launcher launcher = ctx.get(Launcher.class);
            EnvVars env = ctx.get(EnvVars.class);
            Computer computer = ctx.get(Computer.class);
            Node node = computer == null ? null : computer.getNode();
            if (node == null) {
                throw new AbortException("mlops: the step's agent is gone");
            }
            invocationId = FreshResult.newInvocationId();
            EngineInvocation inv = step.invocation().withInvocationId(invocationId);
            secrets = StepSecrets.resolve(step, MlopsGlobalConfiguration.get(), run);
            FilePath home = EngineInstallations.home(EngineInstallations.select(step.getEngine()), node, env, listener);
            AgentEngine located = AgentEngine.locate(home);

            // A result.json (or report) left from an earlier build must never stand for this one.
            FreshResult.clearPrevious(workspace, inv);
            FilePath tmp = WorkspaceList.tempDir(workspace);
            FilePath args =
                    (tmp != null ? tmp : workspace.child(".mlops")).child("mlops-" + UUID.randomUUID() + ".args");
            // The agent's default charset: what the Java launcher reads argument files in.
            args.write(EngineScript.argumentFile(inv.javaArguments(located.jar())), null);
            DurableTask durable = launcher.isUnix()
                    ? new BourneShellScript(EngineScript.unix(located.java(), args.getRemote()))
                    : new WindowsBatchScript(EngineScript.windows(located.java(), args.getRemote()));
            EnvVars processEnv = new EnvVars(env);
            processEnv.putAll(secrets.forEngine(env)); // the durable task escapes "$" in every value
            listener.getLogger()
                    .println("mlops: on " + node.getNodeName() + ": " + located.java() + " "
                            + String.join(" ", inv.javaArguments(located.jar())));
            Controller launched = durable.launch(processEnv, workspace, launcher, listener);
            synchronized (this) {
                if (phase != Phase.PREPARING) { // stopped while launching: the new process must not outlive the step
                    launched.stop(workspace, launcher);
                    launched.cleanup(workspace);
                    return;
                }
                controller = launched;
                engine = located;
                argumentFile = args.getRemote();
                phase = Phase.RUNNING;
            }
            ctx.saveState();
            schedulePoll(MIN_POLL_MS);
        } catch (Throwable t) {
            fail(t);
        }
    }

    /** RUNNING: one look at the task's log and exit status; reschedules itself until the engine exits. */
    private void poll() {
        if (phase != Phase.RUNNING) {
            return;
        }
        try {
            StepContext ctx = getContext();
            FilePath workspace = ctx.get(FilePath.class);
            if (workspace == null || workspace.getChannel() == null) {
                if (!waitingForAgentSaid) {
                    waitingForAgentSaid = true;
                    ctx.get(TaskListener.class).getLogger().println("mlops: waiting for the agent to come back");
                }
                schedulePoll(MAX_POLL_MS);
                return;
            }
            waitingForAgentSaid = false;
            failingSince = 0;
            TaskListener listener = ctx.get(TaskListener.class);
            MaskingOutputStream sink = logSink(listener);
            boolean output = controller.writeLog(workspace, sink);
            Integer status = controller.exitStatus(workspace, ctx.get(Launcher.class), listener);
            if (status == null) {
                if (output) {
                    ctx.saveState();
                }
                schedulePoll(output ? MIN_POLL_MS : Math.min((long) (pollMs * POLL_BACKOFF), MAX_POLL_MS));
                return;
            }
            controller.writeLog(workspace, sink);
            sink.close();
            controller.cleanup(workspace);
            synchronized (this) {
                if (phase != Phase.RUNNING) {
                    return; // stopped meanwhile
                }
                exitCode = status;
                phase = Phase.FINISHING;
            }
            ctx.saveState();
            task = Computer.threadPoolForRemoting.submit(this::finish);
        } catch (IOException e) {
            // The agent may be reconnecting: keep trying for a while, as sh does, then give up in words.
            long now = System.currentTimeMillis();
            if (failingSince == 0) {
                failingSince = now;
            }
            if (now - failingSince > MAX_POLL_FAILURE_MS) {
                fail(new AbortException("mlops: lost the engine's process on the agent: " + e.getMessage()));
            } else {
                LOGGER.log(Level.FINE, "cannot poll the engine yet", e);
                schedulePoll(MAX_POLL_MS);
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    /** FINISHING: the result, reports and publishing, on a background thread. */
    private void finish() {
        try {
            StepContext ctx = getContext();
            FilePath workspace = ctx.get(FilePath.class);
            if (argumentFile != null) {
                workspace.child(argumentFile).delete();
            }
            StepCompletion completion = new StepCompletion(
                    ctx.get(Run.class),
                    ctx.get(TaskListener.class),
                    workspace,
                    ctx.get(Launcher.class),
                    ctx.get(EnvVars.class),
                    ctx.get(FlowNode.class),
                    ctx.get(ChecksInfo.class));
            Map<String, Object> value = completion.complete(
                    step,
                    step.invocation().withInvocationId(invocationId),
                    exitCode,
                    engine,
                    secrets(ctx),
                    MlopsGlobalConfiguration.get());
            if (done()) {
                ctx.onSuccess(value);
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    /** Kills the engine and what it started, then fails the step with the cause. */
    @Override
    public void stop(Throwable cause) throws Exception {
        Phase was;
        synchronized (this) {
            was = phase;
            phase = Phase.DONE;
        }
        Future<?> t = task;
        if (t != null) {
            t.cancel(was == Phase.PREPARING);
        }
        if (was == Phase.RUNNING && controller != null) {
            StepContext ctx = getContext();
            FilePath workspace = ctx.get(FilePath.class);
            if (workspace != null) {
                ctx.get(TaskListener.class).getLogger().println("mlops: stopping the engine");
                controller.stop(workspace, ctx.get(Launcher.class));
                try {
                    controller.cleanup(workspace);
                } catch (IOException e) {
                    LOGGER.log(Level.FINE, "cannot remove the stopped engine's control directory", e);
                }
            }
        }
        if (was != Phase.DONE) {
            getContext().onFailure(cause);
        }
    }

    /** After a controller restart: poll the same process again, or redo the finishing work. */
    @Override
    public void onResume() {
        switch (phase) {
            case RUNNING -> schedulePoll(MIN_POLL_MS);
            case FINISHING -> task = Computer.threadPoolForRemoting.submit(this::finish);
            case PREPARING ->
                fail(new AbortException("mlops: Jenkins restarted while the step was preparing the engine (before it"
                        + " started); run the build again"));
            case DONE -> {
                // already reported
            }
        }
    }

    /** Only the short preparing and finishing phases keep a safe restart waiting; a running engine does not. */
    @Override
    public boolean blocksRestart() {
        return phase == Phase.PREPARING || phase == Phase.FINISHING;
    }

    @Override
    public String getStatus() {
        return switch (phase) {
            case PREPARING -> "preparing the engine";
            case RUNNING -> "engine running; polling every " + pollMs + " ms";
            case FINISHING -> "engine exited with " + exitCode + "; publishing the result";
            case DONE -> "done";
        };
    }

    Phase phase() {
        return phase;
    }

    private void schedulePoll(long ms) {
        pollMs = Math.max(ms, MIN_POLL_MS);
        try {
            task = Timer.get().schedule(this::poll, pollMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Jenkins is shutting down: the saved execution resumes polling after the restart.
            LOGGER.log(Level.FINE, "not polling: Jenkins is stopping", e);
        }
    }

    /** The masked log sink; after a restart the secrets are looked up again (they are never serialized). */
    private MaskingOutputStream logSink(TaskListener listener) throws IOException, InterruptedException {
        if (log == null) {
            log = new MaskingOutputStream(
                    listener.getLogger(), secrets(getContext()).masker());
        }
        return log;
    }

    private StepSecrets secrets(StepContext ctx) throws IOException, InterruptedException {
        if (secrets == null) {
            secrets = StepSecrets.resolve(step, MlopsGlobalConfiguration.get(), ctx.get(Run.class));
        }
        return secrets;
    }

    /** Marks the execution done; false when something else (stop) already reported its end. */
    private synchronized boolean done() {
        if (phase == Phase.DONE) {
            return false;
        }
        phase = Phase.DONE;
        return true;
    }

    private void fail(Throwable t) {
        if (done()) {
            if (!(t instanceof AbortException)) {
                LOGGER.log(Level.FINE, "mlops step failed", t);
            }
            getContext().onFailure(t);
        }
    }
}
