package io.mlopsci.jenkins.engine;

import hudson.AbortException;
import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * The engine as it is installed on one agent: the agent's own {@code java} and the engine jar in
 * the agent's cache, {@code <cache>/<sha256>/mlops.jar}. The jar is copied once per agent and
 * version: a cache directory named by the hash holds a jar only after its bytes were verified
 * there, so an interrupted copy is never used and concurrent builds never see half a jar.
 *
 * @param java the {@code java} executable of the agent's JVM
 * @param jar  the engine jar on the agent
 * @param copied whether this call copied the jar (false: it was cached)
 */
public record AgentEngine(String java, String jar, boolean copied) {

    /** The oldest Java the engine runs on (it is compiled with {@code --release 17}). */
    public static final int MINIMUM_JAVA = 17;

    /** Installs (or finds) the engine under {@code cacheRoot} and finds the agent's Java. */
    public static AgentEngine prepare(EngineJar engine, FilePath cacheRoot, PrintStream log)
            throws IOException, InterruptedException {
        JavaRuntime runtime = cacheRoot.act(new FindJava());
        if (runtime.feature() < MINIMUM_JAVA) {
            throw new AbortException("mlops: the agent runs Java " + runtime.feature() + " (" + runtime.java()
                    + "); the mlops engine needs Java " + MINIMUM_JAVA + " or newer on the agent");
        }
        FilePath dir = cacheRoot.child(engine.sha256());
        FilePath jar = dir.child(EngineJar.RESOURCE);
        if (jar.exists()) {
            return new AgentEngine(runtime.java(), jar.getRemote(), false);
        }
        log.println("mlops: copying the engine (" + engine.size() / (1024 * 1024) + " MB, sha256 "
                + engine.sha256().substring(0, 12) + ") to " + dir.getRemote());
        dir.mkdirs();
        FilePath partial = dir.child(EngineJar.RESOURCE + "." + UUID.randomUUID() + ".partial");
        try {
            try (InputStream in = engine.open()) {
                partial.copyFrom(in);
            }
            // Remote writes are asynchronous to later calls on the channel; wait for them before hashing.
            partial.getChannel().syncLocalIO();
            String actual = partial.act(new Sha256());
            if (!actual.equals(engine.sha256())) {
                throw new IOException("the engine copied to " + partial.getRemote() + " has sha256 " + actual
                        + ", expected " + engine.sha256() + " (disk full or a transfer error?)");
            }
            partial.act(new MoveInto(jar.getRemote()));
        } finally {
            partial.delete();
        }
        return new AgentEngine(runtime.java(), jar.getRemote(), true);
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

    /** Runs on the agent: the SHA-256 of a file, in hex. */
    record Sha256() implements ControllerToAgentFileCallable<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String invoke(File f, VirtualChannel channel) throws IOException {
            try (InputStream in =
                    new DigestInputStream(Files.newInputStream(f.toPath()), MessageDigest.getInstance("SHA-256"))) {
                byte[] buf = new byte[1 << 16];
                while (in.read(buf) > 0) {
                    // digesting
                }
                return HexFormat.of()
                        .formatHex(((DigestInputStream) in).getMessageDigest().digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IOException("SHA-256 is not available on the agent", e);
            }
        }
    }

    /**
     * Runs on the agent: moves the verified jar to its final name. When another build got there
     * first the target already holds the same verified bytes, so that is success too.
     */
    record MoveInto(String target) implements ControllerToAgentFileCallable<Void> {
        private static final long serialVersionUID = 1L;

        @Override
        public Void invoke(File f, VirtualChannel channel) throws IOException {
            try {
                Files.move(f.toPath(), new File(target).toPath(), StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // a concurrent build installed the same version
            } catch (IOException e) {
                if (!new File(target).isFile()) {
                    throw e;
                }
            }
            return null;
        }
    }
}
