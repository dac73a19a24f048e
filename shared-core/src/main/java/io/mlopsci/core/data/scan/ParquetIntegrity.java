package io.mlopsci.core.data.scan;

import io.mlopsci.core.config.DataConfig.FileFormat;
import io.mlopsci.core.error.MlopsException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;

/**
 * Tells a corrupt Parquet file from a failure of the engine. A Parquet file whose footer reads can
 * still hold pages that do not decode (a flipped byte, a truncated copy); DuckDB then fails in the
 * middle of a scan with a message that does not say which file. When a query over Parquet files
 * fails, each column of each file is decoded alone: the first that fails is the user's bad input
 * (exit 2) naming the file and the column; if every column decodes, the failure stays the engine's.
 */
public final class ParquetIntegrity {

    private ParquetIntegrity() {}

    /** The failure of a query over {@code files}: a corrupt Parquet file among them (exit 2), or the engine's. */
    public static MlopsException failure(DuckDb db, Collection<DataFile> files, SQLException e, String what) {
        if (!resourceFailure(e)) {
            for (DataFile f : files) {
                Optional<MlopsException> corrupt = corrupt(db, f);
                if (corrupt.isPresent()) {
                    return corrupt.get();
                }
            }
        }
        return db.failure(e, what);
    }

    /** Decodes every column of {@code file} (when it is Parquet); the first that fails is reported. */
    public static Optional<MlopsException> corrupt(DuckDb db, DataFile file) {
        if (file == null || file.format() != FileFormat.Kind.PARQUET) {
            return Optional.empty();
        }
        for (DataFile.Column c : file.columns()) {
            try {
                db.one(
                        "SELECT count(hash(" + Sql.ident(c.name()) + ")) AS n FROM read_parquet("
                                + Sql.path(file.path()) + ")",
                        "checking column '" + c.name() + "' of " + file.display(),
                        file.bytes());
            } catch (SQLException e) {
                if (resourceFailure(e)) {
                    return Optional.empty();
                }
                return Optional.of(MlopsException.input(
                        "data." + file.role().key() + " (" + file.display() + "): the Parquet data is corrupt:"
                                + " column '" + c.name() + "' cannot be decoded ("
                                + DataFiles.explain(e.getMessage() == null ? e.toString() : e.getMessage())
                                + "); the file's footer reads, but its pages do not. Write the file again",
                        e));
            }
        }
        return Optional.empty();
    }

    /** Out of memory or disk: not the file's fault, whatever else fails. */
    private static boolean resourceFailure(SQLException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        return msg.startsWith("Out of Memory Error")
                || msg.contains("No space left on device")
                || msg.contains("max_temp_directory_size");
    }
}
