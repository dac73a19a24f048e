package io.mlopsci.dist;

import java.util.List;

/**
 * An agent platform the engine is distributed for: the classifier of its jar and the name of the
 * DuckDB native library it needs (the DuckDB JDBC driver picks {@code libduckdb_java.so_<os>_<arch>}
 * from the class path at run time).
 *
 * @param classifier e.g. {@code linux-amd64}
 */
public record Platform(String classifier) {

    /** The platforms DuckDB's JDBC driver ships a native library for. */
    public static final List<Platform> ALL = List.of(
            new Platform("linux-amd64"),
            new Platform("linux-arm64"),
            new Platform("macos-arm64"),
            new Platform("windows-amd64"));

    /** The jar entry of this platform's DuckDB native library. */
    public String duckdbNative() {
        return NATIVE_PREFIX + classifier.replace('-', '_');
    }

    /** The prefix every DuckDB native library entry shares. */
    public static final String NATIVE_PREFIX = "libduckdb_java.so_";

    /** The distribution's file name. */
    public String jarName() {
        return "mlops-" + classifier + ".jar";
    }
}
