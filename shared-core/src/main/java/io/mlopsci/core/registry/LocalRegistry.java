package io.mlopsci.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The embedded registry: plain JSON files under {@code <workdir>/.mlops/registry}. Every file is
 * replaced atomically; read-modify-write of shared files happens under an exclusive file lock, so
 * concurrent runs (several processes or threads) cannot corrupt it or lose each other's records.
 *
 * <pre>
 * format.json                      format marker
 * .lock                            the write lock
 * runs/&lt;run-id&gt;/run.json            a run
 * runs/&lt;run-id&gt;/artifacts/...       its files
 * cache/&lt;model&gt;/&lt;key&gt;.json          run cache index: key → run id
 * models/&lt;model&gt;.json              versions, aliases and alias history
 * monitor/&lt;model&gt;/&lt;id&gt;/record.json   a monitoring window (its reports under artifacts/)
 * </pre>
 */
public final class LocalRegistry implements Registry {

    private static final String FORMAT = "mlops-local-registry";
    private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(2);

    private final Path root;
    private final String display;

    private LocalRegistry(Path root, String display) {
        this.root = root;
        this.display = display;
    }

    /**
     * Opens (creating if needed) the registry at {@code root}.
     *
     * @throws MlopsException (exit 3) when the directory cannot be created or written, or is not a registry
     */
    public static LocalRegistry open(Path root, String display) {
        LocalRegistry r = new LocalRegistry(root.toAbsolutePath().normalize(), display);
        r.init();
        return r;
    }

