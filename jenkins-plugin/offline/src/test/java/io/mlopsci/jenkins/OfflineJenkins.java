package io.mlopsci.jenkins;

import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.EnvVars;
import hudson.ExtensionList;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Computer;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Node;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksPublisher;
import io.jenkins.plugins.checks.api.ChecksPublisherFactory;
import io.jenkins.plugins.checks.steps.ChecksInfo;
import io.mlopsci.core.testing.Requirements;
import io.mlopsci.core.testing.Sandbox;
import io.mlopsci.jenkins.tool.MlopsEngineInstallation;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A Pipeline step's world without Jenkins: a job and a running build with its own directory, an
 * agent (its root directory, a workspace holding a sample from test-repos/ as a git repository, a
 * local launcher), the build log, a flow node, the step context, a capturing checks publisher and
 * the credentials store. Runs a step the way Pipeline does ({@code step.start(context).start()},
 * then waits for the context to be completed) and the engine for real in a forked JVM.
 */
final class OfflineJenkins {

    static final String BUILD_URL = "http://jenkins.example/job/sample/1/";

    final Path home;
    final Sandbox sandbox;
    final FilePath workspace;
    final Path agentRoot;
    final TestRun run;
    final EnvVars env = new EnvVars();
    final TestFlowNode node = new TestFlowNode();
    final List<ChecksDetails> checks = new ArrayList<>();
    /** Every process the steps launched on the agent, with the environment overrides they passed. */
    final List<Launched> launched = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final TaskListener listener;
    private ChecksInfo checksInfo;

    @SuppressWarnings("deprecation") // ExtensionList.add: how tests register an extension instance
    private OfflineJenkins(Path home, Sandbox sandbox) throws IOException {
        this.home = home;
        this.sandbox = sandbox;
        this.workspace = new FilePath(sandbox.dir().toFile());
        this.agentRoot = Files.createDirectories(home.resolve("agent"));
        this.run =
                new TestRun(new TestJob(), home.resolve("jobs/sample/builds/1").toFile());
        this.listener = new StreamTaskListener(new Tee(logBytes, System.out), StandardCharsets.UTF_8);
        env.putAll(sandbox.environment());
        env.put("JENKINS_URL", "http://jenkins.example/");
        env.put("BUILD_URL", BUILD_URL);
        env.put("JOB_NAME", "sample");
        env.put("BUILD_NUMBER", "1");
        env.put("WORKSPACE", sandbox.dir().toString());
        env.put("BRANCH_NAME", "main");
        resetGlobals();
        ExtensionList.lookup(ChecksPublisherFactory.class).add(new CapturingFactory(checks));
    }

    /** A workspace holding {@code test-repos/<sample>} committed on {@code main}. */
    static OfflineJenkins withSample(String sample, Path home) throws IOException {
        return new OfflineJenkins(home, Sandbox.of(sample, Files.createDirectories(home.resolve("ws")), "main"));
    }

    /** Another build (its own job directory under {@code home}) in an existing workspace. */
    static OfflineJenkins inWorkspace(Sandbox sandbox, Path home) throws IOException {
        return new OfflineJenkins(home, sandbox);
    }

    /** The engine the reactor built: a pre-installed engine installation's home (it holds mlops.jar). */
    static Path engineHome() {
        return Path.of(System.getProperty("mlops.repoRoot", "../.."), "shared-core", "target")
                .toAbsolutePath()
                .normalize();
    }

    /** Skips (or, with MLOPS_REQUIRE_ALL=1, fails) when the engine jar was not built. */
    static void requireEngine() {
        Requirements.require(
                Files.isRegularFile(engineHome().resolve("mlops.jar")),
                "the engine jar shared-core/target/mlops.jar "
                        + "(package shared-core first: ./mvnw verify -pl jenkins-plugin/offline -am)");
    }

    /** The engine installations Manage Jenkins › Tools would hold: one pre-installed, the reactor's. */
    static void configureEngine() {
        Jenkins.get()
                .getDescriptorByType(MlopsEngineInstallation.DescriptorImpl.class)
                .setInstallations(
                        new MlopsEngineInstallation("local", engineHome().toString(), List.of()));
    }

