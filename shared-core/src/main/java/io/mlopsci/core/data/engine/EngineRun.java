package io.mlopsci.core.data.engine;

import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Timing;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.Role;
import io.mlopsci.core.data.report.DataReport;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.step.StepContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * validate-data on an add-on engine ({@code data.engine: spark}): loads the add-on, connects,
 * resolves every source the checks need and runs the checks there, with the engine's work cancelled
 * when the process is stopped (a CI job cancelled: SIGTERM) or {@code data.spark.timeout} passes.
 *
 * <p>The column, table and leakage rules and drift run as on DuckDB ({@link EngineChecks}): the
 * same checks, their SQL in the engine's dialects, the same criteria and report.
 */
public final class EngineRun {

    private EngineRun() {}

    public static void execute(StepContext ctx, StepResult.Builder result, DataConfig data, Path workDir) {
        String name = data.engine().kind().key();
        DataEngineProvider provider = DataEngines.provider(name, ctx.env());
        ctx.progress().phase("connecting to " + name + " (" + data.spark().remote() + ")");
        long t0 = System.nanoTime();
        try (DataEngine engine = provider.open(new EngineContext(data, ctx.env(), ctx.progress(), workDir));
                Guard guard = new Guard(engine, data.spark().timeout())) {
            result.timing(new Timing("connect", millis(t0)));
            ctx.progress().phase("connected: " + engine.description());
            Map<Role, DataFile> files = new LinkedHashMap<>();
            for (Role role : needed(data)) {
                DataConfig.Source source = data.source(role);
                ctx.progress().phase("resolving " + role.key() + " " + source.describe());
                long t1 = System.nanoTime();
                ResolvedSource resolved = engine.resolve(source);
                result.timing(new Timing("resolve " + role.key() + " (" + source.describe() + ")", millis(t1)));
                files.put(role, file(resolved));
            }
            EngineChecks.Checked checked =
                    new EngineChecks(ctx, data, files, new EngineQueries(engine), engine.driftDialect()).run(result);
            guard.check();
            result.criteria(checked.criteria());
            DataReport.write(result, data, files, checked.drift(), checked.outcome(), checked.criteria(), null);
        }
    }

    /** The source as the checks see a data file: its relations, its columns; rows counted by its first scan. */
    static DataFile file(ResolvedSource r) {
        return DataFile.onEngine(
                r.source().role(),
                r.source().describe(),
                r.format(),
                r.columns().stream()
                        .map(c -> new DataFile.Column(c.name(), c.type(), c.kind()))
                        .toList(),
                r.relation(),
                r.numbered());
    }

    /** The roles whose data the configured checks read. */
    static Set<Role> needed(DataConfig data) {
        Set<Role> needed = new LinkedHashSet<>(data.validate());
        if (data.drift() != null) {
            needed.add(data.drift().reference());
            needed.add(data.drift().current());
        }
        if (data.leakage() != null) {
            needed.add(Role.TRAIN);
            needed.add(Role.EVAL);
        }
        Set<Role> ordered = new LinkedHashSet<>();
        for (Role r : List.of(Role.TRAIN, Role.EVAL, Role.REFERENCE)) {
            if (needed.contains(r)) {
                ordered.add(r);
            }
        }
        return ordered;
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * Cancels the engine's work when the JVM is stopped (SIGTERM, SIGINT: a cancelled CI job) or the
     * timeout passes, so no job keeps running on the cluster after the step has ended.
     */
    static final class Guard implements AutoCloseable {
        private final DataEngine engine;
        private final Thread hook;
        private final ScheduledExecutorService timer;
        private final Duration timeout;
        private volatile boolean timedOut;

        Guard(DataEngine engine, Duration timeout) {
            this.engine = engine;
            this.timeout = timeout;
            this.hook = new Thread(() -> engine.cancel("the mlops process is stopping"), "mlops-engine-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            if (timeout != null) {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "mlops-engine-timeout");
                    t.setDaemon(true);
                    return t;
                });
                timer.schedule(
                        () -> {
                            timedOut = true;
                            engine.cancel("data.spark.timeout (" + human(timeout) + ") passed");
                        },
                        timeout.toMillis(),
                        TimeUnit.MILLISECONDS);
            } else {
                timer = null;
            }
        }

        /** Fails (exit 3) when the timeout has passed, even if the last call slipped through. */
        void check() {
            if (timedOut) {
                throw MlopsException.infrastructure("validate-data on the engine took longer than data.spark.timeout ("
                        + timeout + "); its jobs were cancelled");
            }
        }

        /** {@code 90s}, {@code 30m}, {@code 2h} — as the configuration writes durations. */
        static String human(Duration d) {
            long s = d.toSeconds();
            if (s % 3600 == 0 && s > 0) {
                return s / 3600 + "h";
            }
            if (s % 60 == 0 && s > 0) {
                return s / 60 + "m";
            }
            return s > 0 ? s + "s" : d.toMillis() + "ms";
        }

        @Override
        public void close() {
            if (timer != null) {
                timer.shutdownNow();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook runs (and cancels) anyway.
            }
        }
    }
}
