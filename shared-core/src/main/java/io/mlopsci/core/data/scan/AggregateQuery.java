package io.mlopsci.core.data.scan;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

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
    /** Expressions that a columnar file computes in a SELECT of their own ({@link #addApart}). */
    private final Set<String> apart = new HashSet<>();

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
        return sql(relation, e -> true);
    }

    /** The SELECT of the entries {@code which} accepts (a stacked part is never apart). */
    private String sql(String relation, Predicate<Object> which) {
        Map<Stack<?>, String> shared = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        boolean first = true;
        for (Map.Entry<Object, String> e : keyByEntry.entrySet()) {
            if (which.test(e.getKey())) {
                String expression = e.getKey() instanceof Stacked s ? stacked(s, shared) : (String) e.getKey();
                sql.append(first ? "" : ",\n  ")
                        .append(expression)
                        .append(" AS ")
                        .append(e.getValue());
                first = false;
            }
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

    /** Whether {@link #run} reads {@code file} with two SELECTs: the fused one, and the aggregates apart. */
    public boolean splits(DataFile file) {
        return !file.parsesText() && !apart.isEmpty() && apart.size() < keyByEntry.size();
    }

    /** Runs the fused query over {@code file}'s data, read from the file itself. */
    public Row run(SqlRunner db, DataFile file, String what) throws SQLException {
        return run(db, file, file.relation(), what);
    }

    /** Runs the fused query over {@code relation} (the file itself, or its copy in DuckDB). */
    public Row run(SqlRunner db, DataFile file, String relation, String what) throws SQLException {
        if (keyByEntry.isEmpty()) {
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
