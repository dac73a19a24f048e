package io.mlopsci.core.data.scan;

import io.mlopsci.contract.result.Timing;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.console.Progress;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The fused scans on the embedded engine, as validate-data and monitor run them: a progress line
 * before and after each scan, its timing, and each file's row count from its first scan (a file
 * with no rows is refused, but for the roles that may be empty).
 */
public final class DuckDbScanner implements FusedScans.Scanner {

    private final DuckDb db;
    private final Progress progress;
    private final List<Timing> timings;
    private final Set<DataConfig.Role> mayBeEmpty;

    /**
     * @param timings    where each scan's timing is added
     * @param mayBeEmpty roles whose file may have no rows (monitor's live window)
     */
    public DuckDbScanner(DuckDb db, Progress progress, List<Timing> timings, Set<DataConfig.Role> mayBeEmpty) {
        this.db = db;
        this.progress = progress;
        this.timings = timings;
        this.mayBeEmpty = Set.copyOf(mayBeEmpty);
    }

    @Override
    public Row scan(DataFile f, AggregateQuery q) {
        progress.phase("scanning " + f.display() + " (" + DuckDb.size(f.bytes()) + "): " + q.size()
                + " aggregates in one pass");
        long t0 = System.nanoTime();
        Row r;
        try {
            r = q.run(db, f, "scanning " + f.display());
        } catch (java.sql.SQLException e) {
            throw DataFiles.scanError(db, f, e);
        }
        timings.add(new Timing(
                "scan " + f.role().key() + " (" + q.size() + " aggregates)", (System.nanoTime() - t0) / 1_000_000));
        if (!f.rowsKnown()) {
            f.rows(r.count(q.key(FusedScans.ROW_COUNT)));
            if (!mayBeEmpty.contains(f.role())) {
                DataFiles.requireRows(f);
            }
        }
        progress.phase(f.display() + ": " + String.format(Locale.ROOT, "%,d", f.rows()) + " rows, "
                + f.columns().size() + " columns");
        return r;
    }
}