    private void init() {
        Path format = root.resolve("format.json");
        try {
            if (Files.isRegularFile(format)) {
                Map<?, ?> m = readJson(format, Map.class);
                if (!FORMAT.equals(m.get("format"))) {
                    throw new RegistryException("the local registry at " + display + " is corrupt: " + format
                            + " does not name the format '" + FORMAT + "'; delete the directory to start over");
                }
                return;
            }
            Files.createDirectories(root);
            withLock(() -> {
                if (!Files.exists(format)) {
                    AtomicFiles.write(format, Json.bytes(Map.of("format", FORMAT, "version", 1)));
                }
                return null;
            });
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    @Override
    public String describe() {
        return "local registry " + display;
    }

    public Path root() {
        return root;
    }

    @Override
    public String check(Part part, String model) {
        // Taking the write lock writes to the directory: the real answer, read-only file systems included.
        withLockUnchecked(() -> null);
        return describe();
    }

    @Override
    public String startRun(RunRecord draft) {
        String id = newRunId();
        try {
            Files.createDirectories(runDir(id));
        } catch (IOException e) {
            throw unwritable(e);
        }
        return id;
    }

    @Override
    public void failRun(String runId, String reason) {
        Path dir = runDir(runId);
        if (!Files.isRegularFile(dir.resolve("run.json"))) {
            try {
                AtomicFiles.deleteTree(dir);
            } catch (IOException e) {
                // Best effort: a directory without run.json is not a run.
            }
        }
    }

    @Override
    public RunRecord logRun(RunRecord run, Map<String, Path> artifactSources) {
        String id = run.runId() != null && run.runId().matches("[A-Za-z0-9_-]+") ? run.runId() : newRunId();
        Optional<RunRecord> complete = findRun(id);
        if (complete.isPresent()) {
            return complete.get();
        }
        Path dir = runDir(id);
        try {
            Files.createDirectories(dir);
            Path staging = dir.resolve(".artifacts." + UUID.randomUUID() + ".tmp");
            try {
                Files.createDirectories(staging);
                for (Map.Entry<String, Path> e : artifactSources.entrySet()) {
                    Path dest = staging.resolve(e.getKey()).normalize();
                    if (!dest.startsWith(staging)) {
                        throw new IllegalArgumentException("artifact destination escapes the run: " + e.getKey());
                    }
                    AtomicFiles.copyRecursively(e.getValue(), dest);
                }
                AtomicFiles.deleteTree(dir.resolve("artifacts"));
                AtomicFiles.move(staging, dir.resolve("artifacts"));
            } finally {
                AtomicFiles.deleteTree(staging);
            }
            List<String> artifacts = new ArrayList<>(list(dir.resolve("artifacts")));
            RunRecord stored = run.stored(id, artifacts);
            AtomicFiles.write(dir.resolve("run.json"), Json.bytes(stored));
            if (run.cacheKey() != null) {
                AtomicFiles.write(cacheFile(run.model(), run.cacheKey()), Json.bytes(Map.of("runId", id)));
            }
            return stored;
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    @Override
    public Optional<RunRecord> findRun(String runId) {
        if (runId == null || !runId.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        Path f = runDir(runId).resolve("run.json");
        return Files.isRegularFile(f) ? Optional.of(readJson(f, RunRecord.class)) : Optional.empty();
    }

    @Override
    public Optional<RunRecord> findRunByCacheKey(String model, String cacheKey) {
        Path f = cacheFile(model, cacheKey);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Object id = readJson(f, Map.class).get("runId");
        return id == null ? Optional.empty() : findRun(id.toString());
    }

    @Override
    public void tagRun(String runId, Map<String, String> tags) {
        withLockUnchecked(() -> {
            RunRecord run = findRun(runId)
                    .orElseThrow(() -> new RegistryException("run " + runId + " is not in the " + describe()));
            AtomicFiles.write(runDir(runId).resolve("run.json"), Json.bytes(run.withTags(tags)));
            return null;
        });
    }

    @Override
    public void logArtifacts(String runId, String destination, Path source) {
        try {
            Path target =
                    runDir(runId).resolve("artifacts").resolve(destination).normalize();
            if (!target.startsWith(runDir(runId))) {
                throw new IllegalArgumentException("artifact destination escapes the run: " + destination);
            }
            if (Files.isDirectory(source)) {
                AtomicFiles.copyTree(source, target);
            } else {
                AtomicFiles.write(target, Files.readAllBytes(source));
            }
            withLock(() -> {
                RunRecord run = findRun(runId)
                        .orElseThrow(() -> new RegistryException("run " + runId + " is not in the " + describe()));
                RunRecord updated = run.stored(run.runId(), list(runDir(runId).resolve("artifacts")));
                AtomicFiles.write(runDir(runId).resolve("run.json"), Json.bytes(updated));
                return null;
            });
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    @Override
    public Path fetchArtifacts(String runId, String relativePath, Path target) {
        // Local artifacts are already files; no copy is needed.
        Path base = runDir(runId).resolve("artifacts");
        Path p = relativePath == null || relativePath.isEmpty()
                ? base
                : base.resolve(relativePath).normalize();
        if (!p.startsWith(base) || !Files.exists(p)) {
            throw new RegistryException(
                    "artifact '" + relativePath + "' of run " + runId + " is missing from the " + describe());
        }
        return p;
    }

    @Override
    public ModelVersion registerVersion(String model, String runId, Map<String, String> tags) {
        return updateModel(model, doc -> {
            for (ModelVersion v : doc.versions) {
                if (v.runId().equals(runId)) {
                    return v;
                }
            }
            int next = doc.versions.stream()
                            .mapToInt(v -> Integer.parseInt(v.version()))
                            .max()
                            .orElse(0)
                    + 1;
            ModelVersion v = new ModelVersion(
                    model, String.valueOf(next), runId, Instant.now().toString(), tags);
            doc.versions.add(v);
            return v;
        });
    }

    @Override
    public Optional<ModelVersion> versionOfRun(String model, String runId) {
        return readModel(model).versions.stream()
                .filter(v -> v.runId().equals(runId))
                .findFirst();
    }

    @Override
    public Optional<ModelVersion> version(String model, String version) {
        return readModel(model).versions.stream()
                .filter(v -> v.version().equals(version))
                .findFirst();
    }

    @Override
    public List<ModelVersion> versions(String model) {
        return List.copyOf(readModel(model).versions);
    }

    @Override
    public Optional<ModelVersion> versionByAlias(String model, String alias) {
        ModelDoc doc = readModel(model);
        String v = doc.aliases.get(alias);
        return v == null
                ? Optional.empty()
                : doc.versions.stream().filter(x -> x.version().equals(v)).findFirst();
    }

    @Override
    public Optional<String> setAlias(String model, String alias, String version) {
        return updateModel(model, doc -> {
            if (doc.versions.stream().noneMatch(v -> v.version().equals(version))) {
                throw new RegistryException("cannot point alias '" + alias + "' at version " + version + " of " + model
                        + ": no such version in the " + describe());
            }
            String previous = doc.aliases.put(alias, version);
            if (!version.equals(previous)) {
                doc.aliasHistory.add(
                        new AliasChange(alias, version, previous, Instant.now().toString()));
            }
            return Optional.ofNullable(previous);
        });
    }

    @Override
    public void deleteAlias(String model, String alias) {
        updateModel(model, doc -> {
            String previous = doc.aliases.remove(alias);
            if (previous != null) {
                doc.aliasHistory.add(
                        new AliasChange(alias, null, previous, Instant.now().toString()));
            }
            return null;
        });
    }

    @Override
    public void tagVersion(String model, String version, Map<String, String> tags) {
        updateModel(model, doc -> {
            for (int i = 0; i < doc.versions.size(); i++) {
                if (doc.versions.get(i).version().equals(version)) {
                    doc.versions.set(i, doc.versions.get(i).withTags(tags));
                    return null;
                }
            }
            throw new RegistryException("version " + version + " of " + model + " is not in the " + describe());
        });
    }

    @Override
    public List<AliasChange> aliasHistory(String model, String alias) {
        return readModel(model).aliasHistory.stream()
                .filter(c -> c.alias().equals(alias))
                .toList();
    }

    @Override
    public MonitorRecord logMonitorWindow(MonitorRecord record, Map<String, Path> artifactSources) {
        String compact =
                record.windowEnd() == null ? "unknown" : record.windowEnd().replaceAll("[^0-9TZ]", "");
        String id =
                compact + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path dir = monitorDir(record.model()).resolve(id);
        MonitorRecord stored = record.withId(id);
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, Path> e : artifactSources.entrySet()) {
                Path dest = dir.resolve("artifacts").resolve(e.getKey()).normalize();
                if (!dest.startsWith(dir.resolve("artifacts"))) {
                    throw new IllegalArgumentException("artifact destination escapes the record: " + e.getKey());
                }
                AtomicFiles.copyRecursively(e.getValue(), dest);
            }
            // The record is written last: a window is in the history only once all of it is stored.
            AtomicFiles.write(dir.resolve("record.json"), Json.bytes(stored));
        } catch (IOException e) {
            throw unwritable(e);
        }
        if (record.modelVersion() != null
                && version(record.model(), record.modelVersion()).isPresent()) {
            tagVersion(record.model(), record.modelVersion(), MonitorTags.onVersion(stored));
        }
        return stored;
    }

    @Override
    public void logMonitorArtifacts(String model, String recordId, String destination, Path source) {
        Path dir = monitorDir(model).resolve(safe(recordId));
        if (!Files.isRegularFile(dir.resolve("record.json"))) {
            throw new RegistryException(
                    "monitoring record " + recordId + " of " + model + " is not in the " + describe());
        }
        Path target = dir.resolve("artifacts").resolve(destination).normalize();
        if (!target.startsWith(dir.resolve("artifacts"))) {
            throw new IllegalArgumentException("artifact destination escapes the record: " + destination);
        }
        try {
            AtomicFiles.copyRecursively(source, target);
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    @Override
    public List<MonitorRecord> monitorHistory(String model, int limit) {
        Path dir = monitorDir(model);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<MonitorRecord> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path d : s.toList()) {
                Path f = d.resolve("record.json");
                if (Files.isRegularFile(f)) {
                    all.add(readJson(f, MonitorRecord.class));
                }
            }
        } catch (IOException e) {
            throw new RegistryException("cannot list the monitoring history in " + dir + ": " + e.getMessage(), e);
        }
        return MonitorTags.latestPerWindow(all, limit);
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    /** The JSON document of one model. */
    static final class ModelDoc {
        public String name;
        public List<ModelVersion> versions = new ArrayList<>();
        public Map<String, String> aliases = new LinkedHashMap<>();
        public List<AliasChange> aliasHistory = new ArrayList<>();
    }

    private ModelDoc readModel(String model) {
        Path f = modelFile(model);
        if (!Files.isRegularFile(f)) {
            ModelDoc d = new ModelDoc();
            d.name = model;
            return d;
        }
        return readJson(f, ModelDoc.class);
    }

    private <T> T updateModel(String model, Function<ModelDoc, T> change) {
        return withLockUnchecked(() -> {
            ModelDoc doc = readModel(model);
            T result = change.apply(doc);
            AtomicFiles.write(modelFile(model), Json.bytes(doc));
            return result;
        });
    }

    private static String newRunId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private Path runDir(String runId) {
        return root.resolve("runs").resolve(runId);
    }

    private Path modelFile(String model) {
        return root.resolve("models").resolve(safe(model) + ".json");
    }

    private Path monitorDir(String model) {
        return root.resolve(io.mlopsci.contract.StepId.MONITOR.id()).resolve(safe(model));
    }

    private Path cacheFile(String model, String key) {
        return root.resolve("cache").resolve(safe(model)).resolve(safe(key) + ".json");
    }

    private static String safe(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.contains("..")) {
            throw new IllegalArgumentException("not a safe file name: " + name);
        }
        return name;
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        }
    }

    private <T> T readJson(Path f, Class<T> type) {
        try {
            return Json.read(f, type);
        } catch (JsonProcessingException e) {
            throw new RegistryException("the local registry file " + f + " is corrupt (" + e.getOriginalMessage()
                    + "); restore it or delete " + display + " to start over");
        } catch (NoSuchFileException e) {
            throw new RegistryException("the local registry file " + f + " disappeared while being read");
        } catch (IOException e) {
            throw new RegistryException("cannot read the local registry file " + f + ": " + e.getMessage(), e);
        }
    }

    /** An action under the registry's exclusive lock. */
    private interface Locked<T> {
        T run() throws IOException;
    }

    private <T> T withLockUnchecked(Locked<T> action) {
        try {
            return withLock(action);
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    private <T> T withLock(Locked<T> action) throws IOException {
        Files.createDirectories(root);
        try (FileChannel ch =
                FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long deadline = System.nanoTime() + LOCK_TIMEOUT.toNanos();
            while (true) {
                FileLock lock = null;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    // Another thread of this process holds it; wait like for another process.
                }
                if (lock != null) {
                    try (FileLock held = lock) {
                        return action.run();
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new RegistryException("the " + describe() + " has been locked by another run for "
                            + LOCK_TIMEOUT.toMinutes() + " minutes; if no other mlops process is running, delete "
                            + root.resolve(".lock"));
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegistryException("interrupted while waiting for the registry lock");
                }
            }
        }
    }

    private MlopsException unwritable(IOException e) {
        String reason = e instanceof AccessDeniedException
                ? "permission denied"
                : e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
        return new RegistryException(
                "cannot write the " + describe() + " (" + root + "): " + reason
                        + "; make the directory writable or point --workdir elsewhere",
                e);
    }
}
