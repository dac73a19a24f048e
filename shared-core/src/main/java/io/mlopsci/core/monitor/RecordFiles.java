package io.mlopsci.core.monitor;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.data.scan.DataFiles;
import io.mlopsci.core.error.MlopsException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files a list of patterns names — files, globs ({@code logs/*.jsonl}, {@code logs/**}) or
 * directories (their data files, not below) — relative to the workdir, sorted, with one format
 * for all. A pattern that names nothing, or files of mixed formats, is the user's error (exit 2).
 * Files still being written by the router ({@code .active}) are not data yet.
 *
 * @param setting   how messages name the setting, e.g. {@code monitor.data}
 * @param patterns  the patterns as written
 * @param files     the files, sorted
 * @param format    their format
 * @param bytes     their total size
 * @param workdir   where relative paths start (messages name files relative to it)
 */
public record RecordFiles(
        String setting,
        List<String> patterns,
        List<Path> files,
        DataConfig.FileFormat.Kind format,
        long bytes,
        Path workdir) {

    /** The suffix of the file the router is writing (renamed when it is rotated). */
    public static final String ACTIVE = ".active";

    public RecordFiles {
        patterns = List.copyOf(patterns);
        files = List.copyOf(files);
    }

    /** Expands {@code patterns} against {@code workdir}. */
    public static RecordFiles expand(
            String setting, List<String> patterns, Path workdir, DataConfig.FileFormat format, Path outDir) {
        TreeSet<Path> found = new TreeSet<>();
        for (String pattern : patterns) {
            List<Path> matched = match(pattern, workdir, outDir);
            if (matched.isEmpty()) {
                Path p = workdir.resolve(pattern).normalize();
                throw MlopsException.input(setting + ": '" + pattern + "' "
                        + (isGlob(pattern)
                                ? "matches no file"
                                : Files.isDirectory(p)
                                        ? "is a directory without data files (.jsonl, .csv or .parquet)"
                                        : "does not exist")
                        + " (relative to " + workdir + ")");
            }
            found.addAll(matched);
        }
        List<Path> files = List.copyOf(found);
        DataConfig.FileFormat.Kind kind = format.kind();
        long bytes = 0;
        for (Path f : files) {
            DataConfig.FileFormat.Kind k = kind != null ? kind : kindOf(f);
            if (k == null) {
                throw MlopsException.input(setting + ": cannot tell the format of " + f.getFileName()
                        + " from its extension (expected .jsonl, .ndjson, .json, .csv, .tsv or .parquet); set the"
                        + " format");
            }
            if (kind == null && !files.isEmpty() && k != kindOf(files.get(0))) {
                throw MlopsException.input(
                        setting + ": the files mix formats (" + files.get(0).getFileName() + " is "
                                + name(kindOf(files.get(0))) + ", " + f.getFileName() + " is " + name(k)
                                + "); point it at files of one format");
            }
            try {
                bytes += Files.size(f);
            } catch (IOException e) {
                throw MlopsException.input(setting + ": cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return new RecordFiles(setting, patterns, files, kind != null ? kind : kindOf(files.get(0)), bytes, workdir);
    }

    /** For messages: the patterns and how many files they named. */
    public String describe() {
        return setting + " (" + String.join(", ", patterns) + ": " + files.size()
                + (files.size() == 1 ? " file" : " files") + ")";
    }

    /** A file as messages name it: relative to the workdir when inside it. */
    public String display(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(workdir) ? workdir.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    private static List<Path> match(String pattern, Path workdir, Path outDir) {
        if (isGlob(pattern)) {
            // Walk from the longest directory prefix without wildcards.
            String[] parts = pattern.replace('\\', '/').split("/");
            Path base = pattern.startsWith("/") ? Path.of("/") : workdir;
            int i = 0;
            while (i < parts.length - 1 && !isGlob(parts[i])) {
                base = base.resolve(parts[i]);
                i++;
            }
            Path root = base.normalize();
            if (!Files.isDirectory(root)) {
                return List.of();
            }
            Path absolutePattern = pattern.startsWith("/") ? Path.of(pattern) : workdir.resolve(pattern);
            PathMatcher m = FileSystems.getDefault()
                    .getPathMatcher(
                            "glob:" + absolutePattern.normalize().toString().replace('\\', '/'));
            try (Stream<Path> s = Files.walk(root)) {
                return s.filter(Files::isRegularFile)
                        .filter(p -> m.matches(p.normalize()))
                        .filter(p -> !p.getFileName().toString().endsWith(ACTIVE))
                        .filter(p -> outDir == null || !p.startsWith(outDir))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw MlopsException.input("cannot list " + root + ": " + e.getMessage(), e);
            }
        }
        Path p = workdir.resolve(pattern).normalize();
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        if (Files.isDirectory(p)) {
            List<Path> out = new ArrayList<>();
            try (Stream<Path> s = Files.list(p)) {
                s.filter(Files::isRegularFile)
                        .filter(f -> kindOf(f) != null)
                        .filter(f -> !f.getFileName().toString().startsWith("."))
                        .sorted()
                        .forEach(out::add);
            } catch (IOException e) {
                throw MlopsException.input("cannot list " + p + ": " + e.getMessage(), e);
            }
            return out;
        }
        return List.of();
    }

    static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    /** The format by extension (compressed JSON lines and CSV too), or null: validate-data's rule. */
    static DataConfig.FileFormat.Kind kindOf(Path f) {
        return DataFiles.fromExtension(f);
    }

    private static String name(DataConfig.FileFormat.Kind k) {
        return k == null ? "unknown" : k.name().toLowerCase(Locale.ROOT);
    }
}
