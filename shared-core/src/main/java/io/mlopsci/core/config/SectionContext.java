package io.mlopsci.core.config;

import java.nio.file.Path;

/** What section readers share: where relative paths start, where outputs go, the problems found. */
public record SectionContext(Path workdir, Path outDir, Problems problems) {

    /** An absolute, normalised path for a value written relative to the workdir. */
    public Path path(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return workdir.resolve(value).toAbsolutePath().normalize();
    }
}
