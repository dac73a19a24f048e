package io.mlopsci.core.train;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.Hashing;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run cache key: SHA-256 of a canonical JSON document of everything that decides what training
 * produces — the declared code files, the data files, the params, the command, the runner and
 * image, and the environment the configuration names. Absolute paths of the working tree are
 * replaced by placeholders, so the same commit gives the same key on any machine and CI system.
 *
 * @param key        hex SHA-256
 * @param files      every hashed file (relative path → SHA-256), code and data
 * @param dataHashes the data files among them
 * @param warnings   inputs that matched nothing
 */
public record RunCacheKey(
        String key, Map<String, String> files, Map<String, String> dataHashes, List<String> warnings) {

    /**
     * What the key was made of, for the note of a cache hit: a reviewer (or the user who set
     * {@code DEGRADE=1} and got the good model back) sees what would have made a difference, and
     * that environment variables are in it only when {@code train.cache.env} lists them.
     */
    public String inputsInWords(TrainConfig train) {
        List<String> parts = new ArrayList<>();
        parts.add("the command, its working directory and the runner"
                + (train.docker() != null ? " and image " + train.docker().image() : ""));
        parts.add(
                train.params().isEmpty()
                        ? "no train.params"
                        : "train.params (" + String.join(", ", new TreeMap<>(train.params()).keySet()) + ")");
        parts.add(
                train.env().isEmpty()
                        ? "no train.env"
                        : "train.env (" + String.join(", ", new TreeMap<>(train.env()).keySet()) + ")");
        parts.add(
                train.cache().env().isEmpty()
                        ? "no environment variables (train.cache.env is empty)"
                        : "the environment variables "
                                + String.join(", ", train.cache().env()) + " (train.cache.env)");
        long dataFiles = dataHashes.size();
        long codeFiles = files.size() - dataFiles;
        parts.add(dataFiles + (dataFiles == 1 ? " data file" : " data files")
                + (dataFiles == 0 ? "" : " (" + String.join(", ", dataHashes.keySet()) + ")") + " and " + codeFiles
                + (codeFiles == 1 ? " file" : " files") + " matched by train.cache.inputs"
                + (train.cache().inputs().isEmpty()
                        ? " (none listed)"
                        : " (" + String.join(", ", train.cache().inputs()) + ")"));
        return "The cache key is made of " + String.join("; ", parts) + ". Other environment variables are not"
                + " part of it: a run that differs only by one of them reuses this run (list it in"
                + " train.cache.env, or run with --no-cache).";
    }

    /** Bumped when the key's recipe changes, so old entries stop matching. */
    static final int RECIPE = 1;

    public static RunCacheKey compute(MlopsConfig config, TrainConfig train, Map<String, String> env) {
        Path workdir = config.workdir();
        Map<String, String> files = new TreeMap<>();
        Map<String, String> data = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        try {
            if (config.data() != null) {
                for (Path p : new Path[] {
                    config.data().train(), config.data().eval(), config.data().reference()
                }) {
                    if (p != null && Files.isRegularFile(p)) {
                        String h = Hashing.sha256(p);
                        files.put(config.relative(p), h);
                        data.put(config.relative(p), h);
                    } else if (p != null) {
                        files.put(config.relative(p), "missing");
                    }
                }
                for (DataConfig.Source s : config.data().sources().values()) {
                    if (s.isTable() || (s.path() != null && DataConfig.isUri(s.path()))) {
                        // A table or a URI a cluster reads: its content cannot be hashed from here.
                        files.put(s.describe(), "not hashed");
                        warnings.add("data." + s.role().key() + " (" + s.describe() + ") is read by the cluster;"
                                + " its content is not part of the cache key: put a version or date in its path"
                                + " or partition, or disable the cache");
                    }
                }
            }
            for (String pattern : train.cache().inputs()) {
                List<Path> matched = glob(workdir, pattern, config.outDir());
                if (matched.isEmpty()) {
                    warnings.add("cache input '" + pattern + "' matches no file");
                }
                for (Path p : matched) {
                    files.put(config.relative(p), Hashing.sha256(p));
                }
            }
        } catch (IOException e) {
            throw MlopsException.input("cannot read a cache input: " + e.getMessage(), e);
        }
        Map<String, Object> doc = new TreeMap<>();
        doc.put("recipe", RECIPE);
        doc.put("model", config.model());
        doc.put("command", train.argv().stream().map(a -> portable(a, config)).toList());
        doc.put("workingDir", portable(train.workingDir().toString(), config));
        doc.put("runner", train.runner().name());
        if (train.docker() != null) {
            doc.put("image", train.docker().image());
        }
        doc.put("params", new TreeMap<>(train.params()));
        Map<String, String> trainEnv = new TreeMap<>();
        train.env().forEach((k, v) -> trainEnv.put(k, portable(v, config)));
        doc.put("env", trainEnv);
        Map<String, String> declared = new TreeMap<>();
        for (String name : train.cache().env()) {
            declared.put(name, env.getOrDefault(name, ""));
        }
        doc.put("declaredEnv", declared);
        doc.put("files", files);
        doc.put(
                "outputs",
                List.of(
                        portable(train.output().toString(), config),
                        portable(train.metrics().toString(), config),
                        train.predictions() == null
                                ? ""
                                : portable(train.predictions().path().toString(), config)));
        return new RunCacheKey(Hashing.sha256(Json.string(doc)), files, data, warnings);
    }

    private static String portable(String value, MlopsConfig config) {
        return value.replace(config.outDir().toString(), "${out}")
                .replace(config.workdir().toString(), "${workdir}");
    }

    /** Files under {@code workdir} matching a glob relative to it; the output and VCS directories are skipped. */
    static List<Path> glob(Path workdir, String pattern, Path outDir) throws IOException {
        String normalized = pattern.startsWith("./") ? pattern.substring(2) : pattern;
        Path literal = workdir.resolve(normalized).normalize();
        if (!normalized.matches(".*[*?\\[{].*")) {
            return Files.isRegularFile(literal)
                    ? List.of(literal)
                    : Files.isDirectory(literal) ? walk(literal, workdir, null, outDir) : List.of();
        }
        // Walk only below the part of the pattern that has no wildcard.
        String[] parts = normalized.split("/");
        Path base = workdir;
        for (String part : parts) {
            if (part.matches(".*[*?\\[{].*")) {
                break;
            }
            base = base.resolve(part);
        }
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = workdir.getFileSystem().getPathMatcher("glob:" + normalized);
        return walk(base, workdir, matcher, outDir);
    }

    private static List<Path> walk(Path base, Path workdir, PathMatcher matcher, Path outDir) throws IOException {
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(base) && (name.equals(".git") || name.equals(".mlops") || dir.equals(outDir))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && (matcher == null || matcher.matches(workdir.relativize(file)))) {
                    out.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }
}
