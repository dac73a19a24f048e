package io.mlopsci.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Spark Connect server for tests: Spark in local mode from the pyspark package
 * scripts/setup.sh installs ({@code .ci/cache/spark-venv}, or {@code MLOPS_SPARK_HOME} naming a
 * Spark home with {@code bin/spark-submit}), on a free loopback port, with the driver bound to
 * loopback, no UI, and its warehouse and scratch space in the server's own directory.
 * {@link #shared()} is one server per test JVM (stopped when the JVM exits); {@link #start} gives
 * a test its own (to kill it mid-query, or one that requires a token).
 *
 * <p>With a token the server checks {@code Authorization: Bearer <token>} on every RPC (Spark's
 * {@code PreSharedKeyAuthenticationInterceptor}, {@code spark.connect.authenticate.token}); the
 * token is passed in the environment ({@code SPARK_CONNECT_AUTHENTICATE_TOKEN}), not on the
 * command line where {@code ps} would show it.
 */
public final class SparkConnectServer implements AutoCloseable {

    /** The Spark version scripts/setup.sh installs; the client in the root pom.xml is the same. */
    public static final String VERSION = "4.1.0";

    private static SparkConnectServer shared;

    /**
     * How to start a server.
     *
     * @param timeZone the sessions' default time zone ({@code spark.sql.session.timeZone}); null for
     *     the JVM's
     */
    public record Options(String token, String driverMemory, String timeZone) {
        public static Options plain() {
            return new Options(null, "2g", null);
        }

        public static Options withToken(String token) {
            return new Options(token, "1g", null);
        }

        public Options memory(String driverMemory) {
            return new Options(token, driverMemory, timeZone);
        }

        public Options timeZone(String zone) {
            return new Options(token, driverMemory, zone);
        }
    }

    private final Path dir;
    private final int port;
    private final Options options;
    private Process process;

    private SparkConnectServer(Path dir, int port, Options options) {
        this.dir = dir;
        this.port = port;
        this.options = options;
    }

    /** The Spark home with {@code bin/spark-submit} (skips the test, or fails it in CI, without one). */
    public static Path sparkHome() {
        String env = System.getenv("MLOPS_SPARK_HOME");
        Path home = null;
        if (env != null && !env.isBlank()) {
            home = Path.of(env);
        } else {
            Path lib = Requirements.repoRoot().resolve(".ci/cache/spark-venv/lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> s = Files.list(lib)) {
                    home = s.map(p -> p.resolve("site-packages/pyspark"))
                            .filter(Files::isDirectory)
                            .findFirst()
                            .orElse(null);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        boolean ok = home != null
                && Files.isExecutable(home.resolve("bin/spark-submit"))
                && Files.isRegularFile(home.resolve("jars/spark-connect_2.13-" + VERSION + ".jar"));
        Requirements.require(
                ok,
                "Apache Spark " + VERSION + " with Spark Connect (pyspark in .ci/cache/spark-venv;"
                        + " scripts/setup.sh installs it, or set MLOPS_SPARK_HOME)");
        return home;
    }

    /** One server for the whole test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized SparkConnectServer shared() {
        if (shared == null || !shared.alive()) {
            try {
                shared = start(Files.createTempDirectory("mlops-test-spark"), Options.plain());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SparkConnectServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
        }
        return shared;
    }

    /** A server of the test's own, its files under {@code dir}; stop it with {@link #close}. */
    public static SparkConnectServer start(Path dir, Options options) {
        Path home = sparkHome();
        SparkConnectServer s = new SparkConnectServer(dir, FreePorts.next(), options);
        s.launch(home);
        return s;
    }

    /** {@code sc://127.0.0.1:PORT} (no token parameter: the client adds it). */
    public String remote() {
        return "sc://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Where the server writes its tables ({@code spark.sql.warehouse.dir}). */
    public Path warehouse() {
        return dir.resolve("warehouse");
    }

    public Path dir() {
        return dir;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** The server's log so far. */
    public String log() {
        try {
            Path log = dir.resolve("server.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private void launch(Path home) {
        try {
            Files.createDirectories(warehouse());
            Files.createDirectories(dir.resolve("local"));
            Files.createDirectories(dir.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of(
                home.resolve("bin/spark-submit").toString(),
                "--class",
                "org.apache.spark.sql.connect.service.SparkConnectServer",
                "--name",
                "mlops-test-spark-connect",
                "--master",
                "local[2]",
                "--driver-memory",
                options.driverMemory()));
        for (Map.Entry<String, String> c : Map.of(
                        "spark.connect.grpc.binding.address", "127.0.0.1",
                        "spark.connect.grpc.binding.port", String.valueOf(port),
                        "spark.driver.host", "127.0.0.1",
                        "spark.driver.bindAddress", "127.0.0.1",
                        "spark.ui.enabled", "false",
                        "spark.sql.warehouse.dir", warehouse().toString(),
                        "spark.sql.catalogImplementation", "in-memory",
                        "spark.local.dir", dir.resolve("local").toString(),
                        "spark.driver.extraJavaOptions", "-Djava.io.tmpdir=" + dir.resolve("tmp"))
                .entrySet()) {
            cmd.add("--conf");
            cmd.add(c.getKey() + "=" + c.getValue());
        }
        if (options.timeZone() != null) {
            cmd.add("--conf");
            cmd.add("spark.sql.session.timeZone=" + options.timeZone());
        }
        cmd.add("spark-internal");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("server.log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_CONF_DIR", dir.toString()); // no spark-defaults.conf from elsewhere
        env.keySet().removeIf(k -> k.startsWith("PYSPARK_") || k.equals("SPARK_REMOTE"));
        if (options.token() != null) {
            env.put("SPARK_CONNECT_AUTHENTICATE_TOKEN", options.token());
        } else {
            env.remove("SPARK_CONNECT_AUTHENTICATE_TOKEN");
        }
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Spark Connect: " + cmd, e);
        }
        awaitListening(Duration.ofSeconds(90));
    }

    /** Waits until the gRPC port accepts connections (the server binds it once Spark has started). */
    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Spark Connect exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                ServiceProcess.sleep(100);
            }
        }
        stop();
        throw new IllegalStateException(
                "Spark Connect did not listen on " + port + " within " + timeout + ":\n" + log());
    }

    /** Kills the server at once (SIGKILL), as a crash or a lost node would. */
    public void kill() {
        if (process != null) {
            ProcessHandle h = process.toHandle();
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
            h.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
            process = null;
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 20 s) and everything it started. */
    public synchronized void stop() {
        if (process != null) {
            ProcessHandle h = process.toHandle();
            List<ProcessHandle> children = h.descendants().toList();
            h.destroy();
            try {
                h.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
