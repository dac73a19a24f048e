package io.mlopsci.core.data.engine;

import io.mlopsci.core.data.scan.CheckDialect;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.SqlRunner;
import java.util.List;

/** The checks' queries run on an add-on engine; its failures are already the contract's errors. */
record EngineQueries(DataEngine engine) implements SqlRunner {

    @Override
    public Row one(String sql, String what, long bytes) {
        return engine.one(sql, what);
    }

    @Override
    public List<Row> all(String sql, String what, long bytes, int limit) {
        return engine.rows(sql, what, limit);
    }

    @Override
    public CheckDialect dialect() {
        return engine.dialect();
    }
}
