package io.mlopsci.core.data.drift;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.Method;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.ScanParticipant;
import io.mlopsci.core.data.scan.SqlRunner;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drift of every compared column of the current file against the reference, and the share of
 * drifting columns, taking part in validate-data's fused scans:
 * <ol>
 *   <li>the reference's first scan: counts, spreads, value sketches and a quantile sample (a sample
 *       of the reference read first — blocks or row groups on DuckDB, a hash of the rows on an add-on
 *       engine — may make it the only one: {@link ReferenceSample});</li>
 *   <li>the reference's second scan, when needed: the exact bin edges ({@link ExactQuantiles}) and
 *       the reference's counts over its categories ({@link ReferenceBins});</li>
 *   <li>the current file's scan: its counts over the same bins;</li>
 *   <li>then KS and Wasserstein from one query over both files' exact distributions, the measures
 *       ({@link DriftMeasures}) and the verdicts ({@link DriftVerdicts}).</li>
 * </ol>
 * Which columns, and how, is the {@link DriftPlan}; every aggregate is an {@link Aggregate} value
 * that a {@link DriftDialect} writes as SQL: {@link DuckDbDialect} on DuckDB, the engine's on an
 * add-on engine ({@code data.engine: spark}), which runs the same plan from a hash sample of the
 * reference instead of a block sample ({@link ReferenceSample#planHashed}). Nulls (and NaN) are left out of every measure;
 * a column whose measure cannot be computed is an ERROR with the reason.
 */
public final class DriftCheck implements ScanParticipant {

    private enum Stage {
        REFERENCE,
        SECOND_REFERENCE,
        CURRENT,
        DONE
    }

    /** The first reference scan's keys for a column (null: not asked). */
    private record FirstKeys(String count, String std, String topValues, String distinct) {}

    /** What the reference says about a column: its values, spread and the method for it. */
    private record Reference(long values, double std, DriftMethods.Choice choice) {}

    private final DataConfig.Drift cfg;
    private final DataFile ref;
    private final DataFile cur;
    private final SqlRunner db;
    /** DuckDB, for the block or row-group sample of the reference; null on an add-on engine. */
    private final DuckDb duckDb;

    private final Progress progress;
    private final Path workDir;
    private final DriftDialect dialect;
    private final DriftPlan plan;
    private final String prefix;
    private final Map<String, String> problems = new LinkedHashMap<>();
    private final Map<String, ExactQuantiles> quantiles = new LinkedHashMap<>();
    private final Map<String, FirstKeys> firstKeys = new LinkedHashMap<>();
    private final Map<String, Reference> references = new LinkedHashMap<>();
    private final Map<String, ReferenceBins> referenceBins = new LinkedHashMap<>();
    private final Map<String, DriftComparisons.Binned> binned = new LinkedHashMap<>();
    private Map<String, ReferenceSample.OnePass> onePass = new LinkedHashMap<>();
    private List<ColumnResult> results = List.of();
    private Row firstRow;
    private Row secondRow;
    private Row currentRow;
    private Stage stage = Stage.REFERENCE;

    /** @param workDir where a sample of a text reference may be written */
    public DriftCheck(DataConfig.Drift cfg, DataFile ref, DataFile cur, DuckDb db, Progress progress, Path workDir) {
        this(cfg, ref, cur, db, progress, workDir, DriftVerdicts.PREFIX);
    }

    /**
     * @param workDir where a sample of a text reference may be written
     * @param prefix  the criteria's id prefix ({@code drift}: {@code drift.<column>}, {@code drift.dataset})
     */
    public DriftCheck(
            DataConfig.Drift cfg,
            DataFile ref,
            DataFile cur,
            DuckDb db,
            Progress progress,
            Path workDir,
            String prefix) {
        this(cfg, ref, cur, db, db, DuckDbDialect.INSTANCE, progress, workDir, prefix);
    }

    /**
     * On an add-on engine: the same plan in {@code dialect}'s SQL, run by {@code runner}, sampling the
     * reference by a hash of its rows ({@link DriftDialect#hashSample}) instead of by blocks.
     */
    public DriftCheck(
            DataConfig.Drift cfg,
            DataFile ref,
            DataFile cur,
            SqlRunner runner,
            DriftDialect dialect,
            Progress progress) {
        this(cfg, ref, cur, runner, null, dialect, progress, null, DriftVerdicts.PREFIX);
    }

    private DriftCheck(
            DataConfig.Drift cfg,
            DataFile ref,
            DataFile cur,
            SqlRunner db,
            DuckDb duckDb,
            DriftDialect dialect,
            Progress progress,
            Path workDir,
            String prefix) {
        this.prefix = prefix;
        this.cfg = cfg;
        this.ref = ref;
        this.cur = cur;
        this.db = db;
        this.duckDb = duckDb;
        this.dialect = dialect;
        this.progress = progress;
        this.workDir = workDir;
        this.plan = DriftPlan.of(cfg, ref, cur, prefix);
        plan.columns().stream().filter(c -> c.problem() != null).forEach(c -> problems.put(c.name(), c.problem()));
    }

    /** Columns left out of the comparison, with the reason. */
    public List<String> skipped() {
        return plan.skipped();
    }

    public DataFile reference() {
        return ref;
    }

    public DataFile current() {
        return cur;
    }

    /** The current file is scanned only once the reference's bins are known. */
    @Override
    public Set<DataConfig.Role> waitingFor() {
        return stage == Stage.REFERENCE || stage == Stage.SECOND_REFERENCE ? Set.of(cur.role()) : Set.of();
    }

    @Override
    public boolean plan(DataFile file, AggregateQuery query) throws SQLException {
        AggregateSink sink = AggregateSink.of(dialect, query, file.relation());
        if (file == ref && stage == Stage.REFERENCE) {
            planFirstReference(sink);
        } else if (file == ref && stage == Stage.SECOND_REFERENCE) {
            planSecondReference(sink);
        } else if (file == cur && stage == Stage.CURRENT) {
            planCurrent(sink);
        } else {
            return false;
        }
        return true;
    }

    @Override
    public void scanned(DataFile file, Row row) throws SQLException {
        if (file == ref && stage == Stage.REFERENCE) {
            firstRow = row;
            choose();
            // A dry run of the second scan's plan says whether there is one.
            stage = planSecondReference(AggregateSink.of(dialect, new AggregateQuery(), ref.relation()))
                    ? Stage.SECOND_REFERENCE
                    : Stage.CURRENT;
        } else if (file == ref && stage == Stage.SECOND_REFERENCE) {
            secondRow = row;
            stage = Stage.CURRENT;
        } else if (file == cur && stage == Stage.CURRENT) {
            currentRow = row;
            stage = Stage.DONE;
        }
    }

    private void planFirstReference(AggregateSink pass) throws SQLException {
        for (DriftColumn c : plan.columns()) {
            if (c.numeric() && c.configured() != Method.AUTO && DriftMethods.binned(c.configured())) {
                quantiles.put(c.name(), new ExactQuantiles(c.ref(), cfg.bins(), dialect));
            }
        }
        onePass = duckDb == null
                ? ReferenceSample.planHashed(
                        plan.columns(), quantiles, cfg.maxCategories(), ref, db, dialect, progress, pass)
                : ReferenceSample.plan(
                        plan.columns(),
                        quantiles,
                        cfg.maxCategories(),
                        ref,
                        duckDb,
                        progress,
                        pass,
                        workDir.resolve("samples"));
        for (DriftColumn c : plan.columns()) {
            DataFile.Column a = c.ref();
            String count = pass.add(new Aggregate.Count(a));
            // Only what a later step reads: the spread for Wasserstein (and auto, which may choose it),
            // the distinct estimate for a text column whose bins a second scan decides.
            boolean spread = c.configured() == Method.WASSERSTEIN || c.configured() == Method.AUTO;
            String distinct = !c.numeric()
                            && c.problem() == null
                            && (!onePass.containsKey(c.name())
                                    || onePass.get(c.name()).checkDistinct())
                    ? pass.add(new Aggregate.DistinctEstimate(a))
                    : null;
            String std = c.numeric() && spread ? pass.add(new Aggregate.StdDevPop(a)) : null;
            String top = c.numeric() && c.configured() == Method.AUTO
                    ? pass.add(new Aggregate.TopValues(a, DriftMethods.AUTO_FEW_VALUES + 1, false))
                    : null;
            firstKeys.put(c.name(), new FirstKeys(count, std, top, distinct));
        }
        for (Map.Entry<String, ExactQuantiles> e : quantiles.entrySet()) {
            if (!onePass.containsKey(e.getKey())) {
                e.getValue().planSample(pass);
            }
        }
    }

    /** After the reference's first scan: each column's values, spread and method. */
    private void choose() throws SQLException {
        for (DriftColumn c : plan.columns()) {
            if (problems.containsKey(c.name())) {
                continue;
            }
            FirstKeys k = firstKeys.get(c.name());
            long n = firstRow.count(k.count());
            if (n == 0) {
                problems.put(
                        c.name(),
                        "every value of '" + c.name() + "' in " + ref.describe()
                                + " is null: there is no reference distribution");
                continue;
            }
            Double std = k.std() == null ? null : firstRow.getDouble(k.std());
            DriftMethods.Choice choice = c.configured() != Method.AUTO
                    ? DriftMethods.configured(c)
                    : c.numeric()
                            ? DriftMethods.autoNumeric(n, distinctNumbers(c, firstRow.getList(k.topValues())))
                            : DriftMethods.autoCategorical(n);
            if (c.fallback() != null) {
                choice = new DriftMethods.Choice(
                        choice.method(),
                        choice.byValue(),
                        c.fallback() + " (" + choice.because() + ")",
                        choice.problem());
            }
            references.put(c.name(), new Reference(n, std == null ? Double.NaN : std, choice));
            ReferenceSample.OnePass p = onePass.get(c.name());
            if (p != null && p.checkDistinct() && firstRow.count(k.distinct()) > ReferenceSample.EXACT_CATEGORIES) {
                // The sample found few values, the whole reference does not: the two-scan plan's top values.
                onePass.remove(c.name());
            }
            if (choice.problem() != null) {
                problems.put(c.name(), choice.problem());
            }
        }
    }

    /** Distinct values of a numeric column in both files, counted up to one more than "few". */
    private long distinctNumbers(DriftColumn c, List<Object> top) throws SQLException {
        if (top == null || top.size() > DriftMethods.AUTO_FEW_VALUES) {
            return DriftMethods.AUTO_FEW_VALUES + 1;
        }
        List<Double> known = top.stream().map(o -> ((Number) o).doubleValue()).toList();
        long extra = db.one(
                        dialect.distinctOutside(c.cur(), cur.table(), known, DriftMethods.AUTO_FEW_VALUES + 1),
                        "counting distinct values of " + c.name(),
                        cur.bytes())
                .count("n");
        return top.size() + extra;
    }

    /** Plans where each column's reference bins come from; true when the reference needs a second scan. */
    private boolean planSecondReference(AggregateSink pass) {
        boolean needed = false;
        for (DriftColumn c : plan.columns()) {
            if (problems.containsKey(c.name())) {
                continue;
            }
            Reference r = references.get(c.name());
            if (onePass.containsKey(c.name())) {
                referenceBins.put(c.name(), ReferenceBins.fromSample(onePass.get(c.name()), c.numeric()));
                continue;
            }
            FirstKeys k = firstKeys.get(c.name());
            ExactQuantiles eq = quantiles.get(c.name());
            if (eq != null && c.numeric() && !r.choice().byValue()) {
                eq.bracketsFromReservoir(firstRow);
            }
            ReferenceBins bins = ReferenceBins.plan(
                    c,
                    r.choice(),
                    r.values(),
                    k.topValues() == null ? null : firstRow.getList(k.topValues()),
                    k.distinct() == null ? 0 : firstRow.count(k.distinct()),
                    eq,
                    cfg.maxCategories(),
                    pass);
            if (bins != null) {
                referenceBins.put(c.name(), bins);
                needed = true;
            }
        }
        return needed;
    }

    /** The exact bins and reference counts; the current file's counts over them go into its scan. */
    private void planCurrent(AggregateSink pass) throws SQLException {
        for (Map.Entry<String, ReferenceBins> e : referenceBins.entrySet()) {
            DriftColumn c = column(e.getKey());
            Row row = onePass.containsKey(c.name()) ? firstRow : secondRow;
            ReferenceBins.Resolved r = e.getValue()
                    .resolve(
                            c,
                            references.get(c.name()).values(),
                            row,
                            quantiles.get(c.name()),
                            cfg.maxCategories(),
                            ref,
                            db,
                            dialect);
            if (r.bySorting()) {
                progress.phase("drift: the exact quantiles of " + c.name()
                        + " came from sorting it (a bracket missed its order statistic, or the brackets were too"
                        + " large to collect)");
            }
            List<Aggregate> counts = r.categories() != null
                    ? List.of(new Aggregate.CategoryCounts(c.cur(), r.categories()), new Aggregate.Count(c.cur()))
                    : Bins.counting(c.cur(), r.bins().edges());
            binned.put(
                    c.name(),
                    new DriftComparisons.Binned(
                            r, counts.stream().map(pass::add).toList()));
        }
    }

    /** After every scan: compares each column and judges it. */
    public DriftOutcome evaluate() throws SQLException {
        DriftComparisons comparisons = new DriftComparisons(cfg, ref, cur, db, dialect, progress);
        List<ColumnResult> out = new ArrayList<>();
        int i = 0;
        for (DriftColumn c : plan.columns()) {
            i++;
            Reference r = references.get(c.name());
            if (problems.containsKey(c.name())) {
                out.add(ColumnResult.failed(
                        c,
                        r == null ? c.configured() : r.choice().method(),
                        r == null ? null : r.choice().because(),
                        problems.get(c.name())));
                continue;
            }
            out.add(comparisons.compare(
                    c,
                    r.values(),
                    r.std(),
                    r.choice(),
                    binned.get(c.name()),
                    currentRow,
                    i,
                    plan.columns().size()));
        }
        results = out;
        return DriftVerdicts.judge(cfg, plan.early(), results, ref.display(), cur.display(), prefix);
    }

    /** The outcome with histograms for the named columns compared without bins (only those drawn). */
    /**
     * The text columns whose values drift counts in both files (by category), so that the report
     * takes their distinct and most frequent values from those counts instead of another sketch.
     */
    public java.util.Set<String> categoricalColumns() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (DriftColumn c : plan.columns()) {
            if (!c.numeric() && c.problem() == null) {
                out.add(c.name());
            }
        }
        return out;
    }

    public DriftOutcome withCharts(DriftOutcome outcome, List<String> charted) throws SQLException {
        results = DriftCharts.histograms(results, charted, cfg.bins(), ref, cur, db, dialect);
        return DriftCharts.withCharts(outcome, results);
    }

    private DriftColumn column(String name) {
        return plan.columns().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
