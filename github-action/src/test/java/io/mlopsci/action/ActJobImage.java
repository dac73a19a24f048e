package io.mlopsci.action;

import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.testing.DockerDaemon;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The image act runs a job's container from (its {@code run:} steps and composite actions), made
 * on this machine without Docker Hub: a root filesystem unpacked from Debian's own packages
 * ({@link #PACKAGES} and everything they depend on, fetched with {@code apt-get download} through
 * the machine's apt sources) and this machine's JDK 17 in {@code /opt/jdk}, off the PATH as on a
 * fresh runner (the setup-java stand-in puts it there), imported with {@code docker import}. Built
 * once per machine: the shared test Docker engine keeps it, and a file lock keeps two test JVMs
 * from building it at once. Maintainer scripts do not run: nothing here needs them (the
 * {@code /etc/passwd} and {@code /bin/sh} they would make are written directly).
 */
final class ActJobImage {

    /** Bump the tag when the contents change, so machines that have the old image build the new one. */
    static final String IMAGE = "mlops-test/act-job:1";

    /** act's job container runs {@code tail -f /dev/null}; run steps use bash; users' steps use git and the rest. */
    static final List<String> PACKAGES =
            List.of("bash", "coreutils", "git", "grep", "sed", "findutils", "tar", "gzip", "libstdc++6");

    private ActJobImage() {}

    static String image() {
        DockerDaemon.host();
        if (exists()) {
            return IMAGE;
        }
        Requirements.require(
                Files.isExecutable(Path.of("/usr/bin/apt-get")) && Files.isExecutable(Path.of("/usr/bin/dpkg-deb")),
                "apt-get and dpkg-deb (a Debian machine) to make act's job image");
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "mlops-act-job-image.lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            if (!exists()) {
                build();
            }
            return IMAGE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean exists() {
        return DockerDaemon.docker("image", "inspect", IMAGE).exitCode() == 0;
    }

    private static void build() throws IOException {
        long started = System.nanoTime();
        Path work = Files.createTempDirectory("mlops-act-job");
        try {
            Path debs = Files.createDirectories(work.resolve("debs"));
            List<String> depends = new ArrayList<>(List.of(
                    "apt-cache",
                    "depends",
                    "--recurse",
                    "--no-recommends",
                    "--no-suggests",
                    "--no-conflicts",
                    "--no-breaks",
                    "--no-replaces",
                    "--no-enhances"));
            depends.addAll(PACKAGES);
            List<String> packages = run(depends, debs)
                    .stdout()
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith(" ") && !l.startsWith("<"))
                    .distinct()
                    .toList();
            List<String> download =
                    new ArrayList<>(List.of("apt-get", "download", "-q", "-o", "APT::Sandbox::User=root"));
            download.addAll(packages);
            Processes.Result d = Processes.run(download, debs, Map.of(), Duration.ofMinutes(10));
            if (d.exitCode() != 0) {
                throw new IllegalStateException(
                        "apt-get download failed (are apt's package lists there? `apt-get update`, which"
                                + " scripts/setup.sh runs, fetches them): " + d);
            }
            Path root = Files.createDirectories(work.resolve("rootfs"));
            try (var files = Files.list(debs)) {
                for (Path deb : files.filter(f -> f.toString().endsWith(".deb"))
                        .sorted()
                        .toList()) {
                    run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), work);
                }
            }
            for (String docs : List.of("usr/share/doc", "usr/share/man", "usr/share/info", "usr/share/locale")) {
                AtomicFiles.deleteTree(root.resolve(docs));
            }
            Path sh = root.resolve("bin/sh");
            if (!Files.exists(sh, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(sh, Path.of("bash"));
            }
            Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
            Files.writeString(root.resolve("etc/group"), "root:x:0:\n");
            Files.createDirectories(root.resolve("root"));
            Files.createDirectories(root.resolve("tmp"));
            run(List.of("chmod", "1777", root.resolve("tmp").toString()), work);
            ActionImage.copyFollowingLinks(
                    Path.of(System.getProperty("java.home")),
                    root.resolve("opt/jdk"),
                    List.of("jmods", "src.zip", "man", "demo"));
            Requirements.require(
                    Files.isExecutable(root.resolve("opt/jdk/bin/javac")),
                    "a JDK 17 (with javac) running the tests, for the job image's /opt/jdk");
            Path tar = work.resolve("rootfs.tar");
            run(List.of("tar", "-C", root.toString(), "-cf", tar.toString(), "."), work);
            Processes.Result r = DockerDaemon.docker(
                    "import",
                    "--change",
                    "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "--change",
                    "ENV LANG=C.UTF-8",
                    tar.toString(),
                    IMAGE);
            if (r.exitCode() != 0) {
                throw new IllegalStateException("docker import of act's job image failed: " + r);
            }
            System.out.printf(
                    "act's job image %s: %d Debian packages and the JDK, built in %d s%n",
                    IMAGE, packages.size(), (System.nanoTime() - started) / 1_000_000_000L);
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }

    private static Processes.Result run(List<String> cmd, Path cwd) {
        Processes.Result r = Processes.run(cmd, cwd, Map.of(), Duration.ofMinutes(5));
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r);
        }
        return r;
    }
}
