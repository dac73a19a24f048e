package io.mlopsci.core.data.drift;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.Method;
import io.mlopsci.core.config.DataConfig.Thresholds;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.data.checks.Texts;
import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.Sql;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Drift of every compared column of the current file against the reference file, and the share of
 * drifting columns. How each measure is computed:
 * <ul>
 *   <li>binned measures (psi, jensenshannon, chisquare) on numeric columns use bins whose inner edges
 *       are the reference's quantiles at k/bins (linear interpolation, as numpy's default), duplicates
 *       removed; a value v falls in bin i when e_i ≤ v &lt; e_{i+1}. The reference's quantiles are
 *       part of its fused scan; the current file's bin counts are part of its fused scan; the
 *       reference's bin counts take one more scan of the binned columns;</li>
 *   <li>on text and boolean columns (and numeric columns auto treats as categorical) the bins are the
 *       reference's values — all of them when it has fewer than {@code max_categories}, else its
 *       {@code max_categories − 1} most frequent (DuckDB's bounded top-k sketch picks them; the counts
 *       are exact) — plus one bin for every other value (rarer reference values, values new in the
 *       current file). The reference's scan finds the values; the counts are one bounded
 *       {@code histogram} per column, fused into the same scans as the numeric bins;</li>
 *   <li>ks and wasserstein need the exact empirical distributions: one grouping query per column
 *       over the distinct values of both files (spilled to disk when large; text files are copied
 *       into DuckDB once for these).</li>
 * </ul>
 * Nulls (and NaN) are left out of every measure. A column whose measure cannot be computed (no
 * values, zero reference variance for the normalised Wasserstein distance, a method that does not
 * fit its type) is an ERROR with the reason.
 */
public final class DriftCheck {

    /** Evidently's size boundary for choosing a test (reference rows). */
    static final long AUTO_SMALL = 1000;
    /** Evidently's boundary between "few values" (categorical treatment) and continuous numeric. */
    static final int AUTO_FEW_VALUES = 5;
    /** Text columns with at most this many distinct reference values are counted exactly in one scan. */
    static final long EXACT_CATEGORIES = 10_000;
    /** Drift charts drawn at most. */
    static final int MAX_CHARTS = 12;

    private final DataConfig.Drift cfg;
    private final DataFile ref;
    private final DataFile cur;
    private final DuckDb db;
    private final Progress progress;
    private final List<ColumnDrift> columns = new ArrayList<>();
    private final List<Criterion> early = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private Row firstReferenceRow;

    public DriftCheck(DataConfig.Drift cfg, DataFile ref, DataFile cur, DuckDb db, Progress progress) {
        this.cfg = cfg;
        this.ref = ref;
        this.cur = cur;
        this.db = db;
        this.progress = progress;
    }

    /** Columns left out of the comparison, with the reason. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    public DataFile reference() {
        return ref;
    }

    public DataFile current() {
        return cur;
    }

    /** How one column is compared, and what was found. */
    static final class ColumnDrift {
        final String name;
        final DataFile.Column refCol;
        final DataFile.Column curCol;
        final Method configured;
        final Thresholds thresholds;
        final SourceLocation location;
        Method method;
        String chosenBecause;
        boolean numeric;
        boolean byValue;
        String refCount;
        String curCount;
        String refStd;
        ExactQuantiles quantiles;
        String refHist;
        String refNonNull;
        String refTopK;
        String refDistinct;
        String refValues;
        String refTopK2;
        boolean onePass;
        List<String> curBinKeys;
        String catValue;
        String catList;
        boolean catPooled;
        List<String> catLabels;
        String curHist;
        String curNonNull;
        long nRef;
        long nCur;
        double std = Double.NaN;
        double[] edges;
        long[] refBins;
        long[] curBins;
        List<String> labels;
        Measure result;
        String error;
        Status status;

        ColumnDrift(
                String name,
                DataFile.Column refCol,
                DataFile.Column curCol,
                Method configured,
                Thresholds thresholds,
                SourceLocation location) {
            this.name = name;
            this.refCol = refCol;
            this.curCol = curCol;
            this.configured = configured;
            this.thresholds = thresholds;
            this.location = location;
        }
    }

    /** A measure's value and, for tests, statistic and p-value. */
    record Measure(double value, Double statistic, Double pValue, String definition, Map<String, Object> extra) {}

    // ---- planning ----------------------------------------------------------------------------

