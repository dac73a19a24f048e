package io.mlopsci.core.data.scan;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBLogicalType;
import org.duckdb.DuckDBReadableVector;
import org.duckdb.DuckDBWritableVector;

/**
 * DuckDB feeds {@link JvmAggregate}s through one vectorized Java function registered on the
 * connection, {@code mlops_feed(token, input...)}: DuckDB calls it from its worker threads with a
 * vector of rows, and it hands the vectors to the feed registered under the token. The function is
 * volatile, so DuckDB calls it for every chunk of the scan and never folds or reuses its result;
 * {@code count_if} over its (always true) result keeps it inside the scan's aggregate.
 */
final class DuckDbFeeding implements JvmFeeding {

    static final String FUNCTION = "mlops_feed";

    private final Map<Long, JvmFeed> feeds = new ConcurrentHashMap<>();

    private DuckDbFeeding() {}

    /** Registers the feeding function on {@code connection}. */
    static DuckDbFeeding register(Connection connection) throws SQLException {
        DuckDbFeeding feeding = new DuckDbFeeding();
        DuckDBFunctions.scalarFunction()
                .withName(FUNCTION)
                .withVarArgs(DuckDBLogicalType.of(DuckDBColumnType.DOUBLE))
                .withReturnType(DuckDBLogicalType.of(DuckDBColumnType.BOOLEAN))
                .withVolatile()
                .withVectorizedFunction(feeding::feed)
                .register(connection);
        return feeding;
    }

    @Override
    public String expression(long token, List<String> inputs) {
        return "count_if(" + FUNCTION + "(" + token + ", " + String.join(", ", inputs) + "))";
    }

    @Override
    public Registration register(long token, JvmFeed feed) {
        if (feeds.putIfAbsent(token, feed) != null) {
            throw new IllegalStateException("a feed is already registered under " + token);
        }
        return () -> feeds.remove(token);
    }

    private void feed(DuckDBDataChunkReader in, DuckDBWritableVector out) {
        int rows = (int) in.rowCount();
        if (rows == 0) {
            return;
        }
        long token = (long) in.vector(0).getDouble(0);
        JvmFeed feed = feeds.get(token);
        if (feed == null) {
            throw new IllegalStateException("no JVM aggregates are registered under " + token);
        }
        DuckDBReadableVector[] inputs = new DuckDBReadableVector[(int) in.columnCount() - 1];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = in.vector(i + 1);
        }
        feed.accept(new JvmFeed.Chunk() {
            @Override
            public int rows() {
                return rows;
            }

            @Override
            public int nonNull(int input, double[] into) {
                DuckDBReadableVector v = inputs[input];
                int n = 0;
                for (int r = 0; r < rows; r++) {
                    if (!v.isNull(r)) {
                        into[n++] = v.getDouble(r);
                    }
                }
                return n;
            }
        });
        for (int r = 0; r < rows; r++) {
            out.setBoolean(r, true);
        }
    }
}
