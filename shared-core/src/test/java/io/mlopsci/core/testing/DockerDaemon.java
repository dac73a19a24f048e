package io.mlopsci.core.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Docker engine for tests: {@code MLOPS_TEST_DOCKER_HOST} when set (scripts/test.sh starts
 * one), else a dockerd this fixture starts once per machine under {@code /tmp/mlops-test-docker}
 * (shared by every test JVM; a file lock prevents two starts). Images are built locally — nothing
 * can be pulled here: {@link #busyboxImage()} imports a root filesystem of Debian's static busybox.
 */
public final class DockerDaemon {

    static final Path HOME = Path.of("/tmp/mlops-test-docker");
    public static final String BUSYBOX = "mlops-test/busybox:1";

    private DockerDaemon() {}

    /** The DOCKER_HOST of a running engine (skips or fails the test when there can be none). */
    public static synchronized String host() {
        String env = System.getenv("MLOPS_TEST_DOCKER_HOST");
        if (env != null && !env.isBlank()) {
            Requirements.require(ping(env), "the Docker engine at MLOPS_TEST_DOCKER_HOST=" + env);
            return env;
        }
        String host = "unix://" + HOME.resolve("docker.sock");
        if (ping(host)) {
            return host;
        }
        Requirements.require(
                Files.isExecutable(Path.of("/usr/sbin/dockerd")) || Files.isExecutable(Path.of("/usr/bin/dockerd")),
                "dockerd (Debian package docker.io)");
        try {
            Files.createDirectories(HOME);
            try (FileChannel ch = FileChannel.open(
                            HOME.resolve("start.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = ch.lock()) {
                if (!ping(host)) {
                    start();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start dockerd: " + e.getMessage(), e);
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (ping(host)) {
                return host;
            }
            sleep(200);
        }
        throw new IllegalStateException("dockerd did not answer within 30 s; see " + HOME.resolve("dockerd.log"));
    }

    private static void start() throws IOException {
        // A daemon that died (or a machine that rebooted) leaves its pid file and socket behind;
        // dockerd refuses to start over a pid file, so clear them when that process is gone.
        Path pidFile = HOME.resolve("dockerd.pid");
        if (Files.exists(pidFile)) {
            boolean alive = false;
            try {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                alive = ProcessHandle.of(pid)
                        .map(p -> p.isAlive() && p.info().command().orElse("").endsWith("dockerd"))
                        .orElse(false);
            } catch (NumberFormatException e) {
                // unreadable: stale
            }
            if (alive) {
                return; // starting up; the caller waits for it to answer
            }
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(HOME.resolve("docker.sock"));
        }
        List<String> cmd = new ArrayList<>(List.of(
                "dockerd",
                "--data-root",
                HOME.resolve("data").toString(),
                "--exec-root",
                HOME.resolve("exec").toString(),
                "--pidfile",
                HOME.resolve("dockerd.pid").toString(),
                "-H",
                "unix://" + HOME.resolve("docker.sock"),
                // Containers here need no network of their own; this keeps dockerd off iptables.
                "--iptables=false",
                "--bridge=none"));
        new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(HOME.resolve("dockerd.log").toFile())
                .start();
    }

    /** Whether an engine answers at {@code host}. */
    public static boolean ping(String host) {
        try {
            return Processes.run(
                                    List.of("docker", "-H", host, "version", "--format", "{{.Server.Version}}"),
                                    null,
                                    Map.of(),
                                    Duration.ofSeconds(10))
                            .exitCode()
                    == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Runs the docker CLI against the test engine. */
    public static Processes.Result docker(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", host()));
        cmd.addAll(List.of(args));
        return Processes.run(cmd, null, Map.of(), Duration.ofMinutes(5));
    }

    /**
     * A tiny image ({@value #BUSYBOX}) with Debian's static busybox as /bin/sh and the usual
     * applets; built once by importing a root filesystem.
     */
    public static synchronized String busyboxImage() {
        host();
        if (docker("image", "inspect", BUSYBOX).exitCode() == 0) {
            return BUSYBOX;
        }
        Path busybox = Path.of("/bin/busybox");
        Requirements.require(
                Files.isExecutable(busybox) && isStatic(busybox),
                "a static /bin/busybox (Debian package busybox-static)");
        try {
            Path root = Files.createTempDirectory("mlops-busybox-rootfs");
            Files.createDirectories(root.resolve("bin"));
            Files.createDirectories(root.resolve("tmp"));
            Files.copy(busybox, root.resolve("bin/busybox"));
            for (String applet : List.of(
                    "sh", "cat", "echo", "sleep", "mkdir", "printf", "ls", "rm", "cp", "env", "true", "false", "head",
                    "tail", "wc", "grep", "sed", "awk", "id", "yes", "dd", "touch", "test", "kill", "nc", "wget",
                    "httpd", "seq", "date", "tr", "cut")) {
                Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
            }
            Path tar = Files.createTempFile("mlops-busybox", ".tar");
            Processes.Result t = Processes.run(
                    List.of("tar", "-C", root.toString(), "-cf", tar.toString(), "."),
                    null,
                    Map.of(),
                    Duration.ofMinutes(1));
            if (t.exitCode() != 0) {
                throw new IllegalStateException("tar failed: " + t);
            }
            Processes.Result r = Processes.run(
                    List.of("docker", "-H", host(), "import", "--change", "ENV PATH=/bin", tar.toString(), BUSYBOX),
                    null,
                    Map.of(),
                    Duration.ofMinutes(2));
            if (r.exitCode() != 0) {
                throw new IllegalStateException("docker import failed: " + r);
            }
            return BUSYBOX;
        } catch (IOException e) {
            throw new IllegalStateException("cannot build " + BUSYBOX + ": " + e.getMessage(), e);
        }
    }

    private static boolean isStatic(Path binary) {
        Processes.Result r =
                Processes.run(List.of("file", "-L", binary.toString()), null, Map.of(), Duration.ofSeconds(10));
        // Without `file`, trust the busybox-static package's binary.
        return r.exitCode() != 0
                || r.stdout().contains("statically linked")
                || r.stdout().contains("static-pie");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
