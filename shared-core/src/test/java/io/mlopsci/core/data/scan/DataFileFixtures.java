package io.mlopsci.core.data.scan;

import io.mlopsci.core.config.DataConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Data files opened as validate-data opens them, for tests: the reference role, default format options. */
public final class DataFileFixtures {

    private DataFileFixtures() {}

    /** An embedded DuckDB in {@code dir} for tests: 256 MB, two threads (parallel scans), no progress lines. */
    public static DuckDb db(Path dir) {
        return DuckDb.open(
                dir,
                "256MB",
                2,
                new io.mlopsci.core.console.Progress(
                        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), "test", true));
    }

    /** {@code path} as the reference, its table named after the file without its extension. */
    public static DataFile reference(DuckDb db, Path path) {
        String name = path.getFileName().toString();
        return DataFiles.open(
                db,
                DataConfig.Role.REFERENCE,
                path,
                name,
                new DataConfig.FileFormat(null, null, List.of("")),
                Set.of(),
                name.contains(".") ? name.substring(0, name.indexOf('.')) : name,
                false);
    }
}
