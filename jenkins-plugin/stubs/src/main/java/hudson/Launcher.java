// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/Launcher.java — signatures as in the real source;
// bodies are test doubles (test-only, never shipped).
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

public abstract class Launcher {
    protected final TaskListener listener;
    protected final VirtualChannel channel;

    protected Launcher(@NonNull TaskListener listener, @CheckForNull VirtualChannel channel) {
        this.listener = listener;
        this.channel = channel;
    }

    @CheckForNull
    public VirtualChannel getChannel() {
        return channel;
    }

    @NonNull
    public TaskListener getListener() {
        return listener;
    }

    public boolean isUnix() {
        return File.pathSeparatorChar == ':';
    }

    public final ProcStarter launch() {
        return new ProcStarter();
    }

    public abstract Proc launch(@NonNull ProcStarter starter) throws IOException;

    /**
     * Kills every process whose environment holds all of {@code modelEnvVars} (the real
     * LocalLauncher uses ProcessTree.killAll, which reads each process's environment).
     */
    public abstract void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException;

    protected final void printCommandLine(@NonNull String[] cmd, @CheckForNull FilePath workDir) {
        StringBuilder buf = new StringBuilder();
        if (workDir != null) {
            buf.append('[').append(workDir.getRemote()).append("] ");
        }
        buf.append('$');
        for (String c : cmd) {
            buf.append(' ').append(c.indexOf(' ') >= 0 ? '"' + c + '"' : c);
        }
        listener.getLogger().println(buf);
    }

    public final class ProcStarter {
        private List<String> commands;
        private boolean[] masks;
        private FilePath pwd;
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr;
        private InputStream stdin;
        private String[] envs;
        private boolean quiet;

        public ProcStarter cmds(String... args) {
            return cmds(Arrays.asList(args));
        }

        public ProcStarter cmds(List<String> args) {
            commands = new ArrayList<>(args);
            return this;
        }

        public List<String> cmds() {
            return commands;
        }

        public ProcStarter masks(@CheckForNull boolean... masks) {
            this.masks = masks;
            return this;
        }

        public boolean[] masks() {
            return masks;
        }

        public ProcStarter quiet(boolean quiet) {
            this.quiet = quiet;
            return this;
        }

        public boolean quiet() {
            return quiet;
        }

        public ProcStarter pwd(@CheckForNull FilePath workDir) {
            this.pwd = workDir;
            return this;
        }

        public ProcStarter pwd(@NonNull File workDir) {
            return pwd(new FilePath(workDir));
        }

        public ProcStarter pwd(@NonNull String workDir) {
            return pwd(new File(workDir));
        }

        public FilePath pwd() {
            return pwd;
        }

        public ProcStarter stdout(@CheckForNull OutputStream out) {
            this.stdout = out;
            return this;
        }

        public ProcStarter stdout(@NonNull TaskListener out) {
            return stdout(out.getLogger());
        }

        @CheckForNull
        public OutputStream stdout() {
            return stdout;
        }

        public ProcStarter stderr(@CheckForNull OutputStream err) {
            this.stderr = err;
            return this;
        }

        @CheckForNull
        public OutputStream stderr() {
            return stderr;
        }

        @NonNull
        public ProcStarter stdin(@CheckForNull InputStream in) {
            this.stdin = in;
            return this;
        }

        public ProcStarter envs(@NonNull Map<String, String> overrides) {
            return envs(overrides.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));
        }

        public ProcStarter envs(@CheckForNull String... overrides) {
            if (overrides != null) {
                for (String override : overrides) {
                    if (override.indexOf('=') == -1) {
                        throw new IllegalArgumentException(override);
                    }
                }
            }
            this.envs = overrides;
            return this;
        }

        @NonNull
        public String[] envs() {
            return envs != null ? envs.clone() : new String[0];
        }

        public Proc start() throws IOException {
            return launch(this);
        }

        public int join() throws IOException, InterruptedException {
            return start().join();
        }
    }

    /** Launches on this machine: the current environment plus the overrides; arguments expanded from it. */
    public static class LocalLauncher extends Launcher {
        public LocalLauncher(@NonNull TaskListener listener) {
            this(listener, FilePath.localChannel);
        }

        public LocalLauncher(TaskListener listener, VirtualChannel channel) {
            super(listener, channel);
        }

        /** Linux: scans /proc/PID/environ as ProcessTree's Linux implementation does; kills children too. */
        @Override
        public void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException {
            java.nio.file.Path proc = java.nio.file.Path.of("/proc");
            if (!java.nio.file.Files.isDirectory(proc)) {
                throw new IOException("the stub kills processes by environment on Linux only");
            }
            try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.list(proc)) {
                for (java.nio.file.Path p : all.toList()) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    long pid = Long.parseLong(name);
                    if (pid == ProcessHandle.current().pid()) {
                        continue;
                    }
                    String environ;
                    try {
                        environ = new String(
                                java.nio.file.Files.readAllBytes(p.resolve("environ")),
                                java.nio.charset.StandardCharsets.UTF_8);
                    } catch (IOException | SecurityException e) {
                        continue; // gone, or not ours
                    }
                    java.util.Set<String> vars = new java.util.HashSet<>(Arrays.asList(environ.split("\0")));
                    boolean matches = modelEnvVars.entrySet().stream()
                            .allMatch(e -> vars.contains(e.getKey() + "=" + e.getValue()));
                    if (matches) {
                        ProcessHandle.of(pid).ifPresent(h -> {
                            h.descendants().forEach(ProcessHandle::destroyForcibly);
                            h.destroyForcibly();
                        });
                    }
                }
            }
        }

        @Override
        public Proc launch(ProcStarter ps) throws IOException {
            if (!ps.quiet) {
                printCommandLine(ps.commands.toArray(new String[0]), ps.pwd);
            }
            // As the real LocalLauncher.launch: inherit(envs) = the agent's environment
            // overrideExpandingAll the step's overrides, so "$" in a value is expanded unless escaped as "$$".
            EnvVars overrides = new EnvVars();
            for (String e : ps.envs()) {
                int idx = e.indexOf('=');
                overrides.put(e.substring(0, idx), e.substring(idx + 1));
            }
            EnvVars jobEnv = new EnvVars(System.getenv()).overrideExpandingAll(overrides);
            String[] jobCmd = new String[ps.commands.size()];
            for (int idx = 0; idx < jobCmd.length; idx++) {
                jobCmd[idx] = jobEnv.expand(ps.commands.get(idx));
            }
            String[] env = jobEnv.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            return new Proc.LocalProc(
                    jobCmd, env, ps.stdin, ps.stdout, ps.stderr, ps.pwd == null ? null : new File(ps.pwd.getRemote()));
        }
    }
}
