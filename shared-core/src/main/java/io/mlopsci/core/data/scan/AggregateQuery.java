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
 * run. The same expression added twice is computed once. On a columnar file an engine may compute
 * them in a few SELECTs instead ({@link #selects}), each reading only its own columns; the keys and
 * the row are the same. Aggregates added with {@link #addFed} are computed in the JVM when the
 * engine can feed it the values of a chunk of rows at a time, else by their SQL.
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

    /** An aggregate the JVM computes when the engine feeds it ({@link #addFed}), else its SQL; a key of {@link #keyByEntry}. */
    private record Fed(String sql, JvmAggregate jvm) {}

    /** Expressions ({@code String}) and stacked parts ({@link Stacked}), in the order added, with their keys. */
    private final Map<Object, String> keyByEntry = new LinkedHashMap<>();

    private final Map<Stack<?>, List<Object>> partsByStack = new LinkedHashMap<>();
    /** Expressions that a columnar file computes in a SELECT of their own ({@link #addApart}). */
    private final Set<String> apart = new HashSet<>();

    private Row result;

    /** The JVM aggregates' feed, its token and the expression that feeds it, once {@link #selects} has written it. */
    private JvmFeed feed;

    private long token;

    private String feedExpression;

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
     * Adds an aggregate that, on a columnar file (Parquet, or an engine's table), is computed in a
     * SELECT of its own with the other such aggregates (and the stacked parts) instead of in the
     * fused one; returns its key. Reading those columns again costs little on a columnar file; a text
     * file would be parsed twice, so there it stays in the fused SELECT. The engines' reasons:
     * <ul>
     *   <li>DuckDB's {@code histogram} of a column Parquet stores dictionary-encoded: in a query of
     *       its own DuckDB counts it once per dictionary entry, next to the scan's filtered and listed
     *       aggregates it counts row by row and keeps memory per row (on the benchmark's 10M-row
     *       reference: 16.4 s of CPU for the fused scan, 12.4 s for the two);</li>
     *   <li>Spark's sketches, lists and exact percentiles (imperative aggregates): one of them in a
     *       SELECT takes the whole aggregate off whole-stage code generation, so the fused counts run
     *       interpreted with it ({@link CheckDialect#aggregatesPerSelect}).</li>
     * </ul>
     */
    public String addApart(String expression) {
        String key = add(expression);
        apart.add(expression);
        return key;
    }

    /**
     * Adds an aggregate that an engine able to feed the JVM ({@link SqlRunner#jvmFeeding}) computes
     * there, from the values its worker threads read for the scan's other aggregates, and any other
     * engine by its SQL expression {@code sql}; returns its key. Its value is the same either way.
     */
    public String addFed(String sql, JvmAggregate jvm) {
        return keyOf(new Fed(sql, jvm));
    }

    /** The key of {@code expression} when it has been added already, else null (as for a null expression). */
    public String keyIfAdded(String expression) {
        return expression == null ? null : keyByEntry.get(expression);
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

    /** The whole query as one SELECT, every aggregate by its SQL. */
    public String sql(String relation) {
        return sql(relation, e -> true, null);
    }

    /**
     * The SELECT of the entries {@code which} accepts; with {@code feeding}, the JVM aggregates
     * among them are one expression that feeds them all.
     */
    private String sql(String relation, Predicate<Object> which, JvmFeeding feeding) {
        Map<Stack<?>, String> shared = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        boolean first = true;
        boolean fed = false;
        for (Map.Entry<Object, String> e : keyByEntry.entrySet()) {
            if (!which.test(e.getKey())) {
                continue;
            }
            String expression;
            String key = e.getValue();
            if (e.getKey() instanceof Fed f && feeding != null) {
                if (fed) {
                    continue;
                }
                fed = true;
                expression = feedExpression;
                key = FEED_KEY;
            } else {
                expression = e.getKey() instanceof Stacked s
                        ? stacked(s, shared)
                        : e.getKey() instanceof Fed f ? f.sql() : (String) e.getKey();
            }
            sql.append(first ? "" : ",\n  ").append(expression).append(" AS ").append(key);
            first = false;
        }
        return sql.append("\nFROM ").append(relation).toString();
    }

    /** The column of the expression that feeds the JVM aggregates (the rows fed). */
    private static final String FEED_KEY = "fed";

    /** The engine's feeding when it has one and the query holds JVM aggregates; prepares their feed. */
    private JvmFeeding feeding(SqlRunner db) {
        JvmFeeding feeding = db.jvmFeeding();
        if (feeding == null || feed != null) {
            return feeding;
        }
        List<JvmAggregate> jvm = new ArrayList<>();
        for (Object entry : keyByEntry.keySet()) {
            if (entry instanceof Fed f) {
                jvm.add(f.jvm());
            }
        }
        if (jvm.isEmpty()) {
            return null;
        }
        feed = new JvmFeed(jvm);
        // Tells this query's feed from another's running on the same engine (an exact double).
        token = 1 + java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 52);
        feedExpression = feeding.expression(token, feed.inputs());
        return feeding;
    }

    @SuppressWarnings("unchecked")
    private <P> String stacked(Stacked s, Map<Stack<?>, String> shared) {
        Stack<P> stack = (Stack<P>) s.stack();
        List<P> parts = (List<P>) partsByStack.get(stack);
        String subquery = shared.computeIfAbsent(stack, k -> stack.shared(parts));
        return stack.expression((P) s.part(), parts.indexOf(s.part()), subquery);
    }

    /**
     * The SELECTs {@link #run} sends for {@code file}: one with every aggregate for a text file
     * (each SELECT would parse it again); for a columnar file, the fused aggregates in SELECTs of at
     * most {@code perSelect} each, in the order added, then one SELECT of the aggregates added apart
     * and the stacked parts (an engine that needs a stack computes its shared subquery once and
     * reads it with an aggregate that, like those added apart, keeps a whole SELECT off its fastest
     * plan). Each SELECT names its values by their keys, so the SELECTs' rows together are the row.
     */
    public List<String> selects(DataFile file, String relation, int perSelect) {
        return selects(file, relation, perSelect, null);
    }

    /**
     * The SELECTs {@link #run} sends to {@code db} for {@code file}: {@link #selects(DataFile, String,
     * int)} with {@code db}'s limit per SELECT, and the JVM aggregates fed when {@code db} can.
     */
    public List<String> selects(SqlRunner db, DataFile file, String relation) {
        return selects(file, relation, db.dialect().aggregatesPerSelect(), feeding(db));
    }

    private List<String> selects(DataFile file, String relation, int perSelect, JvmFeeding feeding) {
        if (keyByEntry.isEmpty()) {
            return List.of();
        }
        if (file.parsesText()) {
            return List.of(sql(relation, e -> true, feeding));
        }
        List<Object> fused = new ArrayList<>();
        List<Object> separate = new ArrayList<>();
        for (Object entry : keyByEntry.keySet()) {
            (entry instanceof Stacked || apart.contains(entry) ? separate : fused).add(entry);
        }
        if (fused.isEmpty() || (separate.isEmpty() && fused.size() <= perSelect)) {
            return List.of(sql(relation, e -> true, feeding));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < fused.size(); i += perSelect) {
            Set<Object> chunk = new HashSet<>(fused.subList(i, Math.min(fused.size(), i + perSelect)));
            out.add(sql(relation, chunk::contains, feeding));
        }
        if (!separate.isEmpty()) {
            Set<Object> rest = new HashSet<>(separate);
            out.add(sql(relation, rest::contains, feeding));
        }
        return out;
    }

    /** Runs the fused query over {@code file}'s data, read from the file itself. */
    public Row run(SqlRunner db, DataFile file, String what) throws SQLException {
        return run(db, file, file.relation(), what);
    }

    /**
     * Runs the query over {@code relation} (the file itself, or its copy in DuckDB): the {@link
     * #selects} the engine's {@link CheckDialect#aggregatesPerSelect} allows, one after the other.
     */
    public Row run(SqlRunner db, DataFile file, String relation, String what) throws SQLException {
        return run(db, selects(db, file, relation), what, file.bytes());
    }

    /**
     * Runs the query over {@code relation} in one SELECT, whatever the file: for a relation that costs
     * more to read again than the file's columns (a hash sample, which hashes every compared column
     * of every row before it filters).
     */
    public Row runInOne(SqlRunner db, DataFile file, String relation, String what) throws SQLException {
        return run(
                db,
                keyByEntry.isEmpty() ? List.of() : List.of(sql(relation, e -> true, feeding(db))),
                what,
                file.bytes());
    }

    /**
     * Runs {@code selects}, this query's {@link #selects} (a caller that reports how many there are
     * runs those it counted), one after the other; the rows together are the row.
     */
    public Row run(SqlRunner db, List<String> selects, String what, long bytes) throws SQLException {
        if (feed == null || selects.stream().noneMatch(s -> s.contains(feedExpression))) {
            return runSelects(db, selects, what, bytes);
        }
        Row sqlRow;
        try (JvmFeeding.Registration r = db.jvmFeeding().register(token, feed)) {
            sqlRow = runSelects(db, selects, what, bytes);
        }
        Map<String, Object> values = new HashMap<>(sqlRow.values());
        List<Object> fedValues = feed.results();
        int i = 0;
        for (Map.Entry<Object, String> e : keyByEntry.entrySet()) {
            if (e.getKey() instanceof Fed) {
                values.put(e.getValue(), fedValues.get(i++));
            }
        }
        result = new Row(values);
        return result;
    }

    private Row runSelects(SqlRunner db, List<String> selects, String what, long bytes) throws SQLException {
        if (selects.isEmpty()) {
            result = new Row(Map.of());
        } else if (selects.size() == 1) {
            result = db.one(selects.get(0), what, bytes);
        } else {
            Map<String, Object> values = new HashMap<>();
            for (int i = 0; i < selects.size(); i++) {
                String part = i == 0 ? what : what + " (" + (i + 1) + " of " + selects.size() + ")";
                values.putAll(db.one(selects.get(i), part, bytes).values());
            }
            result = new Row(values);
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
