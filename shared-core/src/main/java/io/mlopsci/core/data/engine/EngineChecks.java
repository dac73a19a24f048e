package io.mlopsci.core.data.engine;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Timing;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.Role;
import io.mlopsci.core.data.checks.ColumnChecks;
import io.mlopsci.core.data.checks.LeakageCheck;
import io.mlopsci.core.data.checks.TableChecks;
import io.mlopsci.core.data.drift.DriftCheck;
import io.mlopsci.core.data.drift.DriftDialect;
import io.mlopsci.core.data.drift.DriftOutcome;
import io.mlopsci.core.data.report.DataReport;
import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.FusedScans;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.ScanParticipant;
import io.mlopsci.core.data.scan.SqlRunner;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.step.StepContext;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The column, table and leakage rules and drift on an add-on engine: the same {@link ColumnChecks},
 * {@link TableChecks}, {@link LeakageCheck} and {@link DriftCheck} as on DuckDB, fused into one
 * aggregate query per source and round ({@link FusedScans}: the reference's first scan, its second
 * when the bins need one, then the current source's; the first scan of each also counts its rows),
 * their SQL in the engine's dialects, so the criteria are the same in shape and value.
 */
final class EngineChecks {

    /** The criteria, and drift's outcome for the report (both null without drift). */
    record Checked(List<Criterion> criteria, DriftCheck drift, DriftOutcome outcome) {}

    private final StepContext ctx;
    private final DataConfig data;
    private final Map<Role, DataFile> files;
    private final SqlRunner db;
    private final DriftDialect driftDialect;

    EngineChecks(StepContext ctx, DataConfig data, Map<Role, DataFile> files, SqlRunner db, DriftDialect driftDialect) {
        this.ctx = ctx;
        this.data = data;
        this.files = files;
        this.db = db;
        this.driftDialect = driftDialect;
    }

    Checked run(StepResult.Builder result) {
        try {
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
                            driftDialect,
                            ctx.progress());
            // Drift plans first: a column rule reads the counts of every value that drift makes anyway.
            List<ScanParticipant> participants = new ArrayList<>();
            if (drift != null) {
                participants.add(drift);
            }
            participants.addAll(columnChecks.values());
            FusedScans.run(List.copyOf(files.values()), participants, (f, q) -> scan(result, f, q));
            List<Criterion> criteria = new ArrayList<>();
            long t0 = System.nanoTime();
            for (ColumnScan cs : columnChecks.values()) {
                criteria.addAll(cs.checks.evaluate(cs.row));
                if (data.table() != null) {
                    ctx.progress().phase("table checks on " + files.get(cs.role).display());
                    criteria.addAll(new TableChecks(data, files.get(cs.role), db).evaluate());
                }
            }
            result.timing(new Timing("column and table checks", millis(t0)));
            if (data.leakage() != null) {
                ctx.progress()
                        .phase("leakage: " + files.get(Role.EVAL).display() + " against "
                                + files.get(Role.TRAIN).display());
                t0 = System.nanoTime();
                criteria.addAll(
                        new LeakageCheck(data.leakage(), files.get(Role.TRAIN), files.get(Role.EVAL), db).evaluate());
                result.timing(new Timing("leakage", millis(t0)));
            }
            DriftOutcome outcome = null;
            if (drift != null) {
                t0 = System.nanoTime();
                outcome = drift.evaluate();
                criteria.addAll(outcome.criteria());
                outcome = drift.withCharts(outcome, DataReport.chartedColumns(outcome.views(), criteria));
                drift.skipped().forEach(n -> result.note("drift: " + n));
                result.timing(new Timing("drift", millis(t0)));
            }
            return new Checked(criteria, drift, outcome);
        } catch (SQLException e) {
            // The engine reports its failures as the contract's errors; a SQLException here is a bug.
            throw MlopsException.internal("checking the data on the engine: " + e.getMessage(), e);
        }
    }

    /** One fused scan of a source; its first also counts its rows (none: the user's error). */
    private Row scan(StepResult.Builder result, DataFile f, AggregateQuery q) throws SQLException {
        String what = "scanning " + f.role().key() + " " + f.display();
        List<String> selects = q.selects(db, f, f.relation());
        ctx.progress()
                .phase(what + ": " + q.size() + " aggregates in "
                        + (selects.size() == 1 ? "one pass" : selects.size() + " queries"));
        long t0 = System.nanoTime();
        Row r = q.run(db, selects, what, f.bytes());
        result.timing(new Timing("scan " + f.role().key() + " (" + q.size() + " aggregates)", millis(t0)));
        if (!f.rowsKnown()) {
            long n = r.count(q.key(FusedScans.ROW_COUNT));
            if (n == 0) {
                DataConfig.Source source = data.source(f.role());
                throw MlopsException.input("data." + f.role().key() + " (" + source.describe() + ") has no rows"
                        + (source.where() != null || source.partition() != null ? " after its selection" : "")
                        + "; expected at least one row");
            }
            f.rows(n);
        }
        ctx.progress()
                .phase(f.display() + ": " + String.format(Locale.ROOT, "%,d", f.rows()) + " rows, "
                        + f.columns().size() + " columns");
        return r;
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The column checks on one source, as one participant in its fused scan. */
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
}
