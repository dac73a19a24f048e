package io.mlopsci.jenkins.stubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.remoting.Callable;
import hudson.remoting.LocalChannel;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jenkins.agents.ControllerToAgentFileCallable;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stubs behave like the real classes wherever the plugin depends on it and a naive stub would
 * differ: environment values expand ({@code EnvVars.overrideExpandingAll}), a FilePath on a remote
 * channel sends its callables over it, executions serialize and resume as Jenkins treats them, the
 * timer stops with Jenkins. Each case names the real behaviour it mirrors.
 */
class StubBehaviourTest {

    @TempDir
    Path tmp;

    // ---- EnvVars / Launcher (jenkinsci/jenkins core: EnvVars.overrideExpandingAll, LocalLauncher.launch)

    @Test
    void overridesExpandVariablesAndDoubleDollarsLikeTheRealEnvVars() {
        EnvVars env = new EnvVars("HOME", "/home/j", "PATH", "/bin");
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("A", "x-$B"); // refers to B, which comes later: ordered after it
        overrides.put("B", "${HOME}/b");
        overrides.put("PW", "pa$$w0rd");
        overrides.put("UNKNOWN", "$NOPE stays");
        overrides.put("PATH+TOOL", "/opt/tool/bin");
        env.overrideExpandingAll(overrides);
        assertThat(env)
                .containsEntry("B", "/home/j/b")
                .containsEntry("A", "x-/home/j/b")
                .containsEntry("PW", "pa$w0rd")
                .containsEntry("UNKNOWN", "$NOPE stays")
                .containsEntry("PATH", "/opt/tool/bin" + File.pathSeparator + "/bin");
    }

    // ---- FilePath on a remote channel (jenkinsci/jenkins core: FilePath.act over VirtualChannel.call)

    /** An agent's channel: every call crosses a wire (Java serialization both ways), counted. */
    static final class AgentChannel implements VirtualChannel {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public <V, T extends Throwable> V call(Callable<V, T> callable) throws T {
            calls.incrementAndGet();
            V result = LocalChannel.Remoting.roundTrip(callable).call();
            return LocalChannel.Remoting.roundTrip(result);
        }

        @Override
        public <V, T extends Throwable> Future<V> callAsync(Callable<V, T> callable) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}

        @Override
        public void join() {}

        @Override
        public void join(long timeout) {}

        @Override
        public <T> T export(Class<T> type, T instance) {
            return instance;
        }

        @Override
        public void syncLocalIO() {}
    }

    record Size() implements ControllerToAgentFileCallable<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long invoke(File f, VirtualChannel channel) {
            return f.length();
        }
    }

    @Test
    void aFilePathOnARemoteChannelSendsItsCallablesThroughIt() throws Exception {
        Files.writeString(tmp.resolve("f.txt"), "12345");
        AgentChannel agent = new AgentChannel();
        FilePath dir = new FilePath(agent, tmp.toString());
        FilePath f = dir.child("f.txt");
        assertThat(f.isRemote()).isTrue();
        assertThat(f.getChannel()).isSameAs(agent);
        assertThat(f.act(new Size())).isEqualTo(5L);
        assertThat(agent.calls).hasValue(1);
        Object notSerializable = new Object();
        assertThatThrownBy(() -> f.act(new ControllerToAgentFileCallable<String>() {
                    @Override
                    public String invoke(File file, VirtualChannel channel) {
                        return notSerializable.toString();
                    }
                }))
                .hasMessageContaining("cannot send");
        assertThat(new FilePath(tmp.toFile()).isRemote()).isFalse();
    }

    // ---- StepExecution (jenkinsci/workflow-step-api: StepExecution, SynchronousNonBlockingStepExecution)

    @Test
    void executionsDoNotBlockARestartByDefaultAndSynchronousOnesCannotResume() throws Exception {
        RecordingContext context = new RecordingContext();
        StepExecution plain = new StepExecution(context) {
            @Override
            public boolean start() {
                return false;
            }
        };
        assertThat(plain.blocksRestart())
                .as("StepExecution.blocksRestart: false by default")
                .isFalse();
        plain.onResume(); // a no-op by default
        assertThat(context.failure).isNull();

        SynchronousNonBlockingStepExecution<String> sync = new SynchronousNonBlockingStepExecution<>(context) {
            @Override
            protected String run() {
                return "done";
            }
        };
        sync.onResume();
        assertThat(context.failure)
                .as("a synchronous execution fails after a restart (SynchronousResumeNotSupportedException)")
                .isNotNull();
    }

    @Test
    void theTimerStopsWithJenkinsAndStartsAgainAfterwards() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Timer.get().schedule(runs::incrementAndGet, 200, TimeUnit.MILLISECONDS);
        Timer.shutdown();
        Thread.sleep(400); // past the delay: the task would have run by now
        assertThat(runs).as("scheduled work does not survive").hasValue(0);
        Timer.get().schedule(runs::incrementAndGet, 0, TimeUnit.MILLISECONDS).get(30, TimeUnit.SECONDS);
        assertThat(runs).hasValue(1);
    }

    static final class RecordingContext extends StepContext {
        private static final long serialVersionUID = 1L;
        transient Throwable failure;

        @Override
        public <T> T get(Class<T> key) {
            return null;
        }

        @Override
        public void onSuccess(Object result) {}

        @Override
        public void onFailure(Throwable t) {
            failure = t;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public com.google.common.util.concurrent.ListenableFuture<Void> saveState() {
            return com.google.common.util.concurrent.Futures.immediateFuture(null);
        }

        @Override
        public void setResult(hudson.model.Result r) {}

        @Override
        public org.jenkinsci.plugins.workflow.steps.BodyInvoker newBodyInvoker() {
            throw new IllegalStateException();
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }
}
