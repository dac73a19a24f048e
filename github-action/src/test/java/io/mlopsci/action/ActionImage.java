package io.mlopsci.action;

import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.testing.DockerDaemon;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Builds the action's image with the real Dockerfile on the test Docker engine. Nothing can be
 * pulled here, so the build stage's base is made locally: a root filesystem with a static busybox
 * (the shell the Dockerfile's RUN lines use), this machine's JDK 17 (jlink and its jmods) and the
 * shared libraries they load, imported with {@code docker import}. The jar comes prebuilt from
 * {@code package} (PREBUILT_JAR=1); the release build compiles it inside the Maven image instead.
 */
final class ActionImage {

    static final String BUILD_BASE = "mlops-test/jdk17-build:1";
    static final String IMAGE = "mlops-test/mlops-action:it";

    private ActionImage() {}

    /** The local stand-in for the Maven + JDK 17 build image. */
    static synchronized String buildBase() {
        if (DockerDaemon.docker("image", "inspect", BUILD_BASE).exitCode() == 0) {
            return BUILD_BASE;
        }
        Path jdk = Path.of(System.getProperty("java.home"));
        Requirements.require(
                Files.isDirectory(jdk.resolve("jmods")) && Files.isExecutable(jdk.resolve("bin/jlink")),
                "a JDK 17 with jmods and jlink (Debian openjdk-17-jdk-headless / openjdk-17-jmods)");
        Path busybox = Path.of("/bin/busybox");
        Requirements.require(Files.isExecutable(busybox), "a static busybox (Debian busybox-static)");
        try {
            Path root = Files.createTempDirectory("mlops-build-base");
            Path bin = Files.createDirectories(root.resolve("bin"));
            Files.copy(busybox, bin.resolve("busybox"));
            for (String applet :
                    List.of("sh", "cp", "mkdir", "test", "[", "cat", "echo", "chmod", "uname", "rm", "ls", "true")) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
            copyFollowingLinks(jdk, root.resolve("opt/jdk"), List.of("src.zip"));
            Path lib = Files.createDirectories(root.resolve("lib/x86_64-linux-gnu"));
            for (String f : List.of(
                    "libc.so.6",
                    "libm.so.6",
                    "libdl.so.2",
                    "libpthread.so.0",
                    "librt.so.1",
                    "libz.so.1",
                    "libstdc++.so.6",
                    "libgcc_s.so.1")) {
                run(
                        List.of(
                                "cp",
                                "-L",
                                "/lib/x86_64-linux-gnu/" + f,
                                lib.resolve(f).toString()),
                        root);
            }
            Files.createDirectories(root.resolve("lib64"));
            run(
                    List.of(
                            "cp",
                            "-L",
                            "/lib64/ld-linux-x86-64.so.2",
                            root.resolve("lib64").toString()),
                    root);
            run(
                    List.of(
                            "cp",
                            "-L",
                            jdk.resolve("lib/security/cacerts").toString(),
                            root.resolve("opt/jdk/lib/security/cacerts").toString()),
                    root);
            Files.createDirectories(root.resolve("etc"));
            Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
            Files.createDirectories(root.resolve("tmp"));
            Path tar = Files.createTempFile("mlops-build-base", ".tar");
            run(List.of("tar", "-C", root.toString(), "-cf", tar.toString(), "."), root);
            Processes.Result r = DockerDaemon.docker(
                    "import",
                    "--change",
                    "ENV JAVA_HOME=/opt/jdk",
                    "--change",
                    "ENV PATH=/opt/jdk/bin:/bin",
                    tar.toString(),
                    BUILD_BASE);
            if (r.exitCode() != 0) {
                throw new IllegalStateException("docker import failed: " + r);
            }
            AtomicFiles.deleteTree(root);
            Files.delete(tar);
            return BUILD_BASE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds {@link #IMAGE} from github-action/Dockerfile with the packaged jar; returns the build log. */
    static Processes.Result build() {
        Path jar = Path.of(System.getProperty("mlops.actionJar", "target/mlops-action.jar"))
                .toAbsolutePath();
        Requirements.require(Files.isRegularFile(jar), "the packaged action jar " + jar + " (run `mvn verify`)");
        String base = buildBase();
        Path repo = Requirements.repoRoot();
        Processes.Result r = Processes.run(
                List.of(
                        "docker",
                        "-H",
                        DockerDaemon.host(),
                        "build",
                        "--network",
                        "none",
                        "--build-arg",
                        "BUILD_IMAGE=" + base,
                        "--build-arg",
                        "PREBUILT_JAR=1",
                        "-f",
                        "github-action/Dockerfile",
                        "-t",
                        IMAGE,
                        "."),
                repo,
                Map.of("DOCKER_BUILDKIT", "0", "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
                Duration.ofMinutes(10));
        if (r.exitCode() != 0) {
            throw new AssertionError("docker build failed: " + r);
        }
        return r;
    }

    /**
     * Copies a tree, resolving symbolic links (Debian's JDK links into /etc) and skipping dangling
     * ones and every file or directory whose name is in {@code skip}.
     */
    static void copyFollowingLinks(Path from, Path to, List<String> skip) throws IOException {
        try (var paths = Files.walk(from, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path rel = from.relativize(p);
                boolean skipped = false;
                for (Path part : rel) {
                    skipped |= skip.contains(part.toString());
                }
                if (skipped) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.exists(p)) {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void run(List<String> cmd, Path cwd) {
        Processes.Result r = Processes.run(cmd, cwd, Map.of(), Duration.ofMinutes(5));
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r);
        }
    }
}
