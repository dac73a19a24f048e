package io.mlopsci.core.data.scan;

import io.mlopsci.core.console.Progress;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.AtomicFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.QueryProgress;

/**
 * One embedded DuckDB database for one validate-data run: a file under the step's work directory
 * (so that ingested data can be larger than memory), a memory limit, a thread count and a
 * temporary directory for spilling. Long queries report progress on stderr.
 */
public final class DuckDb implements AutoCloseable, SqlRunner {

    /** Progress lines start after this long and repeat at this interval. */
    private static final long PROGRESS_FIRST_MS = 2_000;

    private static final long PROGRESS_EVERY_MS = 5_000;

    private final Connection connection;
    /** Feeds the JVM aggregates of the scans from DuckDB's worker threads. */
    private DuckDbFeeding feeding;

    private final Path dir;
    private final Progress progress;
    private String memoryLimit;
    /** Whether the limit is the scans' default, to be raised for the queries after them. */
    private boolean scanDefault;

    private final ScheduledExecutorService poller;
    private final long progressFirstMs;
    private final long progressEveryMs;

    private DuckDb(
            Connection connection,
            Path dir,
            Progress progress,
            String memoryLimit,
            long progressFirstMs,
            long progressEveryMs) {
        this.connection = connection;
        this.dir = dir;
        this.progress = progress;
        this.memoryLimit = memoryLimit;
        this.progressFirstMs = progressFirstMs;
        this.progressEveryMs = progressEveryMs;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mlops-duckdb-progress");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens a fresh database in {@code dir} (deleted first, and again on close).
     *
     * @param memoryLimit DuckDB's memory limit, e.g. {@code 4GB}; null for {@link #scanMemoryLimit}
     *                    (at most half the machine's memory) until {@link #allowFullMemory} raises it
     * @param threads     worker threads; null for the available processors
     */
    public static DuckDb open(Path dir, String memoryLimit, Integer threads, Progress progress) {
        return open(dir, memoryLimit, threads, progress, PROGRESS_FIRST_MS, PROGRESS_EVERY_MS);
    }

    static DuckDb open(
            Path dir,
            String memoryLimit,
            Integer threads,
            Progress progress,
            long progressFirstMs,
            long progressEveryMs) {
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        String limit = memoryLimit != null ? memoryLimit : scanMemoryLimit(nThreads);
        Path tmp = dir.resolve("tmp");
        try {
            AtomicFiles.deleteTree(dir);
            Files.createDirectories(tmp);
            // DuckDB unpacks its native library into java.io.tmpdir; it must exist.
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw MlopsException.infrastructure(
                    "cannot create DuckDB's work directory " + dir + ": " + e.getMessage(), e);
        }
        Connection c;
        try {
            c = DriverManager.getConnection(
                    "jdbc:duckdb:" + dir.resolve("scan.duckdb").toAbsolutePath());
        } catch (SQLException | LinkageError e) {
            throw MlopsException.infrastructure("cannot start the embedded DuckDB engine: " + e.getMessage(), e);
        }
        DuckDb db = new DuckDb(c, dir, progress, limit, progressFirstMs, progressEveryMs);
        db.scanDefault = memoryLimit == null;
        try (Statement s = c.createStatement()) {
            s.execute("SET memory_limit = " + Sql.string(limit));
            s.execute("SET threads = " + nThreads);
            s.execute("SET temp_directory = " + Sql.path(tmp));
            s.execute("SET enable_progress_bar = true");
            s.execute("SET enable_progress_bar_print = false");
        } catch (SQLException e) {
            db.close();
            throw MlopsException.config(
                    "DuckDB rejected the engine settings (data.engine): " + firstLine(e.getMessage()), null);
        }
        try {
            db.feeding = DuckDbFeeding.register(c);
        } catch (SQLException e) {
            db.close();
            throw MlopsException.infrastructure(
                    "cannot register the scans' Java function with DuckDB: " + firstLine(e.getMessage()), e);
        }
        return db;
    }

    /**
     * The default limit while the fused scans run: their aggregates stream and hold bounded state
     * (counts, sketches, bracket values), so more memory would only hold more of the file's pages;
     * what a scan buffers grows with the threads reading the file. On the 10M-row benchmark (2
     * threads) 384 MiB cost no CPU time against 512 MiB and 1 GiB and kept the process (DuckDB, whose
     * value sketches sit outside the limit, plus the JVM) well under 1 GB.
     */
    static final long SCAN_MEMORY_BASE_MIB = 128;

    static final long SCAN_MEMORY_PER_THREAD_MIB = 128;

    /** {@link #SCAN_MEMORY_BASE_MIB} plus {@link #SCAN_MEMORY_PER_THREAD_MIB} per thread, at most half the machine. */
    static String scanMemoryLimit(int threads) {
        long half = Long.parseLong(defaultMemoryLimit().replace("MiB", ""));
        return Math.min(SCAN_MEMORY_BASE_MIB + SCAN_MEMORY_PER_THREAD_MIB * threads, half) + "MiB";
    }

    /**
     * Raises a defaulted limit to half the machine for what follows the scans (copies, joins,
     * sorts, which spill less with more memory); a configured limit stays as configured.
     */
    public void allowFullMemory() throws SQLException {
        if (!scanDefault) {
            return;
        }
        scanDefault = false;
        String limit = defaultMemoryLimit();
        try (Statement s = connection.createStatement()) {
            s.execute("SET memory_limit = " + Sql.string(limit));
        }
        memoryLimit = limit;
    }

    /** Half of the memory the JVM sees (the container's limit inside a container), in MiB. */
    static String defaultMemoryLimit() {
        long total = 8L << 30;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            total = os.getTotalMemorySize();
        }
        return Math.max(256, total / 2 / (1 << 20)) + "MiB";
    }

    public String memoryLimit() {
        return memoryLimit;
    }

    /** Runs a statement that returns nothing (e.g. CREATE TABLE ... AS). */
    public void execute(String sql, String what, long bytes) throws SQLException {
        run(sql, what, bytes, ps -> {
            ps.execute();
            return null;
        });
    }

    @Override
    public CheckDialect dialect() {
        return DuckDbSql.INSTANCE;
    }

    @Override
    public JvmFeeding jvmFeeding() {
        return feeding;
    }

    /** Runs a query that returns exactly one row. */
    @Override
    public Row one(String sql, String what, long bytes) throws SQLException {
        List<Row> rows = all(sql, what, bytes, 2);
        if (rows.size() != 1) {
            throw new SQLException("expected one row from " + what + ", got " + rows.size());
        }
        return rows.get(0);
    }

    /** Runs a query and returns at most {@code limit} rows. */
    @Override
    public List<Row> all(String sql, String what, long bytes, int limit) throws SQLException {
        return run(sql, what, bytes, ps -> {
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                while (out.size() < limit && rs.next()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        values.put(md.getColumnLabel(i), value(rs, md, i));
                    }
                    out.add(new Row(values));
                }
            }
            return out;
        });
    }

    private static Object value(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        String type = md.getColumnTypeName(i);
        if (type != null && type.endsWith("[]")) {
            Array a = rs.getArray(i);
            if (a == null) {
                return null;
            }
            Object elements = a.getArray();
            // A drift bracket's values come back as hundreds of thousands of boxed Doubles per
            // column; kept as primitives they take a sixth of the heap (nulls keep the boxed form).
            return "DOUBLE[]".equals(type) && elements instanceof Object[] boxed ? Row.primitive(boxed) : elements;
        }
        return rs.getObject(i);
    }

    private interface Action<T> {
        T apply(PreparedStatement ps) throws SQLException;
    }

    private <T> T run(String sql, String what, long bytes, Action<T> action) throws SQLException {
        long start = System.nanoTime();
        long readAtStart = bytesRead();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ScheduledFuture<?> task = poller.scheduleAtFixedRate(
                    () -> report(ps, what, bytes, start, readAtStart),
                    progressFirstMs,
                    progressEveryMs,
                    TimeUnit.MILLISECONDS);
            try {
                return action.apply(ps);
            } finally {
                task.cancel(false);
            }
        }
    }

    /**
     * One progress line: the bytes this process has read since the query started (Linux's
     * {@code /proc/self/io}, which counts what DuckDB reads from the file), else DuckDB's own
     * estimate of the share done; and the elapsed time.
     */
    private void report(PreparedStatement ps, String what, long bytes, long start, long readAtStart) {
        try {
            double elapsed = (System.nanoTime() - start) / 1e9;
            StringBuilder line = new StringBuilder(what).append(": ");
            long read = bytesRead();
            if (read >= 0 && readAtStart >= 0 && bytes > 0) {
                long done = Math.min(bytes, read - readAtStart);
                line.append(size(done))
                        .append(" of ")
                        .append(size(bytes))
                        .append(" read")
                        .append(String.format(Locale.ROOT, " (%.0f%%)", 100.0 * done / bytes));
            } else {
                QueryProgress p = ps.unwrap(DuckDBPreparedStatement.class).getQueryProgress();
                line.append(
                        p.getPercentage() >= 0
                                ? String.format(Locale.ROOT, "about %.0f%% done (DuckDB's estimate)", p.getPercentage())
                                : "running");
            }
            line.append(String.format(Locale.ROOT, ", %.1f s", elapsed));
            progress.phase(line.toString());
        } catch (SQLException | RuntimeException e) {
            // Progress is best effort; the query itself reports real failures.
        }
    }

    /** Bytes this process has read through read(2) so far, or -1 where the kernel does not say. */
    static long bytesRead() {
        try {
            for (String l : java.nio.file.Files.readAllLines(Path.of("/proc/self/io"))) {
                if (l.startsWith("rchar:")) {
                    return Long.parseLong(l.substring(6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: fall back to DuckDB's estimate.
        }
        return -1;
    }

    /** A byte count for humans, e.g. {@code 512 MB}. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f MB", bytes / 1024.0 / 1024);
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1024.0 / 1024 / 1024);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * Turns an engine failure into the contract's error: out of memory or disk is the
     * environment's (exit 3); anything else here is the engine's own bug (exit 3) unless the
     * caller knows it came from reading a user's file.
     */
    public MlopsException failure(SQLException e, String what) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        if (msg.startsWith("Out of Memory Error")) {
            return MlopsException.infrastructure(
                    "DuckDB ran out of memory while " + what + " (memory_limit " + memoryLimit + "): " + firstLine(msg)
                            + "; raise data.engine.memory_limit or free memory",
                    e);
        }
        if (msg.contains("No space left on device") || msg.contains("max_temp_directory_size")) {
            return MlopsException.infrastructure(
                    "DuckDB ran out of disk while " + what + " (temporary files under " + dir + "): " + firstLine(msg),
                    e);
        }
        return MlopsException.internal("DuckDB failed while " + what + ": " + firstLine(msg), e);
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing after a failure; nothing more to report.
        }
        try {
            AtomicFiles.deleteTree(dir);
        } catch (IOException e) {
            progress.warn("cannot delete DuckDB's work directory " + dir + ": " + e.getMessage());
        }
    }
}
