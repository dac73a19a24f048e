package io.mlopsci.core.data.scan;

import java.sql.SQLException;

/** The checks' SQL in DuckDB's dialect (regexes are RE2). */
public final class DuckDbSql implements CheckDialect {

    public static final DuckDbSql INSTANCE = new DuckDbSql();

    private DuckDbSql() {}

    @Override
    public String string(String text) {
        return Sql.string(text);
    }

    @Override
    public String text(String expr) {
        return "CAST(" + expr + " AS VARCHAR)";
    }

    @Override
    public String type(String duckType) {
        return duckType;
    }

    @Override
    public String fullMatch(String value, String regex) {
        return "regexp_full_match(" + value + ", " + Sql.string(regex) + ")";
    }

    @Override
    public String smallest(String expr, int k) {
        return "min(" + expr + ", " + k + ")";
    }

    @Override
    public boolean countsListPositions() {
        return true;
    }

    @Override
    public String regexError(SqlRunner runner, String regex) {
        try {
            runner.one("SELECT " + fullMatch("''", regex) + " AS ok", "checking a regex", 0);
            return null;
        } catch (SQLException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^[A-Za-z ]+ Error: ", "");
            int nl = msg.indexOf('\n');
            return "is not valid RE2 syntax: " + (nl < 0 ? msg : msg.substring(0, nl));
        }
    }
}