    /**
     * Chooses the columns and adds the reference's statistics to its fused query. For a text
     * reference, a block sample of it first gives the quantile brackets and candidate categories,
     * so that binned measures need only this one scan of the reference.
     */
    public void planReference(AggregateQuery refPass, java.nio.file.Path workDir) throws SQLException {
        List<String> names = new ArrayList<>();
        if (!cfg.columns().isEmpty()) {
            names.addAll(cfg.columns());
        } else {
            for (DataFile.Column c : ref.columns()) {
                if (!cfg.exclude().contains(c.name()) && cur.column(c.name()) != null) {
                    names.add(c.name());
                }
            }
        }
        for (String name : names) {
            DataConfig.ColumnDrift per = cfg.perColumn().get(name);
            Method m = per != null ? per.method() : cfg.method();
            Thresholds t = per != null ? per.thresholds() : cfg.thresholds();
            SourceLocation at = per != null ? per.location() : cfg.location();
            DataFile.Column a = ref.column(name);
            DataFile.Column b = cur.column(name);
            if (a == null || b == null) {
                early.add(base(name, m, at)
                        .status(Status.ERROR)
                        .expected(m.key())
                        .message("column '" + name + "' is not in " + (a == null ? ref.describe() : cur.describe()))
                        .build());
                continue;
            }
            if (a.kind() == DataFile.Kind.OTHER || b.kind() == DataFile.Kind.OTHER) {
                if (cfg.columns().isEmpty() && !cfg.perColumn().containsKey(name)) {
                    skipped.add("'" + name + "' (" + (a.kind() == DataFile.Kind.OTHER ? a.duckType() : b.duckType())
                            + ") is not compared: drift compares numbers, dates, text and booleans");
                } else {
                    early.add(base(name, m, at)
                            .status(Status.ERROR)
                            .expected(m.key())
                            .message("column '" + name
                                    + "' is " + (a.kind() == DataFile.Kind.OTHER ? a.duckType() : b.duckType())
                                    + "; drift compares numbers, dates, text and booleans")
                            .build());
                }
                continue;
            }
            ColumnDrift c = new ColumnDrift(name, a, b, m, t, at);
            c.numeric = a.ordered() && b.ordered();
            if (a.ordered() != b.ordered()) {
                c.error = "column '" + name + "' is " + a.duckType() + " in " + ref.display() + " but " + b.duckType()
                        + " in " + cur.display();
            }
            c.refCount = refPass.add("count(" + a.sql() + ")");
            if (!c.numeric && c.error == null) {
                c.refDistinct = refPass.add("approx_count_distinct(" + text(a) + ")");
            }
            if (c.numeric) {
                c.refStd = refPass.add("stddev_pop(" + a.asDouble() + ")");
                if (m == Method.AUTO) {
                    c.refTopK = refPass.add("approx_top_k(" + a.asDouble() + ", " + (AUTO_FEW_VALUES + 1) + ")");
                } else if (binned(m)) {
                    c.quantiles = new ExactQuantiles(a, cfg.bins());
                }
            }
            columns.add(c);
        }
        sampleReference(refPass, workDir);
        for (ColumnDrift c : columns) {
            if (c.quantiles != null && !c.onePass) {
                c.quantiles.planSample(refPass);
            }
        }
    }

    /** Brackets and categories from a block sample of a text reference (see {@link io.mlopsci.core.data.scan.BlockSample}). */
    private void sampleReference(AggregateQuery refPass, java.nio.file.Path workDir) throws SQLException {
        List<ColumnDrift> wanted = columns.stream()
                .filter(c -> c.error == null && c.configured != Method.AUTO && binned(c.configured))
                .toList();
        if (wanted.isEmpty() || !ref.parsesText()) {
            return;
        }
        io.mlopsci.core.data.scan.BlockSample.Sample sample;
        try {
            sample = io.mlopsci.core.data.scan.BlockSample.of(ref, workDir);
        } catch (java.io.IOException e) {
            return;
        }
        if (sample == null) {
            return;
        }
        Row r;
        AggregateQuery q = new AggregateQuery();
        long rows;
        try {
            rows = db.one("SELECT count(*) AS n FROM " + sample.relation(), "sampling " + ref.display(), sample.bytes())
                    .count("n");
            progress.phase("drift: quantile brackets from "
                    + (sample.wholeFile()
                            ? "all of " + ref.display() + " (small enough to be its own sample)"
                            : "a sample of " + ref.display() + ": " + Texts.count(rows)
                                    + " rows in evenly spaced blocks ("
                                    + io.mlopsci.core.data.scan.DuckDb.size(sample.bytes()) + ")"));
            if (rows == 0) {
                return;
            }
            int effective = (int) Math.max(1, sample.wholeFile() ? rows : rows / 2);
            Map<ColumnDrift, String[]> keys = new LinkedHashMap<>();
            for (ColumnDrift c : wanted) {
                String values = c.numeric
                        ? "quantile_cont(" + c.refCol.asDouble() + ", " + c.quantiles.sampleQuantiles(effective) + ")"
                        : "histogram(" + text(c.refCol) + ")";
                keys.put(c, new String[] {q.add(values), q.add("count(" + c.refCol.sql() + ")")});
            }
            r = q.run(db, ref, sample.relation(), "sampling " + ref.display());
            double scale = (double) ref.bytes() / Math.max(1, sample.bytes());
            for (ColumnDrift c : wanted) {
                String[] k = keys.get(c);
                long n = r.count(k[1]);
                if (n == 0) {
                    continue;
                }
                if (c.numeric) {
                    c.quantiles.brackets(r.getList(k[0]), (int) Math.max(1, sample.wholeFile() ? n : n / 2));
                    c.quantiles.planBrackets(refPass, (long) (n * scale));
                } else {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    if (r.get(k[0]) instanceof Map<?, ?> m) {
                        m.forEach((key, v) -> counts.put(String.valueOf(key), ((Number) v).longValue()));
                    }
                    long singletons =
                            counts.values().stream().filter(v -> v == 1).count();
                    boolean few = sample.wholeFile()
                            ? counts.size() <= EXACT_CATEGORIES
                            : counts.size() <= 1000 && singletons <= 10;
                    if (few) {
                        // Every value seen, or so few unseen that counting them all stays small: exact histogram.
                        c.refValues = refPass.add("histogram(" + text(c.refCol) + ")");
                    } else {
                        List<Object> ordered = new ArrayList<>(counts.entrySet().stream()
                                .sorted((x, y) -> x.getValue().equals(y.getValue())
                                        ? x.getKey().compareTo(y.getKey())
                                        : Long.compare(y.getValue(), x.getValue()))
                                .map(Map.Entry::getKey)
                                .toList());
                        // Values the sample did not see are pooled with the rarer ones.
                        categories(c, ordered.subList(0, Math.min(ordered.size(), cfg.maxCategories() - 1)), true);
                        c.refHist = refPass.add("histogram(list_position(" + c.catList + ", "
                                + c.catValue.replace("%s", c.refCol.sql()) + "))");
                        c.refNonNull = refPass.add("count(" + c.refCol.sql() + ")");
                    }
                }
                c.onePass = true;
            }
        } catch (SQLException e) {
            // The sample could not be read (e.g. a quoted line break cut by a block): scan twice instead.
            for (ColumnDrift c : wanted) {
                c.onePass = false;
            }
        }
    }

