package io.mlopsci.core.data.scan;

import io.mlopsci.core.config.DataConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Data files opened as validate-data opens them, for tests: the reference role, default format options. */
public final class DataFileFixtures {

    private DataFileFixtures() {}

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
