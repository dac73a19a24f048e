package io.mlopsci.core.data.checks;

import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.SqlRunner;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offending values behind a failed rule: the most frequent ones with their counts and first
 * row, the first offending rows, and how many distinct values offend. Runs only after a rule has
 * failed, so passing checks cost no extra scan; memory stays bounded however many values offend.
 */
public final class Evidence {

    /** How many offending values and rows a report lists. */
    public static final int LIST = 5;

    private final List<Map<String, Object>> values;
    private final List<Long> rows;
    private final long distinct;

    private Evidence(List<Map<String, Object>> values, List<Long> rows, long distinct) {
        this.values = values;
        this.rows = rows;
        this.distinct = distinct;
    }

    /**
     * @param value     SQL of the value to list
     * @param violation SQL condition that is true for offending rows
     */
    public static Evidence of(SqlRunner db, DataFile file, String value, String violation) throws SQLException {
        String from = " FROM " + file.numbered() + " WHERE " + violation;
        List<Map<String, Object>> values = new ArrayList<>();
        for (Row r : db.all(
                "SELECT " + db.dialect().text(value) + " AS v, count(*) AS n, min(" + DataFile.ROW + ") AS r" + from
                        + " GROUP BY 1 ORDER BY n DESC, r LIMIT " + LIST,
                "listing offending values in " + file.display(),
                file.bytes(),
                LIST)) {
            Map<String, Object> m = new LinkedHashMap<>();
            String v = r.getString("v");
            m.put("value", v == null ? null : v.length() > 200 ? v.substring(0, 197) + "..." : v);
            m.put("count", r.count("n"));
            m.put("firstRow", r.getLong("r"));
            values.add(m);
        }
        Row s = db.one(
                "SELECT approx_count_distinct(" + value + ") AS d, "
                        + db.dialect().smallest(DataFile.ROW, LIST) + " AS rows" + from,
                "listing offending rows in " + file.display(),
                file.bytes());
        List<Long> rows = new ArrayList<>();
        List<Object> raw = s.getList("rows");
        if (raw != null) {
            raw.stream().filter(o -> o != null).forEach(o -> rows.add(((Number) o).longValue()));
        }
        rows.sort(Long::compare);
        return new Evidence(values, rows, Math.max(s.count("d"), values.size()));
    }

    /** The evidence as criterion details. */
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("examples", values);
        d.put("firstRows", rows);
        d.put("distinctValues", distinct);
        d.put("truncated", distinct > values.size());
        return d;
    }

    /** E.g. "'x' ×12 (first at row 3), 'y' ×2 (row 9) …and about 1,234 more distinct values; rows 3, 9, 11". */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> v : values) {
            b.append(b.length() == 0 ? "" : ", ")
                    .append(Texts.quote((String) v.get("value")))
                    .append(" ×")
                    .append(Texts.count((Long) v.get("count")))
                    .append(" (row ")
                    .append(Texts.count((Long) v.get("firstRow")))
                    .append(')');
        }
        if (distinct > values.size()) {
            b.append(" …and about ")
                    .append(Texts.count(distinct - values.size()))
                    .append(" more distinct values");
        }
        if (!rows.isEmpty()) {
            b.append("; first rows: ");
            for (int i = 0; i < rows.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(Texts.count(rows.get(i)));
            }
        }
        return b.toString();
    }

    public List<Map<String, Object>> values() {
        return values;
    }

    public List<Long> rows() {
        return rows;
    }

    public long distinct() {
        return distinct;
    }
}
