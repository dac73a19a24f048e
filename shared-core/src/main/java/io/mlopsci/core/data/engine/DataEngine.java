package io.mlopsci.core.data.engine;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.data.drift.DriftDialect;
import io.mlopsci.core.data.scan.CheckDialect;
import io.mlopsci.core.data.scan.Row;
import java.util.List;

/**
 * A connection to an engine that runs validate-data's SQL where the data is (the Spark add-on:
 * Spark SQL through Spark Connect). The checks render their plan in the engine's dialect and run
 * it here: one fused aggregate query per scan ({@link #one}), a few bounded queries for evidence
 * ({@link #rows}). Every failure is an {@link io.mlopsci.core.error.MlopsException} with the
 * contract's exit code: 2 for the user's input (a path, table or column that does not exist,
 * a bad filter), 3 for the environment (unreachable, refused, killed, timed out).
 */
public interface DataEngine extends AutoCloseable {

    /** For progress and reports, e.g. {@code Spark 4.1.0 at sc://spark.example.com:443 (TLS)}. */
    String description();

    /** How the checks write their SQL for this engine (e.g. {@link SparkSql}). */
    CheckDialect dialect();

    /** How the drift measures write their SQL for this engine (e.g. {@link SparkDriftSql}). */
    DriftDialect driftDialect();

    /**
     * Resolves a source: checks that the path or table exists and can be read, applies its
     * {@code where} and {@code partition} selection, and returns its columns and the relation the
     * queries name.
     */
    ResolvedSource resolve(DataConfig.Source source);

    /** Runs a query that returns exactly one row (a fused scan), with progress lines while it runs. */
    Row one(String sql, String what);

    /** Runs a query and returns at most {@code limit} rows. */
    List<Row> rows(String sql, String what, int limit);

    /**
     * Cancels whatever this connection is running on the engine (from any thread): the step was
     * interrupted, timed out, or the process is shutting down. The running call then fails with
     * exit 3.
     */
    void cancel(String reason);

    @Override
    void close();
}