    /** Jenkins-wide state lives in static registries in the stub, as in Jenkins; every fixture starts clean. */
    static void resetGlobals() {
        configureEngine();
        ExtensionList.lookup(ChecksPublisherFactory.class).clear();
        SystemCredentialsProvider.getInstance().getCredentials().clear();
        MlopsGlobalConfiguration global = MlopsGlobalConfiguration.get();
        global.setMlflowTrackingUri(null);
        global.setMlflowCredentialsId(null);
        global.setRegistryCredentialsId(null);
        global.setGithubCredentialsId(null);
        global.setGithubApiUrl(null);
    }

    OfflineJenkins withChecks(String name) {
        this.checksInfo = new ChecksInfo(name);
        return this;
    }

    String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    /** Runs the step to completion, as Pipeline would, and returns what it returned or threw. */
    StepRun execute(Step step) throws Exception {
        return started(step).await();
    }

    /** Starts the step as Pipeline would ({@code step.start(context).start()}); it runs on. */
    Started started(Step step) throws Exception {
        int logStart = logBytes.size();
        TestContext context = new TestContext(contextValues());
        StepExecution execution = step.start(context);
        execution.start();
        return new Started(execution, context, logStart);
    }

    /**
     * Stands for a controller restart: the old execution's timer stops (Jenkins' JVM ends), the
     * execution is serialized as the build's program is and read back with a new context for the
     * same build, and {@code onResume()} is called, as Pipeline does after a restart.
     */
    Started restart(Started before) throws Exception {
        jenkins.util.Timer.shutdown();
        byte[] bytes = serialized(before);
        TestContext context = new TestContext(contextValues());
        StepExecution revived;
        try (ContextUnpickler in = new ContextUnpickler(new java.io.ByteArrayInputStream(bytes), context)) {
            revived = (StepExecution) in.readObject();
        }
        revived.onResume();
        return new Started(revived, context, logBytes.size());
    }

