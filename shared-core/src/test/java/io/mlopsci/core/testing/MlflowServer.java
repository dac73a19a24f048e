package io.mlopsci.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * A real MLflow tracking server for tests: {@code mlflow server} from the virtualenv
 * scripts/setup.sh creates ({@code .ci/cache/mlflow-venv}, or {@code MLOPS_MLFLOW} naming the
 * {@code mlflow} executable), with a SQLite backend and a local artifact destination served through
 * the artifact proxy, on a free loopback port. {@link #shared()} is one server per test JVM;
 * {@link #start} gives a test its own (to kill it, or with basic auth).
 *
 * <p>Results are checked with MLflow's own REST API ({@link #get}, {@link #post},
 * {@link #artifact}), independently of the engine's client.
 */
public final class MlflowServer implements AutoCloseable {

    /** The MLflow version scripts/setup.sh installs and the tests run against. */
    public static final String VERSION = "3.17.2";
    /** The admin of a server started {@link Options#basicAuth with basic auth}. */
    public static final String ADMIN = "admin";

    private static MlflowServer shared;

    /** How to start a server. */
    public record Options(boolean basicAuth, String adminPassword) {
        public static Options plain() {
            return new Options(false, null);
        }

        public static Options withBasicAuth(String adminPassword) {
            return new Options(true, adminPassword);
        }
    }

    private final Path dir;
    private final int port;
    private final Options options;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    private MlflowServer(Path dir, int port, Options options) {
        this.dir = dir;
        this.port = port;
        this.options = options;
    }

    /** The {@code mlflow} executable (skips the test, or fails it in CI, when there is none). */
    public static Path executable() {
        String env = System.getenv("MLOPS_MLFLOW");
        Path p = env != null && !env.isBlank()
                ? Path.of(env)
                : Requirements.repoRoot().resolve(".ci/cache/mlflow-venv/bin/mlflow");
        Requirements.require(Files.isExecutable(p), "MLflow " + VERSION + " (" + p + "; scripts/setup.sh installs it)");
        return p;
    }

    /** One server for the whole test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized MlflowServer shared() {
        if (shared == null || !shared.alive()) {
            try {
                Path dir = Files.createTempDirectory("mlops-test-mlflow");
                shared = start(dir, Options.plain());
                MlflowServer s = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** A server of the test's own, with its data under {@code dir}. */
    public static MlflowServer start(Path dir, Options options) {
        Path mlflow = executable();
        try {
            Files.createDirectories(dir);
            Path db = dir.resolve("mlflow.db");
            if (!Files.exists(db)) {
                Files.copy(templateDatabase(mlflow), db);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MlflowServer s = new MlflowServer(dir, freePort(), options);
        s.launch();
        return s;
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** The server's process and its workers, e.g. for a command that kills it mid-run. */
    public List<Long> pids() {
        if (process == null) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        out.add(process.pid());
        process.toHandle().descendants().forEach(h -> out.add(h.pid()));
        return out;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Kills the server and its workers at once (SIGKILL), as a crash would. */
    public void kill() {
        if (process != null) {
            ProcessHandle h = process.toHandle();
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
            waitFor(h, Duration.ofSeconds(20));
            process = null;
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 15 s). */
    public synchronized void stop() {
        if (process != null) {
            ProcessHandle h = process.toHandle();
            List<ProcessHandle> children = h.descendants().toList();
            children.forEach(ProcessHandle::destroy);
            h.destroy();
            if (!waitFor(h, Duration.ofSeconds(15))) {
                children.forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
                waitFor(h, Duration.ofSeconds(10));
            }
            children.forEach(c -> waitFor(c, Duration.ofSeconds(5)));
            process = null;
        }
    }

    /** Starts the server again on the same port with the same data (after {@link #kill} or {@link #stop}). */
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    // ---- MLflow's REST API, for checking results -----------------------------------------------

    /** GET {@code /api/2.0/mlflow/<endpoint>}; fails the test unless the answer is 200. */
    public JsonNode get(String endpoint, Map<String, String> query) {
        return json(
                "GET " + endpoint,
                HttpRequest.newBuilder(URI.create(uri() + "/api/2.0/mlflow/" + endpoint + query(query)))
                        .GET());
    }

    /** POST {@code /api/2.0/mlflow/<endpoint>} with a JSON body; fails the test unless the answer is 200. */
    public JsonNode post(String endpoint, Object body) {
        return json(
                "POST " + endpoint,
                HttpRequest.newBuilder(URI.create(uri() + "/api/2.0/mlflow/" + endpoint))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.string(body))));
    }

    /** The HTTP status and body of a GET, for checking errors. */
    public HttpResponse<String> raw(String endpoint, Map<String, String> query) {
        return send(HttpRequest.newBuilder(URI.create(uri() + "/api/2.0/mlflow/" + endpoint + query(query)))
                .GET());
    }

    /** An artifact's bytes through the artifact proxy ({@code mlflow-artifacts:/...} URI of the run root + path). */
    public byte[] artifact(String artifactUri, String path) {
        String root = artifactUri.replaceFirst("^mlflow-artifacts:/+", "");
        StringJoiner j = new StringJoiner("/");
        for (String s : (root + "/" + path).split("/")) {
            j.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri() + "/api/2.0/mlflow-artifacts/artifacts/" + j))
                .GET();
        auth(b);
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError("artifact " + path + ": HTTP " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The runs of an experiment (by name) whose tags match {@code filter} (MLflow search syntax), newest first. */
    public List<JsonNode> runs(String experiment, String filter) {
        JsonNode exp = get("experiments/get-by-name", Map.of("experiment_name", experiment))
                .path("experiment");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experiment_ids", List.of(exp.path("experiment_id").asText()));
        body.put("filter", filter == null ? "" : filter);
        body.put("order_by", List.of("attributes.start_time DESC"));
        body.put("max_results", 100);
        body.put("run_view_type", "ALL");
        List<JsonNode> out = new ArrayList<>();
        post("runs/search", body).path("runs").forEach(out::add);
        return out;
    }

    /** Tag key → value of a run, model or version (a JSON list of {key, value}). */
    public static Map<String, String> tags(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        list.forEach(t -> out.put(t.path("key").asText(), t.path("value").asText()));
        return out;
    }

    // ---- internals --------------------------------------------------------------------------------

    private JsonNode json(String what, HttpRequest.Builder b) {
        HttpResponse<String> r = send(b);
        if (r.statusCode() != 200) {
            throw new AssertionError(what + ": HTTP " + r.statusCode() + " " + r.body());
        }
        try {
            return Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        auth(b);
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void auth(HttpRequest.Builder b) {
        if (options.basicAuth()) {
            b.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(
                                            (ADMIN + ":" + options.adminPassword()).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void launch() {
        List<String> cmd = new ArrayList<>(List.of(
                executable().toString(),
                "server",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--workers",
                "1",
                "--backend-store-uri",
                "sqlite:///" + dir.resolve("mlflow.db").toAbsolutePath(),
                "--artifacts-destination",
                dir.resolve("artifacts").toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("server.log").toFile()));
        pb.directory(dir.toFile());
        Map<String, String> env = pb.environment();
        // The job runner (7 extra Python processes) is not needed for tracking and the registry.
        env.put("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false");
        env.keySet().removeIf(k -> k.startsWith("MLFLOW_TRACKING_"));
        if (options.basicAuth()) {
            cmd.addAll(List.of("--app-name", "basic-auth"));
            pb.command(cmd);
            Path ini = dir.resolve("basic_auth.ini");
            try {
                Files.writeString(
                        ini,
                        "[mlflow]\ndefault_permission = READ\ndatabase_uri = sqlite:///"
                                + dir.resolve("auth.db").toAbsolutePath() + "\nadmin_username = " + ADMIN
                                + "\nadmin_password = "
                                + options.adminPassword()
                                + "\nauthorization_function = mlflow.server.auth:authenticate_request_basic_auth\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            env.put("MLFLOW_AUTH_CONFIG_PATH", ini.toString());
            env.put("MLFLOW_FLASK_SERVER_SECRET_KEY", UUID.randomUUID().toString());
        }
        try {
            process = pb.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Slow on a loaded 2-core machine: Python imports alone take seconds.
        long deadline = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mlflow server exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (healthy()) {
                return;
            }
            sleep(250);
        }
        kill();
        throw new IllegalStateException(
                "mlflow server did not answer on port " + port + " within 300 s:\n" + logTail());
    }

    private boolean healthy() {
        try {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(uri() + "/health"))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("server.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /**
     * A migrated, empty MLflow database, made once per machine with {@code mlflow db upgrade} and
     * copied for each server: migrating from scratch takes most of a server's start-up time.
     */
    private static Path templateDatabase(Path mlflow) throws IOException {
        Path cache = Requirements.repoRoot().resolve(".ci/cache");
        Files.createDirectories(cache);
        Path template = cache.resolve("mlflow-" + VERSION + "-empty.db");
        if (Files.isRegularFile(template)) {
            return template;
        }
        try (FileChannel ch = FileChannel.open(
                        cache.resolve("mlflow-template.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            if (!Files.isRegularFile(template)) {
                Path tmp = cache.resolve("mlflow-template-" + UUID.randomUUID() + ".db");
                Processes.Result r = Processes.run(
                        List.of(mlflow.toString(), "db", "upgrade", "sqlite:///" + tmp.toAbsolutePath()),
                        cache,
                        Map.of(),
                        Duration.ofMinutes(5));
                if (r.exitCode() != 0) {
                    Files.deleteIfExists(tmp);
                    throw new IllegalStateException("mlflow db upgrade failed: " + r);
                }
                Files.move(tmp, template, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return template;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String query(Map<String, String> q) {
        if (q == null || q.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner("&", "?", "");
        q.forEach((k, v) -> j.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }

    private static boolean waitFor(ProcessHandle h, Duration d) {
        try {
            h.onExit().get(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !h.isAlive();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
