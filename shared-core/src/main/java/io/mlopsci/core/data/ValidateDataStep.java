package io.mlopsci.core.data;

import io.mlopsci.contract.NoOptions;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Timing;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.Role;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.data.checks.ColumnChecks;
import io.mlopsci.core.data.checks.LeakageCheck;
import io.mlopsci.core.data.checks.TableChecks;
import io.mlopsci.core.data.drift.DriftCheck;
import io.mlopsci.core.data.drift.DriftOutcome;
import io.mlopsci.core.data.engine.EngineRun;
import io.mlopsci.core.data.report.ColumnStats;
import io.mlopsci.core.data.report.DataReport;
import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DataFiles;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.DuckDbScanner;
import io.mlopsci.core.data.scan.FusedScans;
import io.mlopsci.core.data.scan.ParquetIntegrity;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.ScanParticipant;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.step.Step;
import io.mlopsci.core.step.StepContext;
import io.mlopsci.core.step.StepDefinition;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The validate-data step: opens the configured data files with embedded DuckDB, compiles every
 * schema, column and table rule on a file into one fused aggregate query, then checks leakage
 * between train and eval and drift of the current file against the reference. Each rule is a
 * criterion; a missing, empty or malformed file is the user's error (exit 2).
 */
public final class ValidateDataStep implements Step<NoOptions> {

    public static final StepDefinition<NoOptions> DEFINITION = StepDefinition.of(
            StepId.VALIDATE_DATA,
            NoOptions.class,
            NoOptions.INSTANCE,
            c -> c.data() != null && c.data().hasChecks(),
            ValidateDataStep::new);
    private static final StepId ID = StepId.VALIDATE_DATA;

    @Override
    public void execute(StepContext ctx, NoOptions options, StepResult.Builder result) {
        MlopsConfig config = ctx.config();
        DataConfig data = config.data();
        if (data == null || !data.hasChecks()) {
            throw MlopsException.config(
                    "nothing to validate: add checks to the 'data' section of " + config.displayName()
                            + " (schema, columns, table, leakage or drift)",
                    data == null ? null : data.location());
        }
        Path work = ctx.stepOut(ID).resolve(".work");
        if (data.engine().kind() != DataConfig.EngineKind.DUCKDB) {
            EngineRun.execute(ctx, result, data, work);
            return;
        }
        try (DuckDb db =
                DuckDb.open(work, data.engine().memoryLimit(), data.engine().threads(), ctx.progress())) {
            Set<Role> ingestFirst = new TreeSet<>();
            while (true) {
                List<Timing> timings = new ArrayList<>();
                try {
                    run(ctx, result, data, db, ingestFirst, timings);
                    timings.forEach(result::timing);
                    return;
                } catch (DataFiles.Reread e) {
                    // A column changed type after the rows DuckDB sampled: read that file again, fully
                    // parsed up front, so that the column is read as text and its type check says why.
                    ctx.progress()
                            .phase(config.relative(data.file(e.role())) + ": " + e.getMessage()
                                    + "; reading it again with that column as text");
                    ingestFirst.add(e.role());
                }
            }
        }
    }

