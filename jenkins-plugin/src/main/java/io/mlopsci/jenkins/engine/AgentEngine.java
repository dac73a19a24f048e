package io.mlopsci.jenkins.engine;

import hudson.AbortException;
import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * The engine as it is installed on one agent: the agent's own {@code java} and the engine jar in
 * the installation directory (see {@code io.mlopsci.jenkins.tool}).
 *
 * @param java the {@code java} executable of the agent's JVM
 * @param jar  the engine jar on the agent
 */
public record AgentEngine(String java, String jar) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The oldest Java the engine runs on (it is compiled with {@code --release 17}). */
    public static final int MINIMUM_JAVA = 17;

    /** The file an installation directory holds. */
    public static final String JAR = "mlops.jar";

    /** Finds the agent's Java and the engine jar in {@code home}; fails in words when either is unusable. */
    public static AgentEngine locate(FilePath home) throws IOException, InterruptedException {
        JavaRuntime runtime = home.act(new FindJava());
        if (runtime.feature() < MINIMUM_JAVA) {
            throw new AbortException("mlops: the agent runs Java " + runtime.feature() + " (" + runtime.java()
                    + "); the mlops engine needs Java " + MINIMUM_JAVA + " or newer on the agent");
        }
        FilePath jar = home.child(JAR);
        if (!jar.exists()) {
            throw new AbortException(
                    "mlops: no engine at " + jar.getRemote() + " (the installation's home must hold " + JAR + ")");
        }
        return new AgentEngine(runtime.java(), jar.getRemote());
    }

    /** The agent JVM's {@code java} and its feature version. */
    record JavaRuntime(String java, int feature) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Runs on the agent: its own Java home. */
    record FindJava() implements ControllerToAgentFileCallable<JavaRuntime> {
        private static final long serialVersionUID = 1L;

        @Override
        public JavaRuntime invoke(File f, VirtualChannel channel) {
            boolean windows = File.pathSeparatorChar == ';';
            File java = new File(new File(System.getProperty("java.home"), "bin"), windows ? "java.exe" : "java");
            return new JavaRuntime(java.getAbsolutePath(), Runtime.version().feature());
        }
    }
}
