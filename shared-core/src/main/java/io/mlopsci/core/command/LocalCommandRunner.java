package io.mlopsci.core.command;

import io.mlopsci.core.console.Progress;
import io.mlopsci.core.error.MlopsException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a local process: the argument vector as given (a shell only when the
 * configuration says so), the engine's environment plus the command's own, output merged and
 * streamed line by line. On timeout, or when the engine itself is stopped, the whole process tree
 * is terminated, then killed.
 */
public final class LocalCommandRunner implements CommandRunner {

    private static final long GRACE_MILLIS = 5_000;

    @Override
    public String describe() {
        return "local process";
    }

    @Override
    public CommandOutcome run(CommandSpec spec, Progress progress) {
        if (!Files.isDirectory(spec.workingDir())) {
            throw MlopsException.command("the working directory " + spec.workingDir() + " does not exist", null);
        }
        ProcessBuilder pb = new ProcessBuilder(spec.argv())
                .directory(spec.workingDir().toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(spec.env());
        long start = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw MlopsException.command(
                    "cannot start '" + spec.argv().get(0) + "': " + reason(e) + "; is it installed and on PATH?", e);
        }
        Thread stopOnExit = new Thread(() -> killTree(process.toHandle()), "mlops-stop-child");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        OutputTail tail = new OutputTail(20);
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            tail.add(line);
                            progress.output(spec.outputPrefix(), line);
                        }
                    } catch (IOException e) {
                        // The stream closes when the process tree is killed; nothing more to read.
                    }
                },
                "mlops-output");
        pump.setDaemon(true);
        pump.start();
        boolean timedOut = false;
        try {
            if (!process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                killTree(process.toHandle());
            }
            process.waitFor();
            pump.join(GRACE_MILLIS);
        } catch (InterruptedException e) {
            killTree(process.toHandle());
            Thread.currentThread().interrupt();
            throw MlopsException.infrastructure("interrupted while waiting for the command", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running.
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new CommandOutcome(
                timedOut ? -1 : process.exitValue(),
                ms,
                timedOut,
                timedOut ? "killed after the timeout of " + spec.timeout() : null,
                tail.lines());
    }

    /**
     * Asks the tree to stop (SIGTERM), parents before children so that no shell lives on to run
     * its next command when its child dies, then kills what is left after a grace period.
     */
    static void killTree(ProcessHandle root) {
        java.util.List<ProcessHandle> order = new java.util.ArrayList<>();
        java.util.ArrayDeque<ProcessHandle> queue = new java.util.ArrayDeque<>(java.util.List.of(root));
        while (!queue.isEmpty()) {
            ProcessHandle p = queue.removeFirst();
            order.add(p);
            p.children().forEach(queue::addLast);
        }
        order.forEach(ProcessHandle::destroy);
        long deadline = System.currentTimeMillis() + GRACE_MILLIS;
        while (System.currentTimeMillis() < deadline
                && (root.isAlive() || root.descendants().anyMatch(ProcessHandle::isAlive))) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        order.forEach(ProcessHandle::destroyForcibly);
        root.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private static String reason(IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int i = m.indexOf("error=");
        return i >= 0 ? m.substring(i) : m;
    }
}
