package io.mlopsci.core.data.scan;

import java.sql.SQLException;
import java.util.List;

/**
 * DuckDB as an engine that cannot feed the JVM, for tests: every {@link JvmAggregate} of a query
 * then runs as its SQL, the value a fed aggregate must equal.
 */
public record WithoutFeeding(DuckDb db) implements SqlRunner {

    @Override
    public Row one(String sql, String what, long bytes) throws SQLException {
        return db.one(sql, what, bytes);
    }

    @Override
    public List<Row> all(String sql, String what, long bytes, int limit) throws SQLException {
        return db.all(sql, what, bytes, limit);
    }

    @Override
    public CheckDialect dialect() {
        return db.dialect();
    }
}
