package io.mlopsci.core.data.scan;

import io.mlopsci.core.config.DataConfig;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic sample of a Parquet file without reading all of it: whole row groups at evenly
 * spaced positions, as many as it takes to hold {@value #TARGET_ROWS} rows, read through a filter
 * on the file's row number (DuckDB skips the row groups the filter excludes). A row group larger
 * than its share of the target contributes only its first rows. A small file is its own sample. As with
 * {@link BlockSample}, what is drawn from the sample is checked against the full scan: a file
 * sorted by a column (whose row groups then each hold a narrow range) makes that column's
 * brackets miss, which costs time, never exactness.
 */
public final class RowGroupSample {

    /** Rows a sample aims at: as many as the text sample's 64 MB of a typical table hold. */
    static final long TARGET_ROWS = 1L << 19;

    private RowGroupSample() {}

    /** The row groups of a Parquet file: each one's first row number and row count, in file order. */
    public record RowGroup(long first, long rows) {}

    /** A sample of {@code file}, or null when it is not Parquet read directly. */
    public static BlockSample.Sample of(DataFile file, DuckDb db) throws SQLException {
        if (file.format() != DataConfig.FileFormat.Kind.PARQUET || file.rowsRelation("true") == null) {
            return null;
        }
        if (file.bytes() <= BlockSample.WHOLE_FILE) {
            return new BlockSample.Sample(file.relation(), file.bytes(), true, 1);
        }
        return of(file, rowGroups(file, db), TARGET_ROWS);
    }

    /** The row groups of a Parquet file, in file order, from its footer. */
    public static List<RowGroup> rowGroups(DataFile file, DuckDb db) throws SQLException {
        List<RowGroup> groups = new ArrayList<>();
        long first = 0;
        for (Row r : db.all(
                "SELECT row_group_id AS g, any_value(row_group_num_rows) AS n FROM parquet_metadata("
                        + Sql.path(file.path()) + ") GROUP BY row_group_id ORDER BY row_group_id",
                "reading the row groups of " + file.display(),
                0,
                Integer.MAX_VALUE)) {
            long n = r.count("n");
            groups.add(new RowGroup(first, n));
            first += n;
        }
        return groups;
    }

    /**
     * The sample of a Parquet file with these row groups, aiming at {@code target} rows (tests choose
     * smaller targets); the whole file when it holds no more than twice that.
     */
    public static BlockSample.Sample of(DataFile file, List<RowGroup> groups, long target) {
        long total = groups.stream().mapToLong(RowGroup::rows).sum();
        if (total <= 2 * target) {
            return new BlockSample.Sample(file.relation(), file.bytes(), true, 1);
        }
        List<long[]> ranges = ranges(groups, target);
        long rows = ranges.stream().mapToLong(r -> r[1] - r[0]).sum();
        List<String> conditions = new ArrayList<>();
        for (long[] r : ranges) {
            conditions.add("file_row_number BETWEEN " + r[0] + " AND " + (r[1] - 1));
        }
        double share = (double) rows / total;
        return new BlockSample.Sample(
                file.rowsRelation(String.join(" OR ", conditions)), (long) (file.bytes() * share), false, share);
    }

    /**
     * The row-number ranges [from, to) of the sample: {@code m} row groups at evenly spaced
     * positions (the middle of each of {@code m} equal stretches of the file), {@code m} the fewest
     * that hold {@code target} rows on average; of a row group with more than 1.5 times
     * {@code target / m} rows, only its first {@code target / m} (DuckDB decodes no further).
     */
    static List<long[]> ranges(List<RowGroup> groups, long target) {
        long total = groups.stream().mapToLong(RowGroup::rows).sum();
        int g = groups.size();
        int m = (int) Math.min(g, Math.max(1, (target * g + total - 1) / total));
        long each = (target + m - 1) / m;
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            RowGroup rg = groups.get((int) (((2L * i + 1) * g) / (2L * m)));
            long take = rg.rows() > each + each / 2 ? each : rg.rows();
            out.add(new long[] {rg.first(), rg.first() + take});
        }
        return out;
    }
}
