package io.mlopsci.core.data.report;

import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.ScanParticipant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's per-column summary of one file, read in that file's fused scan: non-null values and
 * range (ordered types) — what the scan's checks mostly compute already — and, for a text column
 * that drift does not count by category, an estimate of its distinct values (HyperLogLog) and its
 * three most frequent values (a bounded sketch); for the others {@link Profiles} takes both from
 * the drift's category counts. Nothing here holds every value.
 */
public final class ColumnStats implements ScanParticipant {

    /** Most frequent values shown for a text column. */
    static final int TOP = 3;

    private final DataFile file;
    private final java.util.Set<String> countedByDrift;
    private final Map<String, Keys> keys = new LinkedHashMap<>();
    private Row row;

    private record Keys(String nonNull, String min, String max, String distinct, String top) {}

    /** One column's summary. */
    public record Stats(long nonNull, String min, String max, Long distinct, List<String> top) {}

    /** @param countedByDrift text columns whose categories drift counts in this file */
    public ColumnStats(DataFile file, java.util.Set<String> countedByDrift) {
        this.file = file;
        this.countedByDrift = java.util.Set.copyOf(countedByDrift);
    }

    public DataFile file() {
        return file;
    }

    @Override
    public boolean plan(DataFile f, AggregateQuery q) {
        if (f != file || !keys.isEmpty()) {
            return false;
        }
        for (DataFile.Column c : file.columns()) {
            String v = c.sql();
            boolean range = c.ordered() || c.kind() == DataFile.Kind.BOOLEAN;
            boolean sketch = c.kind() == DataFile.Kind.STRING && !countedByDrift.contains(c.name());
            keys.put(
                    c.name(),
                    new Keys(
                            q.add("count(" + v + ")"),
                            range ? q.add("CAST(min(" + v + ") AS VARCHAR)") : null,
                            range ? q.add("CAST(max(" + v + ") AS VARCHAR)") : null,
                            sketch ? q.add("approx_count_distinct(" + v + ")") : null,
                            sketch ? q.add("approx_top_k(" + v + ", " + TOP + ")") : null));
        }
        return true;
    }

    @Override
    public void scanned(DataFile f, Row r) {
        if (f == file) {
            row = r;
        }
    }

    /** The column's summary, or null when the file was not scanned or has no such column. */
    public Stats of(String column) {
        Keys k = keys.get(column);
        if (row == null || k == null) {
            return null;
        }
        List<String> top = null;
        if (k.top() != null) {
            List<Object> values = row.getList(k.top());
            top = values == null
                    ? List.of()
                    : values.stream().map(String::valueOf).toList();
        }
        return new Stats(
                row.count(k.nonNull()),
                k.min() == null ? null : row.getString(k.min()),
                k.max() == null ? null : row.getString(k.max()),
                k.distinct() == null ? null : row.getLong(k.distinct()),
                top);
    }
}
