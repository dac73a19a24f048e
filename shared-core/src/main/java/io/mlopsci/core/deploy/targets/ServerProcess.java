package io.mlopsci.core.deploy.targets;

import io.mlopsci.core.deploy.history.ServingHandle;
import io.mlopsci.core.error.MlopsException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A model server process of the local target. Output goes to a log file (not a pipe), so a server
 * outlives a crashed engine cleanly; its handle (pid and start time) lets a later process stop
 * exactly that process — a reused pid with another start time is left alone.
 */
final class ServerProcess {

    private ServerProcess() {}

    /**
     * Starts {@code command}; the returned handle names pid, start time, port and log.
     *
     * @throws MlopsException (exit 2) when the command cannot be started (not found, not executable)
     */
    static Map.Entry<Process, ServingHandle> start(
            List<String> command, Path cwd, Map<String, String> env, int port, Path log) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(env);
        Process p;
        try {
            Files.createDirectories(log.getParent());
            p = pb.start();
        } catch (IOException e) {
            throw MlopsException.command(
                    "cannot start the model server " + String.join(" ", command) + ": " + e.getMessage()
                            + " (deploy.serve.command)",
                    e);
        }
        Long started = p.info().startInstant().map(Instant::toEpochMilli).orElse(null);
        return Map.entry(p, ServingHandle.process(p.pid(), started, port, log));
    }

    /** The live process a handle names, if it is still that process. */
    static Optional<ProcessHandle> live(ServingHandle handle) {
        if (handle == null || handle.pid() == null) {
            return Optional.empty();
        }
        Optional<ProcessHandle> p = ProcessHandle.of(handle.pid()).filter(ProcessHandle::isAlive);
        Long started = handle.processStart();
        if (p.isPresent() && started != null) {
            Optional<Instant> actual = p.get().info().startInstant();
            if (actual.isPresent() && Math.abs(actual.get().toEpochMilli() - started) > 1000) {
                return Optional.empty();
            }
        }
        return p;
    }

    /** Stops the process a handle names, children first; returns whether one was running. */
    static boolean stop(ServingHandle handle) {
        Optional<ProcessHandle> p = live(handle);
        if (p.isEmpty()) {
            return false;
        }
        stop(p.get());
        return true;
    }

    static void stop(ProcessHandle p) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    /** The last lines of a server's log, for messages. */
    static String tail(Path log, int lines) {
        try {
            if (!Files.isRegularFile(log)) {
                return "";
            }
            try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
                long len = f.length();
                long from = Math.max(0, len - 4096);
                byte[] buf = new byte[(int) (len - from)];
                f.seek(from);
                f.readFully(buf);
                List<String> all =
                        new String(buf, StandardCharsets.UTF_8).lines().toList();
                return String.join("\n  ", all.subList(Math.max(0, all.size() - lines), all.size()));
            }
        } catch (IOException e) {
            return "";
        }
    }
}
