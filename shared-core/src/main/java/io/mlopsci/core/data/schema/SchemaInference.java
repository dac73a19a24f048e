package io.mlopsci.core.data.schema;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.Row;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Profiles a data file into a starting schema: each column's type, nullability, range, and for
 * columns with few distinct values the values with their frequencies. One fused scan profiles
 * every column; a second counts the values of the few-valued columns exactly and confirms
 * uniqueness candidates. Memory stays bounded: high-cardinality columns are only sketched.
 */
public final class SchemaInference {

    /** Text columns with at most this many distinct values get an {@code allowed} list. */
    public static final int MAX_CATEGORIES = 20;
    /** Integer columns with at most this many distinct values get an {@code allowed} list too. */
    public static final int MAX_INTEGER_CATEGORIES = 10;

    private SchemaInference() {}

    /** What was learnt about one column. */
    public record ColumnProfile(
            String name,
            String duckType,
            DataConfig.LogicalType type,
            long nulls,
            String min,
            String max,
            Long minLength,
            Long maxLength,
            boolean unique,
            Map<String, Long> categories,
            long approxDistinct) {}

    /** The profile of a whole file. */
    public record Profile(DataFile file, List<ColumnProfile> columns) {}

    public static Profile infer(DuckDb db, DataFile file) throws SQLException {
        AggregateQuery q = new AggregateQuery();
        Map<String, Map<String, String>> keys = new LinkedHashMap<>();
        for (DataFile.Column c : file.columns()) {
            Map<String, String> k = new LinkedHashMap<>();
            k.put("nonNull", q.add("count(" + c.sql() + ")"));
            if (c.kind() == DataFile.Kind.OTHER) {
                keys.put(c.name(), k);
                continue;
            }
            k.put("distinct", q.add("approx_count_distinct(" + c.sql() + ")"));
            if (c.ordered()) {
                k.put("min", q.add("CAST(min(" + c.sql() + ") AS VARCHAR)"));
                k.put("max", q.add("CAST(max(" + c.sql() + ") AS VARCHAR)"));
            }
            if (c.kind() == DataFile.Kind.STRING) {
                k.put("minLength", q.add("min(length(" + c.sql() + "))"));
                k.put("maxLength", q.add("max(length(" + c.sql() + "))"));
            }
            if (c.kind() == DataFile.Kind.STRING
                    || c.kind() == DataFile.Kind.INTEGER
                    || c.kind() == DataFile.Kind.BOOLEAN) {
                k.put("top", q.add("approx_top_k(CAST(" + c.sql() + " AS VARCHAR), " + (MAX_CATEGORIES + 1) + ")"));
            }
            keys.put(c.name(), k);
        }
        Row r = q.run(db, file, "profiling " + file.display());

        AggregateQuery exact = new AggregateQuery();
        Map<String, String> distinctKeys = new LinkedHashMap<>();
        List<DataFile.Column> few = new ArrayList<>();
        for (DataFile.Column c : file.columns()) {
            Map<String, String> k = keys.get(c.name());
            long nonNull = r.count(k.get("nonNull"));
            if (k.containsKey("top")) {
                List<Object> top = r.getList(k.get("top"));
                int limit = c.kind() == DataFile.Kind.INTEGER ? MAX_INTEGER_CATEGORIES : MAX_CATEGORIES;
                if (top != null && top.size() <= limit && nonNull > 0) {
                    few.add(c);
                }
            }
            long approx = k.containsKey("distinct") ? r.count(k.get("distinct")) : 0;
            boolean candidate = (c.kind() == DataFile.Kind.INTEGER || c.kind() == DataFile.Kind.STRING)
                    && nonNull == file.rows()
                    && approx >= 0.9 * nonNull
                    && nonNull > 1;
            if (candidate) {
                distinctKeys.put(c.name(), exact.add("count(DISTINCT " + c.sql() + ")"));
            }
        }
        Row e = exact.isEmpty() ? null : exact.run(db, file, "checking unique columns of " + file.display());
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (DataFile.Column c : few) {
            Map<String, Long> m = new LinkedHashMap<>();
            for (Row x : db.all(
                    "SELECT CAST(" + c.sql() + " AS VARCHAR) AS v, count(*) AS n FROM " + file.table() + " WHERE "
                            + c.sql() + " IS NOT NULL GROUP BY ALL ORDER BY n DESC, v",
                    "counting values of " + c.name(),
                    file.bytes(),
                    MAX_CATEGORIES + 1)) {
                m.put(x.getString("v"), x.count("n"));
            }
            counts.put(c.name(), m);
        }

        List<ColumnProfile> out = new ArrayList<>();
        for (DataFile.Column c : file.columns()) {
            Map<String, String> k = keys.get(c.name());
            long nonNull = r.count(k.get("nonNull"));
            boolean unique =
                    distinctKeys.containsKey(c.name()) && e != null && e.count(distinctKeys.get(c.name())) == nonNull;
            out.add(new ColumnProfile(
                    c.name(),
                    c.duckType(),
                    nonNull == 0
                                    && c.kind() == DataFile.Kind.STRING
                                    && file.format() != DataConfig.FileFormat.Kind.PARQUET
                            ? null
                            : c.logical(),
                    file.rows() - nonNull,
                    k.containsKey("min") ? r.getString(k.get("min")) : null,
                    k.containsKey("max") ? r.getString(k.get("max")) : null,
                    k.containsKey("minLength") ? r.getLong(k.get("minLength")) : null,
                    k.containsKey("maxLength") ? r.getLong(k.get("maxLength")) : null,
                    unique,
                    counts.get(c.name()),
                    k.containsKey("distinct") ? r.count(k.get("distinct")) : 0));
        }
        return new Profile(file, out);
    }
}
