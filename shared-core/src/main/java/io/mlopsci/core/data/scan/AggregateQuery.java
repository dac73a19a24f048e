package io.mlopsci.core.data.scan;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuses the aggregates of many checks on one file into a single {@code SELECT ... FROM file}: each
 * check adds the expressions it needs and reads its results by the returned key once the query has
 * run. The same expression added twice is computed once.
 */
public final class AggregateQuery {

    /**
     * Expressions that read one subquery shared by all of them, which can only be written once every
     * part is known: an engine without a one-pass aggregate for some measures (Spark: exact counts
     * per value) computes all of a scan's in one grouped job instead of one job each.
     *
     * @param <P> what one part asks for
     */
    public interface Stack<P> {

        /** The shared subquery's SQL over every part, in the order they were added. */
        String shared(List<P> parts);

        /** The expression of the {@code index}-th part, reading its share of {@code shared}. */
        String expression(P part, int index, String shared);
    }

    /** One part of a stack, as a key of {@link #keyByEntry}. */
    private record Stacked(Stack<?> stack, Object part) {}

    /** Expressions ({@code String}) and stacked parts ({@link Stacked}), in the order added, with their keys. */
    private final Map<Object, String> keyByEntry = new LinkedHashMap<>();

    private final Map<Stack<?>, List<Object>> partsByStack = new LinkedHashMap<>();
    private Row result;

    /** Adds an aggregate expression; returns the key its value will have. */
    public String add(String expression) {
        return keyOf(expression);
    }

    /** Adds a part of {@code stack}; returns the key its value will have. The same part added twice is computed once. */
    public <P> String add(Stack<P> stack, P part) {
        Stacked entry = new Stacked(stack, part);
        if (!keyByEntry.containsKey(entry)) {
            partsByStack.computeIfAbsent(stack, s -> new ArrayList<>()).add(part);
        }
        return keyOf(entry);
    }

    private String keyOf(Object entry) {
        if (result != null) {
            throw new IllegalStateException("the query has already run");
        }
        return keyByEntry.computeIfAbsent(entry, e -> "a" + keyByEntry.size());
    }

    /** The key of an expression added earlier. */
    public String key(String expression) {
        String k = keyByEntry.get(expression);
        if (k == null) {
            throw new IllegalArgumentException("not in the query: " + expression);
        }
        return k;
    }

    public boolean isEmpty() {
        return keyByEntry.isEmpty();
    }

    public int size() {
        return keyByEntry.size();
    }

    public String sql(String relation) {
        Map<Stack<?>, String> shared = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        boolean first = true;
        for (Map.Entry<Object, String> e : keyByEntry.entrySet()) {
            String expression = e.getKey() instanceof Stacked s ? stacked(s, shared) : (String) e.getKey();
            sql.append(first ? "" : ",\n  ").append(expression).append(" AS ").append(e.getValue());
            first = false;
        }
        return sql.append("\nFROM ").append(relation).toString();
    }

    @SuppressWarnings("unchecked")
    private <P> String stacked(Stacked s, Map<Stack<?>, String> shared) {
        Stack<P> stack = (Stack<P>) s.stack();
        List<P> parts = (List<P>) partsByStack.get(stack);
        String subquery = shared.computeIfAbsent(stack, k -> stack.shared(parts));
        return stack.expression((P) s.part(), parts.indexOf(s.part()), subquery);
    }

    /** Runs the fused query over {@code file}'s data, read from the file itself. */
    public Row run(SqlRunner db, DataFile file, String what) throws SQLException {
        return run(db, file, file.relation(), what);
    }

    /** Runs the fused query over {@code relation} (the file itself, or its copy in DuckDB). */
    public Row run(SqlRunner db, DataFile file, String relation, String what) throws SQLException {
        if (keyByEntry.isEmpty()) {
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
