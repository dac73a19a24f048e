package io.mlopsci.core.config;

import io.mlopsci.core.result.SourceLocation;
import java.nio.file.Path;

/**
 * The {@code data} section: the data files the pipeline uses. Paths are absolute (resolved against
 * the workdir). Checks on them belong to the validate-data step.
 */
public record DataConfig(Path train, Path eval, Path reference, Path schema, String label, YNode raw,
                         SourceLocation location) {
}
