package io.mlopsci.spark;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.data.drift.DriftDialect;
import io.mlopsci.core.data.engine.DataEngine;
import io.mlopsci.core.data.engine.ResolvedSource;
import io.mlopsci.core.data.engine.SparkDriftSql;
import io.mlopsci.core.data.engine.SparkSql;
import io.mlopsci.core.data.scan.CheckDialect;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.error.MlopsException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.spark.sql.connect.Dataset;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.connect.client.SparkResult;

/**
 * One Spark Connect session for one validate-data run. Every operation carries the tag
 * {@value #TAG} (visible in the Spark UI); {@link #cancel} interrupts all of the session's
 * operations, so a stopped or timed-out step leaves no job running on the cluster. Queries that
 * run longer than a few seconds print progress lines: stage, tasks done of total, bytes read.
 */
final class SparkEngine implements DataEngine {

    static final String TAG = "mlops-validate-data";

    private static final long PROGRESS_FIRST_MS = 2_000;
    private static final long PROGRESS_EVERY_MS = 5_000;

    private final SparkSession session;
    private final String where;
    private final String version;
    private final Progress progress;
    private final SparkErrors errors;
    private final SparkSources sources;
    private final ScheduledExecutorService poller;
    private volatile String cancelled;

    private SparkEngine(
            SparkSession session, String where, String version, Progress progress, DataConfig.FileFormat format) {
        this.session = session;
        this.where = where;
        this.version = version;
        this.progress = progress;
        this.errors = new SparkErrors(where);
        this.sources = new SparkSources(this, format);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mlops-spark-progress");
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects and asks the server for its version (the first RPC: reachability and the token). */
    static SparkEngine connect(DataConfig.Spark spark, String token, Progress progress, DataConfig.FileFormat format) {
        String where = SparkConnection.describe(spark.remote(), token != null);
        SparkSession session;
        try {
            session = SparkConnection.session(spark.remote(), token);
        } catch (Exception e) {
            throw new SparkErrors(where).connect(e, token != null, spark);
        }
        String version;
        try {
            version = session.version();
            // The checks' SQL quotes names in double quotes and text in single quotes, as standard SQL
            // and DuckDB do; Spark reads it so with ANSI mode and this option (for this session only).
            session.conf().set("spark.sql.ansi.enabled", "true");
            session.conf().set("spark.sql.ansi.doubleQuotedIdentifiers", "true");
            // Timestamps become seconds since the epoch for drift as DuckDB's epoch() makes them: a
            // timestamp without a time zone read as UTC. Under a cluster's own zone, one with summer
            // time, the cast would shift values by an hour more on one side of each change than on
            // the other, and the measures with them.
            session.conf().set("spark.sql.session.timeZone", "UTC");
        } catch (Exception e) {
            closeQuietly(session);
            throw new SparkErrors(where).connect(e, token != null, spark);
        }
        return new SparkEngine(session, where, version, progress, format);
    }

    SparkSession session() {
        return session;
    }

    SparkErrors errors() {
        return errors;
    }

    @Override
    public String description() {
        return "Spark " + version + " at " + where;
    }

    @Override
    public CheckDialect dialect() {
        return SparkSql.INSTANCE;
    }

    @Override
    public DriftDialect driftDialect() {
        return SparkDriftSql.INSTANCE;
    }

    @Override
    public ResolvedSource resolve(DataConfig.Source source) {
        return call(() -> sources.resolve(source), "resolving " + source.describe(), source);
    }

    @Override
    public Row one(String sql, String what) {
        List<Row> rows = rows(sql, what, 2);
        if (rows.size() != 1) {
            throw MlopsException.internal("expected one row from " + what + ", got " + rows.size(), null);
        }
        return rows.get(0);
    }

    @Override
    public List<Row> rows(String sql, String what, int limit) {
        return call(() -> collect(session.sql(sql), what, limit), what, null);
    }

    /** Runs a Dataset to completion with progress lines; at most {@code limit} rows are converted. */
    List<Row> collect(Dataset<org.apache.spark.sql.Row> ds, String what, int limit) {
        long start = System.nanoTime();
        session.addTag(TAG);
        try (SparkResult<org.apache.spark.sql.Row> result = ds.collectResult()) {
            ScheduledFuture<?> task = poller.scheduleAtFixedRate(
                    () -> progress(result, what, start), PROGRESS_FIRST_MS, PROGRESS_EVERY_MS, TimeUnit.MILLISECONDS);
            try {
                Object array = result.toArray();
                List<Row> out = new ArrayList<>();
                for (Object r : (Object[]) array) {
                    if (out.size() >= limit) {
                        break;
                    }
                    out.add(SparkRows.convert((org.apache.spark.sql.Row) r));
                }
                return out;
            } finally {
                task.cancel(false);
            }
        } finally {
            session.removeTag(TAG);
        }
    }

    /** One progress line from the newest progress message the server streamed with the result. */
    private void progress(SparkResult<?> result, String what, long start) {
        try {
            progress.phase(SparkProgress.line(what, result.progress(), (System.nanoTime() - start) / 1e9));
        } catch (Exception e) {
            // Progress is best effort; the query itself reports real failures.
        }
    }

    /** Runs an operation, turning every failure into the contract's error. */
    <T> T call(Supplier<T> op, String what, DataConfig.Source source) {
        if (cancelled != null) {
            throw MlopsException.infrastructure("Spark work was cancelled before " + what + ": " + cancelled);
        }
        try {
            return op.get();
        } catch (MlopsException e) {
            throw e;
        } catch (Exception e) {
            if (cancelled != null) {
                throw MlopsException.infrastructure("the Spark job was cancelled while " + what + ": " + cancelled, e);
            }
            throw errors.map(e, what, source, this);
        }
    }

    @Override
    public void cancel(String reason) {
        cancelled = reason;
        try {
            session.interruptAll();
        } catch (Exception e) {
            // The server may be gone already; then nothing runs there.
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        closeQuietly(session);
    }

    private static void closeQuietly(SparkSession session) {
        try {
            session.close();
        } catch (Exception e) {
            // Releasing the session is a courtesy to the server; a dead one has nothing to release.
        }
    }
}
