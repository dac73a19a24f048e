package io.mlopsci.core.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mlopsci.contract.StepId;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.io.Hashing;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A trained run waiting to be recorded: written to {@code <out>/train/pending-run.json} just before
 * the run is recorded and deleted once it is, so that when the registry fails the trained outputs
 * are kept and a later {@code mlops train} (same inputs) or {@code mlops train --record-only}
 * records them without training again. The SHA-256 of every output makes sure what is recorded
 * later is exactly what was trained.
 *
 * @param runId      the id the registry gave the run when training started (the command's MLOPS_RUN_ID)
 * @param registry   where it was to be recorded, for messages
 * @param startedAt  when training started, ISO-8601
 * @param durationMs training wall time
 * @param params     the params it was trained with
 * @param tags       git, CI and cache tags of the training invocation
 * @param dataHashes data file → SHA-256 at training time
 * @param cacheKey   the run cache key of its inputs, or null
 * @param artifacts  artifact destination → absolute local path (model directory, metrics, predictions)
 * @param sha256     artifact destination → SHA-256 of the file, or of the directory's listing and files
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PendingRun(
        String runId,
        String registry,
        String startedAt,
        long durationMs,
        Map<String, String> params,
        Map<String, String> tags,
        Map<String, String> dataHashes,
        String cacheKey,
        Map<String, String> artifacts,
        Map<String, String> sha256) {

    static final String FILE = "pending-run.json";

    PendingRun {
        params = params == null ? Map.of() : new LinkedHashMap<>(params);
        tags = tags == null ? Map.of() : new LinkedHashMap<>(tags);
        dataHashes = dataHashes == null ? Map.of() : new LinkedHashMap<>(dataHashes);
        artifacts = artifacts == null ? Map.of() : new LinkedHashMap<>(artifacts);
        sha256 = sha256 == null ? Map.of() : new LinkedHashMap<>(sha256);
    }

    static Path file(MlopsConfig config) {
        return config.stepOut(StepId.TRAIN).resolve(FILE);
    }

    /** The pending run of this workdir, if a previous invocation left one. */
    static Optional<PendingRun> read(MlopsConfig config) {
        Path f = file(config);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(f, PendingRun.class));
        } catch (IOException e) {
            throw MlopsException.infrastructure(
                    "cannot read " + config.relative(f) + " (trained outputs waiting to be recorded): " + e.getMessage()
                            + "; delete it to train again",
                    e);
        }
    }

    /** Describes the outputs as they are now, hashes included. */
    static PendingRun of(
            String runId,
            String registry,
            String startedAt,
            long durationMs,
            Map<String, String> params,
            Map<String, String> tags,
            Map<String, String> dataHashes,
            String cacheKey,
            Map<String, Path> artifacts)
            throws IOException {
        Map<String, String> paths = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Map.Entry<String, Path> a : artifacts.entrySet()) {
            paths.put(a.getKey(), a.getValue().toAbsolutePath().normalize().toString());
            hashes.put(a.getKey(), hash(a.getValue()));
        }
        return new PendingRun(
                runId, registry, startedAt, durationMs, params, tags, dataHashes, cacheKey, paths, hashes);
    }

    void write(MlopsConfig config) throws IOException {
        AtomicFiles.write(file(config), Json.bytes(this));
    }

    static void delete(MlopsConfig config) throws IOException {
        Files.deleteIfExists(file(config));
    }

    /** The artifacts as local paths, in recording order. */
    Map<String, Path> artifactPaths() {
        Map<String, Path> out = new LinkedHashMap<>();
        artifacts.forEach((k, v) -> out.put(k, Path.of(v)));
        return out;
    }

    /** Why the outputs can no longer be recorded as trained (missing or changed), or empty when they can. */
    Optional<String> changed(MlopsConfig config) throws IOException {
        for (Map.Entry<String, Path> a : artifactPaths().entrySet()) {
            Path p = a.getValue();
            if (!Files.exists(p)) {
                return Optional.of(config.relative(p) + " is gone");
            }
            if (!hash(p).equals(sha256.get(a.getKey()))) {
                return Optional.of(config.relative(p) + " changed since training");
            }
        }
        return Optional.empty();
    }

    /** SHA-256 of a file, or of a directory's sorted relative paths and their files' hashes. */
    private static String hash(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return Hashing.sha256(p);
        }
        MessageDigest d = Hashing.sha256();
        List<Path> files;
        try (Stream<Path> s = Files.walk(p)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String line = p.relativize(f).toString().replace('\\', '/') + "\0" + Hashing.sha256(f) + "\n";
            d.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
