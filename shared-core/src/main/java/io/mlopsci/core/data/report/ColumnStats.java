package io.mlopsci.core.data.report;

import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.ScanParticipant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's per-column summary of one file, read in that file's fused scan: non-null values,
 * range (ordered types), an estimate of the distinct values (HyperLogLog) and, for text, the three
 * most frequent values (a bounded sketch). Nothing here holds every value.
 */
public final class ColumnStats implements ScanParticipant {

    /** Most frequent values shown for a text column. */
    static final int TOP = 3;

    private final DataFile file;
    private final Map<String, Keys> keys = new LinkedHashMap<>();
    private Row row;

    private record Keys(String nonNull, String min, String max, String distinct, String top) {}

    /** One column's summary. */
    public record Stats(long nonNull, String min, String max, Long distinct, List<String> top) {}

    public ColumnStats(DataFile file) {
        this.file = file;
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
            keys.put(
                    c.name(),
                    new Keys(
                            q.add("count(" + v + ")"),
                            range ? q.add("CAST(min(" + v + ") AS VARCHAR)") : null,
                            range ? q.add("CAST(max(" + v + ") AS VARCHAR)") : null,
                            q.add("approx_count_distinct(" + v + ")"),
                            c.kind() == DataFile.Kind.STRING ? q.add("approx_top_k(" + v + ", " + TOP + ")") : null));
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
                row.getLong(k.distinct()),
                top);
    }
}
