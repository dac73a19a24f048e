package io.mlopsci.core.config;

import io.mlopsci.core.result.SourceLocation;

/**
 * The {@code package} section, as written (variables such as {@code ${model.version}} are resolved
 * by the package step once the version is known).
 */
public record PackageConfig(YNode raw, SourceLocation location) {
}