    static boolean binned(Method m) {
        return m == Method.PSI || m == Method.JENSENSHANNON || m == Method.CHISQUARE;
    }

    static String quantileList(int bins) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 1; k < bins; k++) {
            b.append(k == 1 ? "" : ", ").append(Sql.dbl((double) k / bins));
        }
        return b.append(']').toString();
    }

    /**
     * After the reference's first scan: chooses each column's method and adds to the reference's
     * second scan what the bins need (quantile brackets, category counts).
     */
    public void planSecondReferenceScan(Row refRow, AggregateQuery refPass2) throws SQLException {
        firstReferenceRow = refRow;
        for (ColumnDrift c : columns) {
            if (c.error != null) {
                continue;
            }
            c.nRef = refRow.count(c.refCount);
            if (c.refStd != null) {
                Double s = refRow.getDouble(c.refStd);
                c.std = s == null ? Double.NaN : s;
            }
            if (c.nRef == 0) {
                c.error = "every value of '" + c.name + "' in " + ref.describe() + " is null: there is no reference"
                        + " distribution";
                continue;
            }
            choose(c, refRow);
            if (c.error != null) {
                continue;
            }
            if (c.onePass) {
                continue;
            }
            if (c.numeric && !c.byValue && binned(c.method)) {
                c.quantiles.bracketsFromReservoir(refRow);
                c.quantiles.planBrackets(refPass2, c.nRef);
            }
            if (c.byValue && c.numeric) {
                categories(c, refRow.getList(c.refTopK));
                c.refHist = refPass2.add("histogram(list_position(" + c.catList + ", "
                        + c.catValue.replace("%s", c.refCol.sql()) + "))");
                c.refNonNull = refPass2.add("count(" + c.refCol.sql() + ")");
            } else if (c.byValue) {
                // Few values (the usual case): count every reference value exactly in the second scan.
                // Many: a bounded top-k sketch picks the values, counted afterwards on DuckDB's copy.
                if (refRow.count(c.refDistinct) <= EXACT_CATEGORIES) {
                    c.refValues = refPass2.add("histogram(" + text(c.refCol) + ")");
                } else {
                    c.refTopK2 = refPass2.add("approx_top_k(" + text(c.refCol) + ", " + cfg.maxCategories() + ")");
                }
            }
        }
    }

    /** Whether {@link #planSecondReferenceScan} added anything to scan. */
    public boolean needsSecondReferenceScan() {
        return columns.stream()
                .anyMatch(c -> c.error == null
                        && !c.onePass
                        && (c.refHist != null
                                || c.refValues != null
                                || c.refTopK2 != null
                                || (c.quantiles != null && c.method != null && binned(c.method) && !c.byValue)));
    }

    /**
     * After the reference's second scan: the exact bin edges and reference counts; adds the
     * current file's counts over the same bins to its fused scan.
     */
    public void planCurrent(Row secondRow, AggregateQuery curPass) throws SQLException {
        for (ColumnDrift c : columns) {
            if (c.error != null) {
                continue;
            }
            Row refRow2 = c.onePass ? firstReferenceRow : secondRow;
            if (c.numeric && !c.byValue && binned(c.method)) {
                ExactQuantiles.Result r = c.quantiles.resolve(refRow2, c.nRef, db, ref);
                List<Double> edges = new ArrayList<>();
                List<Long> below = new ArrayList<>();
                for (int k = 0; k < r.quantiles().length; k++) {
                    if (edges.isEmpty() || r.quantiles()[k] > edges.get(edges.size() - 1)) {
                        edges.add(r.quantiles()[k]);
                        below.add(r.below()[k]);
                    }
                }
                c.edges = edges.stream().mapToDouble(Double::doubleValue).toArray();
                c.refBins = new long[edges.size() + 1];
                long prev = 0;
                for (int k = 0; k < edges.size(); k++) {
                    c.refBins[k] = below.get(k) - prev;
                    prev = below.get(k);
                }
                c.refBins[edges.size()] = c.nRef - prev;
                c.labels = binLabels(c.edges);
                c.curBinKeys = binAggregates(curPass, c.curCol, c.edges);
            }
            if (c.byValue && c.refValues != null) {
                Map<String, Long> counts = new LinkedHashMap<>();
                if (refRow2.get(c.refValues) instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> counts.put(String.valueOf(k), ((Number) v).longValue()));
                }
                List<Object> ordered = new ArrayList<>(counts.entrySet().stream()
                        .sorted((x, y) -> x.getValue().equals(y.getValue())
                                ? x.getKey().compareTo(y.getKey())
                                : Long.compare(y.getValue(), x.getValue()))
                        .map(Map.Entry::getKey)
                        .toList());
                categories(c, ordered);
                c.refBins = new long[c.catLabels.size()];
                long listed = 0;
                for (int i = 0; i < c.catLabels.size() - 1; i++) {
                    c.refBins[i] = counts.getOrDefault(c.catLabels.get(i), 0L);
                    listed += c.refBins[i];
                }
                c.refBins[c.refBins.length - 1] = c.nRef - listed;
            } else if (c.byValue && c.refTopK2 != null) {
                categories(c, refRow2.getList(c.refTopK2));
                Row r = db.one(
                        "SELECT histogram(list_position(" + c.catList + ", " + c.catValue.replace("%s", c.refCol.sql())
                                + ")) AS h, count(" + c.refCol.sql() + ") AS n FROM " + ref.table(),
                        "counting the reference's values of " + c.name,
                        ref.bytes());
                c.refBins = categoryCounts(c, r.get("h"), r.count("n"));
            } else if (c.byValue) {
                c.refBins = categoryCounts(c, refRow2.get(c.refHist), refRow2.count(c.refNonNull));
            }
            if (c.byValue) {
                c.labels = c.catLabels;
                c.curHist = curPass.add("histogram(list_position(" + c.catList + ", "
                        + c.catValue.replace("%s", c.curCol.sql()) + "))");
                c.curNonNull = curPass.add("count(" + c.curCol.sql() + ")");
            }
        }
    }

    private void choose(ColumnDrift c, Row refRow) throws SQLException {
        if (c.configured != Method.AUTO) {
            c.method = c.configured;
            if ((c.method == Method.KS || c.method == Method.WASSERSTEIN) && !c.numeric) {
                c.error = c.method.key() + " needs numbers; '" + c.name + "' is " + c.refCol.duckType()
                        + " (use psi, jensenshannon or chisquare for categories)";
            }
            c.byValue = !c.numeric;
            c.chosenBecause = "configured";
            return;
        }
        boolean small = c.nRef <= AUTO_SMALL;
        String size =
                Texts.count(c.nRef) + " reference values (" + (small ? "≤ " : "> ") + Texts.count(AUTO_SMALL) + ")";
        if (!c.numeric) {
            c.byValue = true;
            c.method = small ? Method.CHISQUARE : Method.JENSENSHANNON;
            c.chosenBecause = "auto: categorical, " + size + " → " + c.method.key()
                    + (small
                            ? " (Evidently uses a z-test for two categories; the 2×2 chi-square test without continuity"
                                    + " correction is its two-sided equivalent)"
                            : "");
            return;
        }
        List<Object> top = refRow.getList(c.refTopK);
        long distinct;
        if (top == null || top.size() > AUTO_FEW_VALUES) {
            distinct = AUTO_FEW_VALUES + 1;
        } else {
            List<String> values = new ArrayList<>();
            for (Object o : top) {
                values.add(Sql.dbl(((Number) o).doubleValue()));
            }
            long extra = db.one(
                            "SELECT count(*) AS n FROM (SELECT DISTINCT " + c.curCol.asDouble() + " AS v FROM "
                                    + cur.table() + " WHERE " + c.curCol.sql() + " IS NOT NULL AND "
                                    + c.curCol.asDouble() + " NOT IN ("
                                    + String.join(", ", values) + ") LIMIT " + (AUTO_FEW_VALUES + 1) + ")",
                            "counting distinct values of " + c.name,
                            cur.bytes())
                    .count("n");
            distinct = top.size() + extra;
        }
        boolean few = distinct <= AUTO_FEW_VALUES;
        String values = few
                ? distinct + " distinct values (≤ " + AUTO_FEW_VALUES + ")"
                : "more than " + AUTO_FEW_VALUES + " distinct values";
        if (small) {
            c.method = few ? Method.CHISQUARE : Method.KS;
        } else {
            c.method = few ? Method.JENSENSHANNON : Method.WASSERSTEIN;
        }
        c.byValue = few;
        c.chosenBecause = "auto: numeric, " + size + ", " + values + " → " + c.method.key()
                + (few ? " on the values as categories" : "");
    }

    /** A column's values as text, for category sketches and labels. */
    private static String text(DataFile.Column col) {
        return col.kind() == DataFile.Kind.STRING ? col.sql() : "CAST(" + col.sql() + " AS VARCHAR)";
    }

    /** The reference's values (from its top-k sketch) as the bins; every other value goes to one more bin. */
    private void categories(ColumnDrift c, List<Object> top) {
        categories(c, top, false);
    }

    private void categories(ColumnDrift c, List<Object> top, boolean pooled) {
        List<Object> values = top == null ? List.of() : new ArrayList<>(top);
        int max = c.numeric ? AUTO_FEW_VALUES + 1 : cfg.maxCategories();
        c.catPooled = pooled || values.size() >= max;
        if (c.catPooled) {
            values = values.subList(0, Math.min(values.size(), max - 1));
        }
        List<String> literals = new ArrayList<>();
        c.catLabels = new ArrayList<>();
        if (c.numeric) {
            List<Double> nums = values.stream()
                    .map(o -> ((Number) o).doubleValue())
                    .sorted()
                    .toList();
            for (double d : nums) {
                literals.add(Sql.dbl(d));
                c.catLabels.add(d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d));
            }
            c.catValue = "CAST(%s AS DOUBLE)";
            if (c.curCol.kind() == DataFile.Kind.DATE
                    || c.curCol.kind() == DataFile.Kind.TIMESTAMP
                    || c.curCol.kind() == DataFile.Kind.TIME) {
                c.catValue = "CAST(epoch(%s) AS DOUBLE)";
            }
            c.catList = literals.isEmpty() ? "CAST([] AS DOUBLE[])" : "[" + String.join(", ", literals) + "]";
        } else {
            for (Object o : values) {
                literals.add(Sql.string(o.toString()));
                c.catLabels.add(o.toString());
            }
            c.catValue = c.refCol.kind() == DataFile.Kind.STRING ? "%s" : "CAST(%s AS VARCHAR)";
            c.catList = literals.isEmpty() ? "CAST([] AS VARCHAR[])" : "[" + String.join(", ", literals) + "]";
        }
        c.catLabels.add(c.catPooled ? "(other values)" : "(values not in the reference)");
    }

    /** Counts per category from a histogram of positions in the category list; the last bin holds the rest. */
    private static long[] categoryCounts(ColumnDrift c, Object histogram, long nonNull) {
        long[] counts = new long[c.catLabels.size()];
        long listed = 0;
        if (histogram instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                int pos = ((Number) e.getKey()).intValue();
                long n = ((Number) e.getValue()).longValue();
                counts[pos - 1] = n;
                listed += n;
            }
        }
        counts[counts.length - 1] = nonNull - listed;
        return counts;
    }

    static double[] uniqueSorted(List<Object> quantiles) {
        return quantiles.stream()
                .filter(o -> o != null)
                .mapToDouble(o -> ((Number) o).doubleValue())
                .sorted()
                .distinct()
                .toArray();
    }

    /** Adds cumulative counts below each edge and the non-null count; returns their keys. */
    static List<String> binAggregates(AggregateQuery q, DataFile.Column col, double[] edges) {
        List<String> keys = new ArrayList<>();
        String v = col.asDouble();
        for (double e : edges) {
            keys.add(q.add("count_if(" + v + " < " + Sql.dbl(e) + ")"));
        }
        keys.add(q.add("count(" + col.sql() + ")"));
        return keys;
    }

    static long[] bins(Row r, List<String> keys) {
        long[] cumulative = new long[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            cumulative[i] = r.count(keys.get(i));
        }
        long[] bins = new long[keys.size()];
        long prev = 0;
        for (int i = 0; i < keys.size(); i++) {
            bins[i] = cumulative[i] - prev;
            prev = cumulative[i];
        }
        return bins;
    }

    // ---- evaluation --------------------------------------------------------------------------

    /** The outcome: criteria (per column and dataset), and what the report draws. */
    public record Outcome(List<Criterion> criteria, List<ColumnView> views, double share, int drifted, int compared) {}

    /** What the report shows of one column. */
    public record ColumnView(
            String column,
            String method,
            String measure,
            Double value,
            String threshold,
            Status status,
            double severityRank,
            List<String> labels,
            List<Double> reference,
            List<Double> current) {}

    /** Runs the remaining queries (reference bins, categories, exact distributions) and judges each column. */
    public Outcome evaluate(Row curRow) throws SQLException {
        for (ColumnDrift c : columns) {
            if (c.error == null && c.edges != null && c.curBinKeys != null) {
                c.curBins = bins(curRow, c.curBinKeys);
                c.nCur = sum(c.curBins);
            }
            if (c.error == null && c.byValue) {
                c.nCur = curRow.count(c.curNonNull);
                c.curBins = categoryCounts(c, curRow.get(c.curHist), c.nCur);
            }
        }
        int i = 0;
        for (ColumnDrift c : columns) {
            i++;
            if (c.error != null) {
                continue;
            }
            try {
                if (c.byValue && c.nCur == 0) {
                    c.error = "every value of '" + c.name + "' in " + cur.describe() + " is null";
                } else if (!c.byValue && (c.method == Method.KS || c.method == Method.WASSERSTEIN)) {
                    progress.phase("drift " + i + "/" + columns.size() + ": " + c.name + " (" + c.method.key()
                            + ", exact distributions)");
                    distributions(c);
                }
                if (c.result == null && c.error == null) {
                    c.result = binnedMeasure(c);
                }
            } catch (IllegalArgumentException e) {
                c.error = e.getMessage();
            }
        }
        return judge();
    }

    private void distributions(ColumnDrift c) throws SQLException {
        long n = c.nRef;
        long m = db.one(
                        "SELECT count(" + c.curCol.sql() + ") AS n FROM " + cur.table(),
                        "counting " + c.name,
                        cur.bytes())
                .count("n");
        c.nCur = m;
        if (m == 0) {
            c.error = "every value of '" + c.name + "' in " + cur.describe() + " is null";
            return;
        }
        String diff = "abs(cr * " + m + "::HUGEINT - ck * " + n + "::HUGEINT)";
        String sql = "WITH u AS (SELECT " + c.refCol.asDouble() + " AS v, 1 AS r, 0 AS k FROM " + ref.table()
                + " WHERE " + c.refCol.sql() + " IS NOT NULL UNION ALL SELECT " + c.curCol.asDouble() + ", 0, 1 FROM "
                + cur.table() + " WHERE " + c.curCol.sql() + " IS NOT NULL), "
                + "g AS (SELECT v, sum(r) AS r, sum(k) AS k FROM u GROUP BY v), "
                + "w AS (SELECT v, sum(r) OVER o AS cr, sum(k) OVER o AS ck, lead(v) OVER (ORDER BY v) AS nv FROM g "
                + "WINDOW o AS (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) "
                + "SELECT max(" + diff + ") AS ks, sum(CAST(" + diff + " AS DOUBLE) * (nv - v)) AS w, count(*) AS d, "
                + "count_if(isinf(v)) AS inf FROM w";
        Row r = db.one(sql, "comparing the distributions of " + c.name, ref.bytes() + cur.bytes());
        if (r.count("inf") > 0) {
            c.error = "'" + c.name + "' has infinite values; " + c.method.key() + " needs finite numbers";
            return;
        }
        BigInteger maxDiff = r.getBig("ks");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("distinctValues", r.count("d"));
        if (c.method == Method.KS) {
            DriftMath.Ks ks = DriftMath.ks(n, m, maxDiff);
            extra.put("statistic", ks.statistic());
            extra.put("pValueMethod", ks.exact() ? "exact" : "asymptotic");
            c.result = new Measure(ks.pValue(), ks.statistic(), ks.pValue(), ksDefinition(ks.exact()), extra);
            return;
        }
        double w1 = r.getDouble("w") == null ? 0 : r.getDouble("w") / ((double) n * m);
        if (!(c.std > 0)) {
            c.error = "the reference standard deviation of '" + c.name + "' is 0 (every reference value is the same),"
                    + " so the Wasserstein distance cannot be normalised by it (Wasserstein-1 distance = "
                    + String.format(Locale.ROOT, "%.6g", w1) + "); use psi, ks or jensenshannon for this column";
            return;
        }
        extra.put("wasserstein", w1);
        extra.put("referenceStd", c.std);
        c.result = new Measure(
                w1 / c.std,
                w1,
                null,
                "Wasserstein-1 distance between the empirical distributions"
                        + " divided by the reference's population standard deviation (ddof 0)",
                extra);
    }

    private Measure binnedMeasure(ColumnDrift c) {
        if (c.refBins == null || c.curBins == null) {
            throw new IllegalStateException("no bins for " + c.name);
        }
        if (c.nCur == 0) {
            throw new IllegalArgumentException("every value of '" + c.name + "' in " + cur.describe() + " is null");
        }
        String bins = c.byValue
                ? (c.labels.size() - 1) + " reference values" + (c.catPooled ? " (its most frequent)" : "")
                        + " and one bin for every other value"
                : (c.refBins.length) + " bins from the reference's " + cfg.bins() + "-quantiles"
                        + (c.edges.length < cfg.bins() - 1 ? " (equal quantiles merged)" : "");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("bins", c.labels);
        extra.put("referenceCounts", toList(c.refBins));
        extra.put("currentCounts", toList(c.curBins));
        if (c.edges != null) {
            extra.put("edges", java.util.Arrays.stream(c.edges).boxed().toList());
        }
        return switch (c.method) {
            case PSI ->
                new Measure(
                        DriftMath.psi(c.refBins, c.curBins),
                        null,
                        null,
                        "population stability index over " + bins
                                + ": Σ (q−p)·ln(q/p), an empty bin's share counted as 0.0001",
                        extra);
            case JENSENSHANNON ->
                new Measure(
                        DriftMath.jensenShannon(c.refBins, c.curBins),
                        null,
                        null,
                        "Jensen–Shannon distance (natural log, range 0–0.8326) over " + bins,
                        extra);
            case CHISQUARE -> {
                DriftMath.ChiSquare chi = DriftMath.chiSquare(c.refBins, c.curBins);
                extra.put("statistic", chi.statistic());
                extra.put("dof", chi.dof());
                yield new Measure(
                        chi.pValue(),
                        chi.statistic(),
                        chi.pValue(),
                        "Pearson chi-square test of homogeneity over " + bins + " (" + chi.dof()
                                + " degrees of freedom, no continuity correction); p-value",
                        extra);
            }
            default -> throw new IllegalStateException("not a binned method: " + c.method);
        };
    }

    static String ksDefinition(boolean exact) {
        return "two-sample Kolmogorov–Smirnov test, D = sup |F_ref − F_cur|; p-value "
                + (exact
                        ? "exact (both samples ≤ " + Texts.count(DriftMath.KS_EXACT_MAX_N) + " values)"
                        : "from the asymptotic Kolmogorov distribution, Q(√(nm/(n+m))·D)");
    }

    private Outcome judge() {
        List<Criterion> out = new ArrayList<>(early);
        List<ColumnView> views = new ArrayList<>();
        int drifted = 0;
        int compared = 0;
        for (ColumnDrift c : columns) {
            Method m = c.method != null ? c.method : c.configured;
            Criterion.Builder b = base(c.name, m, c.location);
            if (c.error != null) {
                out.add(b.status(Status.ERROR)
                        .expected(expectedText(c, m))
                        .message(c.error
                                + (c.chosenBecause != null && !c.chosenBecause.equals("configured")
                                        ? " (" + c.chosenBecause + ")"
                                        : ""))
                        .build());
                views.add(new ColumnView(
                        c.name,
                        m.key(),
                        "—",
                        null,
                        expectedText(c, m),
                        Status.ERROR,
                        Double.MAX_VALUE,
                        null,
                        null,
                        null));
                continue;
            }
            compared++;
            Measure r = c.result;
            Status status;
            double rank;
            Thresholds t = c.thresholds;
            if (m.pValue()) {
                status = r.value() < t.pFail()
                        ? Texts.violated(cfg.severity())
                        : r.value() < t.pWarn() ? Status.WARN : Status.PASS;
                rank = r.value() <= 0 ? 1e9 : t.pFail() / r.value();
                b.direction(Direction.HIGHER).threshold(t.pFail());
            } else {
                status = r.value() >= t.fail()
                        ? Texts.violated(cfg.severity())
                        : r.value() >= t.warn() ? Status.WARN : Status.PASS;
                rank = t.fail() == 0 ? (r.value() > 0 ? 1e9 : 0) : r.value() / t.fail();
                b.direction(Direction.LOWER).threshold(t.fail());
            }
            if (status != Status.PASS) {
                drifted++;
            }
            c.status = status;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("method", m.key());
            details.put("chosenBy", c.chosenBecause);
            details.put("measure", measureName(m));
            details.put("definition", r.definition());
            details.put("value", r.value());
            if (r.statistic() != null) {
                details.put("statistic", r.statistic());
            }
            details.put("referenceValues", c.nRef);
            details.put("currentValues", c.nCur);
            details.putAll(r.extra());
            out.add(b.status(status)
                    .actual(r.value())
                    .expected(expectedText(c, m))
                    .observed(observedText(m, r))
                    .message(capitalize(r.definition()) + "; " + c.chosenBecause + ". Reference " + ref.display() + " ("
                            + Texts.count(c.nRef) + " values) vs current " + cur.display() + " (" + Texts.count(c.nCur)
                            + " values).")
                    .details(details)
                    .build());
            views.add(new ColumnView(
                    c.name,
                    m.key(),
                    measureName(m),
                    r.value(),
                    expectedText(c, m),
                    status,
                    rank,
                    c.labels,
                    shares(c.refBins),
                    shares(c.curBins)));
        }
        double share = compared == 0 ? 0 : (double) drifted / compared;
        if (cfg.shareFail() != null || cfg.shareWarn() != null) {
            Criterion.Builder b = Criterion.builder("drift.dataset")
                    .metric("dataset drift")
                    .rule("drifting_column_share")
                    .severity(cfg.severity())
                    .location(cfg.shareAt() != null ? cfg.shareAt() : cfg.location())
                    .direction(Direction.LOWER);
            String expected =
                    (cfg.shareFail() != null ? "< " + Texts.percent(cfg.shareFail()) + " of columns drifting" : "")
                            + (cfg.shareWarn() != null ? " (warn at " + Texts.percent(cfg.shareWarn()) + ")" : "");
            if (compared == 0) {
                out.add(b.status(Status.ERROR)
                        .expected(expected)
                        .message("no column could be compared")
                        .build());
            } else {
                Status s = cfg.shareFail() != null && share >= cfg.shareFail()
                        ? Texts.violated(cfg.severity())
                        : cfg.shareWarn() != null && share >= cfg.shareWarn() ? Status.WARN : Status.PASS;
                out.add(b.status(s)
                        .actual(share)
                        .threshold(cfg.shareFail())
                        .expected(expected.trim())
                        .observed(Texts.percent(share) + " (" + drifted + " of " + compared + " columns)")
                        .message("a column drifts when its measure reaches its warn threshold; " + drifted + " of "
                                + compared + " compared columns drift")
                        .build());
            }
        }
        return new Outcome(out, views, share, drifted, compared);
    }

    private Criterion.Builder base(String column, Method m, SourceLocation at) {
        return Criterion.builder("drift." + column)
                .metric(column)
                .rule("drift_" + m.key())
                .severity(cfg.severity())
                .location(at);
    }

    static String measureName(Method m) {
        return switch (m) {
            case PSI -> "PSI";
            case KS -> "KS p-value";
            case WASSERSTEIN -> "Wasserstein / σ_ref";
            case JENSENSHANNON -> "Jensen–Shannon distance (ln)";
            case CHISQUARE -> "chi-square p-value";
            case AUTO -> "auto";
        };
    }

    private static String expectedText(ColumnDrift c, Method m) {
        Thresholds t = c.thresholds;
        if (m.pValue()) {
            return "p ≥ " + Texts.number(t.pFail()) + " (warn below " + Texts.number(t.pWarn()) + ")";
        }
        return "< " + Texts.number(t.fail()) + " (warn at " + Texts.number(t.warn()) + ")";
    }

    private static String observedText(Method m, Measure r) {
        String v = String.format(Locale.ROOT, "%.4g", r.value());
        return switch (m) {
            case KS -> "p = " + v + " (D = " + String.format(Locale.ROOT, "%.4f", r.statistic()) + ")";
            case CHISQUARE -> "p = " + v + " (χ² = " + String.format(Locale.ROOT, "%.4g", r.statistic()) + ")";
            default -> measureName(m) + " " + v;
        };
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static List<String> binLabels(double[] edges) {
        List<String> out = new ArrayList<>();
        if (edges.length == 0) {
            out.add("all");
            return out;
        }
        out.add("< " + num(edges[0]));
        for (int i = 1; i < edges.length; i++) {
            out.add("[" + num(edges[i - 1]) + ", " + num(edges[i]) + ")");
        }
        out.add("≥ " + num(edges[edges.length - 1]));
        return out;
    }

    private static String num(double d) {
        return io.mlopsci.contract.result.Numbers.value(d);
    }

    private static List<Double> shares(long[] counts) {
        if (counts == null) {
            return null;
        }
        double total = sum(counts);
        List<Double> out = new ArrayList<>();
        for (long c : counts) {
            out.add(total == 0 ? 0 : 100.0 * c / total);
        }
        return out;
    }

    private static List<Long> toList(long[] a) {
        List<Long> out = new ArrayList<>();
        for (long v : a) {
            out.add(v);
        }
        return out;
    }

    static long sum(long[] a) {
        long s = 0;
        for (long v : a) {
            s += v;
        }
        return s;
    }

    /**
     * Histograms for the report of columns compared without bins (ks, wasserstein): the reference's
     * {@code bins}-quantiles and both files' counts, computed only for the columns that will be drawn.
     */
    public void chartBins(List<String> names) throws SQLException {
        AggregateQuery q = new AggregateQuery();
        Map<ColumnDrift, String> keys = new LinkedHashMap<>();
        for (ColumnDrift c : columns) {
            if (names.contains(c.name) && c.labels == null && c.numeric && c.nRef > 0 && c.error == null) {
                keys.put(c, q.add("quantile_cont(" + c.refCol.asDouble() + ", " + quantileList(cfg.bins()) + ")"));
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        Row r = q.run(db, ref, ref.table(), "reference quantiles for the drift charts");
        AggregateQuery a = new AggregateQuery();
        AggregateQuery b = new AggregateQuery();
        Map<ColumnDrift, List<String>> ka = new LinkedHashMap<>();
        Map<ColumnDrift, List<String>> kb = new LinkedHashMap<>();
        for (Map.Entry<ColumnDrift, String> e : keys.entrySet()) {
            ColumnDrift c = e.getKey();
            double[] edges = uniqueSorted(r.getList(e.getValue()));
            c.edges = edges;
            ka.put(c, binAggregates(a, c.refCol, edges));
            kb.put(c, binAggregates(b, c.curCol, edges));
        }
        Row ra = a.run(db, ref, ref.table(), "reference histograms for the drift charts");
        Row rb = b.run(db, cur, cur.table(), "current histograms for the drift charts");
        for (ColumnDrift c : keys.keySet()) {
            c.refBins = bins(ra, ka.get(c));
            c.curBins = bins(rb, kb.get(c));
            c.labels = binLabels(c.edges);
        }
    }

    /** The report's view of each column again, after {@link #chartBins} filled in histograms. */
    public List<ColumnView> views(Outcome outcome) {
        List<ColumnView> out = new ArrayList<>();
        for (ColumnView v : outcome.views()) {
            ColumnDrift c = columns.stream()
                    .filter(x -> x.name.equals(v.column()))
                    .findFirst()
                    .orElse(null);
            if (c != null && v.labels() == null && c.labels != null) {
                out.add(new ColumnView(
                        v.column(),
                        v.method(),
                        v.measure(),
                        v.value(),
                        v.threshold(),
                        v.status(),
                        v.severityRank(),
                        c.labels,
                        shares(c.refBins),
                        shares(c.curBins)));
            } else {
                out.add(v);
            }
        }
        return out;
    }
}
