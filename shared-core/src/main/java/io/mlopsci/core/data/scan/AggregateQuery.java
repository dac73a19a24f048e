package io.mlopsci.core.data.scan;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Fuses the aggregates of many checks on one file into a single {@code SELECT ... FROM file}: each
 * check adds the expressions it needs and reads its results by the returned key once the query has
 * run. The same expression added twice is computed once.
 */
public final class AggregateQuery {

    private final Map<String, String> keyByExpression = new LinkedHashMap<>();
    /** Expressions that a columnar file computes in a SELECT of their own ({@link #addApart}). */
    private final Set<String> apart = new HashSet<>();

    private Row result;

    /** Adds an aggregate expression; returns the key its value will have. */
    public String add(String expression) {
        if (result != null) {
            throw new IllegalStateException("the query has already run");
        }
        return keyByExpression.computeIfAbsent(expression, e -> "a" + keyByExpression.size());
    }

    /**
     * Adds an aggregate that, on a columnar file (Parquet), is computed in a second SELECT with the
     * other such aggregates instead of in the fused one; returns its key. For DuckDB's {@code
     * histogram} of a column Parquet stores dictionary-encoded: in a query of its own DuckDB counts
     * it once per dictionary entry, next to the scan's filtered and listed aggregates it counts row
     * by row and keeps memory per row (on the benchmark's 10M-row reference: 16.4 s of CPU for the
     * fused scan, 12.4 s for the two). Reading those columns again costs little on a columnar file;
     * a text file would be parsed twice, so there it stays in the fused SELECT.
     */
    public String addApart(String expression) {
        String key = add(expression);
        apart.add(expression);
        return key;
    }

    /** The key of an expression added earlier. */
    public String key(String expression) {
        String k = keyByExpression.get(expression);
        if (k == null) {
            throw new IllegalArgumentException("not in the query: " + expression);
        }
        return k;
    }

    public boolean isEmpty() {
        return keyByExpression.isEmpty();
    }

    public int size() {
        return keyByExpression.size();
    }

    public String sql(String relation) {
        return sql(relation, e -> true);
    }

    private String sql(String relation, Predicate<String> which) {
        StringBuilder sql = new StringBuilder("SELECT ");
        boolean first = true;
        for (Map.Entry<String, String> e : keyByExpression.entrySet()) {
            if (which.test(e.getKey())) {
                sql.append(first ? "" : ",\n  ")
                        .append(e.getKey())
                        .append(" AS ")
                        .append(e.getValue());
                first = false;
            }
        }
        return sql.append("\nFROM ").append(relation).toString();
    }

    /** Whether {@link #run} reads {@code file} with two SELECTs: the fused one, and the aggregates apart. */
    public boolean splits(DataFile file) {
        return !file.parsesText() && !apart.isEmpty() && apart.size() < keyByExpression.size();
    }

    /** Runs the fused query over {@code file}'s data, read from the file itself. */
    public Row run(SqlRunner db, DataFile file, String what) throws SQLException {
        return run(db, file, file.relation(), what);
    }

    /** Runs the fused query over {@code relation} (the file itself, or its copy in DuckDB). */
    public Row run(SqlRunner db, DataFile file, String relation, String what) throws SQLException {
        if (keyByExpression.isEmpty()) {
            result = new Row(Map.of());
        } else if (splits(file)) {
            Map<String, Object> values =
                    new HashMap<>(db.one(sql(relation, e -> !apart.contains(e)), what, file.bytes())
                            .values());
            values.putAll(db.one(sql(relation, apart::contains), what + " (value counts)", file.bytes())
                    .values());
            result = new Row(values);
        } else {
            result = db.one(sql(relation), what, file.bytes());
        }
        return result;
    }

    /** The results (after {@link #run}). */
    public Row result() {
        if (result == null) {
            throw new IllegalStateException("the query has not run yet");
        }
        return result;
    }
}
