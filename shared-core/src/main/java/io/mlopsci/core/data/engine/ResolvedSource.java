package io.mlopsci.core.data.engine;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.data.scan.DataFile;
import java.util.List;

/**
 * A source the engine has found and can read.
 *
 * @param source   the source as configured
 * @param relation the SQL relation (in the engine's dialect) that reads it, selection applied
 * @param numbered {@code relation} with a 1-based {@code __row} column: the row's position in the
 *                 order the engine reads the source (for evidence: "first at row 12")
 * @param format   the file format it is read as, or null for a catalog table
 * @param columns  its columns in order
 */
public record ResolvedSource(
        DataConfig.Source source,
        String relation,
        String numbered,
        DataConfig.FileFormat.Kind format,
        List<Column> columns) {

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
