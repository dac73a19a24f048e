package io.mlopsci.core.data.engine;

import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Every exact count per value that one scan of {@code relation} asks for, in one grouped Spark job:
 * the relation's rows turned into one row per counted column ({@code inline} of an array of structs,
 * keyed by the column's index), grouped by key and value, folded into one map per kind of value.
 * Each column's aggregate is {@code first((that subquery))} and the column's own map from it; the
 * subquery's text is the same in every one of them, and Spark computes it once (checked: the scan
 * runs as many jobs with six such columns as with one).
 *
 * <p>Values keep their types: text counts are {@code MAP<STRING, BIGINT>}, number counts {@code
 * MAP<DOUBLE, BIGINT>}, counts over categories {@code MAP<INT, BIGINT>} by 1-based position (0, a
 * value not listed, left out), each in its own field of the grouping row (only the fields some
 * column uses), so nothing is converted to text and back. A column with no values counts an empty
 * map, a relation with no rows null.
 */
record SparkGroupedCounts(String relation) implements AggregateQuery.Stack<SparkGroupedCounts.Part> {

    /** One column's counts: of {@code value}, an expression of the column, null where the column is. */
    record Part(Field field, DataFile.Column column, String value) {}

    /** Which field of the grouping row holds a part's values, and their type. */
    enum Field {
        TEXT("s", "STRING", "s IS NOT NULL"),
        NUMBER("d", "DOUBLE", "d IS NOT NULL"),
        POSITION("p", "INT", "p > 0");

        private final String name;
        private final String type;
        private final String counted;

        Field(String name, String type, String counted) {
            this.name = name;
            this.type = type;
            this.counted = counted;
        }
    }

    @Override
    public String shared(List<Part> parts) {
        // Only the fields some part counts: a narrower row and grouping key is cheaper.
        EnumSet<Field> used = EnumSet.noneOf(Field.class);
        parts.forEach(p -> used.add(p.field()));
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            StringBuilder row = new StringBuilder("struct(CASE WHEN ")
                    .append(part.column().sql())
                    .append(" IS NOT NULL THEN ")
                    .append(i)
                    .append(" END AS k");
            for (Field f : used) {
                row.append(", ")
                        .append(f == part.field() ? part.value() : "CAST(NULL AS " + f.type + ")")
                        .append(" AS ")
                        .append(f.name);
            }
            rows.add(row.append(")").toString());
        }
        List<String> names = new ArrayList<>();
        List<String> byKey = new ArrayList<>();
        List<String> perKey = new ArrayList<>();
        for (Field f : used) {
            names.add(f.name);
            byKey.add("map_from_entries(collect_list(struct(" + f.name + ", n)) FILTER (WHERE " + f.counted + ")) AS "
                    + f.name);
            perKey.add("map_from_entries(collect_list(struct(k, " + f.name + "))) AS " + f.name);
        }
        String fields = String.join(", ", names);
        return "SELECT struct(" + String.join(", ", perKey) + ") FROM (SELECT k, " + String.join(", ", byKey)
                + " FROM (SELECT k, " + fields + ", count(*) AS n FROM (SELECT inline(array(" + String.join(", ", rows)
                + ")) FROM " + relation + ") AS g WHERE k IS NOT NULL GROUP BY k, " + fields
                + ") AS h GROUP BY k) AS m";
    }

    @Override
    public String expression(Part part, int index, String shared) {
        return "coalesce(element_at(first((" + shared + "))." + part.field().name + ", " + index
                + "), CASE WHEN count(*) > 0 THEN " + empty(part.field()) + " END)";
    }

    /** An empty map of a field's counts. */
    static String empty(Field field) {
        return "CAST(map() AS MAP<" + field.type + ", BIGINT>)";
    }
}
