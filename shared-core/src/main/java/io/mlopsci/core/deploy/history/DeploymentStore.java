package io.mlopsci.core.deploy.history;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A model's deployment records under {@code <workdir>/.mlops/deploy/<model>/}: {@code state.json}
 * (the journal of the latest deployment, replaced atomically at every phase), {@code history.json}
 * (promotions and rollbacks, appended) and {@code .lock}, held by the one deploy-canary or rollback
 * that may act on the model at a time. A crashed process's lock is released by the OS.
 */
public final class DeploymentStore implements AutoCloseable {

    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    private final Path dir;
    private final String display;
    private FileChannel lockChannel;
    private FileLock lock;

    private DeploymentStore(Path dir, String display) {
        this.dir = dir;
        this.display = display;
    }

    /**
     * Opens the store and takes its lock.
     *
     * @throws MlopsException (exit 3) when another process holds the lock or the directory is unwritable
     */
    public static DeploymentStore open(Path dir, String display) {
        DeploymentStore s = new DeploymentStore(dir, display);
        s.acquire();
        return s;
    }

    public Path dir() {
        return dir;
    }

    public Optional<DeploymentState> state() {
        Path f = dir.resolve("state.json");
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(f, DeploymentState.class));
        } catch (IOException e) {
            throw MlopsException.infrastructure(
                    "the deployment journal " + display + "/state.json is unreadable (" + e.getMessage()
                            + "); inspect it before deploying again",
                    e);
        }
    }

    public DeploymentState save(DeploymentState state) {
        try {
            AtomicFiles.write(dir.resolve("state.json"), Json.bytes(state));
            return state;
        } catch (IOException e) {
            throw MlopsException.infrastructure(
                    "cannot write the deployment journal " + display + "/state.json: " + e.getMessage(), e);
        }
    }

    public List<HistoryEntry> history() {
        Path f = dir.resolve("history.json");
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(f.toFile(), new TypeReference<List<HistoryEntry>>() {});
        } catch (IOException e) {
            throw MlopsException.infrastructure(
                    "the deployment history " + display + "/history.json is unreadable (" + e.getMessage() + ")", e);
        }
    }

    /** Appends an entry, unless the last entry already records the same action of the same deployment. */
    public void append(HistoryEntry entry) {
        List<HistoryEntry> h = new ArrayList<>(history());
        if (!h.isEmpty()) {
            HistoryEntry last = h.get(h.size() - 1);
            if (last.deploymentId().equals(entry.deploymentId())
                    && last.action().equals(entry.action())) {
                return;
            }
        }
        h.add(entry);
        try {
            AtomicFiles.write(dir.resolve("history.json"), Json.bytes(h));
        } catch (IOException e) {
            throw MlopsException.infrastructure(
                    "cannot write the deployment history " + display + "/history.json: " + e.getMessage(), e);
        }
    }

    private void acquire() {
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
            while (true) {
                try {
                    lock = lockChannel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    lockChannel.close();
                    throw MlopsException.infrastructure(
                            "another deploy-canary or rollback of this model is running (it holds " + display
                                    + "/.lock); wait for it to finish");
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw MlopsException.infrastructure(
                    "cannot open the deployment records in " + display + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MlopsException.infrastructure("interrupted while waiting for " + display + "/.lock");
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // The OS releases the lock with the process anyway.
        }
    }
}
