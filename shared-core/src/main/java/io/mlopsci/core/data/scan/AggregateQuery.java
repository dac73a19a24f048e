package io.mlopsci.core.data.scan;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuses the aggregates of many checks on one file into a single {@code SELECT ... FROM file}: each
 * check adds the expressions it needs and reads its results by the returned key once the query has
 * run. The same expression added twice is computed once.
 */
public final class AggregateQuery {

    private final Map<String, String> keyByExpression = new LinkedHashMap<>();
    private Row result;

    /** Adds an aggregate expression; returns the key its value will have. */
    public String add(String expression) {
        if (result != null) {
            throw new IllegalStateException("the query has already run");
        }
        return keyByExpression.computeIfAbsent(expression, e -> "a" + keyByExpression.size());
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
        StringBuilder sql = new StringBuilder("SELECT ");
        boolean first = true;
        for (Map.Entry<String, String> e : keyByExpression.entrySet()) {
            sql.append(first ? "" : ",\n  ").append(e.getKey()).append(" AS ").append(e.getValue());
            first = false;
        }
        return sql.append("\nFROM ").append(relation).toString();
    }

    /** Runs the fused query over {@code file}'s data, read from the file itself. */
    public Row run(SqlRunner db, DataFile file, String what) throws SQLException {
        return run(db, file, file.relation(), what);
    }

    /** Runs the fused query over {@code relation} (the file itself, or its copy in DuckDB). */
    public Row run(SqlRunner db, DataFile file, String relation, String what) throws SQLException {
        if (keyByExpression.isEmpty()) {
            result = new Row(Map.of());
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
