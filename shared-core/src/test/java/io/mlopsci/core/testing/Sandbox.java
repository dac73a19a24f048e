package io.mlopsci.core.testing;

import io.mlopsci.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A copy of a sample project from {@code test-repos/} in a temporary directory, made a git
 * repository on a chosen branch, and a way to run the real CLI on it in a fresh JVM with a
 * controlled environment (no inherited CI variables).
 */
public final class Sandbox {

    private final Path dir;
    private final Map<String, String> env = new HashMap<>();

    private Sandbox(Path dir) {
        this.dir = dir;
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
        env.put("LANG", "C.UTF-8");
    }

    /** Copies {@code test-repos/<name>} into {@code parent/<name>} and commits it on {@code branch}. */
    public static Sandbox of(String name, Path parent, String branch) {
        Path source = Requirements.repoRoot().resolve("test-repos").resolve(name);
        Path dir = parent.resolve(name);
        try {
            AtomicFiles.copyRecursively(source, dir);
            AtomicFiles.deleteTree(dir.resolve(".mlops"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Sandbox s = new Sandbox(dir);
        s.git("init", "-q", "-b", branch);
        s.git("add", "-A");
        s.git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "sample");
        return s;
    }

    /**
     * An inline project: {@code files} (relative path → content) written to {@code parent/name}
     * and committed on {@code branch}.
     */
    public static Sandbox inline(Path parent, String name, String branch, Map<String, String> files) {
        Path dir = parent.resolve(name);
        Sandbox s = new Sandbox(dir);
        files.forEach(s::write);
        s.git("init", "-q", "-b", branch);
        s.git("add", "-A");
        s.git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "sample");
        return s;
    }

    /** Runs a command line in the sandbox directory (e.g. {@code unshare} around the CLI). */
    public Processes.Result exec(List<String> command) {
        return Processes.run(command, dir, env, Duration.ofMinutes(10));
    }

    /** The command line {@link #mlops} runs, for wrapping in another command. */
    public List<String> mlopsCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                javaBin(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "io.mlopsci.core.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A copy of this sandbox (files, git history, .mlops state, environment) in {@code parent/name}. */
    public Sandbox copy(Path parent, String name) {
        Path target = parent.resolve(name);
        try {
            AtomicFiles.copyRecursively(dir, target);
            try (var files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isExecutable)
                        .filter(Files::isRegularFile)
                        .toList()) {
                    target.resolve(dir.relativize(f).toString()).toFile().setExecutable(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Sandbox s = new Sandbox(target);
        s.env.putAll(env);
        return s;
    }

    public Path dir() {
        return dir;
    }

    public Sandbox env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Puts the scikit-learn Python first on PATH (skips or fails when there is none). */
    public Sandbox withPython() {
        env.put("PATH", PythonEnv.pathWithPython());
        return this;
    }

    public Processes.Result git(String... args) {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Processes.Result r = Processes.run(cmd, dir, Map.of("GIT_CONFIG_NOSYSTEM", "1"), Duration.ofMinutes(1));
        if (r.exitCode() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed: " + r);
        }
        return r;
    }

    /** Runs {@code mlops ARGS} (the CLI from the test class path) in the sandbox directory. */
    public Processes.Result mlops(String... args) {
        return Processes.run(mlopsCommand(args), dir, env, Duration.ofMinutes(10));
    }

    public Path out(String... parts) {
        Path p = dir.resolve(".mlops/out");
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }

    public String read(String relative) {
        try {
            return Files.readString(dir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(String relative, String content) {
        try {
            Files.createDirectories(dir.resolve(relative).getParent());
            Files.writeString(dir.resolve(relative), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The environment the CLI gets (for inspection). */
    public Map<String, String> environment() {
        return Map.copyOf(env);
    }

    /** Convenience for tests that need the duration of a command, e.g. timeouts. */
    public static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }
}
