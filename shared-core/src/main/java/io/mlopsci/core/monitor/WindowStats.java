package io.mlopsci.core.monitor;

import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.ScanParticipant;
import io.mlopsci.core.data.scan.Sql;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the window's first scan counts besides the checks' aggregates: its records, the newest
 * timestamp, and the records per model version — volume, freshness and the version check, in the
 * same pass.
 */
final class WindowStats implements ScanParticipant {

    private final DataFile window;
    private String rowsKey;
    private String newestKey;
    private String versionsKey;
    private Row row;

    WindowStats(DataFile window) {
        this.window = window;
    }

    @Override
    public boolean plan(DataFile file, AggregateQuery query) {
        if (file != window || rowsKey != null) {
            return false;
        }
        rowsKey = query.add("count(*)");
        newestKey = query.add("epoch_ms(max(" + Sql.ident(LiveRecords.TS) + "))");
        versionsKey = query.add("histogram(" + Sql.ident(LiveRecords.VERSION) + ")");
        return true;
    }

    @Override
    public void scanned(DataFile file, Row r) {
        this.row = r;
    }

    long rows() {
        return row.count(rowsKey);
    }

    /** The newest record in the window, or null when it is empty. */
    Instant newest() {
        Long ms = row.getLong(newestKey);
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    /** Records per version (absent versions are not keys), sorted by version. */
    Map<String, Long> versions() {
        Map<String, Long> out = new TreeMap<>();
        if (row.get(versionsKey) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (k != null) {
                    out.put(String.valueOf(k), ((Number) v).longValue());
                }
            });
        }
        return out;
    }
}
