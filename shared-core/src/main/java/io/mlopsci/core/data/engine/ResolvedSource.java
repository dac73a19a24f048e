package io.mlopsci.core.data.engine;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.data.scan.DataFile;
import java.util.List;

/**
 * A source the engine has found and can read.
 *
 * @param source   the source as configured
 * @param relation the SQL relation (in the engine's dialect) that reads it, selection applied
 * @param columns  its columns in order
 */
public record ResolvedSource(DataConfig.Source source, String relation, List<Column> columns) {

    public ResolvedSource {
        columns = List.copyOf(columns);
    }

    public Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** "train table main.ml.train". */
    public String describe() {
        return source.role().key() + " " + source.describe();
    }

    /**
     * A column and how the checks treat its type.
     *
     * @param name the column's name
     * @param type the engine's name of its type, e.g. {@code bigint}, {@code decimal(10,2)}
     * @param kind what the checks make of it
     */
    public record Column(String name, String type, DataFile.Kind kind) {}
}
