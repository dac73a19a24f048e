package io.mlopsci.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlopsci.core.io.Json;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * nektos/act, the independent GitHub Actions runner, pinned to {@value #VERSION} (scripts/setup.sh
 * installs it from the Go module proxy), run against the shared test Docker engine. One
 * {@link Invocation} is one {@code act <event>} over one workflow file of a local repository;
 * its log comes back parsed ({@link ActLog}).
 *
 * <p>Offline: job containers come from {@link ActJobImage} and images are never pulled
 * ({@code --pull=false}); {@code actions/checkout} is act's own copy of the local repository;
 * other actions on github.com are replaced by local directories ({@code --local-repository}).
 * act names its containers after the workflow and job only, so two act runs of the same workflow
 * on one engine would share containers: {@link #exclusive()} holds a machine-wide lock around a
 * test's runs, and leftovers of an interrupted run are removed under it.
 */
final class Act {

    static final String VERSION = "0.2.89";

    private final Path binary;
    private final String dockerHost;
    private final Path home;

    private Act(Path binary, String dockerHost, Path home) {
        this.binary = binary;
        this.dockerHost = dockerHost;
        this.home = home;
    }

    /** act at the pinned version on the test Docker engine; {@code scratch} holds act's own caches and config. */
    static Act start(Path scratch) {
        Path bin = find();
        Requirements.require(
                bin != null,
                "nektos/act " + VERSION + " (scripts/setup.sh: go install github.com/nektos/act@v" + VERSION + ")");
        Processes.Result v =
                Processes.run(List.of(bin.toString(), "--version"), null, Map.of(), Duration.ofSeconds(30));
        if (!v.stdout().strip().equals("act version " + VERSION)) {
            throw new AssertionError("expected act " + VERSION + " at " + bin + ", found: " + v);
        }
        try {
            return new Act(bin, DockerDaemon.host(), Files.createDirectories(scratch.resolve("act-home")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ACT_BINARY}, else {@code $(go env GOPATH)/bin/act}, else {@code act} on the PATH. */
    private static Path find() {
        String env = System.getenv("ACT_BINARY");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Path.of(env);
        }
        List<Path> candidates = new ArrayList<>();
        try {
            Processes.Result go = Processes.run(List.of("go", "env", "GOPATH"), null, Map.of(), Duration.ofSeconds(30));
            if (go.exitCode() == 0 && !go.stdout().isBlank()) {
                candidates.add(Path.of(go.stdout().strip(), "bin", "act"));
            }
        } catch (RuntimeException e) {
            // no Go toolchain: look on the PATH
        }
        candidates.add(Path.of(System.getProperty("user.home"), "go", "bin", "act"));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "act"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    /**
     * A machine-wide lock for a test's act runs (act's container names are not unique per run);
     * removes containers and volumes an interrupted act run left on the engine.
     */
    static AutoCloseable exclusive() {
        try {
            FileChannel ch = FileChannel.open(
                    Path.of(System.getProperty("java.io.tmpdir"), "mlops-act.lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = ch.lock();
            removeLeftovers();
            return () -> {
                try {
                    removeLeftovers();
                } finally {
                    lock.release();
                    ch.close();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** act's job containers and their volumes are named act-*; its tool cache volume is kept. */
    private static void removeLeftovers() {
        for (String c : DockerDaemon.docker("ps", "-a", "--format", "{{.Names}}")
                .stdout()
                .lines()
                .filter(n -> n.startsWith("act-"))
                .toList()) {
            DockerDaemon.docker("rm", "-f", "-v", c);
        }
        for (String v : DockerDaemon.docker("volume", "ls", "-q")
                .stdout()
                .lines()
                .filter(n -> n.startsWith("act-") && !n.equals("act-toolcache"))
                .toList()) {
            DockerDaemon.docker("volume", "rm", "-f", v);
        }
    }

    Invocation in(Path repository) {
        return new Invocation(repository);
    }

    /** One {@code act <event>} run; build it up, then {@link #run()}. */
    final class Invocation {
        private final Path repository;
        private String event = "push";
        private ObjectNode payload;
        private String workflow;
        private final Map<String, String> platforms = new LinkedHashMap<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> secrets = new LinkedHashMap<>();
        private final Map<String, String> vars = new LinkedHashMap<>();
        private final Map<String, Path> localActions = new LinkedHashMap<>();
        private final List<String> mounts = new ArrayList<>();

        private Invocation(Path repository) {
            this.repository = repository;
            String image = ActJobImage.image();
            for (String label : List.of("ubuntu-latest", "ubuntu-24.04", "ubuntu-22.04")) {
                platforms.put(label, image);
            }
        }

        Invocation event(String name, ObjectNode eventPayload) {
            this.event = name;
            this.payload = eventPayload;
            return this;
        }

        /** The workflow file, relative to the repository. */
        Invocation workflow(String path) {
            this.workflow = path;
            return this;
        }

        /** An environment variable act puts in every step's environment (GITHUB_API_URL, GITHUB_RUN_ID, ...). */
        Invocation env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /**
         * A secret (GITHUB_TOKEN becomes {@code github.token}). act runs with
         * {@code --insecure-secrets}: it masks neither these nor what a step masks with
         * {@code ::add-mask::}, so a test that finds no secret in the log knows none was written.
         */
        Invocation secret(String key, String value) {
            secrets.put(key, value);
            return this;
        }

        /** A configuration variable ({@code vars.KEY}). */
        Invocation variable(String key, String value) {
            vars.put(key, value);
            return this;
        }

        /** Runs {@code uses: <owner/repo@ref>} from a local directory instead of github.com. */
        Invocation action(String ownerRepoAtRef, Path directory) {
            localActions.put(ownerRepoAtRef, directory);
            return this;
        }

        /** Mounts a host directory into the job container (not into container actions). */
        Invocation mount(Path host, String container) {
            mounts.add(host.toAbsolutePath() + ":" + container);
            return this;
        }

        ActLog run() {
            try {
                Path eventFile = Files.createTempFile(home, "event", ".json");
                Files.write(
                        eventFile, Json.bytes(payload == null ? Json.mapper().createObjectNode() : payload));
                List<String> cmd = new ArrayList<>(List.of(
                        binary.toString(),
                        event,
                        "--workflows",
                        workflow,
                        "--eventpath",
                        eventFile.toString(),
                        "--pull=false",
                        "--rm",
                        // act masks nothing, so a secret absent from the log was never written by act or a step.
                        "--insecure-secrets",
                        "--no-cache-server",
                        // Two at a time: each job runs two JVMs, the machines have two cores.
                        "--concurrent-jobs",
                        "2",
                        "--action-cache-path",
                        home.resolve("actions").toString(),
                        "--container-daemon-socket",
                        dockerHost));
                platforms.forEach((k, v) -> cmd.addAll(List.of("--platform", k + "=" + v)));
                env.forEach((k, v) -> cmd.addAll(List.of("--env", k + "=" + v)));
                vars.forEach((k, v) -> cmd.addAll(List.of("--var", k + "=" + v)));
                localActions.forEach((k, v) -> cmd.addAll(List.of("--local-repository", k + "=" + v.toAbsolutePath())));
                if (!mounts.isEmpty()) {
                    cmd.addAll(List.of(
                            "--container-options",
                            String.join(" ", mounts.stream().map(m -> "-v " + m).toList())));
                }
                // Secrets by name only: their values reach act through its environment, never its command line.
                Map<String, String> processEnv = new LinkedHashMap<>();
                secrets.forEach((k, v) -> {
                    cmd.addAll(List.of("--secret", k));
                    processEnv.put(k, v);
                });
                processEnv.put("DOCKER_HOST", dockerHost);
                processEnv.put("HOME", home.toString());
                processEnv.put("XDG_CONFIG_HOME", home.resolve("config").toString());
                processEnv.put("XDG_CACHE_HOME", home.resolve("cache").toString());
                processEnv.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
                Processes.Result r =
                        Processes.run(cmd, repository, cleanEnvironment(processEnv), Duration.ofMinutes(15));
                return ActLog.parse(r.stdout() + r.stderr(), r.exitCode());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Processes.run adds to the test JVM's environment; act must not see CI variables of the machine
     * running the tests (GITHUB_*, a CI=true of .ci/run) as its own configuration, so they are blanked.
     */
    private static Map<String, String> cleanEnvironment(Map<String, String> wanted) {
        Map<String, String> env = new LinkedHashMap<>();
        System.getenv().keySet().stream()
                .filter(k -> k.startsWith("GITHUB_") || k.startsWith("ACTIONS_") || k.startsWith("RUNNER_"))
                .forEach(k -> env.put(k, ""));
        env.putAll(wanted);
        return env;
    }
}
