package io.mlopsci.core.config;

import io.mlopsci.contract.result.SourceLocation;

/**
 * One thing wrong with a configuration file: where (file, 1-based line and column, the field's
 * dotted path) and what was expected.
 */
public record ConfigProblem(SourceLocation location, String path, String message) {

    @Override
    public String toString() {
        String where = location == null ? "" : location + ": ";
        String field = path == null || path.isEmpty() ? "" : "'" + path + "': ";
        return where + field + message;
    }
}
