package io.mlopsci.core.data.scan;

import io.mlopsci.core.config.DataConfig;
import java.sql.SQLException;
import java.util.Set;

/**
 * A check that reads aggregates from the fused scans of the data files, possibly over several
 * rounds (drift needs the reference before it can say what to count in the current file). {@link
 * FusedScans} scans each file when every participant that will need it can say what.
 */
public interface ScanParticipant {

    /** Files this participant will need but cannot yet say what from: they are not scanned until it can. */
    default Set<DataConfig.Role> waitingFor() {
        return Set.of();
    }

    /** Adds what it needs from the next scan of {@code file}; false when it needs nothing from it now. */
    boolean plan(DataFile file, AggregateQuery query) throws SQLException;

    /** The results of the scan it planned for. */
    void scanned(DataFile file, Row row) throws SQLException;
}
