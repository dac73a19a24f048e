package io.mlopsci.core.data.scan;

import java.sql.SQLException;
import java.util.List;

/**
 * Where the checks' SQL runs: embedded DuckDB ({@link DuckDb}), or an add-on engine such as Spark
 * (through {@code data.engine}). The checks write their queries with {@link #dialect()} for the
 * few functions whose names or semantics differ between engines.
 */
public interface SqlRunner {

    /** Runs a query that returns exactly one row; {@code bytes} sizes its progress lines. */
    Row one(String sql, String what, long bytes) throws SQLException;

    /** Runs a query and returns at most {@code limit} rows. */
    List<Row> all(String sql, String what, long bytes, int limit) throws SQLException;

    /** The SQL dialect of this engine. */
    CheckDialect dialect();

    /**
     * How this engine feeds {@link JvmAggregate}s from its worker threads, or null when it cannot
     * (their SQL expressions run instead).
     */
    default JvmFeeding jvmFeeding() {
        return null;
    }
}