    /** The execution as Pipeline saves it with the build (its context pickled). */
    byte[] serialized(Started running) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ContextPickler out = new ContextPickler(bytes)) {
            out.writeObject(running.execution());
        }
        return bytes.toByteArray();
    }

    /** A running step: its execution, its context, and where its part of the log starts. */
    final class Started {
        private final StepExecution execution;
        private final TestContext context;
        private final int logStart;

        Started(StepExecution execution, TestContext context, int logStart) {
            this.execution = execution;
            this.context = context;
            this.logStart = logStart;
        }

        StepExecution execution() {
            return execution;
        }

        boolean isDone() {
            return context.outcome.isDone();
        }

        String logSoFar() {
            byte[] all = logBytes.toByteArray();
            return new String(all, logStart, all.length - logStart, StandardCharsets.UTF_8);
        }

        StepRun await() throws Exception {
            Object value = null;
            Throwable error = null;
            try {
                value = context.outcome.get(10, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                error = e.getCause();
            }
            return new StepRun(value, error, logSoFar(), run.getResult());
        }
    }

    /** The step context is not part of what is saved: Pipeline pickles it and gives the revived execution a new one. */
    private static final class ContextPickler extends java.io.ObjectOutputStream {
        ContextPickler(OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            return obj instanceof TestContext ? new ContextPickle() : obj;
        }
    }

    private static final class ContextUnpickler extends java.io.ObjectInputStream {
        private final TestContext context;

        ContextUnpickler(java.io.InputStream in, TestContext context) throws IOException {
            super(in);
            this.context = context;
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object obj) {
            return obj instanceof ContextPickle ? context : obj;
        }
    }

    private record ContextPickle() implements java.io.Serializable {}

    private Map<Class<?>, Object> contextValues() {
        Map<Class<?>, Object> m = new HashMap<>();
        m.put(Run.class, run);
        m.put(TaskListener.class, listener);
        m.put(FilePath.class, workspace);
        m.put(Launcher.class, new RecordingLauncher(listener, launched));
        m.put(EnvVars.class, new EnvVars(env));
        m.put(FlowNode.class, node);
        m.put(Computer.class, new TestComputer(new FilePath(agentRoot.toFile())));
        if (checksInfo != null) {
            m.put(ChecksInfo.class, checksInfo);
        }
        return m;
    }

    /** What a step returned or threw, the log it wrote, and the build result afterwards. */
    record StepRun(Object value, Throwable error, String log, Result buildResult) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            if (error != null) {
                throw new AssertionError("the step failed: " + error + "\n--- log\n" + log, error);
            }
            return (Map<String, Object>) value;
        }
    }

    /** A process launch: its arguments and the environment variables the step set. */
    record Launched(List<String> command, Map<String, String> env) {}

    /** The agent's launcher, keeping a record of what it starts. */
    static final class RecordingLauncher extends Launcher.LocalLauncher {
        private final List<Launched> launched;

        RecordingLauncher(TaskListener listener, List<Launched> launched) {
            super(listener);
            this.launched = launched;
        }

        /**
         * Records the command (for a durable task: the engine command its script starts, read back
         * from the Java argument file) and the overrides as the process receives them (after the
         * launcher's {@code overrideExpandingAll}).
         */
        @Override
        public hudson.Proc launch(ProcStarter ps) throws IOException {
            EnvVars overrides = new EnvVars();
            for (String e : ps.envs()) {
                overrides.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
            }
            EnvVars received = new EnvVars(System.getenv()).overrideExpandingAll(overrides);
            Map<String, String> env = new java.util.TreeMap<>();
            overrides.keySet().forEach(k -> env.put(k, received.get(k)));
            launched.add(new Launched(DurableCommands.engineCommand(ps.cmds()), env));
            return super.launch(ps);
        }
    }

    static final class TestJob extends Job<TestJob, TestRun> {
        TestJob() {
            super((ItemGroup<?>) null, "sample");
        }
    }

    static final class TestRun extends Run<TestJob, TestRun> {
        TestRun(TestJob job, File dir) throws IOException {
            super(job, dir);
        }
    }

    static final class TestFlowNode extends FlowNode {
        TestFlowNode() {
            super(null, "7");
        }

        @Override
        protected String getTypeDisplayName() {
            return "mlops step";
        }
    }

    /** The agent: its root directory is where the engine cache goes. */
    static final class TestComputer extends Computer {
        private final FilePath root;

        TestComputer(FilePath root) {
            this.root = root;
        }

        @Override
        public Node getNode() {
            return new OfflineJenkinsNodes.Agent(root);
        }
    }

    /** The context Pipeline gives a step, completed by the step's execution. */
    static final class TestContext extends StepContext {
        private static final long serialVersionUID = 1L;
        private final transient Map<Class<?>, Object> values;
        final transient CompletableFuture<Object> outcome = new CompletableFuture<>();

        TestContext(Map<Class<?>, Object> values) {
            this.values = values;
        }

        @Override
        public <T> T get(Class<T> key) {
            return key.cast(values.get(key));
        }

        @Override
        public void onSuccess(Object result) {
            outcome.complete(result);
        }

        @Override
        public void onFailure(Throwable t) {
            outcome.completeExceptionally(t);
        }

        @Override
        public boolean isReady() {
            return outcome.isDone();
        }

        @Override
        public ListenableFuture<Void> saveState() {
            return Futures.immediateFuture(null);
        }

        @Override
        public void setResult(Result r) {
            ((Run<?, ?>) values.get(Run.class)).setResult(r);
        }

        @Override
        public BodyInvoker newBodyInvoker() {
            throw new IllegalStateException("no body");
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** An installed checks implementation (as github-checks would be) that keeps what it is given. */
    static final class CapturingFactory extends ChecksPublisherFactory {
        private final List<ChecksDetails> published;

        CapturingFactory(List<ChecksDetails> published) {
            this.published = published;
        }

        @Override
        protected Optional<ChecksPublisher> createPublisher(Run<?, ?> run, TaskListener listener) {
            return Optional.of(new ChecksPublisher() {
                @Override
                public void publish(ChecksDetails details) {
                    published.add(details);
                }
            });
        }
    }

    /** The build log, echoed to the test output. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final PrintStream b;

        Tee(OutputStream a, PrintStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