    private void run(
            StepContext ctx,
            StepResult.Builder result,
            DataConfig data,
            DuckDb db,
            Set<Role> ingestFirst,
            List<Timing> timings) {
        MlopsConfig config = ctx.config();
        Set<Role> needed = new LinkedHashSet<>(data.validate());
        if (data.drift() != null) {
            needed.add(data.drift().reference());
            needed.add(data.drift().current());
        }
        if (data.leakage() != null) {
            needed.add(Role.TRAIN);
            needed.add(Role.EVAL);
        }
        Set<String> textColumns = new TreeSet<>();
        data.columns()
                .values()
                .forEach(spec -> spec.rule(DataConfig.TypeRule.class)
                        .filter(t -> t.type() == DataConfig.LogicalType.STRING)
                        .ifPresent(t -> textColumns.add(spec.name())));

        Map<Role, DataFile> files = new LinkedHashMap<>();
        for (Role role : List.of(Role.TRAIN, Role.EVAL, Role.REFERENCE)) {
            if (!needed.contains(role)) {
                continue;
            }
            Path p = data.file(role);
            String display = config.relative(p);
            ctx.progress().phase("opening " + role.key() + " file " + display);
            long t0 = System.nanoTime();
            DataFile f = DataFiles.open(
                    db, role, p, display, data.format(), textColumns, "data_" + role.key(), ingestFirst.contains(role));
            timings.add(new Timing("open " + role.key() + " (" + display + ")", millis(t0)));
            files.put(role, f);
        }

        Map<Role, ColumnScan> columnChecks = new LinkedHashMap<>();
        for (Role role : data.validate()) {
            columnChecks.put(role, new ColumnScan(role, new ColumnChecks(data, files.get(role), db)));
        }
        DriftCheck drift = data.drift() == null
                ? null
                : new DriftCheck(
                        data.drift(),
                        files.get(data.drift().reference()),
                        files.get(data.drift().current()),
                        db,
                        ctx.progress(),
                        ctx.stepOut(ID).resolve(".work"));
        // Drift plans first: a column rule reads the counts of every value that drift makes anyway.
        List<ScanParticipant> participants = new ArrayList<>();
        if (drift != null) {
            participants.add(drift);
        }
        participants.addAll(columnChecks.values());
        DataFile profiled = DataReport.profiled(data, files);
        ColumnStats stats = profiled == null
                ? null
                : new ColumnStats(
                        profiled, drift != null && profiled == drift.current() ? drift.categoricalColumns() : Set.of());
        if (stats != null) {
            participants.add(stats);
        }
        try {
            FusedScans.run(
                    List.copyOf(files.values()),
                    participants,
                    new DuckDbScanner(db, ctx.progress(), timings, Set.of()));
            db.allowFullMemory();

            List<Criterion> criteria = new ArrayList<>();
            long t0 = System.nanoTime();
            for (ColumnScan cs : columnChecks.values()) {
                criteria.addAll(cs.checks.evaluate(cs.row));
                if (data.table() != null) {
                    ctx.progress().phase("table checks on " + files.get(cs.role).display());
                    criteria.addAll(new TableChecks(data, files.get(cs.role), db).evaluate());
                }
            }
            timings.add(new Timing("column and table checks", millis(t0)));
            if (data.leakage() != null) {
                ctx.progress()
                        .phase("leakage: " + files.get(Role.EVAL).display() + " against "
                                + files.get(Role.TRAIN).display());
                t0 = System.nanoTime();
                criteria.addAll(
                        new LeakageCheck(data.leakage(), files.get(Role.TRAIN), files.get(Role.EVAL), db).evaluate());
                timings.add(new Timing("leakage", millis(t0)));
            }
            DriftOutcome outcome = null;
            if (drift != null) {
                t0 = System.nanoTime();
                outcome = drift.evaluate();
                criteria.addAll(outcome.criteria());
                outcome = drift.withCharts(outcome, DataReport.chartedColumns(outcome.views(), criteria));
                drift.skipped().forEach(n -> result.note("drift: " + n));
                timings.add(new Timing("drift", millis(t0)));
            }
            result.criteria(criteria);
            DataReport.write(result, data, files, drift, outcome, criteria, stats);
        } catch (SQLException e) {
            throw ParquetIntegrity.failure(db, files.values(), e, "checking the data");
        }
    }

    /** The column checks on one file, as one participant in its fused scan. */
    private static final class ColumnScan implements ScanParticipant {
        private final Role role;
        private final ColumnChecks checks;
        private boolean planned;
        private Row row;

        ColumnScan(Role role, ColumnChecks checks) {
            this.role = role;
            this.checks = checks;
        }

        @Override
        public boolean plan(DataFile file, AggregateQuery query) throws SQLException {
            if (file.role() != role || planned) {
                return false;
            }
            checks.plan(query);
            planned = true;
            return true;
        }

        @Override
        public void scanned(DataFile file, Row row) {
            this.row = row;
        }
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
